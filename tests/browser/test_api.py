"""The API in the browser: a member makes a token from the header's API link (shown once),
a script uses it, the member revokes it; the docs page runs Swagger UI from the product's own
files and its "Try it out" reads the API with the browser's session."""

import json
import re
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, email: str) -> None:
    page.goto("/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")


def _get(url: str, token: str) -> tuple[int, dict]:
    request = urllib.request.Request(url, headers={"Authorization": f"Token {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_a_member_makes_uses_and_revokes_a_token(world, meeting, live_server, page):
    _sign_in(page, world.member.email)
    page.get_by_role("link", name="API", exact=True).click()
    expect(page.get_by_role("heading", name="API tokens")).to_be_visible()
    page.get_by_label("What is the token for?").fill("Monthly actions report")
    page.get_by_role("button", name="Make a token").click()
    secret = page.locator("#token-secret").inner_text()
    assert re.fullmatch(r"pm_[0-9a-f]{64}", secret)
    page.screenshot(path="test-results/api-token-made.png")

    status, body = _get(f"{live_server.url}/api/v1/committees/", secret)
    assert status == 200 and body["results"][0]["short_name"] == world.committee.short_name

    # Shown once: the list names it, without the secret.
    page.goto("/api/tokens/")
    expect(page.locator("#tokens")).to_contain_text("Monthly actions report")
    expect(page.locator("main")).not_to_contain_text(secret)
    page.get_by_role("button", name="Revoke Monthly actions report").click()
    expect(page.locator("main")).to_contain_text("The token was revoked")
    expect(page.locator("#no-tokens")).to_be_visible()
    assert _get(f"{live_server.url}/api/v1/committees/", secret)[0] == 401


def test_the_docs_run_locally_and_try_it_out_with_the_session(world, meeting, live_server, page):
    hosts = set()
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    _sign_in(page, world.member.email)
    page.goto("/api/docs/")
    operation = page.locator("#operations-actions-actions_list")
    expect(operation).to_be_visible()
    operation.locator(".opblock-summary").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    status = operation.locator(".live-responses-table tbody td.response-col_status").first
    expect(status).to_have_text("200")
    page.screenshot(path="test-results/api-docs.png")
    assert hosts == {live_server.url.split("/")[2]}, hosts
