"""Guidance pages: under the person (/inburgeraars/<pk>/begeleiding/...) and the register
pages of partners, volunteers and matching (/begeleiding/...). Included once at the root."""

from django.urls import path

from regie.guidance import views

person_urlpatterns = [
    path("inburgeraars/<int:pk>/begeleiding/", views.guidance_detail, name="guidance_detail"),
    path(
        "inburgeraars/<int:pk>/begeleiding/checklist/", views.checklist_edit, name="checklist_edit"
    ),
    path("inburgeraars/<int:pk>/begeleiding/toestemming/", views.consent_add, name="consent_add"),
    path(
        "inburgeraars/<int:pk>/begeleiding/toestemming/<int:consent_pk>/intrekken/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("inburgeraars/<int:pk>/begeleiding/verwijzing/", views.referral_add, name="referral_add"),
    path(
        "inburgeraars/<int:pk>/begeleiding/verwijzing/<int:referral_pk>/",
        views.referral_edit,
        name="referral_edit",
    ),
    path(
        "inburgeraars/<int:pk>/begeleiding/matchingprofiel/",
        views.profile_edit,
        name="profile_edit",
    ),
]

urlpatterns = person_urlpatterns + [
    path("begeleiding/partners/", views.partner_list, name="partner_list"),
    path("begeleiding/partners/nieuw/", views.partner_edit, name="partner_create"),
    path("begeleiding/partners/<int:partner_pk>/", views.partner_detail, name="partner_detail"),
    path(
        "begeleiding/partners/<int:partner_pk>/wijzigen/", views.partner_edit, name="partner_edit"
    ),
    path(
        "begeleiding/partners/<int:partner_pk>/contact/<int:contact_pk>/verwijderen/",
        views.partner_contact_delete,
        name="partner_contact_delete",
    ),
    path("begeleiding/samenwerking/", views.collaboration_overview, name="collaboration_overview"),
    path("begeleiding/vrijwilligers/", views.volunteer_list, name="volunteer_list"),
    path("begeleiding/vrijwilligers/nieuw/", views.volunteer_edit, name="volunteer_create"),
    path(
        "begeleiding/vrijwilligers/<int:volunteer_pk>/", views.volunteer_edit, name="volunteer_edit"
    ),
    path("begeleiding/maatjes/", views.matching_home, name="matching_home"),
    path("begeleiding/maatjes/voorstel/", views.matching_run, name="matching_run"),
    path(
        "begeleiding/maatjes/voorstel/<int:run_pk>/",
        views.matching_run_detail,
        name="matching_run_detail",
    ),
    path(
        "begeleiding/maatjes/voorstel/<int:run_pk>/paar/<int:pair_pk>/",
        views.pair_decide,
        name="pair_decide",
    ),
    path("begeleiding/maatjes/koppeling/<int:match_pk>/", views.match_detail, name="match_detail"),
    path(
        "begeleiding/maatjes/nieuwkomer/<int:pk>/",
        views.matching_profile_edit,
        name="matching_profile_edit",
    ),
    path(
        "begeleiding/maatjes/nieuwkomer/<int:pk>/koppelen/",
        views.maatje_link,
        name="maatje_link",
    ),
    path("begeleiding/instellingen/", views.guidance_settings, name="guidance_settings"),
]
