"""URLs for minutes."""

from django.urls import path

from . import views

app_name = "minutes"
urlpatterns = [
    path("<int:pk>/", views.document, name="document"),
    path("<int:pk>/minutes.pdf", views.pdf, name="pdf"),
    path("<int:pk>/circulate/", views.circulate, name="circulate"),
    path("<int:pk>/approve/", views.approve, name="approve"),
    path("<int:pk>/comments/", views.comment, name="comment"),
    path("items/<int:pk>/", views.minute_edit, name="edit"),
    path("items/<int:pk>/amend/", views.minute_amend, name="amend"),
]
