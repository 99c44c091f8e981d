from django.urls import include, path

from .joining.invitations import accept_invitation

urlpatterns = [
    # Before the members' patterns, where "invitation" would be taken for an organisation's slug.
    path("medlemmer/invitation/<str:token>/", accept_invitation, name="join_invitation"),
    path("", include("community.following.urls")),
    path("", include("community.ideas.urls")),
    path("", include("community.projects.urls")),
    path("", include("community.workinggroups.urls")),
    path("", include("community.members.urls")),
]
