"""The OpenAPI schema is valid (drf-spectacular's validation) and its docs page loads Swagger UI
from the product's own static files, not a CDN."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db


def test_schema_is_valid_without_warnings(tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    text = out.read_text()
    for path in (
        "/api/v1/actions/",
        "/api/v1/actions/{id}/",
        "/api/v1/actions/{id}/updates/",
        "/api/v1/committees/{short_name}/",
        "/api/v1/items/",
        "/api/v1/meetings/{id}/",
    ):
        assert f"  {path}:" in text
    assert "tokenAuth" in text


def test_schema_is_served_as_openapi_3():
    answer = Client().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert answer.status_code == 200
    assert answer.json()["openapi"].startswith("3.")


def test_docs_load_their_assets_locally():
    client = Client()
    page = client.get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css|png))"', html)
    assert assets and all(a.startswith("/assets/") for a in assets), assets
    assert "cdn" not in html.lower() and "//" not in "".join(assets)
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
