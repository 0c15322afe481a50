"""URLs of the public pages (no sign-in)."""

from django.urls import path

from . import views

app_name = "public"
urlpatterns = [
    path("", views.index, name="index"),
    path("meetings/<int:pk>/", views.meeting, name="meeting"),
    path("meetings/<int:pk>/ask/", views.ask, name="ask"),
    path("papers/<int:pk>/", views.paper, name="paper"),
    path("committees/<slug:short_name>/calendar.ics", views.calendar, name="calendar"),
]
