"""Intake pages, nested under the person: /inburgeraars/<pk>/intake/..., /toets/..."""

from django.urls import path

from regie.intake import views

urlpatterns = [
    path("<int:pk>/intake/", views.intake_detail, name="intake_detail"),
    path("<int:pk>/intake/wijzigen/", views.intake_edit, name="intake_edit"),
    path("<int:pk>/intake/gesprek/", views.gesprek_add, name="intake_gesprek_add"),
    path(
        "<int:pk>/intake/gesprek/<int:gesprek_pk>/corrigeren/",
        views.gesprek_correct,
        name="intake_gesprek_correct",
    ),
    path("<int:pk>/intake/afronden/", views.intake_complete, name="intake_complete"),
    path("<int:pk>/intake/heropenen/", views.intake_reopen, name="intake_reopen"),
    path("<int:pk>/intake/oproep/", views.oproep_add, name="intake_oproep_add"),
    path(
        "<int:pk>/intake/oproep/<int:oproep_pk>/verwerken/",
        views.oproep_result,
        name="intake_oproep_result",
    ),
    path(
        "<int:pk>/intake/oproep/<int:oproep_pk>/brief/",
        views.oproep_brief,
        name="intake_oproep_brief",
    ),
    path("<int:pk>/toets/", views.toets_detail, name="toets_detail"),
    path("<int:pk>/toets/plannen/", views.toets_plan, name="toets_plan"),
    path("<int:pk>/toets/ontheffing/", views.toets_exemption, name="toets_exemption"),
    path("<int:pk>/toets/<int:toets_pk>/uitslag/", views.toets_result, name="toets_result"),
]
