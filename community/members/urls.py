from django.urls import path

from . import views

urlpatterns = [
    path("medlemmer/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("medlemmer/<slug:slug>/rediger/", views.organisation_edit, name="organisation_edit"),
    path("min-side/", views.my_page, name="my_page"),
    path("min-side/mine-data/", views.my_data, name="my_data"),
    path("min-side/slet-konto/", views.delete_account, name="delete_account"),
]
