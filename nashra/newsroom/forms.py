"""The story editor's form: what must hold before a story goes out to readers."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from nashra.newsroom.authors import Author
from nashra.pictures.blocks import picture_ids
from nashra.pictures.models import Picture


class ArticleForm(WagtailAdminPageForm):
    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()
        column, authors = cleaned.get("column"), cleaned.get("authors")
        if column is not None and authors is not None:
            # A column's piece is signed by the column's writer, whoever else wrote with them.
            cleaned["authors"] = authors | Author.objects.filter(pk=column.writer_id)
        # Drafts may be saved unfinished; publishing (now or scheduled) may not.
        if "action-publish" not in self.data:
            return cleaned
        lead = cleaned.get("lead_image")
        if lead is not None and not lead.alt.strip():
            self.add_error(
                "lead_image",
                _(
                    "لا يمكن نشر الخبر: الصورة الرئيسية «%(title)s» بلا نص بديل. افتح الصورة "
                    "في مكتبة الصور واكتب في حقل «النص البديل» ما تُظهره، ثم انشر من جديد."
                )
                % {"title": lead.title},
            )
        body = cleaned.get("body")
        if body is not None:
            missing = Picture.objects.filter(
                pk__in=picture_ids(body.get_prep_value()), description=""
            ).values_list("title", flat=True)
            if missing:
                self.add_error(
                    "body",
                    _(
                        "لا يمكن نشر الخبر: في المتن صور بلا نص بديل: %(titles)s. اكتب لكل "
                        "منها ما تُظهره في حقل «النص البديل» في مكتبة الصور."
                    )
                    % {"titles": "، ".join(f"«{title}»" for title in missing)},
                )
        return cleaned
