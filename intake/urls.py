"""URLs of intake: a committee's import page and the template to fill in."""

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "intake"

urlpatterns: list[URLPattern | URLResolver] = [
    path("action-log-template.csv", views.actions_template, name="actions_template"),
    path("<slug:short_name>/actions/", views.actions_upload, name="actions"),
    path("<slug:short_name>/actions/confirm/", views.actions_confirm, name="actions_confirm"),
]
