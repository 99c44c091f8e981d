from django.urls import include, path

from . import views
from .joining.invitations import accept_invitation

urlpatterns = [
    path("medlemmer/invitation/<str:token>/", accept_invitation, name="membership_invitation"),
    path("", include("community.ideas.urls")),
    path("medlemmer/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("medlemmer/<slug:slug>/rediger/", views.organisation_edit, name="organisation_edit"),
    path("min-side/", views.my_page, name="my_page"),
    path("min-side/mine-data/", views.my_data, name="my_data"),
    path("min-side/slet-konto/", views.delete_account, name="delete_account"),
]
