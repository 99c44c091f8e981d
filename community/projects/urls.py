from django.urls import path

from . import views

urlpatterns = [
    path("projekter/", views.project_list, name="project_list"),
    path("projekter/<slug:slug>/", views.project_detail, name="project_detail"),
]
