"""Roles, permissions and the access matrix, kept as data.

Who may do what is decided here and nowhere else: views declare the permission they need
(``@requires(Permission.X)``), querysets are narrowed by ``Scope`` (see access.py), and
the tests generate the role × URL matrix from these tables.
"""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    KLANTMANAGER = "klantmanager", _("Klantmanager")
    BEGELEIDER = "begeleider", _("Maatschappelijk begeleider")
    REGISSEUR = "regisseur", _("Regisseur inburgering")
    JURIST = "jurist", _("Jurist")
    FINANCIEEL = "financieel", _("Financieel medewerker")
    AANBIEDER = "aanbieder", _("Aanbieder")
    COORDINATOR = "coordinator", _("Coördinator")
    BEHEERDER = "beheerder", _("Functioneel beheerder")
    # Werkgeversdienstverlening (issue 20): coaches persons on their placements.
    JOBCOACH = "jobcoach", _("Jobcoach")


class OrganisationType(models.TextChoices):
    GEMEENTE = "gemeente", _("Gemeente")
    UITVOERDER = "uitvoerder", _("Uitvoerder")
    SOCIAAL_TEAM = "sociaal_team", _("Sociaal team")
    AANBIEDER = "aanbieder", _("Aanbieder")
    PARTNER = "partner", _("Partner")


class Permission(StrEnum):
    """What a view may need. A view without one is refused (deny by default)."""

    WERKVOORRAAD = "werkvoorraad"
    PEOPLE_VIEW = "people.view"
    PEOPLE_CREATE = "people.create"
    PEOPLE_CHANGE = "people.change"
    PEOPLE_STATUS = "people.status"
    HEALTH_VIEW = "health.view"
    HEALTH_CHANGE = "health.change"
    FIGURES_VIEW = "figures.view"
    ORGANISATIONS_VIEW = "organisations.view"
    AUDIT_VIEW = "audit.view"
    USERS_MANAGE = "users.manage"
    GRANTS_MANAGE = "grants.manage"
    RULES_MANAGE = "rules.manage"
    INTAKE_VIEW = "intake.view"
    INTAKE_CHANGE = "intake.change"
    PIP_VIEW = "pip.view"
    PIP_DRAFT = "pip.draft"
    PIP_VASTSTELLEN = "pip.vaststellen"  # four eyes: never the drafter of the same version
    BESCHIKKING_DOWNLOAD = "beschikking.download"
    # Financiële ontzorging, payments and budget (issue 4).
    ONTZORGING_VIEW = "ontzorging.view"
    ONTZORGING_CHANGE = "ontzorging.change"
    PAYMENT_RUN = "payment.run"
    PAYMENT_APPROVE = "payment.approve"  # four eyes: never the person who prepared the run
    BUDGET_VIEW = "budget.view"
    BUDGET_MANAGE = "budget.manage"
    # Maatschappelijke begeleiding, partners and maatjes (issue 5).
    GUIDANCE_VIEW = "guidance.view"
    GUIDANCE_CHANGE = "guidance.change"
    REFERRAL_CHANGE = "referral.change"
    PARTNERS_VIEW = "partners.view"
    PARTNERS_MANAGE = "partners.manage"
    VOLUNTEERS_MANAGE = "volunteers.manage"
    MATCHING_RUN = "matching.run"
    # Proposing and linking a maatje for one newcomer (seed §3.8: the begeleider does it for
    # the households they guide; the coördinator keeps the pool and runs the matching).
    MAATJE_LINK = "maatje.link"
    # Menukaart, attendance, PVT/MAP and the weekprogramma (issue 6).
    ACTIVITIES_VIEW = "activities.view"
    ACTIVITIES_MANAGE = "activities.manage"
    ATTENDANCE_REGISTER = "attendance.register"
    # Enrolling one person in an activity of the menukaart (seed §2.5: the weekprogramma is
    # made with the person by their klantmanager or begeleider).
    ENROL_PERSON = "enrol.person"
    TIMETABLE_MANAGE = "timetable.manage"
    WEEKPROGRAMME_PLAN = "weekprogramme.plan"
    PVT_MAP_REGISTER = "pvtmap.register"
    # Handhaving, bezwaar and beroep (issue 11): prepared by the uitvoerder, decided by the
    # gemeente's jurist (seed §3.2).
    HANDHAVING_VIEW = "handhaving.view"
    HANDHAVING_CHANGE = "handhaving.change"
    BEZWAAR_VIEW = "bezwaar.view"
    BEZWAAR_PREPARE = "bezwaar.prepare"
    BEZWAAR_DECIDE = "bezwaar.decide"
    # Reading the bank's statement (CAMT.053) to record payments of fines (issue 19).
    INNING_IMPORT = "inning.import"
    # Referrals to aanbieders, the aanbieder portal and exchange (issue 8).
    VERWIJZING_MANAGE = "verwijzing.manage"
    VERWIJZING_RESPOND = "verwijzing.respond"
    AANBIEDER_REPORT = "aanbieder.report"
    EXCHANGE_RUN = "exchange.run"
    # Participatie en werk (issue 20): the register of werkgevers and plekken, and the
    # placements of persons on them.
    WORK_VIEW = "work.view"
    WORK_MANAGE = "work.manage"
    # AVG art. 15 inzage: the export of everything Regie holds about one person (issue 10).
    AVG_EXPORT = "avg.export"
    # Background jobs (issue 22): everyone follows and downloads their own jobs.
    JOBS_OWN = "jobs.own"
    # Exporting and importing all data of one of the user's own municipalities (a new
    # uitvoerder, a herindeling: regie.core.portability), in the browser as a job.
    MUNICIPALITY_TRANSFER = "municipality.transfer"


_ALL = frozenset(Role)

PERMISSIONS: dict[Permission, frozenset[Role]] = {
    Permission.WERKVOORRAAD: _ALL,
    # 'Mijn taken': each user sees only the jobs they started (regie.jobs.views).
    Permission.JOBS_OWN: _ALL,
    # Every role may open the caseload list; the scope decides which persons are in it
    # (empty for roles that see figures, not case files, unless a grant exists).
    Permission.PEOPLE_VIEW: _ALL,
    Permission.PEOPLE_CREATE: frozenset({Role.KLANTMANAGER}),
    Permission.PEOPLE_CHANGE: frozenset({Role.KLANTMANAGER}),
    Permission.PEOPLE_STATUS: frozenset({Role.KLANTMANAGER}),
    # Special-category data (AVG art. 9): only the roles that do the case work.
    Permission.HEALTH_VIEW: frozenset({Role.KLANTMANAGER, Role.BEGELEIDER}),
    Permission.HEALTH_CHANGE: frozenset({Role.KLANTMANAGER, Role.BEGELEIDER}),
    Permission.FIGURES_VIEW: frozenset({Role.REGISSEUR, Role.BEHEERDER}),
    Permission.ORGANISATIONS_VIEW: frozenset({Role.REGISSEUR, Role.BEHEERDER}),
    Permission.AUDIT_VIEW: frozenset({Role.BEHEERDER}),
    Permission.USERS_MANAGE: frozenset({Role.BEHEERDER}),
    Permission.GRANTS_MANAGE: frozenset({Role.BEHEERDER}),
    Permission.RULES_MANAGE: frozenset({Role.BEHEERDER}),
    # Brede intake and leerbaarheidstoets: done by the klantmanager; the begeleider joins
    # the first interview of asielmigranten (seed §3.1) and reads the intake.
    Permission.INTAKE_VIEW: frozenset({Role.KLANTMANAGER, Role.BEGELEIDER}),
    Permission.INTAKE_CHANGE: frozenset({Role.KLANTMANAGER}),
    # The PIP: the jurist reads it when a bezwaar needs it (by grant), the aanbieder sees
    # the route through its referral, not the PIP itself.
    Permission.PIP_VIEW: frozenset({Role.KLANTMANAGER, Role.BEGELEIDER, Role.JURIST}),
    Permission.PIP_DRAFT: frozenset({Role.KLANTMANAGER}),
    Permission.PIP_VASTSTELLEN: frozenset({Role.KLANTMANAGER}),
    Permission.BESCHIKKING_DOWNLOAD: frozenset({Role.KLANTMANAGER, Role.JURIST}),
    # Ontzorging: the klantmanager decides, the financieel medewerker pays (seed §3.5).
    Permission.ONTZORGING_VIEW: frozenset({Role.KLANTMANAGER, Role.FINANCIEEL, Role.BEGELEIDER}),
    Permission.ONTZORGING_CHANGE: frozenset({Role.KLANTMANAGER, Role.FINANCIEEL}),
    Permission.PAYMENT_RUN: frozenset({Role.FINANCIEEL}),
    Permission.PAYMENT_APPROVE: frozenset({Role.FINANCIEEL}),
    Permission.BUDGET_VIEW: frozenset({Role.REGISSEUR, Role.FINANCIEEL, Role.BEHEERDER}),
    Permission.BUDGET_MANAGE: frozenset({Role.REGISSEUR, Role.BEHEERDER}),
    # Guidance by the sociaal team (seed §3.8); partners per theme (bijlage 3).
    Permission.GUIDANCE_VIEW: frozenset({Role.BEGELEIDER, Role.KLANTMANAGER}),
    Permission.GUIDANCE_CHANGE: frozenset({Role.BEGELEIDER}),
    Permission.REFERRAL_CHANGE: frozenset({Role.BEGELEIDER, Role.KLANTMANAGER}),
    Permission.PARTNERS_VIEW: frozenset(
        {Role.REGISSEUR, Role.BEGELEIDER, Role.KLANTMANAGER, Role.COORDINATOR, Role.BEHEERDER}
    ),
    Permission.PARTNERS_MANAGE: frozenset({Role.REGISSEUR, Role.BEHEERDER}),
    Permission.VOLUNTEERS_MANAGE: frozenset({Role.COORDINATOR}),
    Permission.MATCHING_RUN: frozenset({Role.COORDINATOR}),
    Permission.MAATJE_LINK: frozenset({Role.BEGELEIDER, Role.COORDINATOR}),
    # Activities (menukaart), attendance and the integraal weekprogramma (seed §2).
    Permission.ACTIVITIES_VIEW: frozenset(
        {
            Role.KLANTMANAGER,
            Role.BEGELEIDER,
            Role.COORDINATOR,
            Role.REGISSEUR,
            Role.AANBIEDER,
            Role.BEHEERDER,
        }
    ),
    Permission.ACTIVITIES_MANAGE: frozenset({Role.COORDINATOR, Role.BEHEERDER}),
    Permission.ATTENDANCE_REGISTER: frozenset({Role.COORDINATOR, Role.AANBIEDER}),
    Permission.ENROL_PERSON: frozenset({Role.KLANTMANAGER, Role.BEGELEIDER, Role.COORDINATOR}),
    Permission.TIMETABLE_MANAGE: frozenset({Role.AANBIEDER, Role.COORDINATOR}),
    Permission.WEEKPROGRAMME_PLAN: frozenset({Role.KLANTMANAGER, Role.BEGELEIDER}),
    Permission.PVT_MAP_REGISTER: frozenset({Role.KLANTMANAGER, Role.COORDINATOR}),
    Permission.HANDHAVING_VIEW: frozenset({Role.KLANTMANAGER, Role.JURIST}),
    Permission.HANDHAVING_CHANGE: frozenset({Role.KLANTMANAGER}),
    Permission.BEZWAAR_VIEW: frozenset({Role.KLANTMANAGER, Role.JURIST}),
    Permission.BEZWAAR_PREPARE: frozenset({Role.KLANTMANAGER}),
    Permission.BEZWAAR_DECIDE: frozenset({Role.JURIST}),
    Permission.INNING_IMPORT: frozenset({Role.FINANCIEEL}),
    Permission.VERWIJZING_MANAGE: frozenset({Role.KLANTMANAGER}),
    Permission.VERWIJZING_RESPOND: frozenset({Role.AANBIEDER}),
    Permission.AANBIEDER_REPORT: frozenset({Role.AANBIEDER}),
    Permission.EXCHANGE_RUN: frozenset({Role.KLANTMANAGER, Role.BEHEERDER}),
    # Werkgevers, plekken and placements (seed §2.4, bijlage 3 'Leren en werken'). The
    # klantmanager and the jobcoach (werkgeversdienstverlening) manage placements, the
    # coördinator arranges volunteer work; the regisseur and the begeleider read the
    # register (the begeleider sees placements of persons they guide); the aanbieder nothing.
    Permission.WORK_VIEW: frozenset(
        {
            Role.KLANTMANAGER,
            Role.COORDINATOR,
            Role.BEGELEIDER,
            Role.REGISSEUR,
            Role.BEHEERDER,
            Role.JOBCOACH,
        }
    ),
    Permission.WORK_MANAGE: frozenset({Role.KLANTMANAGER, Role.COORDINATOR, Role.JOBCOACH}),
    # Inzageverzoeken are handled by the functioneel beheerder (with a dated AccessGrant for
    # the person, so the request is on record) or by the person's own klantmanager.
    Permission.AVG_EXPORT: frozenset({Role.KLANTMANAGER, Role.BEHEERDER}),
    # The whole registry of a municipality (health data included) leaves or enters Regie:
    # only the functioneel beheerder (two-factor login), for their own municipalities.
    Permission.MUNICIPALITY_TRANSFER: frozenset({Role.BEHEERDER}),
}


class Scope(StrEnum):
    """Which inburgeraars a role sees (always within the municipalities its
    organisation works for)."""

    TEAM_CASELOAD = "team_caseload"  # own and team's caseload, plus the unassigned intake queue
    TEAM_GUIDED = "team_guided"  # persons the user's team guides (begeleider)
    REFERRED = "referred"  # persons referred to the user's organisation
    ORGANISATION_GUIDED = "organisation_guided"  # persons guided by the user's organisation
    ORGANISATION_CASELOAD = "organisation_caseload"  # persons whose klantmanager is in the org
    # persons whose klantmanager is in the org and who have financial records: an
    # ontzorging, a geldtraining or a fine (boetebesluit) to collect
    FINANCIAL_RECORDS = "financial_records"
    GRANTED_ONLY = "granted_only"  # nobody, unless an explicit AccessGrant exists
    BEZWAAR = "bezwaar"  # persons with a bezwaar or a boetebesluit (regie.enforcement)
    # Persons with a placement (regie.work) whose job coach is the user or, when the user
    # has a team, someone of the user's team (the jobcoach).
    TEAM_COACHED = "team_coached"


ROLE_SCOPE: dict[Role, Scope] = {
    Role.KLANTMANAGER: Scope.TEAM_CASELOAD,
    Role.BEGELEIDER: Scope.TEAM_GUIDED,
    Role.AANBIEDER: Scope.REFERRED,
    Role.COORDINATOR: Scope.ORGANISATION_GUIDED,
    # The financieel medewerker pays the ontzorging, runs the geldtraining and collects
    # the fines (seed §3.5; Awb 4:112–4:114): only the uitvoerder's persons with such a
    # record, without special-category data (need to know, AVG art. 5 lid 1 onder c).
    Role.FINANCIEEL: Scope.FINANCIAL_RECORDS,
    # The jurist sees a file when a bezwaar or a fine decision needs it (seed §3.2).
    Role.JURIST: Scope.BEZWAAR,
    Role.REGISSEUR: Scope.GRANTED_ONLY,
    Role.BEHEERDER: Scope.GRANTED_ONLY,
    # The jobcoach sees only the persons they (or their team) coach on a placement.
    Role.JOBCOACH: Scope.TEAM_COACHED,
}


class FieldGroup(StrEnum):
    """Groups of personal data on a person's file, each visible to some roles only."""

    IDENTITY = "identity"  # name, date of birth, gender, languages, interpreter
    BSN = "bsn"
    CONTACT = "contact"  # phone, e-mail
    ADDRESS = "address"
    CASE = "case"  # doelgroep, regime, dates, status, assigned workers
    HOUSEHOLD = "household"
    HEALTH = "health"  # special category (AVG art. 9)


FIELD_GROUP_ROLES: dict[FieldGroup, frozenset[Role]] = {
    FieldGroup.IDENTITY: _ALL,
    FieldGroup.BSN: frozenset(
        {Role.KLANTMANAGER, Role.BEGELEIDER, Role.FINANCIEEL, Role.JURIST, Role.REGISSEUR}
    ),
    FieldGroup.CONTACT: frozenset(
        {
            Role.KLANTMANAGER,
            Role.BEGELEIDER,
            Role.AANBIEDER,
            Role.COORDINATOR,
            Role.JURIST,
            Role.JOBCOACH,
        }
    ),
    FieldGroup.ADDRESS: frozenset(
        {Role.KLANTMANAGER, Role.BEGELEIDER, Role.FINANCIEEL, Role.JURIST, Role.COORDINATOR}
    ),
    FieldGroup.CASE: frozenset(
        {
            Role.KLANTMANAGER,
            Role.BEGELEIDER,
            Role.FINANCIEEL,
            Role.JURIST,
            Role.REGISSEUR,
            Role.COORDINATOR,
            Role.BEHEERDER,
            Role.AANBIEDER,
            Role.JOBCOACH,
        }
    ),
    FieldGroup.HOUSEHOLD: frozenset({Role.KLANTMANAGER, Role.BEGELEIDER, Role.JURIST}),
    FieldGroup.HEALTH: PERMISSIONS[Permission.HEALTH_VIEW],
}


def roles_with(permission: Permission) -> frozenset[Role]:
    return PERMISSIONS[permission]


def who_can(permission: Permission | str, sees: FieldGroup | None = None) -> str:
    """The roles holding ``permission``, named in the user's language for a sentence such
    as "Alleen de coördinator kan vrijwilligers toevoegen." ("de klantmanager of de
    maatschappelijk begeleider"). In the order of ``Role``; empty for an unknown permission.
    With ``sees``, only the roles that also see that field group (for a document that
    carries it)."""
    from django.utils.translation import gettext

    try:
        holders = PERMISSIONS[Permission(permission)]
    except ValueError:
        return ""
    if sees is not None:
        holders = holders & FIELD_GROUP_ROLES[sees]
    names = [
        gettext("de %(role)s") % {"role": str(role.label).lower()}
        for role in Role
        if role in holders
    ]
    if len(names) <= 1:
        return "".join(names)
    return gettext("%(first)s of %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}
