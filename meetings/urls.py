"""URLs for committees, meetings, agendas and their exports."""

from django.urls import path

from . import confirm_views, exports, item_views, question_views, views

app_name = "meetings"
urlpatterns = [
    path("", views.committee_list, name="committees"),
    path("committees/<slug:short_name>/", views.committee_detail, name="committee"),
    path("committees/<slug:short_name>/new-meeting/", views.meeting_create, name="meeting_create"),
    path("<int:pk>/", views.meeting_detail, name="meeting"),
    path("<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("<int:pk>/agenda/", views.agenda_editor, name="editor"),
    path("<int:pk>/agenda/add/", views.item_add, name="item_add"),
    path("<int:pk>/publish/", views.agenda_publish, name="publish"),
    path("<int:pk>/cancel/", confirm_views.meeting_cancel, name="cancel"),
    path("<int:pk>/held/", views.meeting_mark_held, name="mark_held"),
    path("<int:pk>/versions/", views.version_list, name="versions"),
    path("<int:pk>/questions/", question_views.question_queue, name="questions"),
    path("questions/<int:pk>/decide/", question_views.question_decide, name="question_decide"),
    path("<int:pk>/versions/<int:number>/", views.version_detail, name="version"),
    path("items/<int:pk>/", item_views.item_edit, name="item_edit"),
    path("items/<int:pk>/move/", views.item_move, name="item_move"),
    path("items/<int:pk>/delete/", confirm_views.item_delete, name="item_delete"),
    path("items/<int:pk>/access/", item_views.item_access, name="item_access"),
    path("items/<int:pk>/papers/", item_views.paper_add, name="paper_add"),
    path("items/<int:pk>/questions/", item_views.question_add, name="question_add"),
    path("papers/<int:pk>/", item_views.paper_download, name="paper"),
    path("papers/<int:pk>/delete/", confirm_views.paper_delete, name="paper_delete"),
    path("<int:pk>/agenda.pdf", exports.agenda_pdf, name="agenda_pdf"),
    path("<int:pk>/meeting.ics", exports.meeting_ics, name="meeting_ics"),
    path("calendar/", exports.calendar_settings, name="calendar"),
    path("calendar/feed/<str:token>.ics", exports.calendar_feed, name="calendar_feed"),
]
