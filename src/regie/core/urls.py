from django.urls import path

from regie.core import health, inzage, reminders, transfer, verwerkingen, views

urlpatterns = [
    path("", views.home, name="home"),
    path("werkvoorraad/<slug:key>/", views.werkvoorraad_section, name="werkvoorraad_section"),
    path("gezondheid/live", health.live, name="health_live"),
    path("gezondheid/gereed", health.ready, name="health_ready"),
    path("inloggen/", views.login_view, name="login"),
    path("uitloggen/", views.logout_view, name="logout"),
    path("inloggen/code/", views.two_factor_verify, name="two_factor_verify"),
    path("account/tweestapsverificatie/", views.two_factor_setup, name="two_factor_setup"),
    path("account/herinneringen/", reminders.reminder_settings, name="reminder_settings"),
    path("beheer/gebruikers/", views.user_list, name="user_list"),
    path("beheer/gebruikers/nieuw/", views.user_edit, name="user_create"),
    path("beheer/gebruikers/<int:pk>/", views.user_edit, name="user_edit"),
    path("beheer/voorstellen/", views.proposal_list, name="proposal_list"),
    path("beheer/voorstellen/<int:pk>/beslissen/", views.proposal_decide, name="proposal_decide"),
    path("beheer/teams/<int:pk>/gemeenten/", views.team_municipalities, name="team_municipalities"),
    path("beheer/organisaties/", views.organisation_list, name="organisation_list"),
    path("beheer/gemeenten/<int:pk>/regels/", views.municipality_rules, name="municipality_rules"),
    path("beheer/gemeenten/overdracht/", transfer.transfer, name="municipality_transfer"),
    path("beheer/gemeenten/<int:pk>/export/", transfer.export, name="municipality_export_start"),
    path("beheer/gemeenten/import/", transfer.import_, name="municipality_import_start"),
    path("beheer/auditlog/", views.audit_log, name="audit_log"),
    path("beheer/auditlog/export.csv", views.audit_export, name="audit_export"),
    path("beheer/auditlog/export.xlsx", views.audit_export_xlsx, name="audit_export_xlsx"),
    path(
        "beheer/auditlog/verwerkingenlog.json", verwerkingen.export, name="verwerkingenlog_export"
    ),
    path(
        "beheer/verwerkingsactiviteiten/", verwerkingen.activiteiten, name="verwerkingsactiviteiten"
    ),
    path(
        "beheer/verwerkingsactiviteiten/<int:pk>/",
        verwerkingen.activiteit_edit,
        name="verwerkingsactiviteit_edit",
    ),
    path("inburgeraars/<int:pk>/inzage.json", inzage.inzage_json, name="inzage_json"),
    path("inburgeraars/<int:pk>/inzage.pdf", inzage.inzage_pdf, name="inzage_pdf"),
]
