"""URLs of the second factor, under /account/two-factor/."""

from django.urls import path

from . import mfa_views as views

app_name = "mfa"
urlpatterns = [
    path("", views.account, name="account"),
    path("set-up/", views.setup, name="setup"),
    path("code/", views.verify, name="verify"),
    path("backup-codes/", views.backup_codes, name="backup_codes"),
    path("backup-codes/download/", views.backup_codes_download, name="backup_codes_download"),
    path("remove/", views.remove, name="remove"),
]
