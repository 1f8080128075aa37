"""The site's pictures: Wagtail's image, plus who made it and the renditions readers get.

Readers are never served anything made while they wait. The sizes and formats a page
needs are made in the background (renditions.py) and described in `made`, a small JSON
document read with the picture's row, so rendering a page does no image work and needs
no query beyond the one that loads its pictures.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from django.db import connection, connections, models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


def pictures_by_id(ids: set[int]) -> dict[int, Picture]:
    """The pictures with these ids, in one plain SQL statement.

    An uncached story page loads all its pictures so; building the same query through the
    ORM cost more than everything the pictures then add to the page.
    """
    if not ids:
        return {}
    statement = f"{_picture_statement()} WHERE id IN ({', '.join(['%s'] * len(ids))})"
    with connections[Picture.objects.db].cursor() as cursor:
        cursor.execute(statement, sorted(ids))
        rows = cursor.fetchall()
    pictures = [picture_from_row(row) for row in rows]
    return {picture.pk: picture for picture in pictures}


def picture_from_row(row: Any) -> Picture:
    """A picture from the values of SHOWN_FIELDS, in that order, as the database gave them."""
    values = list(row)
    made = SHOWN_FIELDS.index("made")
    # SQLite hands JSON back as text, psycopg as Python values.
    if isinstance(values[made], str):
        values[made] = json.loads(values[made])
    return Picture.from_db(Picture.objects.db, SHOWN_FIELDS, values)


# What pages read of a picture; the rest (file, sizes, focal point...) stays deferred.
SHOWN_FIELDS = ("id", "title", "description", "photographer", "agency", "made", "made_key")


@functools.cache
def _picture_statement() -> str:
    quoted = connection.ops.quote_name
    columns = ", ".join(
        quoted(Picture._meta.get_field(name).column) for name in SHOWN_FIELDS
    )
    return f"SELECT {columns} FROM {quoted(Picture._meta.db_table)}"


class Picture(AbstractImage):
    photographer = models.CharField(_("المصوّر"), max_length=120, blank=True)
    agency = models.CharField(
        _("الوكالة"), max_length=120, blank=True, help_text=_("مثل: رويترز، أو اسم الموقع")
    )
    # What renditions.py made, and for which source: see renditions.Made.
    made = models.JSONField(default=dict, blank=True, editable=False)
    made_key = models.CharField(max_length=80, blank=True, editable=False)
    # The source (file and focal point) the renditions must be made for; when it differs
    # from the one in `made`, the background job has work to do.
    wanted = models.CharField(max_length=80, blank=True, editable=False, db_index=True)

    admin_form_fields = (*Image.admin_form_fields, "photographer", "agency")

    class Meta(AbstractImage.Meta):
        verbose_name = _("صورة")
        verbose_name_plural = _("الصور")

    @property
    def credit(self) -> str:
        """«الصورة: ...»'s name part: the photographer and the agency, as known."""
        return " / ".join(part for part in (self.photographer, self.agency) if part)

    @property
    def alt(self) -> str:
        # Wagtail's "description" is the text that stands for the picture; it is never
        # replaced by the title, a file name that says nothing to a blind reader.
        return str(self.description)

    def source_key(self) -> str:
        """The file and the focal point: renditions made for another key are stale."""
        focal = (
            f"{self.focal_point_x}.{self.focal_point_y}."
            f"{self.focal_point_width}.{self.focal_point_height}"
            if self.has_focal_point()
            else "centre"
        )
        return f"{self.file_hash or self.file.name}:{focal}"[:80]

    @property
    def renditions_ready(self) -> bool:
        return bool(self.made.get("roles"))

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.file_hash and self.file:
            # The source key needs the hash; Wagtail computes it only in its own forms.
            self._set_file_hash()
        self.wanted = self.source_key()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "wanted", "file_hash"}
        super().save(*args, **kwargs)


class PictureRendition(AbstractRendition):
    """Wagtail's own renditions: the admin's thumbnails and choosers use them."""

    image = models.ForeignKey(Picture, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
