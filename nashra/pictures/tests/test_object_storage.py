"""Pictures on S3-compatible object storage, against a real S3 server on loopback (moto's
server mode): stored, served by the storage's own address, with the right cache life."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import boto3
import pytest
import requests
from bs4 import BeautifulSoup
from django.test import Client
from moto.moto_server.threaded_moto_server import ThreadedMotoServer

from nashra.newsroom import factories
from nashra.newsroom.share_cards import draw_waiting
from nashra.pictures import factories as picture_factories
from nashra.pictures.renditions import Made

pytestmark = pytest.mark.django_db

BUCKET = "nashra-media"
CREDENTIALS = {"access_key": "testing", "secret_key": "testing", "region_name": "us-east-1"}


@pytest.fixture
def object_storage(settings: Any) -> Iterator[Any]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    s3 = boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id="testing",
        aws_secret_access_key="testing", region_name="us-east-1",
    )
    s3.create_bucket(Bucket=BUCKET)
    # The settings a site on object storage gets from MEDIA_S3_* (settings/base.py).
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "nashra.pictures.storage.MediaStorage",
            "OPTIONS": {
                "bucket_name": BUCKET, "endpoint_url": endpoint, **CREDENTIALS,
                "custom_domain": f"{host}:{port}/{BUCKET}", "url_protocol": "http:",
                "querystring_auth": False, "file_overwrite": False,
                "default_acl": "public-read",
            },
        },
    }
    settings.MEDIA_URL = f"{endpoint}/{BUCKET}/"
    try:
        yield s3
    finally:
        server.stop()


def test_pictures_are_stored_and_served_from_object_storage(
    object_storage: Any, client: Client
) -> None:
    picture = picture_factories.picture("field", seed=4, size=(1300, 900))
    keys = {item["Key"] for item in object_storage.list_objects_v2(Bucket=BUCKET)["Contents"]}
    names = Made(picture.made).names()
    assert names and names <= keys
    assert picture.file.name in keys

    story = factories.article(factories.section(), "حقول القمح تنتظر المطر", lead_image=picture)
    response = client.get(story.url)
    page = BeautifulSoup(response.content, "html.parser")
    # The page's policy lets browsers load pictures from the storage's host.
    [img_src] = [part for part in response["Content-Security-Policy"].split("; ")
                 if part.startswith("img-src")]
    assert img_src.split()[-1] == "http://" + urlsplit(page.select_one("picture img")["src"]).netloc
    image = page.select_one(".article-lead-image picture img")
    address = image["src"]
    assert address.startswith("http://127.0.0.1:")
    answer = requests.get(address, timeout=10)
    assert answer.status_code == 200
    assert answer.headers["Content-Type"] == "image/jpeg"
    assert "immutable" in answer.headers["Cache-Control"]
    for source in page.select(".article-lead-image source"):
        first = source["srcset"].split(",")[0].split(" ")[0]
        fetched = requests.get(first, timeout=10)
        assert fetched.status_code == 200 and fetched.headers["Content-Type"] == source["type"]


def test_social_cards_are_drawn_into_object_storage(object_storage: Any, client: Client) -> None:
    story = factories.article(factories.section(), "المنتخب يصل إلى الدوحة")
    assert draw_waiting() == 1
    story.refresh_from_db()
    page = BeautifulSoup(client.get(story.url).content, "html.parser")
    address = page.select_one('meta[property="og:image"]')["content"]
    answer = requests.get(address, timeout=10)
    assert answer.status_code == 200 and answer.content.startswith(b"\xff\xd8")
