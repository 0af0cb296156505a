"""Allocating part of a funding stream to an activity (seed §4.3, borging). The monitoring
page Borging shows per activity and year the participation and the funding allocated."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from regie.activities.models import Activity
from regie.core import audit
from regie.core.access import requires, served_municipality_ids
from regie.core.models import AuditAction
from regie.core.roles import Permission
from regie.finance.forms import FundingAllocationForm
from regie.finance.models import Financiering, FundingAllocation


def _budget_url(funding: Financiering) -> str:
    return f"{reverse('budget_overview')}?gemeente={funding.municipality_id}&jaar={funding.jaar}"


@requires(Permission.BUDGET_MANAGE)
def allocation_edit(request, funding: int, obj: int | None = None):
    served = served_municipality_ids(request.user)
    stream = get_object_or_404(
        Financiering.objects.select_related("municipality"), pk=funding, municipality__in=served
    )
    instance = (
        get_object_or_404(FundingAllocation, pk=obj, funding=stream)
        if obj
        else FundingAllocation(funding=stream)
    )
    if request.method == "POST" and obj and request.POST.get("action") == "verwijderen":
        audit.log(
            AuditAction.DELETE,
            obj=instance,
            avg_relevant=False,
            description=f"toewijzing {instance} verwijderd",
        )
        instance.delete()
        messages.success(request, _("De toewijzing is verwijderd."))
        return redirect(_budget_url(stream))
    before = {"activity": str(instance.activity) if obj else "", "amount": instance.amount}
    before["note"] = instance.note
    activities = (
        Activity.objects.in_reach_of(request.user)
        .select_related("municipality")
        .order_by("name", "id")
    )
    form = FundingAllocationForm(request.POST or None, instance=instance, activities=activities)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        if obj:
            changes = "; ".join(
                f"{name}: {before[name]} -> {getattr(saved, name)}" for name in form.changed_data
            )
            audit.log(
                AuditAction.UPDATE,
                obj=saved,
                avg_relevant=False,
                description=f"toewijzing {saved}: {changes or 'ongewijzigd'}",
            )
        else:
            audit.log(
                AuditAction.CREATE,
                obj=saved,
                avg_relevant=False,
                description=f"toewijzing {saved}",
            )
        messages.success(request, _("Opgeslagen."))
        return redirect(_budget_url(stream))
    return render(
        request,
        "finance/allocation_form.html",
        {"form": form, "stream": stream, "allocation": instance if obj else None},
    )
