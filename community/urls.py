from django.urls import path

from . import views

urlpatterns = [
    path("medlemmer/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
]
