from django.urls import path

from . import views

app_name = "products"
urlpatterns = [
    path("produkter/<slug:slug>/publiccode.yml", views.publiccode_yml, name="publiccode"),
]
