"""Who signs the stories: authors (staff or guest writers) and the opinion columns.

An author is a byline with a page of their own, not an account: a guest writer never
logs in, and a staff writer's account is linked only so the newsroom knows who is who.
A column is a named opinion slot held by one writer; a story that belongs to a column is
opinion, labelled as such everywhere it is shown.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet

from nashra.core.web_addresses import WebAddressField, web_address

# Where an author's links point, in the order their page lists them.
AUTHOR_LINKS = (
    ("website", _("الموقع الشخصي")),
    ("x_url", _("إكس")),
    ("facebook_url", _("فيسبوك")),
)


def unique_slug(model: Any, text: str, pk: int | None, fallback: str) -> str:
    """A slug of `text` no other row of `model` holds: `name`, `name-2`, `name-3`…"""
    base = slugify(text, allow_unicode=True)[:70] or fallback
    taken = set(
        model._default_manager.filter(slug__startswith=base)
        .exclude(pk=pk)
        .values_list("slug", flat=True)
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


@register_snippet
class Author(models.Model):
    name = models.CharField(_("الاسم"), max_length=120, unique=True)
    slug = models.SlugField(
        _("المعرّف في الرابط"),
        max_length=80,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text=_("يُشتق من الاسم إن تُرك فارغاً."),
    )
    job_title = models.CharField(
        _("الصفة"), max_length=120, blank=True, help_text=_("مثل: مراسلة الشؤون البرلمانية")
    )
    bio = models.TextField(_("نبذة"), blank=True)
    photo = models.ForeignKey(
        "pictures.Picture",
        verbose_name=_("الصورة"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    guest = models.BooleanField(
        _("كاتب ضيف"), default=False, help_text=_("يكتب لنا من خارج فريق التحرير.")
    )
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("حساب المحرر"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author",
        help_text=_("اختياري: الكتّاب الضيوف لا حساب لهم."),
    )
    website = WebAddressField(_("الموقع الشخصي"), max_length=500, blank=True)
    x_url = WebAddressField(_("حساب إكس"), max_length=500, blank=True)
    facebook_url = WebAddressField(_("صفحة فيسبوك"), max_length=500, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("job_title"), FieldPanel("guest")]),
        FieldPanel("photo"),
        FieldPanel("bio"),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("x_url"), FieldPanel("facebook_url")],
            heading=_("الروابط"),
        ),
        FieldPanel("account"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("كاتب")
        verbose_name_plural = _("الكتّاب")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Authors are also made by name alone (imports, the wire), which must still give
        # each a page address.
        if not self.slug:
            self.slug = unique_slug(Author, self.name, self.pk, "author")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("author", args=[self.slug])

    @property
    def links(self) -> list[tuple[str, str, str]]:
        """(field, label, address) of each link the author has.

        Read through `web_address` again: a row written by an update() skipped the
        field's own check, and these addresses become a reader's links.
        """
        found = [(field, str(label), web_address(getattr(self, field)))
                 for field, label in AUTHOR_LINKS]
        return [link for link in found if link[2]]


def author_paths(slug: str) -> list[str]:
    """The addresses that show an author's stories: what a change to them must purge."""
    page = reverse("author", args=[slug])
    return [page, page + "feed/", page + "feed/atom/"]


@register_snippet
class Column(models.Model):  # type: ignore[django-manager-missing]  # pieces: in models.py
    """An opinion column: its name and the writer who holds it."""

    title = models.CharField(_("اسم العمود"), max_length=120, unique=True)
    slug = models.SlugField(
        _("المعرّف في الرابط"), max_length=80, unique=True, allow_unicode=True, blank=True
    )
    writer = models.ForeignKey(
        Author,
        verbose_name=_("كاتب العمود"),
        on_delete=models.PROTECT,
        related_name="columns",
    )
    description = models.CharField(_("تعريف العمود"), max_length=250, blank=True)

    panels = [FieldPanel("title"), FieldPanel("writer"), FieldPanel("description")]

    class Meta:
        ordering = ["title"]
        verbose_name = _("عمود رأي")
        verbose_name_plural = _("أعمدة الرأي")

    def __str__(self) -> str:
        return f"{self.title} ({self.writer.name})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = unique_slug(Column, self.title, self.pk, "column")
        super().save(*args, **kwargs)
