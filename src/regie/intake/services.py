"""What the rest of Regie may do with the brede intake and the leerbaarheidstoets: start,
complete and reopen an intake, plan and record toetsen, and derive the leerroute advice
(computed, never stored). The plans app uses ``intake_completed``, ``latest_intake`` and
``route_advice``; handhaving uses ``toets_invitations`` and ``toets_no_shows``.

Every function here trusts that the caller already scoped the person to the user.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie.core import audit
from regie.core.formatting import translated
from regie.core.localrules import local_value
from regie.core.models import AuditAction, FieldChange
from regie.core.roles import Role
from regie.intake.models import (
    BredeIntake,
    Geletterdheid,
    IntakeGesprek,
    IntakeOproep,
    IntakeStatus,
    Leerbaarheidstoets,
    OproepStatus,
    ToetsStatus,
)
from regie.intake.states import (
    IntakeState,
    ToetsState,
    intake_can_transition,
    oproep_can_transition,
    toets_can_transition,
)
from regie.people.models import Inburgeraar
from regie.people.services import change_status
from regie.rules import LeerrouteAdvies, Opleidingsniveau, advise_leerroute
from regie.rules.lifecycle import Regime, Status, can_transition
from regie.rules.oproepen import may_complete_without_person, oproep_soort

SENIOR_RULE = "senior_begeleider_eerste_gesprek_asiel"  # lokaal beleid, seed par. 3.1
ONDERWIJSROUTE_MAX_AGE_RULE = "onderwijsroute_max_leeftijd"  # lokaal beleid, seed bijlage 2
# Statuses in which no PIP has been vastgesteld yet: the intake may still be reopened.
_BEFORE_PIP = (Status.AANGEMELD, Status.INTAKE)
_UNSET = object()


# --- The brede intake ---------------------------------------------------------------------


def latest_intake(person: Inburgeraar) -> BredeIntake | None:
    """The person's most recent brede intake (draft or completed), or None."""
    return BredeIntake.objects.filter(inburgeraar=person).order_by("-started_on", "-id").first()


def intake_completed(person: Inburgeraar) -> bool:
    """Whether the person's most recent brede intake is completed (the PIP may follow)."""
    intake = latest_intake(person)
    return intake is not None and intake.status == IntakeStatus.AFGEROND


@transaction.atomic
def start_intake(
    person: Inburgeraar, *, intake: BredeIntake | None = None, started_on: date | None = None
) -> BredeIntake:
    """Start the brede intake, or return the draft already started.

    ``intake`` may be an unsaved instance with the first answers. A person in status
    'aangemeld' moves to 'intake' (only when the transition table allows it)."""
    draft = BredeIntake.objects.filter(inburgeraar=person, status=IntakeStatus.CONCEPT).first()
    if draft is not None:
        return draft
    if BredeIntake.objects.filter(inburgeraar=person, status=IntakeStatus.AFGEROND).exists():
        raise ValidationError(
            _("De brede intake is al afgerond. Heropen de intake om haar te wijzigen.")
        )
    intake = intake or BredeIntake()
    intake.inburgeraar = person
    intake.status = IntakeStatus.CONCEPT
    intake.started_on = started_on or intake.started_on or timezone.localdate()
    intake.save()
    if person.status == Status.AANGEMELD and can_transition(
        Status.AANGEMELD, Status.INTAKE, person.regime
    ):
        change_status(person, Status.INTAKE, _("Brede intake gestart."))
    return intake


def toets_settled(person: Inburgeraar) -> bool:
    """Whether the leerbaarheidstoets has a result or a recorded exemption (Wi 14 lid 6)."""
    return Leerbaarheidstoets.objects.filter(
        inburgeraar=person, status__in=[ToetsStatus.AFGENOMEN, ToetsStatus.ONTHEFFING]
    ).exists()


def completion_problems(
    intake: BredeIntake,
    gesprekken_count: int,
    *,
    zonder_inburgeraar: bool = False,
    toets_settled_: bool | None = None,
) -> list[str]:
    """Why the intake cannot be completed yet (Dutch sentences; empty when it can).

    Without the person (Wi art. 14 lid 2) only the third missed oproep and a reason why no
    toets result is needed are required; the gesprek-related requirements fall away."""
    problems = []
    if not intake_can_transition(intake.status, IntakeState.AFGEROND):
        problems.append(_("De brede intake is al afgerond."))
        return problems
    if toets_settled_ is None:
        toets_settled_ = toets_settled(intake.inburgeraar)
    if not toets_settled_ and not intake.geen_toets_reden.strip():
        problems.append(
            _(
                "Leg de uitslag van de leerbaarheidstoets vast, of de reden waarom geen toets "
                "nodig is (bijvoorbeeld een ontheffing, Wet inburgering 2021 art. 14 lid 6)."
            )
        )
    if zonder_inburgeraar:
        if not may_complete_without_person(oproep_no_shows(intake.inburgeraar)):
            problems.append(
                _(
                    "De brede intake kan pas zonder de inburgeraar worden afgerond als die na "
                    "de derde oproep niet is verschenen (Wet inburgering 2021 art. 14 lid 2)."
                )
            )
        return problems
    if gesprekken_count == 0:
        problems.append(_("Leg ten minste één gesprek van de brede intake vast."))
    if intake.alone_offered_on is None:
        problems.append(
            _(
                "Leg vast wanneer de inburgeraar erop is gewezen dat de gesprekken zonder "
                "partner of andere aanwezigen kunnen worden gevoerd. Dat is wettelijk "
                "verplicht (Besluit inburgering 2021 art. 5.2 lid 2; Wet inburgering 2021 "
                "art. 14 lid 3)."
            )
        )
    if not intake.opleidingsniveau:
        problems.append(_("Vul de hoogst genoten opleiding in (leer- en werkachtergrond)."))
    if not intake.geletterdheid:
        problems.append(_("Vul de geletterdheid in (leer- en werkachtergrond)."))
    return problems


@transaction.atomic
def complete_intake(
    intake: BredeIntake,
    username: str,
    on: date | None = None,
    *,
    zonder_inburgeraar: bool = False,
    geen_toets_reden: str | None = None,
) -> BredeIntake:
    """Complete the intake, or refuse with the reasons (ValidationError, Dutch).
    ``zonder_inburgeraar``: completed without the person after the third oproep
    (Wi art. 14 lid 2). ``geen_toets_reden``: why no toets result is needed."""
    intake = BredeIntake.objects.select_for_update().get(pk=intake.pk)
    if geen_toets_reden is not None:
        intake.geen_toets_reden = geen_toets_reden.strip()
    problems = completion_problems(
        intake, intake.gesprekken.count(), zonder_inburgeraar=zonder_inburgeraar
    )
    if problems:
        raise ValidationError(problems)
    intake.status = IntakeStatus.AFGEROND
    intake.completed_on = on or timezone.localdate()
    intake.completed_by = username
    intake.zonder_inburgeraar = zonder_inburgeraar
    intake.save()
    if zonder_inburgeraar:
        audit.log(
            AuditAction.UPDATE,
            obj=intake,
            inburgeraar_id=intake.inburgeraar_id,
            description="brede intake afgerond zonder de inburgeraar (Wi art. 14 lid 2)",
        )
    return intake


@transaction.atomic
def reopen_intake(intake: BredeIntake) -> BredeIntake:
    """Reopen a completed intake for corrections, only while no PIP has been vastgesteld."""
    intake = BredeIntake.objects.select_for_update().select_related("inburgeraar").get(pk=intake.pk)
    if not intake_can_transition(intake.status, IntakeState.CONCEPT):
        raise ValidationError(_("De brede intake is nog niet afgerond."))
    if intake.inburgeraar.status not in _BEFORE_PIP:
        raise ValidationError(
            _(
                "Er is al een PIP vastgesteld; de brede intake wordt niet meer heropend. Leg "
                "nieuwe informatie vast in een voortgangsgesprek."
            )
        )
    intake.status = IntakeStatus.CONCEPT
    intake.completed_on = None
    intake.completed_by = ""
    intake.zonder_inburgeraar = False
    intake.save()
    return intake


def gesprekken_of(intake: BredeIntake) -> list[IntakeGesprek]:
    """The intake's gesprekken in date order, with their participants and roles loaded."""
    return list(
        IntakeGesprek.objects.filter(intake=intake).prefetch_related(
            "participants__role_assignments"
        )
    )


def senior_rule_applies(person: Inburgeraar) -> bool:
    """Local rule (seed par. 3.1): the first gesprek with an asielmigrant is held by the
    klantmanager together with a senior maatschappelijk begeleider: with everyone who gets
    maatschappelijke begeleiding (Wi 2021 art. 13 lid 1, regie.rules.category), so also a
    family member of an asylum holder on a regular permit."""
    return person.rechtspositie.maatschappelijke_begeleiding and bool(
        local_value(person.municipality, SENIOR_RULE)
    )


def is_senior_begeleider(user) -> bool:
    return user.is_senior and user.has_role(Role.BEGELEIDER)


def senior_begeleider_warning(person: Inburgeraar, gesprekken: list[IntakeGesprek]) -> str | None:
    """A warning (never a block) when the first gesprek of an asielmigrant was held
    without a senior maatschappelijk begeleider while the local rule asks for one."""
    if not gesprekken or not senior_rule_applies(person):
        return None
    first = min(gesprekken, key=lambda g: (g.date, g.pk or 0))
    if any(is_senior_begeleider(user) for user in first.participants.all()):
        return None
    return _(
        "Het eerste gesprek van de brede intake (%(date)s) is gevoerd zonder senior "
        "maatschappelijk begeleider. Volgens het lokale beleid voeren de klantmanager en de "
        "senior maatschappelijk begeleider het eerste gesprek met een asielmigrant samen."
    ) % {"date": date_format(first.date, "j F Y")}


def _reason_or_refuse(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"correctie_reden": _("Geef de reden van de correctie; die komt in de historie.")}
        )
    return reason


def _participant_names(users) -> str:
    return ", ".join(sorted(str(user) for user in users))


@transaction.atomic
def correct_gesprek(gesprek: IntakeGesprek, participants, reason: str, user) -> IntakeGesprek:
    """Correct a recorded gesprek (its date, who took part, interpreter, notes): also after
    the intake was completed, always with a reason. The changed fields and the reason go
    into the field history; the participants, a many-to-many relation the model's own
    history does not see, are written there too; the audit log names the reason."""
    reason = _reason_or_refuse(reason)
    before = list(IntakeGesprek.objects.get(pk=gesprek.pk).participants.all())
    gesprek.correctie_reden = reason
    gesprek.gecorrigeerd_door = user.username
    gesprek.save()
    after = list(participants)
    if {u.pk for u in before} != {u.pk for u in after}:
        gesprek.participants.set(after)
        who = audit.current_actor()
        FieldChange.objects.create(
            object_type=gesprek._meta.model_name,
            object_id=str(gesprek.pk),
            inburgeraar_id=gesprek.audit_person_id(),
            field="participants",
            field_label=str(IntakeGesprek._meta.get_field("participants").verbose_name)[:100],
            old_value=_participant_names(before),
            new_value=_participant_names(after),
            username=who.username,
        )
    audit.log(
        AuditAction.UPDATE,
        obj=gesprek,
        inburgeraar_id=gesprek.audit_person_id(),
        description=f"correctie intakegesprek: {reason}",
    )
    return gesprek


# --- The oproepen (Wi art. 14 lid 1-2) ------------------------------------------------------


def oproepen_of(person: Inburgeraar) -> list[IntakeOproep]:
    """The person's oproepen for the brede intake, in order (without the PDFs)."""
    return list(IntakeOproep.objects.filter(inburgeraar=person).defer("pdf"))


def oproep_no_shows(person: Inburgeraar) -> int:
    """How often the person did not come to an oproep for the brede intake."""
    return IntakeOproep.objects.filter(
        inburgeraar=person, status=OproepStatus.NIET_VERSCHENEN
    ).count()


@transaction.atomic
def send_oproep(
    person: Inburgeraar,
    *,
    afspraak_op: date,
    afspraak_tijd,
    locatie: str,
    termijn_einde: date,
    user,
    dagtekening: date | None = None,
) -> IntakeOproep:
    """Call the person up for the brede intake: the first time an oproep with a term, after
    a no-show a written warning with a repeated oproep and a new term (Wi art. 14 lid 1).
    Makes the letter (PDF) and logs it. Refused in Dutch while an oproep is still open,
    once the intake is completed, or after the third missed oproep (then lid 2 applies)."""
    # Lock the person so two clicks never make two oproepen with the same number.
    Inburgeraar.objects.select_for_update().filter(pk=person.pk).first()
    today = timezone.localdate()
    dagtekening = dagtekening or today
    errors: dict[str, str] = {}
    if afspraak_op < dagtekening:
        errors["afspraak_op"] = _("De afspraak kan niet vóór de datum van de brief liggen.")
    if termijn_einde < afspraak_op:
        errors["termijn_einde"] = _("De termijn kan niet eindigen vóór de afspraak.")
    if not (locatie or "").strip():
        errors["locatie"] = _("Vul in waar de afspraak is.")
    if errors:
        raise ValidationError(errors)
    existing = IntakeOproep.objects.filter(inburgeraar=person).counted()
    if existing.filter(status=OproepStatus.OPEN).exists():
        raise ValidationError(
            _("Er staat nog een oproep open. Leg eerst vast of de inburgeraar is verschenen.")
        )
    if intake_completed(person):
        raise ValidationError(_("De brede intake is al afgerond."))
    if may_complete_without_person(oproep_no_shows(person)):
        raise ValidationError(
            _(
                "De inburgeraar is na de derde oproep niet verschenen. Rond de brede intake af "
                "zonder de inburgeraar (Wet inburgering 2021 art. 14 lid 2)."
            )
        )
    last = IntakeOproep.objects.filter(inburgeraar=person).order_by("-volgnummer").first()
    volgnummer = (last.volgnummer if last else 0) + 1
    counted = existing.count() + 1
    oproep = IntakeOproep(
        inburgeraar=person,
        volgnummer=volgnummer,
        soort=oproep_soort(counted),
        dagtekening=dagtekening,
        afspraak_op=afspraak_op,
        afspraak_tijd=afspraak_tijd,
        locatie=locatie.strip(),
        termijn_einde=termijn_einde,
        opgesteld_door=(user.get_full_name() or user.username) if user else "",
    )
    from regie.intake.documents import attach_letter

    attach_letter(oproep)
    oproep.save()
    audit.log(
        AuditAction.CREATE,
        obj=oproep,
        inburgeraar_id=person.pk,
        description=f"{oproep.get_soort_display()} brede intake {oproep.kenmerk}",
    )
    return oproep


@transaction.atomic
def record_oproep_result(oproep: IntakeOproep, status: str, on: date | None = None):
    """Record whether the person came (or withdraw the oproep). A no-show is recorded only
    after the term has ended (the term runs through its last day)."""
    oproep = IntakeOproep.objects.select_for_update().get(pk=oproep.pk)
    if status not in OproepStatus.values or not oproep_can_transition(oproep.status, status):
        raise ValidationError(
            {
                "status": _("Deze oproep is al verwerkt (%(status)s).")
                % {"status": oproep.get_status_display()}
            }
        )
    day = on or timezone.localdate()
    if status == OproepStatus.NIET_VERSCHENEN and day <= oproep.termijn_einde:
        raise ValidationError(
            {
                "status": _(
                    "De termijn loopt nog tot en met %(date)s. Leg 'niet verschenen' pas "
                    "daarna vast."
                )
                % {"date": date_format(oproep.termijn_einde, "j F Y")}
            }
        )
    oproep.status = status
    oproep.verwerkt_op = day
    oproep.save()
    return oproep


# --- The leerbaarheidstoets ---------------------------------------------------------------


def toetsen_of(person: Inburgeraar) -> list[Leerbaarheidstoets]:
    return list(
        Leerbaarheidstoets.objects.filter(inburgeraar=person).select_related("toetsbegeleider")
    )


def toets_invitations(person: Inburgeraar) -> int:
    """How often the person was invited to the leerbaarheidstoets (for handhaving)."""
    return Leerbaarheidstoets.objects.filter(inburgeraar=person).invitations().count()


def toets_no_shows(person: Inburgeraar) -> int:
    """How often the person did not appear for the leerbaarheidstoets (for handhaving)."""
    return Leerbaarheidstoets.objects.filter(inburgeraar=person).no_shows().count()


def check_toetsbegeleider(user) -> None:
    if user is None or not user.is_certified_toetsbegeleider or not user.is_active:
        raise ValidationError(
            {
                "toetsbegeleider": _(
                    "Alleen een gecertificeerde toetsbegeleider kan de toets afnemen."
                )
            }
        )


@transaction.atomic
def plan_toets(person: Inburgeraar, on: date, toetsbegeleider) -> Leerbaarheidstoets:
    """Invite the person to the leerbaarheidstoets on ``on``."""
    check_toetsbegeleider(toetsbegeleider)
    if Leerbaarheidstoets.objects.filter(
        inburgeraar=person, status__in=[ToetsStatus.GEPLAND, ToetsStatus.AFGENOMEN]
    ).exists():
        raise ValidationError(_("Er staat al een toets gepland of de toets is al afgenomen."))
    return Leerbaarheidstoets.objects.create(
        inburgeraar=person, status=ToetsStatus.GEPLAND, date=on, toetsbegeleider=toetsbegeleider
    )


@transaction.atomic
def record_exemption(
    person: Inburgeraar, reason: str, on: date, notes: str = ""
) -> Leerbaarheidstoets:
    """Record the exemption for a visual or auditory impairment (Wi art. 14 lid 6). An open
    invitation becomes the exemption; otherwise a new record is made."""
    if not reason:
        raise ValidationError({"exemption_reason": _("Kies de grond voor de ontheffing.")})
    planned = Leerbaarheidstoets.objects.filter(
        inburgeraar=person, status=ToetsStatus.GEPLAND
    ).first()
    if Leerbaarheidstoets.objects.filter(
        inburgeraar=person, status__in=[ToetsStatus.AFGENOMEN, ToetsStatus.ONTHEFFING]
    ).exists():
        raise ValidationError(_("De toets is al afgenomen of er is al een ontheffing vastgelegd."))
    toets = planned or Leerbaarheidstoets(inburgeraar=person)
    toets.status = ToetsStatus.ONTHEFFING
    toets.date = on
    toets.exemption_reason = reason
    toets.outcome = notes
    toets.save()
    return toets


def toets_result_problems(status: str, b1_haalbaar: bool | None) -> dict[str, str]:
    """Field errors for recording what happened at a planned toets."""
    errors = {}
    if status not in (ToetsStatus.AFGENOMEN, ToetsStatus.NIET_VERSCHENEN):
        errors["status"] = _("Kies of de toets is afgenomen of dat de inburgeraar niet verscheen.")
    elif status == ToetsStatus.AFGENOMEN and b1_haalbaar is None:
        errors["b1_haalbaar"] = _("Vul de uitslag in: is B1 haalbaar binnen de termijn?")
    elif status != ToetsStatus.AFGENOMEN and b1_haalbaar is not None:
        errors["b1_haalbaar"] = _(
            "Een uitslag kan alleen worden vastgelegd bij een afgenomen toets."
        )
    return errors


@transaction.atomic
def record_toets_result(
    toets: Leerbaarheidstoets,
    status: str,
    on: date,
    b1_haalbaar: bool | None = None,
    outcome: str = "",
) -> Leerbaarheidstoets:
    """Record that a planned toets was taken (with its outcome) or that the person did not
    appear. A result without a taken toets is refused."""
    toets = Leerbaarheidstoets.objects.select_for_update().get(pk=toets.pk)
    errors = toets_result_problems(status, b1_haalbaar)
    if not errors and not toets_can_transition(toets.status, status):
        errors["status"] = _("Deze toets is al verwerkt (%(status)s).") % {
            "status": toets.get_status_display()
        }
    if errors:
        raise ValidationError(errors)
    toets.status = status
    toets.date = on
    toets.b1_haalbaar = b1_haalbaar if status == ToetsState.AFGENOMEN else None
    toets.outcome = outcome
    toets.save()
    return toets


@transaction.atomic
def correct_toets_result(
    toets: Leerbaarheidstoets,
    status: str,
    on: date,
    b1_haalbaar: bool | None,
    outcome: str,
    reason: str,
    user,
) -> Leerbaarheidstoets:
    """Correct the recorded result of a toets (taken or not appeared, the date, the
    outcome): a factual entry that handhaving and the route advice rely on, so only with
    a reason, kept in the field history and the audit log."""
    toets = Leerbaarheidstoets.objects.select_for_update().get(pk=toets.pk)
    if toets.status not in (ToetsStatus.AFGENOMEN, ToetsStatus.NIET_VERSCHENEN):
        raise ValidationError(_("Alleen een verwerkte toets kan worden gecorrigeerd."))
    errors = toets_result_problems(status, b1_haalbaar)
    if (
        not errors
        and status == ToetsStatus.AFGENOMEN
        and toets.status != ToetsStatus.AFGENOMEN
        and Leerbaarheidstoets.objects.filter(
            inburgeraar_id=toets.inburgeraar_id,
            status__in=[ToetsStatus.GEPLAND, ToetsStatus.AFGENOMEN],
        )
        .exclude(pk=toets.pk)
        .exists()
    ):
        errors["status"] = _(
            "Er staat al een andere toets gepland of afgenomen; corrigeer die eerst."
        )
    try:
        reason = _reason_or_refuse(reason)
    except ValidationError as error:
        errors.update({k: v[0] for k, v in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    toets.status = status
    toets.date = on
    toets.b1_haalbaar = b1_haalbaar if status == ToetsStatus.AFGENOMEN else None
    toets.outcome = outcome
    toets.correctie_reden = reason
    toets.gecorrigeerd_door = user.username
    toets.save()
    audit.log(
        AuditAction.UPDATE,
        obj=toets,
        inburgeraar_id=toets.inburgeraar_id,
        description=f"correctie leerbaarheidstoets: {reason}",
    )
    return toets


# --- Leerroute advice ---------------------------------------------------------------------




@dataclass(frozen=True)
class RouteAdvice(LeerrouteAdvies):
    """The advice with its route's name in the active language (never the code)."""

    @property
    def label(self):
        return translated(self.route.label)




def route_advice(
    person: Inburgeraar,
    *,
    intake=_UNSET,
    toetsen: list[Leerbaarheidstoets] | None = None,
    today: date | None = None,
) -> LeerrouteAdvies | None:
    """The leerroute advice from the brede intake and the toets outcome (computed, never
    stored), or None while the intake lacks schooling or literacy. Advice for the
    klantmanager: the college sets the route in the PIP (Wi art. 15).

    ``intake`` and ``toetsen`` may be passed when the caller already loaded them."""
    if intake is _UNSET:
        intake = latest_intake(person)
    if intake is None or not intake.opleidingsniveau or not intake.geletterdheid:
        return None
    if toetsen is None:
        toetsen = toetsen_of(person)
    taken = [t for t in toetsen if t.status == ToetsStatus.AFGENOMEN]
    b1 = max(taken, key=lambda t: (t.date, t.pk)).b1_haalbaar if taken else None
    day = today or timezone.localdate()
    max_age = local_value(person.municipality, ONDERWIJSROUTE_MAX_AGE_RULE)
    advice = advise_leerroute(
        person.age_on(day),
        b1,
        Opleidingsniveau(intake.opleidingsniveau),
        geletterd=intake.geletterdheid != Geletterdheid.NOT_LITERATE,
        wil_opleiding=intake.wants_education,
        onderwijsroute_max_age=int(max_age),
    )
    reasons = [translated(reason) for reason in advice.reasons]
    if intake.geletterdheid == Geletterdheid.OTHER_SCRIPT:
        reasons.append(
            gettext_lazy(
                "De inburgeraar is geletterd in een ander schrift dan het Latijnse: neem "
                "alfabetisering in het Latijnse schrift op in het PIP."
            )
        )
    if any(t.status == ToetsStatus.ONTHEFFING for t in toetsen) and not taken:
        reasons.append(
            gettext_lazy(
                "Ontheffing van de leerbaarheidstoets (Wet inburgering 2021 art. 14 lid 6)."
            )
        )
    return RouteAdvice(advice.route, reasons)


def regime_has_intake(person: Inburgeraar) -> bool:
    """The brede intake is an obligation of the Wet inburgering 2021."""
    return person.regime == Regime.WI2021
