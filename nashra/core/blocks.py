"""StreamField blocks shared by every page that has a body."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("النص"))
    attribution = blocks.CharBlock(label=_("القائل"), required=False)

    class Meta:
        icon = "openquote"
        label = _("اقتباس")
        template = "core/blocks/quote.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("الصورة"))
    caption = blocks.CharBlock(label=_("التعليق"), required=False)
    credit = blocks.CharBlock(label=_("حقوق الصورة"), required=False)

    class Meta:
        icon = "image"
        label = _("صورة")
        template = "core/blocks/image.html"


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("فقرة"), features=PARAGRAPH_FEATURES, template="core/blocks/paragraph.html"
    )
    heading = blocks.CharBlock(
        label=_("عنوان فرعي"), icon="title", template="core/blocks/heading.html"
    )
    quote = QuoteBlock()
    image = ImageBlock()
    embed = EmbedBlock(label=_("تضمين"), icon="media", template="core/blocks/embed.html")
