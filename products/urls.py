from django.urls import path

from . import publiccode

app_name = "products"
urlpatterns = [
    path("produkter/publiccode.json", publiccode.publiccode_json, name="publiccode_json"),
    path("produkter/<slug:slug>/publiccode.yml", publiccode.publiccode_yml, name="publiccode"),
]
