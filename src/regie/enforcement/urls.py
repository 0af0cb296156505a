from django.urls import path

from regie.enforcement import procedure_views, views

P = "inburgeraars/<int:pk>/"
HH = P + "handhaving/<int:zaak>/"
BZ = P + "bezwaar/<int:bezwaar>/"

urlpatterns = [
    path(P + "handhaving/nieuw/", views.handhaving_create, name="handhaving_create"),
    path(HH, views.handhaving_detail, name="handhaving_detail"),
    path(HH + "brief/<int:brief>.pdf", views.handhaving_brief, name="handhaving_brief"),
    path(
        HH + "brief/<int:brief>/verzonden/",
        views.handhaving_brief_verzonden,
        name="handhaving_brief_verzonden",
    ),
    path(HH + "<slug:step>/", views.handhaving_step, name="handhaving_step"),
    path(P + "bezwaar/nieuw/", views.bezwaar_create, name="bezwaar_create"),
    path(BZ, views.bezwaar_detail, name="bezwaar_detail"),
    path(BZ + "advies/", views.bezwaar_advies, name="bezwaar_advies"),
    path(BZ + "intrekking/", views.bezwaar_intrekking, name="bezwaar_intrekking"),
    path(BZ + "hoorzitting/", views.hoorzitting_plan, name="hoorzitting_plan"),
    path(
        BZ + "hoorzitting/<int:hoorzitting>/",
        views.hoorzitting_verslag,
        name="hoorzitting_verslag",
    ),
    path(BZ + "verdaging/", views.bezwaar_verdaging, name="bezwaar_verdaging"),
    path(BZ + "beslissing/", views.bezwaar_beslissing, name="bezwaar_beslissing"),
    path(BZ + "brief/<int:brief>.pdf", views.bezwaar_brief, name="bezwaar_brief"),
    path(
        BZ + "brief/<int:brief>/verzonden/",
        views.bezwaar_brief_verzonden,
        name="bezwaar_brief_verzonden",
    ),
    path(
        BZ + "procedure/<slug:step>/",
        procedure_views.bezwaar_procedure,
        name="bezwaar_procedure",
    ),
    path(
        BZ + "procedure/<slug:step>/<int:item>/",
        procedure_views.bezwaar_procedure_item,
        name="bezwaar_procedure_item",
    ),
    path(BZ + "beroep/nieuw/", views.beroep_create, name="beroep_create"),
    path(BZ + "beroep/<int:beroep>/", views.beroep_edit, name="beroep_edit"),
    path("handhaving/cijfers/", views.figures, name="handhaving_figures"),
]
