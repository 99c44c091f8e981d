from django.urls import path

from . import views

urlpatterns = [
    path("ideer/", views.idea_list, name="idea_list"),
    path("ideer/ny/", views.idea_create, name="idea_create"),
    path("ideer/mine/", views.my_ideas, name="my_ideas"),
    path("ideer/<int:pk>/", views.idea_detail, name="idea_detail"),
    path("ideer/<int:pk>/rediger/", views.idea_edit, name="idea_edit"),
    path("ideer/<int:pk>/stoet/", views.idea_pledge, name="idea_pledge"),
    path("ideer/<int:pk>/stoet/aendr/", views.idea_pledge_change, name="idea_pledge_change"),
    path("ideer/<int:pk>/stoet/fortryd/", views.idea_pledge_withdraw, name="idea_pledge_withdraw"),
    path("ideer/<int:pk>/kommenter/", views.idea_comment, name="idea_comment"),
    path("ideer/<int:pk>/foelg/", views.idea_follow, name="idea_follow"),
    path("ideer/<int:pk>/kommentarer/<int:comment_pk>/anmeld/", views.comment_report, name="comment_report"),
    path("ideer/<int:pk>/bilag/<int:attachment_pk>/", views.idea_attachment, name="idea_attachment"),
]
