from django.urls import path

from . import views

urlpatterns = [
    path("medlemmer/", views.directory, name="directory"),
    path("medlemmer/forslag/", views.directory_suggestions, name="directory_suggestions"),
    path("soeg/", views.search, name="search"),
    path("soeg/forslag/", views.search_suggestions, name="search_suggestions"),
]
