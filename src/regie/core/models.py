"""Platform models: municipalities, organisations, teams, users and their roles, and the
append-only audit log with per-record field history."""

from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.core.roles import (
    FIELD_GROUP_ROLES,
    PERMISSIONS,
    FieldGroup,
    OrganisationType,
    Permission,
    Role,
)


class Municipality(models.Model):
    """A gemeente. One installation can serve a region of several."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    cbs_code = models.CharField(
        _("CBS-gemeentecode"),
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^GM\d{4}$", _("Een CBS-code is GM gevolgd door 4 cijfers."))],
        help_text=_("Bijvoorbeeld GM0294 voor Winterswijk."),
    )
    region = models.CharField(_("regio"), max_length=100, blank=True)
    # Local rule (seed bijlage 1): the PIP is due 10 weeks after housing rather than after
    # the DUO kennisgeving / BRP registration of Besluit inburgering 2021 art. 5.3.
    pip_deadline_from_housing = models.BooleanField(
        _("PIP-termijn telt vanaf huisvesting (lokaal beleid)"), default=False
    )
    # The rechtbank for beroep against the college's decisions: the one in whose
    # arrondissement the bestuursorgaan has its seat (Awb art. 8:7 lid 1). Printed in the
    # beroepsclausule; without it no beslissing op bezwaar can be made.
    rechtbank_naam = models.CharField(
        _("rechtbank voor beroep"),
        max_length=100,
        blank=True,
        help_text=_(
            "De rechtbank in het arrondissement waar het college zetelt (Awb art. 8:7 lid 1), "
            "bijvoorbeeld Rechtbank Gelderland."
        ),
    )
    rechtbank_postadres = models.TextField(
        _("postadres voor beroepschriften"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld: Postbus 9030, 6800 EM Arnhem."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self):
        return self.name


class Organisation(models.Model):
    name = models.CharField(_("naam"), max_length=150, unique=True)
    type = models.CharField(_("soort"), max_length=20, choices=OrganisationType.choices)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("vestigingsgemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    serves = models.ManyToManyField(
        Municipality,
        verbose_name=_("werkt voor gemeenten"),
        related_name="organisations",
        blank=True,
    )
    themes = models.CharField(_("thema's"), max_length=200, blank=True)
    description = models.TextField(_("omschrijving"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self):
        return self.name


class Team(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="teams", verbose_name=_("organisatie")
    )
    name = models.CharField(_("naam"), max_length=100)
    # The municipalities whose intake queue this team picks up (a klantmanager sees the
    # unassigned aanmeldingen of these only). Empty: every municipality the organisation
    # serves.
    municipalities = models.ManyToManyField(
        "Municipality", blank=True, related_name="+", verbose_name=_("gemeenten")
    )

    class Meta:
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_unique_name")
        ]
        verbose_name = _("team")

    def __str__(self):
        return f"{self.organisation} – {self.name}"


class User(AbstractUser):
    """A person working with Regie, in one organisation, holding one or more roles."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("organisatie"),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("team"),
    )
    is_certified_toetsbegeleider = models.BooleanField(
        _("gecertificeerd toetsbegeleider"), default=False
    )
    is_senior = models.BooleanField(_("senior"), default=False)
    # The daily e-mail about werkvoorraad items that fall due (regie.core.reminders); each
    # user switches it off on /account/herinneringen/.
    reminder_mail = models.BooleanField(_("dagelijkse herinnering per e-mail"), default=True)

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def clean(self):
        super().clean()
        if (
            self.team_id
            and self.organisation_id
            and self.team.organisation_id != self.organisation_id
        ):
            raise ValidationError({"team": _("Het team hoort niet bij deze organisatie.")})

    @cached_property
    def roles(self) -> frozenset[Role]:
        if not self.is_authenticated or not self.is_active:
            return frozenset()
        return frozenset(Role(a.role) for a in self.role_assignments.all())

    def has_role(self, role: Role) -> bool:
        return role in self.roles

    def can(self, permission: Permission) -> bool:
        return bool(self.roles & PERMISSIONS[permission])

    def sees(self, group: FieldGroup) -> bool:
        return bool(self.roles & FIELD_GROUP_ROLES[group])

    @property
    def requires_two_factor(self) -> bool:
        # Roles in TWO_FACTOR_ROLES must log in with a second factor (default: the
        # functioneel beheerder, who manages users and reads the audit log). The beheerder
        # always must, whatever the setting: that role can grant access to every file.
        from django.conf import settings

        wanted = set(getattr(settings, "REGIE_TWO_FACTOR_ROLES", ()))
        if "*" in wanted:
            return bool(self.roles)
        return bool({role.value for role in self.roles} & (wanted | {Role.BEHEERDER.value}))

    @property
    def role_labels(self) -> str:
        return ", ".join(str(Role(r).label) for r in sorted(self.roles))

    def __str__(self):
        return self.get_full_name() or self.username


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="role_once_per_user")]

    def __str__(self):
        return f"{self.user}: {self.get_role_display()}"


class AuditAction(models.TextChoices):
    READ = "read", _("ingezien")
    SEARCH = "search", _("gezocht")
    CREATE = "create", _("aangemaakt")
    UPDATE = "update", _("gewijzigd")
    DELETE = "delete", _("verwijderd")
    STATUS = "status", _("status gewijzigd")
    EXPORT = "export", _("geëxporteerd")
    DOWNLOAD = "download", _("gedownload")
    LOGIN = "login", _("ingelogd")
    LOGIN_FAILED = "login_failed", _("inloggen mislukt")
    LOGOUT = "logout", _("uitgelogd")
    GRANT = "grant", _("toegang verleend")


class AppendOnlyError(Exception):
    pass


class AuditEvent(models.Model):
    """One read or change of personal data, or a security event. Append-only: the model
    refuses updates and deletes, and a database trigger refuses them too (migration 0002).

    Identities are copied as text so the record survives when users or persons go; no
    request payloads, query strings or secrets are ever stored.
    """

    at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    user_id_copy = models.BigIntegerField(null=True, blank=True, db_index=True)
    username = models.CharField(_("gebruiker"), max_length=150, blank=True)
    roles = models.CharField(_("rollen"), max_length=200, blank=True)
    organisation = models.CharField(_("organisatie"), max_length=150, blank=True)
    inburgeraar_id = models.BigIntegerField(_("inburgeraar"), null=True, blank=True)
    action = models.CharField(_("handeling"), max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(_("soort gegeven"), max_length=60, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    description = models.CharField(_("omschrijving"), max_length=300, blank=True)
    route = models.CharField(_("pagina of endpoint"), max_length=200, blank=True)
    avg_relevant = models.BooleanField(_("persoonsgegevens"), default=True)
    # Logboek dataverwerkingen (Logius): the W3C trace context of the processing, the
    # processing activity of the register (Verwerkingsactiviteit.code, copied as text) and
    # a keyed hash of the data subject's BSN for processings before the person is in
    # Regie (a BRP query at registration). Empty on rows written before they existed.
    trace_id = models.CharField(max_length=32, blank=True, default="", db_default="")
    span_id = models.CharField(max_length=16, blank=True, default="", db_default="")
    activity = models.CharField(
        _("verwerkingsactiviteit"), max_length=60, blank=True, default="", db_default=""
    )
    subject_ref = models.CharField(max_length=64, blank=True, default="", db_default="")

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["inburgeraar_id", "-at"], name="audit_person_at"),
            models.Index(fields=["subject_ref"], name="audit_subject_ref"),
        ]
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.object_type}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be deleted.")


class AuditSeal(models.Model):
    """One link of the keyed hash chain over the audit log (``regie.core.seal``).

    A *seal* covers the audit rows with ids ``first_id``..``last_id`` (the ranges follow
    each other without gaps) and holds an HMAC over their content (``rows_mac``, ``count``).
    A *purge* restates one sealed range after a retention job changed it (descriptions
    cleared, old rows destroyed), naming the ids concerned and why. Every link's ``mac``
    covers its own fields and the previous link's mac, with a key that is not in the
    database (REGIE_AUDIT_KEY), so whoever can only write to the database cannot repair
    the chain after changing a row. Append-only like the log itself.
    """

    class Kind(models.TextChoices):
        SEAL = "seal", _("verzegeld")
        PURGE = "purge", _("bewaartermijn")

    number = models.PositiveBigIntegerField(unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    first_id = models.BigIntegerField()
    last_id = models.BigIntegerField()
    count = models.BigIntegerField()
    rows_mac = models.CharField(max_length=64)
    reason = models.CharField(max_length=300, blank=True)
    purged_ids = models.TextField(blank=True)
    sealed_at = models.DateTimeField()
    prev_mac = models.CharField(max_length=64)
    mac = models.CharField(max_length=64)

    class Meta:
        ordering = ["number"]
        indexes = [models.Index(fields=["first_id", "last_id"], name="auditseal_range")]

    def __str__(self):
        return f"{self.number} {self.kind} {self.first_id}-{self.last_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Audit seals cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit seals cannot be deleted.")


class FieldChange(models.Model):
    """History per record: the old and new value of one field of one object."""

    at = models.DateTimeField(auto_now_add=True)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40)
    inburgeraar_id = models.BigIntegerField(null=True, blank=True)
    field = models.CharField(max_length=60)
    field_label = models.CharField(max_length=100, blank=True)
    old_value = models.TextField(blank=True)
    new_value = models.TextField(blank=True)
    special_category = models.BooleanField(default=False)
    username = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="history_object"),
            models.Index(fields=["inburgeraar_id", "-at"], name="history_person_at"),
        ]

    def __str__(self):
        return f"{self.object_type} {self.object_id}.{self.field}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("History cannot be changed.")
        super().save(*args, **kwargs)


class LocalRule(models.Model):
    """A municipality's own value for a 'local' or 'check' figure of regie.rules.figures.

    Dated and attributed; the history is kept by the audit log (every save is logged by
    the view that changes it)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="local_rules"
    )
    name = models.CharField(max_length=80)
    value = models.DecimalField(max_digits=12, decimal_places=2)
    changed_by = models.CharField(max_length=150, blank=True)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="local_rule_once")
        ]

    def __str__(self):
        return f"{self.municipality}: {self.name} = {self.value}"


class ApprovalStatus(models.TextChoices):
    """The states of what waits for a second person (regie.rules.approval.Approval)."""

    VOORGESTELD = "voorgesteld", _("wacht op goedkeuring")
    GOEDGEKEURD = "goedgekeurd", _("goedgekeurd")
    AFGEWEZEN = "afgewezen", _("afgewezen")


class AccountProposal(models.Model):
    """An account change that reaches municipalities the proposing beheerder does not
    serve (a user of a shared uitvoerder): it takes effect only when a beheerder of each
    of those municipalities has approved it (regie.rules.approval; issue 17, H1). A new
    account exists meanwhile, inactive and without roles; it cannot log in."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("account")
    )
    is_new = models.BooleanField(_("nieuw account"), default=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie")
    )
    # The account's fields and roles as they will be after approval (a password only as
    # its hash).
    changes = models.JSONField(default=dict)
    summary = models.CharField(_("voorstel"), max_length=300)
    municipalities = models.ManyToManyField(
        Municipality, related_name="+", verbose_name=_("gemeenten die moeten goedkeuren")
    )
    proposed_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    proposed_by_name = models.CharField(_("voorgesteld door"), max_length=150)
    proposed_at = models.DateTimeField(_("voorgesteld op"), auto_now_add=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApprovalStatus.choices,
        default=ApprovalStatus.VOORGESTELD,
    )
    decided_by_name = models.CharField(_("beslist door"), max_length=150, blank=True)
    decided_at = models.DateTimeField(_("beslist op"), null=True, blank=True)
    decision_reason = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-id"]
        verbose_name = _("voorstel voor een account")
        verbose_name_plural = _("voorstellen voor accounts")

    def __str__(self):
        return f"{self.user} ({self.get_status_display()})"


class ProposalApproval(models.Model):
    """One municipality's approval of an AccountProposal, by one of its beheerders."""

    proposal = models.ForeignKey(
        AccountProposal, on_delete=models.CASCADE, related_name="approvals"
    )
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    approved_by_name = models.CharField(max_length=150)
    reason = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "municipality"], name="proposal_approved_once_per_municipality"
            )
        ]

    def __str__(self):
        return f"{self.proposal_id}: {self.municipality_id} by {self.approved_by_name}"


class Verwerkingsactiviteit(models.Model):
    """One processing activity of the register of processing activities (AVG art. 30 lid
    1): what Regie does with personal data, why, on which legal basis, which data and how
    long it is kept. Every audit event about a person names one (``AuditEvent.activity``);
    the Logboek dataverwerkingen export refers to it by ``uri``. Seeded with Regie's own
    activities (migration 0009); the functioneel beheerder keeps the texts up to date."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    naam = models.CharField(_("naam"), max_length=150)
    doel = models.TextField(_("doel"))
    grondslag = models.TextField(_("grondslag"))
    categorieen_betrokkenen = models.CharField(
        _("categorieën betrokkenen"), max_length=300, blank=True
    )
    categorieen_gegevens = models.TextField(_("categorieën persoonsgegevens"))
    ontvangers = models.CharField(_("ontvangers"), max_length=300, blank=True)
    bewaartermijn = models.CharField(_("bewaartermijn"), max_length=300)
    changed_by = models.CharField(max_length=150, blank=True)
    changed_at = models.DateTimeField(auto_now=True)

    URI_PREFIX = "urn:nl:regie:verwerkingsactiviteit:"

    class Meta:
        ordering = ["naam"]
        verbose_name = _("verwerkingsactiviteit")
        verbose_name_plural = _("register van verwerkingsactiviteiten")

    def __str__(self):
        return self.naam

    @property
    def uri(self) -> str:
        return self.URI_PREFIX + self.code
