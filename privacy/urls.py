from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("your-information.zip", views.my_export, name="my_export"),
]
