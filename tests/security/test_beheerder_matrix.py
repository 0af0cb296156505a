"""Issue 17, deliverable 1: every beheerder action × own and other municipality, for both
demo municipalities and both their beheerders (beheerder of Winterswijk, beheerder2 of
Aalten). "shared" is Fijnder, the uitvoerder that works for both: a change there is a
proposal that the other municipality's beheerder must approve.

The expected table is written out so that a change to the rules shows up as a diff a
reviewer reads. Each row: (beheerder, action, target) -> (outcome, the Dutch text shown).
Outcomes: "gedaan" (the change is made), "voorstel" (a proposal waits, nothing changed),
"geweigerd" (nothing changed, the message says why), "404" (not theirs: not found),
"getoond"/"verborgen" (audit rows of that municipality's person in the page or export).
"""

import io
import json

import pytest
from django.urls import reverse

from regie.core import audit
from regie.core.models import AccountProposal, AuditAction, LocalRule, User
from regie.people.models import AccessGrant
from tests.security.region import decide, login, new_account

OTHER = {"W": "A", "A": "W"}
NAME = {"W": "Winterswijk", "A": "Aalten"}

NOT_A_CHOICE = "Selecteer een geldige keuze. Deze keuze is niet beschikbaar."
NOT_AVAILABLE = "is geen beschikbare keuze."  # after the municipality's id
NOT_FOUND = "Deze pagina bestaat niet, of u hebt er geen toegang toe."


def proposed_msg(side):
    return (
        f"Uw voorstel is opgeslagen. Het geldt pas als een beheerder van {NAME[OTHER[side]]} "
        "het heeft goedgekeurd."
    )


def _expected():
    rows = []
    for side in ("W", "A"):
        who = {"W": "beheerder", "A": "beheerder2"}[side]
        rows += [
            (
                who,
                "gebruiker aanmaken",
                "eigen",
                "gedaan",
                "De gebruiker Nieuwe Collega is opgeslagen.",
            ),
            (who, "gebruiker aanmaken", "andere", "geweigerd", NOT_A_CHOICE),
            (who, "gebruiker aanmaken", "gedeeld", "voorstel", proposed_msg(side)),
            (who, "rollen wijzigen", "eigen", "gedaan", "is opgeslagen."),
            (who, "rollen wijzigen", "andere", "404", NOT_FOUND),
            (who, "rollen wijzigen", "gedeeld", "voorstel", proposed_msg(side)),
            (who, "gebruiker deactiveren", "eigen", "gedaan", "is opgeslagen."),
            (who, "gebruiker deactiveren", "andere", "404", NOT_FOUND),
            (who, "gebruiker deactiveren", "gedeeld", "voorstel", proposed_msg(side)),
            (who, "team: eigen gemeente", "eigen", "gedaan", "zijn opgeslagen."),
            (who, "team: eigen gemeente", "andere", "404", NOT_FOUND),
            (who, "team: eigen gemeente", "gedeeld", "gedaan", "zijn opgeslagen."),
            (who, "team: andere gemeente", "gedeeld", "geweigerd", NOT_AVAILABLE),
            (who, "gemeente exporteren", "eigen", "gedaan", "In de wachtrij"),
            (who, "gemeente exporteren", "andere", "404", NOT_FOUND),
            (who, "gemeente importeren", "eigen", "gedaan", "In de wachtrij"),
            (who, "gemeente importeren", "andere", "geweigerd", "Kies een gemeente die u beheert."),
            (who, "lokale regels", "eigen", "gedaan", "De lokale regels zijn opgeslagen."),
            (who, "lokale regels", "andere", "404", NOT_FOUND),
            (who, "toegang verlenen", "eigen", "gedaan", "De toegang is verleend."),
            (
                who,
                "toegang verlenen",
                "andere",
                "geweigerd",
                "Geen inburgeraar met dit BSN in uw gemeenten.",
            ),
            (who, "auditlog", "eigen", "getoond", ""),
            (who, "auditlog", "andere", "verborgen", ""),
            (who, "auditlog CSV", "eigen", "getoond", ""),
            (who, "auditlog CSV", "andere", "verborgen", ""),
            (who, "auditlog XLSX", "eigen", "getoond", ""),
            (who, "auditlog XLSX", "andere", "verborgen", ""),
            (
                who,
                "voorstel beslissen",
                "eigen",
                "geweigerd",
                "U kunt niet beslissen over een voorstel dat u zelf deed of dat over uw eigen "
                "account gaat: dat doet een andere beheerder.",
            ),
            (
                who,
                "voorstel beslissen",
                "andere",
                "gedaan",
                "Het voorstel is goedgekeurd; de wijziging geldt nu.",
            ),
        ]
    return rows


MATRIX = _expected()


# --- the actions ---------------------------------------------------------------------------


def _account(r, side, target):
    """The account an edit is about: the regisseur of the actor's own or the other
    gemeente, or the klantmanager of Fijnder's team for the actor's municipality."""
    if target == "gedeeld":
        return r[f"km_{side}"]
    return r[f"regisseur_{side if target == 'eigen' else OTHER[side]}"]


def _edit(client, r, side, target, roles, active):
    account = _account(r, side, target)
    data = new_account(account.organisation, account.team, roles, username=account.username)
    data["password"] = ""
    if not active:
        data.pop("is_active")
    response = client.post(reverse("user_edit", args=[account.pk]), data, follow=True)
    account = User.objects.get(pk=account.pk)
    # (An inactive account has no roles; what it holds are its role assignments.)
    held = set(account.role_assignments.values_list("role", flat=True))
    changed = held == set(roles) and account.is_active is active
    return response, changed


def act_create(client, r, side, target):
    organisation, team = {
        "eigen": (r[f"gem_{side}"], None),
        "andere": (r[f"gem_{OTHER[side]}"], None),
        "gedeeld": (r["fijnder"], r[f"team_{side}"]),
    }[target]
    response = client.post(
        reverse("user_create"), new_account(organisation, team, ["regisseur"]), follow=True
    )
    account = User.objects.filter(username="nieuw").first()
    if account is None:
        return "geweigerd", response
    if AccountProposal.objects.filter(user=account).exists():
        assert not account.is_active and account.roles == frozenset()
        return "voorstel", response
    return "gedaan", response


def _edit_outcome(response, changed, r, side, target):
    if response.status_code == 404:
        return "404", response
    if changed:
        return "gedaan", response
    if AccountProposal.objects.filter(user=_account(r, side, target)).exists():
        return "voorstel", response
    return "geweigerd", response


def act_roles(client, r, side, target):
    roles = ["regisseur", "jurist"] if target != "gedeeld" else ["klantmanager", "beheerder"]
    response, changed = _edit(client, r, side, target, roles, True)
    return _edit_outcome(response, changed, r, side, target)


def act_deactivate(client, r, side, target):
    account = _account(r, side, target)
    roles = sorted(account.role_assignments.values_list("role", flat=True))
    response, changed = _edit(client, r, side, target, roles, False)
    return _edit_outcome(response, changed, r, side, target)


def _team_outcome(client, team, municipality):
    before = set(team.municipalities.values_list("pk", flat=True))
    response = client.post(
        reverse("team_municipalities", args=[team.pk]),
        {"municipalities": [municipality.pk]},
        follow=True,
    )
    if response.status_code == 404:
        return "404", response
    after = set(team.municipalities.values_list("pk", flat=True))
    return ("gedaan" if after == before | {municipality.pk} else "geweigerd"), response


def act_team_own(client, r, side, target):
    team = {
        "eigen": r[f"backoffice_{side}"],
        "andere": r[f"backoffice_{OTHER[side]}"],
        "gedeeld": r[f"team_{OTHER[side]}"],  # Fijnder's team for the other municipality
    }[target]
    return _team_outcome(client, team, r[side])


def act_team_other(client, r, side, target):
    return _team_outcome(client, r[f"team_{side}"], r[OTHER[side]])


def act_rules(client, r, side, target):
    municipality = r[side if target == "eigen" else OTHER[side]]
    own_form = client.get(reverse("municipality_rules", args=[r[side].pk])).context["form"]
    data = {n: f.initial for n, f in own_form.fields.items() if f.initial is not None}
    data["figure_onderwijsroute_max_leeftijd"] = "27"
    response = client.post(reverse("municipality_rules", args=[municipality.pk]), data, follow=True)
    if response.status_code == 404:
        return "404", response
    done = LocalRule.objects.filter(municipality=municipality).exists()
    return ("gedaan" if done else "geweigerd"), response


def act_export(client, r, side, target):
    """The export job runs here as the worker would; its file holds the asked municipality."""
    from regie.jobs import services
    from regie.jobs.models import Job

    municipality = r[side if target == "eigen" else OTHER[side]]
    url = reverse("municipality_export_start", args=[municipality.pk])
    response = client.post(url, follow=True)
    if response.status_code == 404:
        return "404", response
    job = Job.objects.get(kind="gemeente_export")
    services.execute(job.pk)
    job.refresh_from_db()
    with job.result.open("rb") as handle:
        code = json.load(handle)["municipality"]["cbs_code"]
    job.result.delete(save=False)
    return ("gedaan" if code == municipality.cbs_code else "geweigerd"), response


def act_import(client, r, side, target):
    """Started for the own municipality (the job itself: tests/core/test_municipality_
    transfer.py); the other municipality is no choice on the form."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from regie.jobs.models import Job

    municipality = r[side if target == "eigen" else OTHER[side]]
    upload = SimpleUploadedFile("gemeente.json", b'{"format": "regie-gemeente-export/1"}')
    response = client.post(
        reverse("municipality_import_start"),
        {"municipality": municipality.pk, "bestand": upload, "bevestiging": "on"},
        follow=True,
    )
    job = Job.objects.filter(kind="gemeente_import").first()
    if job is not None:
        from django.core.files.storage import default_storage

        default_storage.delete(job.params["file"])
    started = job is not None and job.params["municipality"] == municipality.pk
    return ("gedaan" if started else "geweigerd"), response


def act_grant(client, r, side, target):
    person = r[f"person_{side if target == 'eigen' else OTHER[side]}"]
    response = client.post(
        reverse("grant_list"),
        {
            "user": r[f"regisseur_{side}"].pk,
            "bsn": person.bsn,
            "reason": "bezwaar",
            "valid_until": "2026-10-31",
        },
        follow=True,
    )
    grant = AccessGrant.objects.filter(inburgeraar=person, status="goedgekeurd").exists()
    return ("gedaan" if grant else "geweigerd"), response


def _audit_events(r):
    for side in ("W", "A"):
        audit.log(
            AuditAction.READ,
            inburgeraar_id=r[f"person_{side}"].pk,
            description=f"dossier van {NAME[side]} geopend",
        )


def _person_id(r, side, target):
    return r[f"person_{side if target == 'eigen' else OTHER[side]}"].pk


def _shown(text, r, side, target):
    name = NAME[side if target == "eigen" else OTHER[side]]
    return "getoond" if f"dossier van {name} geopend" in text else "verborgen"


def act_audit_page(client, r, side, target):
    _audit_events(r)
    response = client.get(reverse("audit_log"), {"inburgeraar": _person_id(r, side, target)})
    return _shown(response.content.decode(), r, side, target), response


def act_audit_csv(client, r, side, target):
    _audit_events(r)
    response = client.get(reverse("audit_export"), {"inburgeraar": _person_id(r, side, target)})
    return _shown(response.content.decode("utf-8-sig"), r, side, target), response


def act_audit_xlsx(client, r, side, target):
    from openpyxl import load_workbook

    _audit_events(r)
    response = client.get(
        reverse("audit_export_xlsx"), {"inburgeraar": _person_id(r, side, target)}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    text = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row)
    return _shown(text, r, side, target), response


def act_proposal(client, r, side, target):
    """'eigen': a proposal the actor made; 'andere': one the other beheerder made about
    Fijnder's klantmanager for the actor's municipality."""
    proposer = r[f"beheerder_{side if target == 'eigen' else OTHER[side]}"]
    account = r[f"km_{side}"]
    data = new_account(r["fijnder"], account.team, ["klantmanager", "financieel"])
    data.update(username=account.username, password="")
    login(proposer).post(reverse("user_edit", args=[account.pk]), data)
    proposal = AccountProposal.objects.get(user=account)
    response = decide(client, proposal)
    proposal.refresh_from_db()
    return ("gedaan" if proposal.status == "goedgekeurd" else "geweigerd"), response


ACTIONS = {
    "gebruiker aanmaken": act_create,
    "rollen wijzigen": act_roles,
    "gebruiker deactiveren": act_deactivate,
    "team: eigen gemeente": act_team_own,
    "team: andere gemeente": act_team_other,
    "lokale regels": act_rules,
    "gemeente exporteren": act_export,
    "gemeente importeren": act_import,
    "toegang verlenen": act_grant,
    "auditlog": act_audit_page,
    "auditlog CSV": act_audit_csv,
    "auditlog XLSX": act_audit_xlsx,
    "voorstel beslissen": act_proposal,
}


@pytest.mark.parametrize(
    ("who", "action", "target", "outcome", "message"),
    MATRIX,
    ids=[f"{w}-{a}-{t}" for w, a, t, _o, _m in MATRIX],
)
def test_beheerder_matrix(demo_region, travel, who, action, target, outcome, message):
    travel("2026-10-10")
    side = {"beheerder": "W", "beheerder2": "A"}[who]
    client = login(demo_region[f"beheerder_{side}"])
    observed, response = ACTIONS[action](client, demo_region, side, target)
    assert observed == outcome
    if message:
        assert message in response.content.decode()


def test_every_action_is_in_the_matrix_for_both_beheerders():
    for who in ("beheerder", "beheerder2"):
        assert {a for w, a, _t, _o, _m in MATRIX if w == who} == set(ACTIONS)
