from django.urls import path

from . import views

urlpatterns = [
    path("arbejdsgrupper/<int:pk>/anmod/", views.request_to_join, name="working_group_request"),
]
