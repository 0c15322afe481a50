"""Papers and evidence in an S3-compatible bucket (config/scale.py, issue #19), end to end.

The test starts an S3-compatible server on a loopback port and points STORAGES at it through the
same environment variables a deployment sets. MinIO's own server is a Go binary that no registry
this project may use ships (no PyPI, npm or Debian package carries it), so the server is moto's
(`moto[server]`, PyPI), which speaks the S3 API, signatures and ACLs included. Under CI the test
fails when the server cannot start; elsewhere it is skipped with the reason.

Files stay private: downloads go through the product's views (the access rule, then a stream
from the bucket), objects carry no public grant, and an anonymous GET of an object is refused.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from typing import Any

import environ
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from actions import services as action_services
from actions.models import ActionUpdate
from config import scale
from meetings.models import Paper
from tests.conftest import IN_CI
from tests.factories import person_in
from tests.meetings.test_pack import pdf_pages

pytestmark = pytest.mark.django_db

BUCKET = "partnership-files"
REGION = "eu-west-2"
SECRET_WORD = "Kittiwake"


@dataclass
class Server:
    """An S3-compatible server on this machine."""

    endpoint: str
    process: subprocess.Popen


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"The S3-compatible server for the storage tests is missing: {reason}")
    pytest.skip(f"No S3-compatible server ({reason}); CI runs this test")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _answers(endpoint: str) -> bool:
    try:
        with urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=1):
            return True
    except (urllib.error.URLError, OSError):
        return False


@pytest.fixture(scope="module")
def s3_server() -> Iterator[Server]:
    """moto's S3 server, started for these tests on a free loopback port and stopped after."""
    try:
        import moto.server  # noqa: F401
    except ImportError as error:
        _unavailable(f"moto[server] is not installed ({error}); pip install -e '.[test]'")
    port = _free_port()
    endpoint = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while not _answers(endpoint):
            if process.poll() is not None or time.monotonic() > deadline:
                _unavailable(f"moto's server did not answer on {endpoint}")
            time.sleep(0.1)
        yield Server(endpoint=endpoint, process=process)
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def bucket(s3_server: Server, settings, monkeypatch) -> Iterator[Any]:
    """A fresh private bucket, and STORAGES pointed at it as the environment would."""
    import boto3

    environment = {
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": s3_server.endpoint,
        "AWS_S3_REGION_NAME": REGION,
        "AWS_S3_ADDRESSING_STYLE": "path",
        "AWS_ACCESS_KEY_ID": "test-key",
        "AWS_SECRET_ACCESS_KEY": "test-secret",
    }
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=s3_server.endpoint, region_name=REGION)
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
    settings.STORAGES = {**settings.STORAGES, "default": scale.file_storage(environ.Env())}
    yield client
    for found in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=found["Key"])
    client.delete_bucket(Bucket=BUCKET)


def _anonymous_get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def _keys(client: Any) -> list[str]:
    return [found["Key"] for found in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_storage_is_the_local_disk_unless_a_bucket_is_named(monkeypatch):
    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)
    assert scale.file_storage(environ.Env())["BACKEND"] == scale.FILE_SYSTEM
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", BUCKET)
    options = scale.file_storage(environ.Env())["OPTIONS"]
    assert options["default_acl"] is None
    assert options["querystring_auth"] is True
    assert options["custom_domain"] is None
    assert options["querystring_expire"] <= 60
    # A large download spills to a temporary file rather than filling the worker's memory.
    assert 0 < options["max_memory_size"] <= 8 * 1024 * 1024


def test_a_paper_in_the_bucket_downloads_only_for_those_allowed(
    world, meeting, secret_item, signed_in, bucket, s3_server
):
    content = pdf_pages(SECRET_WORD, 2)
    response = signed_in(world.chair).post(
        reverse("meetings:paper_add", args=[secret_item.pk]),
        {"title": "Testimony", "upload": SimpleUploadedFile("testimony.pdf", content)},
    )
    assert response.status_code == 302
    paper = Paper.objects.get()
    # The file is in the bucket (under its random name), not on the local disk.
    assert _keys(bucket) == [paper.file.name]
    assert paper.content_type == "application/pdf"

    url = reverse("meetings:paper", args=[paper.pk])
    granted = signed_in(person_in(world.mopac, email="analyst@mopac.example")).get(url)
    assert granted.status_code == 200
    assert b"".join(granted.streaming_content) == content
    assert signed_in(world.member).get(url).status_code == 404
    assert signed_in(world.outsider).get(url).status_code == 404

    # The pack merges the paper, read from the bucket, for those granted it only.
    pack = signed_in(world.chair).get(reverse("meetings:agenda_pdf", args=[meeting.pk]))
    assert pack.status_code == 200
    text = "\n".join(p.extract_text() for p in PdfReader(BytesIO(pack.content)).pages)
    assert f"{SECRET_WORD} page 2" in text
    member_pack = signed_in(world.member).get(reverse("meetings:agenda_pdf", args=[meeting.pk]))
    assert SECRET_WORD not in "\n".join(
        p.extract_text() for p in PdfReader(BytesIO(member_pack.content)).pages
    )


def test_objects_in_the_bucket_are_private(world, secret_item, bucket, s3_server):
    from meetings import services

    paper = services.paper_add(
        item=secret_item, upload=SimpleUploadedFile("t.pdf", pdf_pages(SECRET_WORD, 1))
    )
    key = paper.file.name
    # No grant to everyone, and no bucket policy that could add one.
    grants = bucket.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
    assert not [g for g in grants if "AllUsers" in g["Grantee"].get("URI", "")]
    with pytest.raises(bucket.exceptions.ClientError):
        bucket.get_bucket_policy(Bucket=BUCKET)
    assert _anonymous_get(f"{s3_server.endpoint}/{BUCKET}/{key}") == 403
    # The check can tell: an object made public on purpose is read anonymously.
    bucket.put_object(Bucket=BUCKET, Key="public-control", Body=b"open", ACL="public-read")
    assert _anonymous_get(f"{s3_server.endpoint}/{BUCKET}/public-control") == 200
    # Should anything ask for a file's URL, it is signed and short-lived, never plain.
    signed = default_storage.url(key)
    assert "X-Amz-Signature=" in signed and "X-Amz-Expires=60" in signed


def test_evidence_in_the_bucket_downloads_only_for_those_allowed(world, meeting, signed_in, bucket):
    action, _ = action_services.action_create(
        by=world.clerk,
        committee=world.committee,
        agenda_item=meeting.items.get(title="Minutes of the last meeting"),
        description="Write to the Committee with CSE referrals by borough",
        owning_agency=world.mps,
    )
    letter = pdf_pages("Letter", 1)
    response = signed_in(world.lead).post(
        reverse("actions:update", args=[action.pk]),
        {"note": "Letter sent", "evidence": SimpleUploadedFile("letter.pdf", letter)},
    )
    assert response.status_code == 302
    update = ActionUpdate.objects.exclude(evidence="").get()
    assert _keys(bucket) == [update.evidence.name]
    url = reverse("actions:evidence", args=[update.pk])
    seen = signed_in(world.member).get(url)
    assert seen.status_code == 200
    assert b"".join(seen.streaming_content) == letter
    assert signed_in(world.outsider).get(url).status_code == 404


def test_a_refused_upload_leaves_nothing_in_the_bucket(world, meeting, signed_in, bucket):
    item = meeting.items.get(title="Any other business")
    response = signed_in(world.chair).post(
        reverse("meetings:paper_add", args=[item.pk]),
        {"upload": SimpleUploadedFile("report.pdf", b"<html>not a pdf</html>")},
    )
    assert response.status_code == 400
    assert not Paper.objects.exists()
    assert _keys(bucket) == []


def test_an_import_preview_is_kept_read_and_swept_in_the_bucket(bucket, monkeypatch):
    from django.utils import timezone

    from intake import previews

    session: dict = {}
    token = previews.keep(
        session, data=b"Ref,Action\n1,Write\n", committee_id=7, file_name="log.csv", digest="d"
    )
    found = previews.find(session, token, 7)
    assert found is not None and found.read() == b"Ref,Action\n1,Write\n"
    assert previews.find(session, token, 8) is None
    assert _keys(bucket) == [found.path]
    assert previews.sweep() == 0
    # Two days on the unconfirmed upload is swept (by the bucket's times, not the disk's). Only
    # the product's clock moves: the server would refuse signatures from two days ahead.
    later = timezone.now() + 2 * previews.STALE
    monkeypatch.setattr(previews.timezone, "now", lambda: later)
    assert previews.sweep() == 1
    assert _keys(bucket) == []
