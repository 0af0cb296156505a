from django.urls import path

from regie.people import views

urlpatterns = [
    path("", views.person_list, name="person_list"),
    path("nieuw/", views.person_create, name="person_create"),
    path("<int:pk>/", views.person_detail, name="person_detail"),
    path("<int:pk>/wijzigen/", views.person_edit, name="person_edit"),
    path("<int:pk>/huishouden/", views.household_edit, name="household_edit"),
    path("<int:pk>/status/", views.person_status, name="person_status"),
    path("<int:pk>/gezondheid/", views.health_note_add, name="health_note_add"),
    path("<int:pk>/termijn/", views.termijn_detail, name="termijn_detail"),
    path("<int:pk>/termijn/duo-besluit/", views.duo_besluit_add, name="duo_besluit_add"),
    path(
        "<int:pk>/termijn/duo-besluit/<int:besluit>/advies.pdf",
        views.duo_besluit_advies,
        name="duo_besluit_advies",
    ),
    path("toegang/", views.grant_list, name="grant_list"),
    path("toegang/<int:pk>/beslissen/", views.grant_decide, name="grant_decide"),
]
