"""Load test of Regie with Locust (benchmarks/run_load.sh starts gunicorn on loopback and
runs this headless). A realistic mix on the data of `regie demo --scale N`: klantmanagers
(werkvoorraad, caseload list and search, person files, the API list), aanbieders (portal
and their API lists) and a regisseur (the dashboard), each with think time between pages.
Only ever against 127.0.0.1.

The virtual users are Locust's FastHttpUser (geventhttpclient): it costs a fraction of the
CPU of the requests-based HttpUser, which matters because Locust shares the two cores with
gunicorn and PostgreSQL here (docs/performance.md)."""

import json
import os
import random
import re

from locust import FastHttpUser, between, task

PASSWORD = os.environ.get("DEMO_PASSWORD", "Regie-demo-2026")
THINK = (float(os.environ.get("THINK_MIN", "5")), float(os.environ.get("THINK_MAX", "15")))
# JSON {username: [session keys]} from benchmarks/load_sessions.py; without it every user
# logs in through the login form.
SESSIONS = os.environ.get("SESSIONS")
# MIX=2026-11: the user mix of the runs before issue 25 (docs/performance.md).
OLD_MIX = os.environ.get("MIX") == "2026-11"
NAMES = ["ahmad", "fatima", "haddad", "tesfay", "noor", "kaya", "yusuf", "zahra"]


class RegieUser(FastHttpUser):
    abstract = True
    wait_time = between(*THINK)
    usernames: tuple[str, ...] = ()

    def on_start(self):
        if SESSIONS:
            with open(SESSIONS) as handle:
                keys = json.load(handle)[random.choice(self.usernames)]
            self.headers = {"Cookie": f"sessionid={random.choice(keys)}"}
            return
        self.headers = {}
        self.get("/inloggen/", "login form")
        token = next((c.value for c in self.client.cookiejar if c.name == "csrftoken"), "")
        with self.client.post(
            "/inloggen/",
            data={
                "username": random.choice(self.usernames),
                "password": PASSWORD,
                "csrfmiddlewaretoken": token,
            },
            headers={"Referer": self.host + "/inloggen/"},
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login failed: {response.status_code}")

    def get(self, path: str, name: str):
        return self.client.get(path, name=name, headers=self.headers)


# The person files a klantmanager opens come from the werkvoorraad's links (the file and
# its parts: /inburgeraars/<id>/..., e.g. the intake or the PIP).
_FILE_LINK = re.compile(r'href="/inburgeraars/(\d+)/')


class Klantmanager(RegieUser):
    """A klantmanager's day (docs/performance.md, "The load test's user mix"): the
    werkvoorraad first, then mostly person files — the ones the werkvoorraad lists, and
    others of the caseload —, back to the werkvoorraad now and then, a name search when
    someone calls, rarely the caseload list. ``MIX=2026-11`` gives the mix of the runs
    before issue 25 (werkvoorraad and caseload list as often as the files, an API call)."""

    weight = 6
    usernames = ("klantmanager", "klantmanager3", "klantmanager2")

    def on_start(self):
        super().on_start()
        data = self.get("/api/v1/inburgeraars?pageSize=100", "API inburgeraars").json()
        self.person_ids = [row["id"] for row in data.get("results", [])] or [1]
        self.work_ids: list[int] = []
        if not OLD_MIX:
            self.werkvoorraad()  # the day starts with the werkvoorraad

    def werkvoorraad(self):
        response = self.get("/", "werkvoorraad")
        ids = [int(pk) for pk in _FILE_LINK.findall(response.text or "")]
        self.work_ids = list(dict.fromkeys(ids)) or self.work_ids

    @task(2)
    def back_to_werkvoorraad(self):
        self.werkvoorraad()

    @task(1)
    def caseload(self):
        page = random.choice([1, 1, 1, 2, 3])
        self.get(f"/inburgeraars/?sort=name&page={page}", "caseload list")

    @task(2)
    def search(self):
        self.get(f"/inburgeraars/?q={random.choice(NAMES)}", "caseload search")

    @task(4)
    def file_from_werkvoorraad(self):
        pk = random.choice(self.work_ids or self.person_ids)
        self.get(f"/inburgeraars/{pk}/", "person file")

    @task(2)
    def person_file(self):
        pk = random.choice(self.person_ids)
        self.get(f"/inburgeraars/{pk}/", "person file")


class KlantmanagerOldMix(RegieUser):
    """The klantmanager of the load tests before issue 25 (``MIX=2026-11``)."""

    weight = 6
    usernames = Klantmanager.usernames

    def on_start(self):
        super().on_start()
        data = self.get("/api/v1/inburgeraars?pageSize=100", "API inburgeraars").json()
        self.person_ids = [row["id"] for row in data.get("results", [])] or [1]

    @task(3)
    def werkvoorraad(self):
        self.get("/", "werkvoorraad")

    @task(3)
    def caseload(self):
        Klantmanager.caseload(self)

    @task(2)
    def search(self):
        Klantmanager.search(self)

    @task(4)
    def person_file(self):
        Klantmanager.person_file(self)

    @task(1)
    def api_list(self):
        self.get("/api/v1/inburgeraars", "API inburgeraars")


class ApiClient(RegieUser):
    """The municipality's own systems reading Regie's API with a klantmanager's rights
    (e.g. a dashboard or the case system syncing): the API lists, not a person at a screen.
    Not in the mix before issue 25, where the klantmanager called the API list instead."""

    weight = 1
    usernames = ("klantmanager", "klantmanager3", "klantmanager2")

    @task(1)
    def inburgeraars(self):
        self.get("/api/v1/inburgeraars", "API inburgeraars")

    @task(1)
    def pips(self):
        self.get("/api/v1/pips", "API pips")


if OLD_MIX:
    Klantmanager.abstract = True
    ApiClient.abstract = True
else:
    KlantmanagerOldMix.abstract = True


class Aanbieder(RegieUser):
    weight = 3
    usernames = ("aanbieder",)

    @task(3)
    def portal(self):
        self.get("/aanbieder/", "aanbieder portal")

    @task(1)
    def lesuren(self):
        self.get("/api/v1/lesuren", "API lesuren")

    @task(1)
    def verwijzingen(self):
        self.get("/api/v1/verwijzingen", "API verwijzingen")


class Regisseur(RegieUser):
    weight = 1
    usernames = ("regisseur",)

    @task
    def dashboard(self):
        self.get("/", "dashboard")
