from django.urls import path

from . import views
from .joining.invitations import accept_invitation

urlpatterns = [
    path("medlemmer/invitation/<str:token>/", accept_invitation, name="membership_invitation"),
    path("medlemmer/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
]
