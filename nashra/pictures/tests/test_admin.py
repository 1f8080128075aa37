"""The editors' side: uploads checked by content and cleaned, and no story published
with a lead image that says nothing to a reader who cannot see it."""

from __future__ import annotations

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from nashra.newsroom import factories
from nashra.newsroom.models import ArticlePage
from nashra.pictures import factories as picture_factories
from nashra.pictures.models import Picture
from nashra.pictures.scenes import draw_scene

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client: Client, admin_user_with_password) -> Client:
    user, _password = admin_user_with_password
    client.force_login(user)
    return client


def upload(editor_client: Client, name: str, data: bytes) -> tuple[int, str]:
    response = editor_client.post(
        reverse("wagtailimages:add"),
        {"title": "صورة", "description": "وصف", "collection": "1",
         "file": SimpleUploadedFile(name, data)},
    )
    return response.status_code, response.content.decode()


def jpeg_with_gps() -> bytes:
    image = Image.open(io.BytesIO(draw_scene("desert", seed=2, width=640, height=400)))
    exif = Image.Exif()
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (31.0, 57.0, 0.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


HOSTILE = {
    "polyglot.jpg": draw_scene("sea", seed=1, width=200, height=120)
    + b"<html><script>alert(1)</script></html>",
    "drawing.png": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "cut.jpg": draw_scene("city", seed=1, width=400, height=300)[:3000],
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_upload_gets_an_arabic_error_and_stores_nothing(editor_client, name) -> None:
    files_before = default_storage.listdir("original_images")[1] if default_storage.exists(
        "original_images") else []
    status, html = upload(editor_client, name, HOSTILE[name])
    assert status == 200  # the form again, with its error
    assert "error-message" in html or "w-field__errors" in html
    assert any(word in html for word in ("الصورة", "الملف"))
    assert not Picture.objects.exists()
    files_after = default_storage.listdir("original_images")[1] if default_storage.exists(
        "original_images") else []
    assert files_after == files_before


def test_an_accepted_upload_is_stored_without_its_location(editor_client) -> None:
    status, _html = upload(editor_client, "camera.jpg", jpeg_with_gps())
    assert status == 302
    picture = Picture.objects.get()
    with picture.open_file() as stored:
        kept = Image.open(io.BytesIO(stored.read()))
    assert not kept.getexif()
    assert picture.wanted and not picture.made  # renditions wait for the background


def publish_form(section, picture: Picture) -> dict[str, str]:
    return nested_form_data({
        "title": "افتتاح جسر جديد فوق النهر",
        "slug": "new-bridge",
        "body": streamfield([("paragraph", rich_text("<p>افتتح الجسر صباح اليوم.</p>"))]),
        "sources": inline_formset([]),
        "read_also_links": inline_formset([]),
        "lead_image": picture.pk,
        "comments_open": "on",
        "action-publish": "action-publish",
    })


def test_a_lead_image_without_alt_text_cannot_be_published(editor_client) -> None:
    section = factories.section()
    silent = picture_factories.picture(alt="", made=False)
    add = reverse("wagtailadmin_pages:add", args=("newsroom", "articlepage", section.pk))

    response = editor_client.post(add, publish_form(section, silent))

    assert response.status_code == 200
    html = response.content.decode()
    assert "لا يمكن نشر الخبر: الصورة الرئيسية" in html
    assert not ArticlePage.objects.filter(slug="new-bridge").exists()

    silent.description = "جسر حديدي فوق نهر عند الغروب"
    silent.save()
    response = editor_client.post(add, publish_form(section, silent))
    assert response.status_code == 302
    assert ArticlePage.objects.get(slug="new-bridge").live
