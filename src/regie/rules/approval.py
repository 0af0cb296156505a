"""Four eyes on what reaches beyond one person's remit (issue 17; docs/security.md).

Two things wait for a second person before they take effect:

- an account change that reaches another municipality's data (a user of a shared
  uitvoerder): a beheerder proposes it; it takes effect when a beheerder of EACH other
  municipality concerned has approved it (lokaal beleid: one approval per municipality the
  proposer does not serve; a regional beheerder serving several counts for each);
- an access grant that opens health data (the grantee's role may see it), a person
  outside the grantee's municipalities, or that a beheerder asks for themselves: a
  beheerder other than the requester and other than the grantee approves it.

Nobody approves their own proposal, nor a proposal about their own account or access.
The states and the transitions between them are data, as in lifecycle.py.
"""

from enum import StrEnum


class Approval(StrEnum):
    VOORGESTELD = "voorgesteld"
    GOEDGEKEURD = "goedgekeurd"
    AFGEWEZEN = "afgewezen"


TRANSITIONS: dict[Approval, frozenset[Approval]] = {
    Approval.VOORGESTELD: frozenset({Approval.GOEDGEKEURD, Approval.AFGEWEZEN}),
    Approval.GOEDGEKEURD: frozenset(),
    Approval.AFGEWEZEN: frozenset(),
}


def can_transition(current: Approval, new: Approval) -> bool:
    return Approval(new) in TRANSITIONS[Approval(current)]


def grant_needs_second_person(
    *, opens_health_data: bool, person_in_grantee_area: bool, to_self: bool
) -> bool:
    """An access grant takes effect at once only when it opens no health data, the
    person lives in a municipality the grantee's organisation already works for, and the
    beheerder does not grant it to themselves."""
    return opens_health_data or not person_in_grantee_area or to_self


def may_decide(decider_id: int, *, proposer_id: int | None, subject_id: int | None) -> bool:
    """The second person is another person: not who proposed it, not whom it is about."""
    return decider_id not in {proposer_id, subject_id}


def outstanding(concerned: set[int], approved: set[int]) -> set[int]:
    """The municipalities (ids) whose beheerder still has to approve."""
    return set(concerned) - set(approved)
