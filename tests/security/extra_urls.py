"""The project's URLs and one page more, to prove the matrix notices a page it does not know."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as project


def new_page(request: HttpRequest) -> HttpResponse:
    """A page nobody added to the matrix."""
    return HttpResponse("new")


urlpatterns = [*project, path("new-page/", new_page, name="new_page")]
