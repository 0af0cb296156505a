"""The menukaart of activities, the lesson timetables, enrolments and attendance, the PVT and
the MAP, and the integraal weekprogramma (seed §2, §3.6, §3.7).

An ``Activity`` is either an activity of the menukaart (kletsplek, fietsles, GGD workshop…)
or a language-lesson group of an aanbieder (kind ``taalles``); both meet in recurring
weekly ``Session``s. A person is enrolled in a session (for a lesson group: in every
block of the group), and attendance is registered per enrolment and date. Lesson
enrolments are the busy blocks of the weekly programme; activity enrolments made from a
confirmed ``WeekProgramme`` carry a link to it.

Catalogue records (activities, sessions) hold no personal data; everything about a person
is a ``TrackedModel`` with a scoped manager.
"""

from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from regie.core.access import ScopedQuerySet, served_municipality_ids
from regie.core.audit import TrackedModel
from regie.core.models import Municipality, Organisation
from regie.core.roles import Role
from regie.people.models import Inburgeraar
from regie.plans.models import Levensgebied

# The themes of the menukaart are the levensgebieden of the PIP (taal among them), so a
# session's themes can be matched against the goals of a person's plan.
Theme = Levensgebied

DAY_CODES = ("ma", "di", "wo", "do", "vr", "za", "zo")


class Kind(models.TextChoices):
    ACTIVITEIT = "activiteit", _("Activiteit (menukaart)")
    TAALLES = "taalles", _("Taalles (lesgroep van een aanbieder)")


class RouteGroup(models.TextChoices):
    """Who an activity is for: the three leerroutes and the two groups outside the 2021
    law that the seed serves too."""

    B1 = "b1", _("B1-route")
    Z = "z", _("Z-route")
    ONDERWIJS = "onderwijs", _("Onderwijsroute")
    ONDERTUSSENGROEP = "ondertussengroep", _("Ondertussengroep (Wet inburgering 2013)")
    OUDKOMER = "oudkomer", _("Oudkomers")


class TargetDoelgroep(models.TextChoices):
    ASIELMIGRANT = "asielmigrant", _("Asielmigranten")
    GEZINSMIGRANT = "gezinsmigrant", _("Gezinsmigranten")
    OVERIGE = "overige", _("Overige migranten")


class Weekday(models.IntegerChoices):
    MAANDAG = 0, _("maandag")
    DINSDAG = 1, _("dinsdag")
    WOENSDAG = 2, _("woensdag")
    DONDERDAG = 3, _("donderdag")
    VRIJDAG = 4, _("vrijdag")
    ZATERDAG = 5, _("zaterdag")
    ZONDAG = 6, _("zondag")


class ActivityQuerySet(models.QuerySet):
    def in_reach_of(self, user):
        """Activities in the municipalities the user's organisation works for."""
        return self.filter(municipality__in=served_municipality_ids(user))

    def manageable_by(self, user, timetable: bool = False):
        """What the user may edit: for the catalogue the functioneel beheerder all of its
        municipalities' activities and a coördinator those of its organisation; for the
        lesson timetables a coördinator the same and an aanbieder its own groups."""
        mine = self.in_reach_of(user)
        org = user.organisation_id
        allowed = Q(pk__in=[])
        if user.has_role(Role.COORDINATOR) and org:
            allowed |= Q(coordinator_organisation=org) | Q(organiser=org)
        if timetable:
            if user.has_role(Role.AANBIEDER) and org:
                allowed |= Q(organiser=org)
            return mine.filter(allowed, kind=Kind.TAALLES)
        if user.has_role(Role.BEHEERDER):
            allowed = Q()
        return mine.filter(allowed, kind=Kind.ACTIVITEIT)

    def registrable_by(self, user):
        """Where the user registers enrolments and attendance: an aanbieder at its own
        activities and lesson groups, a coördinator at its organisation's."""
        org = user.organisation_id
        allowed = Q(pk__in=[])
        if org and user.has_role(Role.AANBIEDER):
            allowed |= Q(organiser=org)
        if org and user.has_role(Role.COORDINATOR):
            allowed |= Q(coordinator_organisation=org) | Q(organiser=org)
        return self.in_reach_of(user).filter(allowed)


class Activity(models.Model):
    kind = models.CharField(
        _("soort"), max_length=12, choices=Kind.choices, default=Kind.ACTIVITEIT
    )
    name = models.CharField(_("naam"), max_length=120)
    description = models.TextField(_("omschrijving"), blank=True, max_length=2000)
    themes = models.JSONField(_("thema's"), default=list, blank=True)
    organiser = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organiserende partner"),
    )
    coordinator_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beheerd door"),
        help_text=_("De organisatie van de coördinator die deelnemers en aanwezigheid bijhoudt."),
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    routes = models.JSONField(_("voor leerroutes en groepen"), default=list)
    doelgroepen = models.JSONField(_("voor doelgroepen"), default=list, blank=True)
    location = models.CharField(_("locatie"), max_length=150, blank=True)
    cost = models.DecimalField(
        _("kosten per deelnemer (euro)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    cost_note = models.CharField(
        _("toelichting kosten"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: per maand, betaald uit de SPUK, gratis voor deelnemers."),
    )
    times_per_week = models.PositiveSmallIntegerField(
        _("keer per week per deelnemer"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(7)],
        help_text=_(
            "Hoe vaak één deelnemer per week mag komen. Meestal 1; bijvoorbeeld 2 als de "
            "kletsplek bedoeld is voor maandag én donderdag."
        ),
    )
    active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")

    def __str__(self):
        return self.name

    @property
    def is_lesson(self) -> bool:
        return self.kind == Kind.TAALLES

    def theme_labels(self) -> list[str]:
        return [str(Theme(t).label) for t in self.themes if t in Theme.values]

    def route_labels(self) -> list[str]:
        return [str(RouteGroup(r).label) for r in self.routes if r in RouteGroup.values]

    def doelgroep_labels(self) -> list[str]:
        return [
            str(TargetDoelgroep(d).label) for d in self.doelgroepen if d in TargetDoelgroep.values
        ]


class Session(models.Model):
    """A weekly recurring meeting of an activity, or a block of a lesson timetable."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="sessions")
    weekday = models.PositiveSmallIntegerField(_("dag"), choices=Weekday.choices)
    start = models.TimeField(_("begintijd"))
    end = models.TimeField(_("eindtijd"))
    capacity = models.PositiveSmallIntegerField(
        _("aantal plaatsen"), validators=[MinValueValidator(1)]
    )
    valid_from = models.DateField(_("vanaf"))
    valid_until = models.DateField(_("tot en met"), null=True, blank=True)

    class Meta:
        ordering = ["activity", "weekday", "start", "id"]
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="session_ends_later"
            )
        ]

    def __str__(self):
        return f"{self.activity}, {self.get_weekday_display()} {self.start:%H:%M}-{self.end:%H:%M}"

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("De eindtijd moet later zijn dan de begintijd.")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("De einddatum ligt vóór de begindatum.")
        if errors:
            raise ValidationError(errors)

    @property
    def minutes(self) -> int:
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)

    @property
    def hours(self) -> Decimal:
        return (Decimal(self.minutes) / 60).quantize(Decimal("0.01"))

    @property
    def day_code(self) -> str:
        return DAY_CODES[self.weekday]

    def runs_on(self, day) -> bool:
        return (
            day.weekday() == self.weekday
            and day >= self.valid_from
            and (self.valid_until is None or day <= self.valid_until)
        )

    def starts_at(self, day) -> datetime:
        return datetime.combine(day, self.start)


class EnrolmentQuerySet(ScopedQuerySet):
    def active_on(self, day):
        return self.filter(start_date__lte=day).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )


class Enrolment(TrackedModel):
    """A person's place in one recurring session, from a date, until a date or open."""

    person_path = "inburgeraar__"

    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.CASCADE, related_name="enrolments"
    )
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="enrolments")
    start_date = models.DateField(_("vanaf"))
    end_date = models.DateField(_("tot en met"), null=True, blank=True)
    programme = models.ForeignKey(
        "WeekProgramme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enrolments",
        verbose_name=_("uit weekprogramma"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["inburgeraar", "session", "start_date"]
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        indexes = [models.Index(fields=["session", "end_date"], name="enrolment_session_end")]

    def __str__(self):
        return f"{self.inburgeraar_id} in {self.session_id} vanaf {self.start_date}"

    def audit_person_id(self):
        return self.inburgeraar_id

    def active_on(self, day) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)


class AttendanceStatus(models.TextChoices):
    AANWEZIG = "aanwezig", _("Aanwezig")
    AFGEMELD = "afgemeld", _("Afgemeld")
    NIET_VERSCHENEN = "niet_verschenen", _("Niet verschenen")


class Attendance(TrackedModel):
    """Whether the person was there on one date of an enrolled session. ``hours`` is the
    session's length on that date; it counts only when the person was present."""

    person_path = "enrolment__inburgeraar__"

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendances")
    date = models.DateField(_("datum"))
    status = models.CharField(_("aanwezigheid"), max_length=16, choices=AttendanceStatus.choices)
    hours = models.DecimalField(_("uren"), max_digits=4, decimal_places=2)
    registered_by = models.CharField(max_length=150, blank=True)
    registered_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "enrolment"]
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheid")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "date"], name="attendance_once_per_date")
        ]
        indexes = [models.Index(fields=["date"], name="attendance_date")]

    def __str__(self):
        return f"{self.enrolment_id} {self.date}: {self.status}"

    def audit_person_id(self):
        return self.enrolment.inburgeraar_id

    @property
    def attended_hours(self) -> Decimal:
        return self.hours if self.status == AttendanceStatus.AANWEZIG else Decimal(0)


class Availability(TrackedModel):
    """A window in which the person can take part, e.g. while the children are at school
    or in childcare. Without any window the planner assumes working days."""

    person_path = "inburgeraar__"

    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.CASCADE, related_name="availability"
    )
    weekday = models.PositiveSmallIntegerField(_("dag"), choices=Weekday.choices)
    start = models.TimeField(_("van"))
    end = models.TimeField(_("tot"))
    reason = models.CharField(
        _("toelichting"),
        max_length=150,
        blank=True,
        help_text=_("Bijvoorbeeld: kinderen op school of in de kinderopvang."),
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["inburgeraar", "weekday", "start"]
        verbose_name = _("beschikbaarheid")
        verbose_name_plural = _("beschikbaarheid")

    def __str__(self):
        return f"{self.get_weekday_display()} {self.start:%H:%M}-{self.end:%H:%M}"

    def audit_person_id(self):
        return self.inburgeraar_id


class ProgrammeStatus(models.TextChoices):
    CONCEPT = "concept", _("Voorstel")
    BEVESTIGD = "bevestigd", _("Bevestigd")
    VERVANGEN = "vervangen", _("Vervangen door een nieuwer programma")
    VERVALLEN = "vervallen", _("Voorstel vervallen")


class WeekProgramme(TrackedModel):
    """A proposed or confirmed weekly programme of one person. The solver's proposal is a
    concept the planner may adjust; confirming turns its items into enrolments from
    ``valid_from`` and replaces the person's previous confirmed programme."""

    person_path = "inburgeraar__"
    history_exclude = (*TrackedModel.history_exclude, "result")

    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.CASCADE, related_name="week_programmes"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProgrammeStatus.choices, default=ProgrammeStatus.CONCEPT
    )
    batch = models.UUIDField(null=True, blank=True, db_index=True)
    route = models.CharField(_("leerroute of groep"), max_length=20, choices=RouteGroup.choices)
    themes_needed = models.JSONField(_("thema's uit het PIP"), default=list, blank=True)
    hours_target = models.DecimalField(_("uren per week (doel)"), max_digits=4, decimal_places=1)
    max_hours_per_day = models.DecimalField(
        _("hoogstens uren per dag"), max_digits=4, decimal_places=1
    )
    valid_from = models.DateField(_("ingangsdatum"))
    result = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("weekprogramma")
        verbose_name_plural = _("weekprogramma's")

    def __str__(self):
        return f"Weekprogramma {self.inburgeraar_id} vanaf {self.valid_from}"

    def audit_person_id(self):
        return self.inburgeraar_id

    @property
    def is_concept(self) -> bool:
        return self.status == ProgrammeStatus.CONCEPT


class WeekProgrammeItem(TrackedModel):
    person_path = "programme__inburgeraar__"

    programme = models.ForeignKey(WeekProgramme, on_delete=models.CASCADE, related_name="items")
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "session__weekday", "session__start"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "session"], name="programme_item_once")
        ]

    def __str__(self):
        return f"{self.programme_id}: {self.session_id}"

    def audit_person_id(self):
        return self.programme.inburgeraar_id


class PvtTraject(TrackedModel):
    """The participatieverklaringstraject: four half-days and the signing (seed §3.6;
    Besluit inburgering 2021 art. 3.1). The municipality reports the signing to DUO."""

    person_path = "inburgeraar__"

    inburgeraar = models.OneToOneField(Inburgeraar, on_delete=models.CASCADE, related_name="pvt")
    signed_on = models.DateField(_("verklaring ondertekend op"), null=True, blank=True)
    duo_reported_on = models.DateField(_("ondertekening gemeld aan DUO op"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("participatieverklaringstraject")

    def __str__(self):
        return f"PVT {self.inburgeraar_id}"

    def audit_person_id(self):
        return self.inburgeraar_id


class DagdeelStatus(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    AANWEZIG = "aanwezig", _("Gevolgd")
    AFWEZIG = "afwezig", _("Niet gevolgd")


class PvtDagdeel(TrackedModel):
    person_path = "traject__inburgeraar__"

    traject = models.ForeignKey(PvtTraject, on_delete=models.CASCADE, related_name="dagdelen")
    number = models.PositiveSmallIntegerField(_("dagdeel"))
    date = models.DateField(_("datum"), null=True, blank=True)
    hours = models.DecimalField(_("uren"), max_digits=4, decimal_places=1, default=Decimal(3))
    topic = models.CharField(_("onderwerp"), max_length=150, blank=True)
    by_municipality = models.BooleanField(_("gegeven door de gemeente"), default=False)
    status = models.CharField(
        _("aanwezigheid"),
        max_length=10,
        choices=DagdeelStatus.choices,
        default=DagdeelStatus.GEPLAND,
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["traject", "number"]
        constraints = [
            models.UniqueConstraint(fields=["traject", "number"], name="pvt_dagdeel_once")
        ]

    def __str__(self):
        return f"PVT {self.traject_id} dagdeel {self.number}"

    def audit_person_id(self):
        return self.traject.inburgeraar_id


class MapTraject(TrackedModel):
    """The module Arbeidsmarkt en Participatie: hours and the final interview with the
    college (Besluit inburgering 2021 art. 3.2; seed §3.7: given by Fijnder)."""

    person_path = "inburgeraar__"

    inburgeraar = models.OneToOneField(Inburgeraar, on_delete=models.CASCADE, related_name="map")
    eindgesprek_on = models.DateField(_("eindgesprek gehouden op"), null=True, blank=True)
    eindgesprek_notes = models.TextField(_("verslag eindgesprek"), blank=True, max_length=4000)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("module Arbeidsmarkt en Participatie")

    def __str__(self):
        return f"MAP {self.inburgeraar_id}"

    def audit_person_id(self):
        return self.inburgeraar_id


class MapUren(TrackedModel):
    person_path = "traject__inburgeraar__"

    traject = models.ForeignKey(MapTraject, on_delete=models.CASCADE, related_name="uren")
    date = models.DateField(_("datum"))
    hours = models.DecimalField(
        _("uren"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5"))],
    )
    description = models.CharField(
        _("onderdeel"),
        max_length=150,
        help_text=_("Bijvoorbeeld: beroepenoriëntatie, werknemersvaardigheden, sollicitatie."),
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["traject", "-date", "-id"]
        verbose_name = _("MAP-uren")
        verbose_name_plural = _("MAP-uren")

    def __str__(self):
        return f"MAP {self.traject_id} {self.date}: {self.hours}"

    def audit_person_id(self):
        return self.traject.inburgeraar_id
