from django.urls import path

from regie.monitoring import views

urlpatterns = [
    path("monitoring/", views.dashboard, name="monitoring_dashboard"),
    path("monitoring/cohorten/", views.cohorts, name="monitoring_cohorts"),
    path("monitoring/proces/", views.process, name="monitoring_process"),
    path("monitoring/borging/", views.borging, name="monitoring_borging"),
    path("monitoring/export/", views.export, name="monitoring_export"),
    path("monitoring/extract/", views.extract, name="monitoring_extract"),
]
