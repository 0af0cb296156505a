from django.urls import path

from regie.identity import views

urlpatterns = [
    path("inloggen/via/<slug:slug>/", views.oidc_start, name="oidc_start"),
    path("inloggen/oidc/terug/", views.oidc_callback, name="oidc_authentication_callback"),
    path("beheer/inlogdiensten/", views.provider_list, name="identity_provider_list"),
    path("beheer/inlogdiensten/nieuw/", views.provider_edit, name="identity_provider_create"),
    path("beheer/inlogdiensten/<int:pk>/", views.provider_edit, name="identity_provider_edit"),
    path(
        "beheer/inlogdiensten/<int:pk>/goedkeuren/",
        views.provider_approve,
        name="identity_provider_approve",
    ),
]
