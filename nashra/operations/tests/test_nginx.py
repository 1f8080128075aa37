"""deploy/nginx.conf, run for real in front of the app: it caches, and the app purges it."""

from __future__ import annotations

import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from nashra.conftest import port_open, require_service
from nashra.newsroom import factories
from nashra.operations import nginx

pytestmark = pytest.mark.django_db(transaction=True)


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def proxy(live_server, settings, tmp_path: Path) -> Iterator[str]:
    require_service("nginx with the cache purge module", nginx.available())
    port = free_port()
    app = live_server.url.split("//")[1]
    main = nginx.write_configs(f"127.0.0.1:{port}", app, tmp_path)
    server = subprocess.Popen(
        ["nginx", "-c", str(main), "-p", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 20
    while not port_open("127.0.0.1", port):
        assert server.poll() is None, server.stderr.read() if server.stderr else ""
        assert time.monotonic() < deadline, "nginx did not start"
        time.sleep(0.1)
    settings.PAGE_CACHE_SECONDS = 600
    settings.VAR_DIR = tmp_path
    settings.SITE_URL = f"http://127.0.0.1:{port}"
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{port}",
        }
    }
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get("X-Proxy-Cache", "")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Proxy-Cache", "")


def test_the_configuration_is_valid(tmp_path: Path) -> None:
    require_service("nginx with the cache purge module", nginx.available())
    main = nginx.write_configs("127.0.0.1:8080", "127.0.0.1:8000", tmp_path)

    done = subprocess.run(
        ["nginx", "-t", "-c", str(main), "-p", str(tmp_path)], capture_output=True, text=True
    )

    assert done.returncode == 0, done.stderr


def test_the_proxy_keeps_pages_until_the_app_purges_them(proxy: str) -> None:
    factories.home_page()
    story = factories.article(factories.section("سياسة", slug="politics"), "خبر", slug="story")

    assert fetch(proxy + story.url) == (200, "MISS")
    assert fetch(proxy + story.url) == (200, "HIT")
    for listing in ("/", "/politics/", "/feed/"):
        fetch(proxy + listing)
        assert fetch(proxy + listing) == (200, "HIT")

    story.unpublish()

    assert fetch(proxy + story.url)[0] == 404
    for listing in ("/", "/politics/", "/feed/"):
        assert fetch(proxy + listing) == (200, "MISS")


def test_the_proxy_never_keeps_a_readers_form_token(proxy: str) -> None:
    factories.home_page()
    story = factories.article(factories.section("سياسة", slug="politics"), "خبر", slug="story")
    state = f"{proxy}/comments/{story.pk}/form/"

    fetch(state)

    assert fetch(state)[1] != "HIT"


@pytest.fixture
def media_on_disk(settings, tmp_path: Path) -> Path:
    """Uploads written to a media folder nginx can see, as in production."""
    media = tmp_path / "media"
    media.mkdir()
    settings.MEDIA_ROOT = media
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return media


def test_a_private_document_is_not_served_from_disk(media_on_disk: Path, proxy: str) -> None:
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection, CollectionViewRestriction

    # A live-server test's flush may have taken the migrations' root collection with it.
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    private = root.add_child(name="وثائق داخلية")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = get_document_model().objects.create(
        title="محضر الاجتماع", collection=private,
        file=ContentFile(b"%PDF-1.4 secret minutes", name="minutes.pdf"),
    )
    on_disk = media_on_disk / document.file.name
    assert on_disk.exists()

    def body_of(url: str) -> bytes:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return bytes(response.read())
        except urllib.error.HTTPError as error:
            return bytes(error.read())

    direct, _cache = fetch(f"{proxy}/media/{document.file.name}")

    assert direct == 404
    assert b"secret minutes" not in body_of(f"{proxy}/media/{document.file.name}")
    # Through the app, a stranger is sent to sign in instead.
    assert b"secret minutes" not in body_of(f"{proxy}{document.url}")
