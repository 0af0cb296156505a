"""For tests about what a job makes (not about the worker): start it through its page,
run it here as the worker would (``regie.jobs.services.execute``), and fetch the result
as the user downloads it. tests/jobs runs the same jobs through a real worker."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import resolve, reverse

from regie.jobs import services
from regie.jobs.models import Job


def run_started(client, response):
    """The download of the job ``response`` (a page that started a job) redirected to —
    or, when the job failed or was refused, the job's page (or the refusal itself)."""
    if response.status_code != 302 or not response["Location"].startswith("/taken/"):
        return response
    pk = int(resolve(response["Location"]).kwargs["pk"])
    services.execute(pk)
    job = Job.objects.get(pk=pk)
    if not job.done or not job.result:
        return client.get(reverse("job_detail", args=[pk]))
    download = client.get(reverse("job_download", args=[pk]))
    content = b"".join(download.streaming_content)
    job.result.delete(save=False)  # leave no test files in MEDIA_ROOT
    answer = HttpResponse(content, content_type=download["Content-Type"])
    answer["Content-Disposition"] = download["Content-Disposition"]
    if download.has_header("Cache-Control"):
        answer["Cache-Control"] = download["Cache-Control"]
    return answer


def post_and_run(client, url, data=None):
    return run_started(client, client.post(url, data or {}))
