from django.urls import path

from . import views

app_name = "inbox"
urlpatterns = [
    path("", views.message_list, name="list"),
    path("<int:pk>/read/", views.message_read, name="read"),
    path("read-all/", views.message_read_all, name="read_all"),
]
