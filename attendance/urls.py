"""URLs for attendance, quorum and declarations of interest."""

from django.urls import path

from . import views

app_name = "attendance"
urlpatterns = [
    path("meetings/<int:pk>/", views.meeting_attendance, name="meeting"),
    path("meetings/<int:pk>/substitute/", views.substitute_add, name="substitute_add"),
    path("meetings/<int:pk>/apologies/", views.apologies_send, name="apologies_send"),
    path(
        "meetings/<int:pk>/apologies/withdraw/",
        views.apologies_withdraw,
        name="apologies_withdraw",
    ),
    path("meetings/<int:pk>/invite/", views.invite, name="invite"),
    path("meetings/<int:pk>/invite-committee/", views.invite_committee, name="invite_committee"),
    path("meetings/<int:pk>/history/", views.history, name="history"),
    path("meetings/<int:pk>/declarations/", views.declarations, name="declarations"),
    path("meetings/<int:pk>/quorum.json", views.quorum, name="quorum"),
    path("invitations/<int:pk>/remove/", views.invitation_remove, name="invitation_remove"),
    path(
        "invitations/<int:pk>/remove-substitute/",
        views.substitute_remove,
        name="substitute_remove",
    ),
    path("declarations/<int:pk>/remove/", views.declaration_remove, name="declaration_remove"),
    path("committees/<slug:short_name>/quorum/", views.quorum_rule, name="quorum_rule"),
    path("statistics/", views.statistics, name="statistics"),
    path("statistics.csv", views.statistics_csv, name="statistics_csv"),
]
