"""URLs for the actions register, the action forms, the Summary of actions and the dashboard."""

from django.urls import path

from . import edit_views, views

app_name = "actions"
urlpatterns = [
    path("", views.register, name="register"),
    path("actions.csv", views.register_csv, name="csv"),
    path("new/", views.action_create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", edit_views.edit, name="edit"),
    path("<int:pk>/assign/", views.assign, name="assign"),
    path("<int:pk>/update/", views.update, name="update"),
    path("evidence/<int:pk>/", views.evidence, name="evidence"),
    path("summary/<int:pk>/", views.summary, name="summary"),
    path("summary/<int:pk>/summary-of-actions.pdf", views.summary_download, name="summary_pdf"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
