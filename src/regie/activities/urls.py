from django.urls import path

from regie.activities import views

P = "inburgeraars/<int:pk>/"
W = P + "weekprogramma/<int:programme>/"

urlpatterns = [
    # The menukaart and the lesson timetables.
    path("activiteiten/", views.activity_list, name="activity_list"),
    path("activiteiten/nieuw/", views.activity_create, name="activity_create"),
    path("activiteiten/<int:activity>/", views.activity_detail, name="activity_detail"),
    path("activiteiten/<int:activity>/wijzigen/", views.activity_edit, name="activity_edit"),
    path("activiteiten/<int:activity>/sessies/nieuw/", views.session_create, name="session_create"),
    path(
        "activiteiten/<int:activity>/sessies/<int:session>/",
        views.session_edit,
        name="session_edit",
    ),
    path(
        "activiteiten/<int:activity>/deelnemers/",
        views.activity_participants,
        name="activity_participants",
    ),
    path(
        "activiteiten/<int:activity>/sessies/<int:session>/aanwezigheid/",
        views.attendance_register,
        name="attendance_register",
    ),
    path("activiteiten/weekprogramma/", views.weekprogramme_group, name="weekprogramme_group"),
    path("lesroosters/", views.timetable_list, name="timetable_list"),
    path("lesroosters/nieuw/", views.lessongroup_create, name="lessongroup_create"),
    path("lesroosters/<int:activity>/wijzigen/", views.lessongroup_edit, name="lessongroup_edit"),
    path(
        "lesroosters/<int:activity>/blokken/nieuw/",
        views.lessonblock_create,
        name="lessonblock_create",
    ),
    path(
        "lesroosters/<int:activity>/blokken/<int:session>/",
        views.lessonblock_edit,
        name="lessonblock_edit",
    ),
    # One person.
    path(P + "activiteiten/", views.person_activities, name="person_activities"),
    path(P + "activiteiten/inschrijven/", views.person_enrol, name="person_enrol"),
    path(P + "beschikbaarheid/", views.availability_edit, name="availability_edit"),
    path(P + "pvt/", views.pvt_edit, name="pvt_edit"),
    path(P + "map/", views.map_edit, name="map_edit"),
    path(P + "weekprogramma/", views.weekprogramme_new, name="weekprogramme_new"),
    path(W, views.weekprogramme_detail, name="weekprogramme_detail"),
    path(W + "aanpassen/", views.weekprogramme_adjust, name="weekprogramme_adjust"),
    path(W + "bevestigen/", views.weekprogramme_confirm, name="weekprogramme_confirm"),
    path(W + "weekprogramma.pdf", views.weekprogramme_pdf, name="weekprogramme_pdf"),
    path(W + "weekprogramma.ics", views.weekprogramme_ics, name="weekprogramme_ics"),
]
