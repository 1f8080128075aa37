"""The picture library's upload and edit form: every file is checked by its content."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from nashra.pictures.inspection import PictureRefused, inspect_picture


def upload_limits() -> dict[str, int]:
    return {
        "max_bytes": settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
        "max_pixels": settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS,
    }


def clean_upload(upload: Any) -> SimpleUploadedFile:
    """The upload as the site keeps it: checked, re-encoded, without metadata."""
    upload.seek(0)
    try:
        clean = inspect_picture(upload.read(), **upload_limits())
    except PictureRefused as refused:
        raise forms.ValidationError(refused.message, code="picture_refused") from None
    stem = str(getattr(upload, "name", "") or "picture").rsplit(".", 1)[0][:80] or "picture"
    return SimpleUploadedFile(
        f"{stem}.{clean.extension}", clean.data, content_type=f"image/{clean.extension}"
    )


class CheckedImageField(WagtailImageField):
    """Wagtail's field, given the upload only after our checks: its own checks decode the
    file and would fail with a server error on a truncated one."""

    def to_python(self, data: Any) -> Any:
        if data is not None and hasattr(data, "read"):
            data = clean_upload(data)
        return super().to_python(data)


class PictureForm(BaseImageForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            # The field Wagtail built, with its widget and limits, checked by content first.
            self.fields["file"].__class__ = CheckedImageField
        if "description" in self.fields:
            self.fields["description"].label = _("النص البديل")
            self.fields["description"].help_text = _(
                "ما تُظهره الصورة، لمن لا يراها (قارئ الشاشة، ومحركات البحث). "
                "لا يُنشر خبر صورتُه الرئيسية بلا نص بديل."
            )
