"""StreamField blocks shared by every page that has a body."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock

from nashra.pictures.blocks import GalleryBlock, PictureBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("النص"))
    attribution = blocks.CharBlock(label=_("القائل"), required=False)

    class Meta:
        icon = "openquote"
        label = _("اقتباس")
        template = "core/blocks/quote.html"


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("فقرة"), features=PARAGRAPH_FEATURES, template="core/blocks/paragraph.html"
    )
    heading = blocks.CharBlock(
        label=_("عنوان فرعي"), icon="title", template="core/blocks/heading.html"
    )
    quote = QuoteBlock()
    image = PictureBlock()
    gallery = GalleryBlock()
    embed = EmbedBlock(label=_("تضمين"), icon="media", template="core/blocks/embed.html")
