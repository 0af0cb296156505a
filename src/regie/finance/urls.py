from django.urls import path

from regie.finance import allocation_views, views

urlpatterns = [
    # The person's ontzorging and money training.
    path("inburgeraars/<int:pk>/ontzorging/", views.ontzorging_detail, name="ontzorging_detail"),
    path(
        "inburgeraars/<int:pk>/ontzorging/gegevens/",
        views.ontzorging_edit,
        name="ontzorging_edit",
    ),
    path(
        "inburgeraars/<int:pk>/ontzorging/verlengen/",
        views.ontzorging_extend,
        name="ontzorging_extend",
    ),
    path(
        "inburgeraars/<int:pk>/ontzorging/uitkering/",
        views.ontzorging_uitkering,
        name="ontzorging_uitkering",
    ),
    path("inburgeraars/<int:pk>/ontzorging/posten/nieuw/", views.post_add, name="post_add"),
    path(
        "inburgeraars/<int:pk>/ontzorging/uitkering/<int:uitkering>/corrigeren/",
        views.uitkering_correct,
        name="uitkering_correct",
    ),
    path(
        "inburgeraars/<int:pk>/ontzorging/correcties/<int:correctie>/",
        views.uitkering_correctie,
        name="uitkering_correctie",
    ),
    path(
        "inburgeraars/<int:pk>/ontzorging/posten/<int:post>/",
        views.post_change,
        name="post_change",
    ),
    path(
        "inburgeraars/<int:pk>/ontzorging/posten/<int:post>/controleren/",
        views.post_check,
        name="post_check",
    ),
    path(
        "inburgeraars/<int:pk>/ontzorging/verzonden/<slug:besluit>/",
        views.ontzorging_bekendmaking,
        name="ontzorging_bekendmaking",
    ),
    path(
        "inburgeraars/<int:pk>/ontzorging/afbouw/",
        views.ontzorging_afbouw,
        name="ontzorging_afbouw",
    ),
    path(
        "inburgeraars/<int:pk>/geldtraining/nieuw/",
        views.geldtraining_edit,
        name="geldtraining_add",
    ),
    path(
        "inburgeraars/<int:pk>/geldtraining/<int:deelname>/",
        views.geldtraining_edit,
        name="geldtraining_edit",
    ),
    path("financien/geldtraining/", views.geldtraining_groups, name="geldtraining_groups"),
    # Payment runs.
    path("financien/betaalruns/", views.betaalrun_list, name="betaalrun_list"),
    path("financien/betaalruns/nieuw/", views.betaalrun_create, name="betaalrun_create"),
    path("financien/betaalruns/<int:run>/", views.betaalrun_detail, name="betaalrun_detail"),
    path(
        "financien/betaalruns/<int:run>/goedkeuren/",
        views.betaalrun_approve,
        name="betaalrun_approve",
    ),
    path(
        "financien/betaalruns/<int:run>/posten-toevoegen/",
        views.betaalrun_add_posts,
        name="betaalrun_add_posts",
    ),
    path(
        "financien/betaalruns/<int:run>/exporteren/",
        views.betaalrun_export,
        name="betaalrun_export",
    ),
    path(
        "financien/betaalruns/<int:run>/annuleren/",
        views.betaalrun_cancel,
        name="betaalrun_cancel",
    ),
    path("financien/betaalruns/<int:run>/sepa.xml", views.betaalrun_sepa, name="betaalrun_sepa"),
    path("financien/betaalruns/<int:run>/lijst.xlsx", views.betaalrun_xlsx, name="betaalrun_xlsx"),
    path("financien/betaalruns/<int:run>/lijst.pdf", views.betaalrun_pdf, name="betaalrun_pdf"),
    # Budget and forecast.
    path("financien/budget/", views.budget_overview, name="budget_overview"),
    path("financien/budget/export.xlsx", views.budget_xlsx, name="budget_xlsx"),
    path("financien/budget/financiering/nieuw/", views.financiering_edit, name="financiering_add"),
    path(
        "financien/budget/financiering/<int:obj>/",
        views.financiering_edit,
        name="financiering_edit",
    ),
    path(
        "financien/budget/financiering/<int:funding>/toewijzing/nieuw/",
        allocation_views.allocation_edit,
        name="allocation_add",
    ),
    path(
        "financien/budget/financiering/<int:funding>/toewijzing/<int:obj>/",
        allocation_views.allocation_edit,
        name="allocation_edit",
    ),
    path("financien/budget/contracten/nieuw/", views.contract_edit, name="contract_add"),
    path("financien/budget/contracten/<int:obj>/", views.contract_edit, name="contract_edit"),
    path("financien/prognose/", views.prognose, name="prognose"),
    path("financien/prognose/export.xlsx", views.prognose_xlsx, name="prognose_xlsx"),
    path("financien/prognose/scenario/nieuw/", views.scenario_edit, name="scenario_add"),
    path("financien/prognose/scenario/<int:obj>/", views.scenario_edit, name="scenario_edit"),
    path("financien/instellingen/", views.finance_settings, name="finance_settings"),
    path("financien/crediteuren/", views.crediteuren, name="crediteuren"),
    path("financien/crediteuren/<int:obj>/", views.crediteuren, name="crediteur_edit"),
]
