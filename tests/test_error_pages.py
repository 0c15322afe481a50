"""404, 403, 400, a refused form (CSRF) and 500 answer with the product's own pages: the base
layout, the page's name in the title and a link home, never Django's plain or debug pages."""

from __future__ import annotations

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path, reverse

from config.urls import urlpatterns as product_urlpatterns
from tests.test_page_markup import problems_of

pytestmark = pytest.mark.django_db


def _boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug the person must not see")


# This module doubles as a URLconf: the product's URLs and one that fails on purpose.
urlpatterns = [path("boom/", _boom), *product_urlpatterns]


def _assert_product_page(response, status: int, title: str) -> None:
    body = response.content.decode()
    assert response.status_code == status
    assert f"<title>{title} \u2013 Partnership meetings</title>" in body
    assert 'class="govuk-header' in body and 'class="govuk-footer' in body
    assert '<a class="govuk-link" href="/">Go to the home page</a>' in body
    assert "Traceback" not in body and "Django" not in body
    assert problems_of(body) == []


def test_404_is_the_products_page(world, signed_in):
    response = signed_in(world.member).get("/no-such-page/")
    _assert_product_page(response, 404, "Page not found")


def test_403_is_the_products_page(world, meeting, signed_in):
    response = signed_in(world.member).get(
        reverse("meetings:meeting_edit", kwargs={"pk": meeting.pk})
    )
    _assert_product_page(response, 403, "You cannot do that")


def test_400_is_the_products_page(client):
    # A Host header the site does not answer to is Django's SuspiciousOperation: a 400.
    response = client.get("/", HTTP_HOST="attacker.example")
    _assert_product_page(response, 400, "Bad request")


def test_refused_form_is_the_products_page(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.member, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(reverse("logout"))
    _assert_product_page(response, 403, "The form could not be sent")


def test_500_is_the_products_page(settings, world):
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    client.force_login(world.member, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get("/boom/")
    _assert_product_page(response, 500, "Sorry, there is a problem with the service")
    assert "a bug the person must not see" not in response.content.decode()
