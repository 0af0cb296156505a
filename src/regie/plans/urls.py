from django.urls import path

from regie.plans import views

urlpatterns = [
    path("<int:pk>/pip/", views.pip_overview, name="pip_overview"),
    path("<int:pk>/pip/concept/", views.pip_concept, name="pip_concept"),
    path("<int:pk>/pip/<int:versie>/", views.pip_versie, name="pip_versie"),
    path("<int:pk>/pip/<int:versie>/vaststellen/", views.pip_vaststellen, name="pip_vaststellen"),
    path(
        "<int:pk>/pip/<int:versie>/verzonden/",
        views.pip_bekendmaking,
        name="pip_bekendmaking",
    ),
    path(
        "<int:pk>/pip/<int:versie>/beschikking.pdf",
        views.pip_beschikking,
        name="pip_beschikking",
    ),
    path("<int:pk>/voortgang/", views.voortgang_list, name="voortgang_list"),
    path("<int:pk>/voortgang/nieuw/", views.voortgang_form, name="voortgang_create"),
    path("<int:pk>/voortgang/<int:gesprek>/", views.voortgang_form, name="voortgang_edit"),
]
