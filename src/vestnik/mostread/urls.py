"""The view beacon, outside the editions' prefixes: one endpoint for every edition."""

from django.urls import path

from vestnik.mostread import views

app_name = "mostread"
urlpatterns = [path("", views.beacon, name="beacon")]
