"""URLs for attendance, quorum and declarations of interest."""

from django.urls import path

from . import invitation_views, statistics_views, views

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
    path("meetings/<int:pk>/invite/", invitation_views.invite, name="invite"),
    path(
        "meetings/<int:pk>/invite-committee/",
        invitation_views.invite_committee,
        name="invite_committee",
    ),
    path("meetings/<int:pk>/history/", views.history, name="history"),
    path("meetings/<int:pk>/declarations/", invitation_views.declarations, name="declarations"),
    path("meetings/<int:pk>/quorum.json", views.quorum, name="quorum"),
    path(
        "invitations/<int:pk>/remove/", invitation_views.invitation_remove, name="invitation_remove"
    ),
    path(
        "invitations/<int:pk>/remove-substitute/",
        views.substitute_remove,
        name="substitute_remove",
    ),
    path(
        "declarations/<int:pk>/remove/",
        invitation_views.declaration_remove,
        name="declaration_remove",
    ),
    path("committees/<slug:short_name>/quorum/", statistics_views.quorum_rule, name="quorum_rule"),
    path("statistics/", statistics_views.statistics, name="statistics"),
    path("statistics.csv", statistics_views.statistics_csv, name="statistics_csv"),
]
