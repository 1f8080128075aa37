"""The live desk's one compact form: an entry of any kind, written in a few seconds."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.images.widgets import AdminImageChooser

from nashra.live.models import LiveEntry


class EntryForm(forms.ModelForm):
    # The version the editor opened: a change made from an older one is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = LiveEntry
        fields = list(LiveEntry.WRITTEN)
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4, "dir": "rtl"}),
            "picture": AdminImageChooser,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
        self.fields["text"].help_text = _(
            "نص المدخل؛ وللصورة تعليقها، وللرابط سطر يعرّف به."
        )

    def written(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in LiveEntry.WRITTEN}

    def _post_clean(self) -> None:
        # The model's own checks (kind-specific fields) run, but on a copy: the entry the
        # editor is changing is written only by `LiveEntry.change`, which checks versions.
        instance = self.instance
        self.instance = LiveEntry(article_id=instance.article_id)
        try:
            super()._post_clean()  # type: ignore[misc]
        finally:
            self.instance = instance
