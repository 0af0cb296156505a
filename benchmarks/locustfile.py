"""Load test of Regie with Locust (benchmarks/run_load.sh starts gunicorn on loopback and
runs this headless). A realistic mix on the data of `regie demo --scale N`: klantmanagers
(werkvoorraad, caseload list and search, person files, the API list), aanbieders (portal
and their API lists) and a regisseur (the dashboard), each with think time between pages.
Only ever against 127.0.0.1."""

import json
import os
import random

from locust import HttpUser, between, task

PASSWORD = os.environ.get("DEMO_PASSWORD", "Regie-demo-2026")
THINK = (float(os.environ.get("THINK_MIN", "5")), float(os.environ.get("THINK_MAX", "15")))
# JSON {username: [session keys]} from benchmarks/load_sessions.py; without it every user
# logs in through the login form.
SESSIONS = os.environ.get("SESSIONS")
NAMES = ["ahmad", "fatima", "haddad", "tesfay", "noor", "kaya", "yusuf", "zahra"]


class RegieUser(HttpUser):
    abstract = True
    wait_time = between(*THINK)
    usernames: tuple[str, ...] = ()

    def on_start(self):
        if SESSIONS:
            with open(SESSIONS) as handle:
                keys = json.load(handle)[random.choice(self.usernames)]
            self.client.cookies.set("sessionid", random.choice(keys))
            return
        self.client.get("/inloggen/", name="login form")
        token = self.client.cookies.get("csrftoken", "")
        response = self.client.post(
            "/inloggen/",
            {
                "username": random.choice(self.usernames),
                "password": PASSWORD,
                "csrfmiddlewaretoken": token,
            },
            headers={"Referer": self.host + "/inloggen/"},
            name="login",
            allow_redirects=False,
        )
        if response.status_code != 302:
            response.failure(f"login failed: {response.status_code}")


class Klantmanager(RegieUser):
    weight = 6
    usernames = ("klantmanager", "klantmanager3", "klantmanager2")

    def on_start(self):
        super().on_start()
        data = self.client.get("/api/v1/inburgeraars?pageSize=100", name="API inburgeraars").json()
        self.person_ids = [row["id"] for row in data.get("results", [])] or [1]

    @task(3)
    def werkvoorraad(self):
        self.client.get("/", name="werkvoorraad")

    @task(3)
    def caseload(self):
        page = random.choice([1, 1, 1, 2, 3])
        self.client.get(f"/inburgeraars/?sort=name&page={page}", name="caseload list")

    @task(2)
    def search(self):
        self.client.get(f"/inburgeraars/?q={random.choice(NAMES)}", name="caseload search")

    @task(4)
    def person_file(self):
        pk = random.choice(self.person_ids)
        self.client.get(f"/inburgeraars/{pk}/", name="person file")

    @task(1)
    def api_list(self):
        self.client.get("/api/v1/inburgeraars", name="API inburgeraars")


class Aanbieder(RegieUser):
    weight = 3
    usernames = ("aanbieder",)

    @task(3)
    def portal(self):
        self.client.get("/aanbieder/", name="aanbieder portal")

    @task(1)
    def lesuren(self):
        self.client.get("/api/v1/lesuren", name="API lesuren")

    @task(1)
    def verwijzingen(self):
        self.client.get("/api/v1/verwijzingen", name="API verwijzingen")


class Regisseur(RegieUser):
    weight = 1
    usernames = ("regisseur",)

    @task
    def dashboard(self):
        self.client.get("/", name="dashboard")
