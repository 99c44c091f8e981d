from django.urls import path

from . import views

urlpatterns = [
    path("foelg/produkt/<int:pk>/", views.product_follow, name="product_follow"),
    path("foelg/stop/<str:token>/", views.product_unfollow, name="product_unfollow"),
]
