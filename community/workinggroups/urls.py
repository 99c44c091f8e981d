from django.urls import path

from . import views

urlpatterns = [
    path("arbejdsgrupper/<int:pk>/anmod/", views.request_to_join, name="working_group_request"),
    path("arbejdsgrupper/<int:pk>/forlad/", views.leave, name="working_group_leave"),
    path(
        "arbejdsgrupper/anmodninger/<int:pk>/traek-tilbage/",
        views.withdraw,
        name="working_group_request_withdraw",
    ),
]
