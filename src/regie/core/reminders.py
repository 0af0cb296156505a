"""The daily werkvoorraad reminder (issue 22): an e-mail to each user whose werkvoorraad
has items that fall due today or became overdue since the previous werkdag.

What is computed on the fly and what needs a daily run: the werkvoorraad itself is derived
from dates each time the page opens (every app's provider in regie.core.extensions), so it
is always current and needs no nightly job. What no page can do is *tell* someone who does
not open Regie that a term falls due: that is this job, sent by Celery beat every werkdag
morning (regie.jobs.schedule) and recorded on Beheer → Geplande taken.

- It counts the same items the user's werkvoorraad shows (the same providers, the same
  scope), per section: "vervalt vandaag" (due today) and "nu te laat" (due on the previous
  werkdag or on the days between, so nothing due on a weekend or feestdag is skipped).
  Nothing new: no mail. On a day that is no werkdag (weekend, algemeen erkende feestdag,
  regie.rules.calendar) nothing is sent; the next werkdag covers those days.
- E-mail is not a safe channel: the mail holds counts, the section titles and links only,
  never a name, BSN or anything else about a person. The user reads the rest after login.
- Opt-out per user: ``User.reminder_mail``, switched on /account/herinneringen/ (the link
  is in every mail). Users without an e-mail address or without a role get none.
- Each mail sent is audit-logged (to whom, how many items; no person).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.mail import EmailMessage, get_connection
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from regie.core import audit
from regie.core.access import requires
from regie.core.extensions import werkvoorraad
from regie.core.models import AuditAction, User
from regie.core.roles import Permission
from regie.rules.calendar import is_werkdag

logger = logging.getLogger(__name__)

ACTOR = audit.Actor(
    None, "regie werkvoorraad-herinnering", "", "", "regie werkvoorraad-herinnering"
)


def previous_werkdag(today: date) -> date:
    day = today - timedelta(days=1)
    while not is_werkdag(day):
        day -= timedelta(days=1)
    return day


@dataclass(frozen=True)
class SectionCount:
    title: str
    due_today: int
    newly_overdue: int


def reminder_counts(user, today: date) -> list[SectionCount]:
    """Per werkvoorraad section of ``user``: the items due today and those that became
    overdue since the previous werkdag (due on it or on a day off since). Items without a
    date and items overdue for longer are not news and are not counted."""
    since = previous_werkdag(today)
    counts = []
    for section in werkvoorraad(user, today):
        due_today = sum(1 for item in section.items if item.due == today)
        overdue = sum(1 for item in section.items if item.due and since <= item.due < today)
        if due_today or overdue:
            counts.append(SectionCount(str(section.title), due_today, overdue))
    return counts


def site_url(path: str) -> str:
    return f"{settings.REGIE_SITE_URL}{path}"


def _line(count: SectionCount) -> str:
    parts = []
    if count.due_today:
        parts.append(
            ngettext("%(n)s vervalt vandaag", "%(n)s vervallen vandaag", count.due_today)
            % {"n": count.due_today}
        )
    if count.newly_overdue:
        parts.append(
            ngettext("%(n)s is nu te laat", "%(n)s zijn nu te laat", count.newly_overdue)
            % {"n": count.newly_overdue}
        )
    return f"- {count.title}: {', '.join(parts)}"


def reminder_mail(user, counts: list[SectionCount]) -> EmailMessage:
    """The mail in plain Dutch: counts per section and links, nothing about a person."""
    total = sum(c.due_today + c.newly_overdue for c in counts)
    with translation.override("nl"):
        subject = ngettext(
            "Regie: %(n)s taak in uw werkvoorraad vraagt vandaag aandacht",
            "Regie: %(n)s taken in uw werkvoorraad vragen vandaag aandacht",
            total,
        ) % {"n": total}
        body = "\n".join(
            [
                _("Goedemorgen %(name)s,") % {"name": user.first_name or user.username},
                "",
                _("In uw werkvoorraad in Regie is sinds de vorige werkdag iets veranderd:"),
                "",
                *(_line(count) for count in counts),
                "",
                _("Bekijk uw werkvoorraad: %(url)s") % {"url": site_url(reverse("home"))},
                "",
                _(
                    "In deze e-mail staan met opzet geen namen of andere gegevens van personen: "
                    "e-mail is daarvoor niet veilig genoeg. U ziet alles na het inloggen."
                ),
                "",
                _(
                    "U krijgt deze e-mail op werkdagen als er iets vervalt of te laat is. Wilt "
                    "u hem niet meer krijgen? Zet hem uit: %(url)s"
                )
                % {"url": site_url(reverse("reminder_settings"))},
                "",
                "Regie",
            ]
        )
    return EmailMessage(subject, body, to=[user.email])


@dataclass
class RunSummary:
    today: date
    werkdag: bool = True
    checked: int = 0
    sent: int = 0
    items: int = 0
    failed: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        if not self.werkdag:
            return [
                f"{self.today:%d-%m-%Y} is geen werkdag: geen herinneringen verstuurd "
                "(de volgende werkdag telt deze dagen mee)."
            ]
        lines = [
            f"{self.today:%d-%m-%Y}: {self.checked} gebruiker(s) met herinnering aan bekeken, "
            f"{self.sent} e-mail(s) verstuurd over samen {self.items} item(s)."
        ]
        if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
            lines.append(
                f"Geen EMAIL_HOST ingesteld: de e-mails staan als bestand in "
                f"{settings.EMAIL_FILE_PATH} en zijn niet verzonden."
            )
        if self.failed:
            lines.append(
                f"Mislukt voor {len(self.failed)} gebruiker(s): {', '.join(self.failed)} "
                "(zie de log)."
            )
        return lines


def recipients():
    return (
        User.objects.filter(is_active=True, reminder_mail=True, role_assignments__isnull=False)
        .exclude(email="")
        .select_related("organisation", "team")
        .prefetch_related("role_assignments")
        .distinct()
        .order_by("pk")
    )


def send_reminders(today: date) -> RunSummary:
    """Send today's reminders (safe to run twice a day only in the sense that it sends the
    same counts again; the schedule runs it once)."""
    summary = RunSummary(today)
    if not is_werkdag(today):
        summary.werkdag = False
        return summary
    connection = get_connection()
    with audit.actor(ACTOR):
        for user in recipients():
            summary.checked += 1
            try:
                counts = reminder_counts(user, today)
                if not counts:
                    continue
                mail = reminder_mail(user, counts)
                mail.connection = connection
                mail.send()
            except Exception:
                logger.exception("Werkvoorraad reminder for user %s failed", user.pk)
                summary.failed.append(user.username)
                continue
            total = sum(c.due_today + c.newly_overdue for c in counts)
            summary.sent += 1
            summary.items += total
            audit.log(
                AuditAction.EXPORT,
                obj=user,
                avg_relevant=False,
                description=f"herinneringsmail werkvoorraad: {total} item(s), zonder namen",
            )
    return summary


# --- The user's own setting ------------------------------------------------------------


class ReminderForm(forms.Form):
    reminder_mail = forms.BooleanField(
        label=gettext_lazy(
            "Stuur mij op werkdagen een e-mail als er in mijn werkvoorraad iets vervalt of te "
            "laat is"
        ),
        required=False,
    )


@requires(Permission.WERKVOORRAAD)
def reminder_settings(request):
    user = request.user
    # Bound on every POST: switching off posts no field at all (an unticked checkbox).
    data = request.POST if request.method == "POST" else None
    form = ReminderForm(data, initial={"reminder_mail": user.reminder_mail})
    if request.method == "POST" and form.is_valid():
        wanted = form.cleaned_data["reminder_mail"]
        if wanted != user.reminder_mail:
            User.objects.filter(pk=user.pk).update(reminder_mail=wanted)
            audit.log(
                AuditAction.UPDATE,
                obj=user,
                avg_relevant=False,
                description=f"herinneringsmail werkvoorraad {'aan' if wanted else 'uit'}",
            )
        messages.success(
            request,
            _("U krijgt de dagelijkse herinnering per e-mail.")
            if wanted
            else _("U krijgt geen dagelijkse herinnering per e-mail meer."),
        )
        return redirect("reminder_settings")
    return render(
        request,
        "core/reminder_settings.html",
        {"form": form, "has_email": bool(user.email), "enabled": user.reminder_mail},
    )
