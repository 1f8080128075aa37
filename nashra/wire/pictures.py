"""A story's picture from the wire: found in the feed or on the page, fetched, checked.

The picture is fetched by the same client as the story, with its private-address and
size guards, and then passes the same content checks as an editor's upload. A picture
that fails any of these is left out and the reason reported; the story itself is taken
all the same, as losing a story over its photo would be the worse outcome.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from nashra.core.web_addresses import web_address
from nashra.pictures.forms import upload_limits
from nashra.pictures.inspection import CleanPicture, PictureRefused, inspect_picture
from nashra.wire.fetch import Client, FetchError


@dataclass(frozen=True)
class OfferedPicture:
    """A picture a source names for a story, with the words it gives about it."""

    url: str
    caption: str = ""
    alt: str = ""
    photographer: str = ""


@dataclass(frozen=True)
class FetchedPicture:
    offered: OfferedPicture
    clean: CleanPicture


def fetch_picture(client: Client, offered: OfferedPicture) -> FetchedPicture:
    """The checked picture; FetchError with the reason when it cannot be taken."""
    address = web_address(offered.url)
    if not address:
        raise FetchError(_("رابط الصورة ليس عنوان ويب: %(url)s") % {"url": offered.url[:200]})
    # Photos are larger than pages: the upload limit applies, not the page limit.
    picture_client = dataclasses.replace(
        client, max_bytes=int(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)
    )
    response = picture_client.get(address)
    try:
        clean = inspect_picture(response.body, **upload_limits())
    except PictureRefused as refused:
        raise FetchError(
            _("صورة الخبر مرفوضة (%(url)s): %(reason)s")
            % {"url": address[:200], "reason": refused.message}
        ) from None
    return FetchedPicture(offered, clean)
