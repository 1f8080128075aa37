from __future__ import annotations

from typing import Any

from django import template

from nashra.audience.most_read import most_read as current_most_read

register = template.Library()


@register.inclusion_tag("audience/most_read.html", takes_context=True)
def most_read(context: template.Context) -> dict[str, Any]:
    return {"most_read": current_most_read(), "request": context.get("request"),
            "settings": context.get("settings")}
