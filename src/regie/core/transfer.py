"""Export and import of one municipality in the browser (issue 22): the functioneel
beheerder starts either as a background job (regie.core.jobs) for a municipality their
organisation serves, never another. The export's result is the JSON file of
``regie municipality export``; the import takes such a file, checks every record and
either imports all of it in one transaction or nothing, listing every problem.
"""

from __future__ import annotations

import hashlib

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from regie.core.access import requires
from regie.core.jobs import IMPORT_FOLDER, own_municipalities
from regie.core.roles import Permission
from regie.core.uploads import validate_upload
from regie.jobs import services as job_services
from regie.jobs import views as job_views

# A municipality's file is larger than the documents users upload (UPLOAD_MAX_MB): the
# demo municipality is about 2 MB; a municipality of 100,000 inhabitants some 50 MB.
IMPORT_MAX_MB = 200


class MunicipalityImportForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=gettext_lazy("Importeren in gemeente"),
        queryset=None,
        empty_label=None,
    )
    bestand = forms.FileField(label=gettext_lazy("Exportbestand (JSON)"))
    bevestiging = forms.BooleanField(
        label=gettext_lazy(
            "Ik weet dat alle personen en dossiers uit het bestand aan deze gemeente worden "
            "toegevoegd."
        ),
        error_messages={"required": gettext_lazy("Bevestig dat u wilt importeren.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = own_municipalities(user)
        self.fields["municipality"].error_messages["invalid_choice"] = _(
            "Kies een gemeente die u beheert."
        )
        self.fields["bestand"].help_text = _(
            "Een bestand van 'Gemeente exporteren' of van regie municipality export, ten "
            "hoogste %(mb)s MB."
        ) % {"mb": IMPORT_MAX_MB}

    def clean_bestand(self):
        upload = self.cleaned_data["bestand"]
        validate_upload(upload, {"json"}, max_bytes=IMPORT_MAX_MB * 1024 * 1024)
        return upload


def _page(request, form):
    return render(
        request,
        "core/municipality_transfer.html",
        {"municipalities": list(own_municipalities(request.user)), "form": form},
    )


@requires(Permission.MUNICIPALITY_TRANSFER)
def transfer(request):
    return _page(request, MunicipalityImportForm(user=request.user))


@requires(Permission.MUNICIPALITY_TRANSFER)
@require_POST
def export(request, pk: int):
    municipality = get_object_or_404(own_municipalities(request.user), pk=pk)
    job = job_services.start(
        request.user,
        "gemeente_export",
        {"municipality": municipality.pk, "code": municipality.cbs_code},
    )
    return job_views.started(request, job)


def store_upload(user, upload) -> str:
    """Keep the upload for its job, named by its content (the same file uploaded twice
    while its import waits or runs gives that job: regie.jobs.services.start)."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    name = f"{IMPORT_FOLDER}{user.pk}-{digest.hexdigest()[:40]}.json"
    if not default_storage.exists(name):
        upload.seek(0)
        saved = default_storage.save(name, ContentFile(upload.read()))
        if saved != name:  # stored under another name meanwhile: use that one
            name = saved
    return name


@requires(Permission.MUNICIPALITY_TRANSFER)
@require_POST
def import_(request):
    form = MunicipalityImportForm(request.POST, request.FILES, user=request.user)
    if not form.is_valid():
        return _page(request, form)
    municipality = form.cleaned_data["municipality"]
    upload = form.cleaned_data["bestand"]
    try:
        name = store_upload(request.user, upload)
    except OSError:
        form.add_error("bestand", ValidationError(_("Het bestand kon niet worden opgeslagen.")))
        return _page(request, form)
    job = job_services.start(
        request.user,
        "gemeente_import",
        {
            "municipality": municipality.pk,
            "code": municipality.cbs_code,
            "file": name,
            "filename": (upload.name or "")[-100:],
        },
    )
    return job_views.started(request, job)
