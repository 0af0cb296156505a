"""What a functioneel beheerder may administer: the municipalities their own organisation
serves, and nothing beyond (issue 17, H1 and M1; docs/security.md).

A beheerder changes an account directly only when every municipality that account could
reach (its organisation's ``serves``) is one of their own. A change to an account of a
shared uitvoerder that also works for another municipality becomes a proposal
(AccountProposal): it takes effect only when a beheerder of each other municipality
concerned has approved it (regie.rules.approval). Until then a new account is inactive
and has no roles. Nobody approves their own proposal or a proposal about their own
account; every step is audit-logged.

The audit log is scoped the same way (``audit_scope_q``, used by the page and the CSV).
"""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core import audit
from regie.core.access import served_municipality_ids
from regie.core.extensions import person_model
from regie.core.models import (
    AccountProposal,
    ApprovalStatus,
    AuditAction,
    Municipality,
    Organisation,
    ProposalApproval,
    RoleAssignment,
    User,
)
from regie.core.roles import Permission, Role
from regie.rules import approval


def own_municipality_ids(user) -> set[int]:
    return set(served_municipality_ids(user))


def municipalities_beyond(user, organisation: Organisation | None) -> list[Municipality]:
    """The municipalities ``organisation`` works for that ``user``'s organisation does not."""
    if organisation is None:
        return []
    return list(organisation.serves.exclude(pk__in=own_municipality_ids(user)).order_by("name"))


def refusal(organisation: Organisation, beyond: list[Municipality]) -> str:
    """What the beheerder reads on the form of an account that reaches other
    municipalities: saving makes a proposal, not a change."""
    names = ", ".join(m.name for m in beyond)
    return _(
        "%(organisation)s werkt ook voor %(municipalities)s: uw wijziging wordt een voorstel. "
        "Die geldt pas als een beheerder van %(municipalities)s hem heeft goedgekeurd."
    ) % {"organisation": organisation.name, "municipalities": names}


def may_administer(user, organisation: Organisation | None) -> bool:
    return organisation is not None and not municipalities_beyond(user, organisation)


def audit_scope_q(user) -> Q:
    """The audit events ``user`` (a beheerder) may read: events about persons of their
    municipalities; person-less events of accounts of organisations serving them; and
    events of no account and no person (failed logins with unknown names, system jobs),
    which belong to no municipality and are what a beheerder watches for attacks."""
    own = served_municipality_ids(user)
    persons = person_model().objects.filter(municipality__in=own).values("pk")
    accounts = User.objects.filter(organisation__serves__in=own).values("pk")
    return (
        Q(inburgeraar_id__in=persons)
        | Q(inburgeraar_id__isnull=True, user_id_copy__in=accounts)
        | Q(inburgeraar_id__isnull=True, user_id_copy__isnull=True)
    )


# --- Proposals: four eyes on accounts that reach other municipalities ----------------------

ACCOUNT_FIELDS = (
    "username",
    "first_name",
    "last_name",
    "email",
    "is_active",
    "is_certified_toetsbegeleider",
    "is_senior",
)


def concerned_municipalities(user, organisations) -> list[Municipality]:
    """The municipalities beyond ``user``'s own that any of ``organisations`` works for."""
    found: dict[int, Municipality] = {}
    for organisation in organisations:
        for municipality in municipalities_beyond(user, organisation):
            found[municipality.pk] = municipality
    return sorted(found.values(), key=lambda m: m.name)


def pending_proposal(account: User) -> AccountProposal | None:
    if account.pk is None:
        return None
    return account.proposals.filter(status=ApprovalStatus.VOORGESTELD).first()


def _summary(account: User, changes: dict, organisation: Organisation, is_new: bool) -> str:
    roles = ", ".join(str(Role(r).label) for r in sorted(changes["roles"])) or "-"
    parts = [
        ("nieuw account " if is_new else "account ") + changes["username"],
        f"organisatie {organisation.name}",
        f"rollen: {roles}",
    ]
    if changes.get("team_name"):
        parts.append(f"team {changes['team_name']}")
    if not changes["is_active"]:
        parts.append("niet actief")
    if changes.get("password_hash") and not is_new:
        parts.append("nieuw wachtwoord")
    return "; ".join(parts)[:300]


@transaction.atomic
def propose(editor: User, form, concerned: list[Municipality]) -> AccountProposal:
    """Store the change ``form`` (a valid UserForm) asks for as a proposal instead of
    making it. A new account is created inactive, without roles and without a usable
    password; an existing account is left as it is."""
    data = form.cleaned_data
    account = form.instance
    is_new = account.pk is None
    team = data.get("team")
    changes = {name: data[name] for name in ACCOUNT_FIELDS if name in data}
    if form.fields["roles"].disabled:  # never the editor's own account, but be safe
        changes["roles"] = sorted(account.roles)
    else:
        changes["roles"] = sorted(data["roles"])
    changes["team"] = team.pk if team else None
    changes["team_name"] = team.name if team else ""
    changes["organisation"] = data["organisation"].pk
    if data.get("password"):
        changes["password_hash"] = make_password(data["password"])
    if is_new:
        account = User(
            username=data["username"],
            first_name=data.get("first_name", ""),
            last_name=data.get("last_name", ""),
            email=data.get("email", ""),
            organisation=data["organisation"],
            is_active=False,
        )
        account.set_unusable_password()
        account.save()
    proposal = AccountProposal.objects.create(
        user=account,
        is_new=is_new,
        organisation=data["organisation"],
        changes=changes,
        summary=_summary(account, changes, data["organisation"], is_new),
        proposed_by=editor,
        proposed_by_name=editor.username,
    )
    proposal.municipalities.set(concerned)
    audit.log(
        AuditAction.CREATE,
        obj=proposal,
        avg_relevant=False,
        description=(
            f"voorstel {proposal.summary}; goedkeuring nodig van "
            + ", ".join(m.name for m in concerned)
        ),
    )
    return proposal


def visible_proposals(user):
    """The proposals about accounts of organisations that work for one of ``user``'s
    municipalities (what a beheerder may know of)."""
    own = served_municipality_ids(user)
    return (
        AccountProposal.objects.filter(Q(organisation__serves__in=own) | Q(municipalities__in=own))
        .distinct()
        .select_related("user", "organisation")
        .prefetch_related("municipalities", "approvals__municipality")
    )


def outstanding_municipalities(proposal: AccountProposal) -> list[Municipality]:
    approved = {a.municipality_id for a in proposal.approvals.all()}
    return [m for m in proposal.municipalities.all() if m.pk not in approved]


def why_not_decide(user, proposal: AccountProposal) -> str:
    """Empty when ``user`` may approve or reject ``proposal``; otherwise the Dutch reason."""
    if not user.can(Permission.USERS_MANAGE):
        return _("Alleen een functioneel beheerder beslist over een voorstel.")
    if proposal.status != ApprovalStatus.VOORGESTELD:
        return _("Over dit voorstel is al beslist.")
    if not approval.may_decide(
        user.pk, proposer_id=proposal.proposed_by_id, subject_id=proposal.user_id
    ):
        return _(
            "U kunt niet beslissen over een voorstel dat u zelf deed of dat over uw eigen "
            "account gaat: dat doet een andere beheerder."
        )
    own = set(served_municipality_ids(user))
    if not any(m.pk in own for m in outstanding_municipalities(proposal)):
        names = ", ".join(m.name for m in outstanding_municipalities(proposal))
        return _("Dit voorstel wacht op een beheerder van %(municipalities)s.") % {
            "municipalities": names
        }
    return ""


def _apply(proposal: AccountProposal) -> None:
    changes = proposal.changes
    account = proposal.user
    for name in ACCOUNT_FIELDS:
        if name in changes:
            setattr(account, name, changes[name])
    account.organisation_id = changes["organisation"]
    account.team_id = changes.get("team")
    if changes.get("password_hash"):
        account.password = changes["password_hash"]
    account.save()
    wanted = set(changes["roles"])
    RoleAssignment.objects.filter(user=account).exclude(role__in=wanted).delete()
    have = set(RoleAssignment.objects.filter(user=account).values_list("role", flat=True))
    for role in wanted - have:
        RoleAssignment.objects.create(user=account, role=role)
    audit.log(
        AuditAction.CREATE if proposal.is_new else AuditAction.UPDATE,
        obj=account,
        avg_relevant=False,
        description=(
            f"rollen: {', '.join(sorted(wanted))}; na goedkeuring van voorstel {proposal.pk}"
        ),
    )


@transaction.atomic
def decide(user, proposal: AccountProposal, approve: bool, reason: str = "") -> str:
    """Approve (for every outstanding municipality ``user`` serves) or reject. Returns the
    Dutch message for the beheerder; raises ValueError with the reason when they may not."""
    proposal = AccountProposal.objects.select_for_update().get(pk=proposal.pk)
    refused = why_not_decide(user, proposal)
    if refused:
        raise ValueError(refused)
    now = timezone.now()
    if not approve:
        if not reason.strip():
            raise ValueError(_("Geef de reden waarom u het voorstel afwijst."))
        assert approval.can_transition(proposal.status, approval.Approval.AFGEWEZEN)
        proposal.status = ApprovalStatus.AFGEWEZEN
        proposal.decided_by_name, proposal.decided_at = user.username, now
        proposal.decision_reason = reason.strip()[:300]
        proposal.save()
        audit.log(
            AuditAction.STATUS,
            obj=proposal,
            avg_relevant=False,
            description=f"voorstel afgewezen: {proposal.summary}; reden: {reason}"[:300],
        )
        return _("Het voorstel is afgewezen.")
    own = set(served_municipality_ids(user))
    mine = [m for m in outstanding_municipalities(proposal) if m.pk in own]
    for municipality in mine:
        ProposalApproval.objects.create(
            proposal=proposal,
            municipality=municipality,
            approved_by=user,
            approved_by_name=user.username,
            reason=reason.strip()[:300],
        )
    audit.log(
        AuditAction.STATUS,
        obj=proposal,
        avg_relevant=False,
        description=(
            f"voorstel goedgekeurd voor {', '.join(m.name for m in mine)}: {proposal.summary}"
        )[:300],
    )
    proposal = AccountProposal.objects.prefetch_related("approvals", "municipalities").get(
        pk=proposal.pk
    )
    left = outstanding_municipalities(proposal)
    if left:
        return _("Goedgekeurd voor %(mine)s. Het voorstel wacht nog op %(left)s.") % {
            "mine": ", ".join(m.name for m in mine),
            "left": ", ".join(m.name for m in left),
        }
    assert approval.can_transition(proposal.status, approval.Approval.GOEDGEKEURD)
    proposal.status = ApprovalStatus.GOEDGEKEURD
    proposal.decided_by_name, proposal.decided_at = user.username, now
    proposal.decision_reason = reason.strip()[:300]
    proposal.save()
    _apply(proposal)
    return _("Het voorstel is goedgekeurd; de wijziging geldt nu.")
