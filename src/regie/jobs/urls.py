from django.urls import path

from regie.jobs import views

urlpatterns = [
    path("taken/", views.job_list, name="job_list"),
    path("taken/<int:pk>/", views.job_detail, name="job_detail"),
    path("taken/<int:pk>/resultaat", views.job_download, name="job_download"),
    path("beheer/geplande-taken/", views.schedule_overview, name="schedule_overview"),
]
