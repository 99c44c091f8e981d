from django.urls import include, path

from . import views

urlpatterns = [
    path("", include("community.ideas.urls")),
    path("medlemmer/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
]
