"""Readers on a real streaming replica: what they read, what they write, when it fails.

The replica is a second PostgreSQL cluster made from the test cluster with
`pg_basebackup -R` (`streaming_replica.py`); the site is a real gunicorn with
DATABASE_REPLICA_URLS pointing at it. Pausing the replica's replay makes it lag as long
as a test needs, so what was read from where shows in the pages themselves.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from captcha.models import CaptchaStore
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from nashra.audience.models import ViewTotal
from nashra.audience.tests.conftest import reader_headers
from nashra.audience.tests.servers import database_url, post, run_command
from nashra.comments.factories import comment_policy
from nashra.comments.models import Comment
from nashra.conftest import sign_in_over_http
from nashra.newsroom import factories
from nashra.operations.tests.streaming_replica import ReplicaUnavailable, StreamingReplica
from nashra.operations.tests.test_outages import gunicorn, site_environment

pytestmark = pytest.mark.django_db(transaction=True)

FIRST_TITLE = "افتتاح جسر المشاة فوق النهر بعد عامين من العمل"
SAVED_TITLE = "افتتاح جسر المشاة فوق النهر أمام المارة صباح اليوم"
JSON = {"Accept": "application/json", "X-Requested-With": "XMLHttpRequest"}


@pytest.fixture(scope="module")
def replica(django_db_setup: Any, django_db_blocker: Any) -> Iterator[StreamingReplica]:
    if connection.vendor != "postgresql":
        pytest.skip("a streaming replica is PostgreSQL's: these run on the PostgreSQL pass")
    made = StreamingReplica(connection.settings_dict)
    try:
        made.create()
    except ReplicaUnavailable as error:
        made.destroy()
        if os.environ.get("NASHRA_REQUIRE_SERVICES") == "1":
            pytest.fail(f"a streaming replica is required (NASHRA_REQUIRE_SERVICES=1): {error}")
        pytest.skip(f"no streaming replica: {error}")
    yield made
    made.destroy()


@pytest.fixture(scope="module")
def state_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sites' state folder, with the static files their pages name."""
    folder = tmp_path_factory.mktemp("replica-site")
    environment = site_environment(folder)
    subprocess.run([sys.executable, "-m", "nashra", "collectstatic", "--noinput", "-v", "0"],
                   env=environment, check=True, timeout=300)
    return folder


@pytest.fixture
def caught_up(replica: StreamingReplica) -> Iterator[StreamingReplica]:
    """The replica replaying again and level with the primary, before and after a test."""
    replica.start_if_stopped()
    replica.resume()
    yield replica
    replica.start_if_stopped()
    replica.resume()


def site(folder: Path, replica: StreamingReplica, **extra: str) -> dict[str, str]:
    return site_environment(
        folder, DATABASE_URL=database_url(), DATABASE_REPLICA_URLS=replica.url(), **extra
    )


def page_text(url: str, session: requests.Session | None = None) -> str:
    answer = (session or requests).get(url, timeout=30)
    assert answer.status_code == 200, (answer.status_code, answer.text[:300])
    return answer.text


def test_readers_read_from_the_replica_and_an_editor_sees_the_save(
    caught_up: StreamingReplica, state_folder: Path, django_user_model: Any
) -> None:
    story = factories.article(factories.section("محليات", slug="local"), FIRST_TITLE, slug="bridge")
    # An earlier test's flush may have taken the editorial groups with it: a chief editor
    # needs none. The tests' fast hasher is unknown to the site's settings.
    editor = django_user_model.objects.create_superuser("chief", "", "unused")
    editor.password = PBKDF2PasswordHasher().encode("chief-pass-1", "replica-tests-salt")
    editor.save()
    caught_up.catch_up()

    with gunicorn(site(state_folder, caught_up)) as base:
        editors_session, _ = sign_in_over_http(base, "chief", "chief-pass-1")
        # A query string keeps each reader's request out of the page cache.
        assert FIRST_TITLE in page_text(f"{base}{story.url}?reader=1")

        caught_up.pause()
        story.title = SAVED_TITLE
        story.save_revision().publish()

        readers_page = page_text(f"{base}{story.url}?reader=2")
        assert FIRST_TITLE in readers_page and SAVED_TITLE not in readers_page
        assert SAVED_TITLE in page_text(f"{base}{story.url}", editors_session)

        caught_up.resume()
        caught_up.catch_up()
        assert SAVED_TITLE in page_text(f"{base}{story.url}?reader=3")


def test_what_readers_submit_while_the_replica_lags_reaches_the_primary(
    caught_up: StreamingReplica, state_folder: Path
) -> None:
    story = factories.article(factories.section("محليات", slug="local"), FIRST_TITLE, slug="bridge")
    comment_policy(min_fill_seconds=0, moderation="pre")
    caught_up.catch_up()
    caught_up.pause()

    with gunicorn(site(state_folder, caught_up, TRUSTED_PROXIES="1")) as base:
        with requests.Session() as reader:
            state = reader.get(f"{base}/comments/{story.pk}/form/", headers=JSON).json()
            # The captcha the form's state just stored is not on the lagging replica yet:
            # its image must still show.
            image = reader.get(base + state["captcha"]["image_url"], timeout=30)
            assert image.status_code == 200
            assert image.headers["Content-Type"].startswith("image/")
            answer = CaptchaStore.objects.get(hashkey=state["captcha"]["key"]).response
            posted = reader.post(
                f"{base}/comments/{story.pk}/post/",
                data={"name": "سلمى", "email": "", "body": "تعليق كُتب والنسخة متأخرة",
                      "parent": "", "website": "", "token": state["token"],
                      "captcha_0": state["captcha"]["key"], "captcha_1": answer},
                headers=JSON, timeout=30,
            )
            assert posted.status_code == 201, posted.text
            assert posted.json()["ok"] is True

        assert post(int(base.rsplit(":", 1)[1]), f"/audience/views/{story.pk}/",
                    reader_headers(7)) == (204, "counted")

    flushed = run_command(state_folder, "flush_views")
    assert flushed.wait(timeout=120) == 0
    assert Comment.objects.filter(article=story, body="تعليق كُتب والنسخة متأخرة").count() == 1
    assert ViewTotal.objects.get(article=story).total == 1
    with caught_up.connection() as on_replica:
        assert on_replica.execute(
            f"SELECT count(*) FROM {Comment._meta.db_table} WHERE body = %s",
            ["تعليق كُتب والنسخة متأخرة"],
        ).fetchone()[0] == 0, "the replica was meant to lag"

    caught_up.resume()
    caught_up.catch_up()
    with caught_up.connection() as on_replica:
        assert on_replica.execute(
            f"SELECT count(*) FROM {Comment._meta.db_table} WHERE body = %s",
            ["تعليق كُتب والنسخة متأخرة"],
        ).fetchone()[0] == 1


def test_when_the_replica_stops_readers_are_served_from_the_primary(
    caught_up: StreamingReplica, state_folder: Path
) -> None:
    story = factories.article(factories.section("محليات", slug="local"), FIRST_TITLE, slug="bridge")
    caught_up.catch_up()

    environment = site(state_folder, caught_up, DATABASE_REPLICA_RETRY_SECONDS="2")
    with gunicorn(environment) as base:
        # Every thread of the worker holds a connection to the replica when it stops.
        for reader in range(20):
            assert FIRST_TITLE in page_text(f"{base}{story.url}?reader={reader}")
        caught_up.stop()

        statuses = [
            requests.get(f"{base}{story.url}?reader=after-{reader}", timeout=30)
            for reader in range(40)
        ]
        assert [answer.status_code for answer in statuses] == [200] * 40
        assert all(FIRST_TITLE in answer.text for answer in statuses)

        # Back, it is read from again once the process tries it anew.
        caught_up.start()
        caught_up.pause()
        story.title = SAVED_TITLE
        story.save_revision().publish()
        time.sleep(2.5)
        pages = [page_text(f"{base}{story.url}?reader=back-{n}") for n in range(10)]
        assert any(FIRST_TITLE in page for page in pages), "the replica was not read again"
