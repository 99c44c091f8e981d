from django.urls import path

from . import views

app_name = "products"
urlpatterns = [
    path("produkter/publiccode.json", views.publiccode_json, name="publiccode_json"),
    path("produkter/<slug:slug>/publiccode.yml", views.publiccode_yml, name="publiccode"),
]
