"""``{% fragment "name" value… [seconds=N] [unless=value…] %}…{% endfragment %}``: a
part of the frame drawn once per worker until the site changes (see
nashra.operations.site_memory).

The values are what the part shows that differs between pages (the section whose link
is marked, the year); everything else inside must be the same on every page of a site.
Each site and address scheme has its own copies. When any ``unless`` value is true (a
form shown again with the reader's input and errors) the part is drawn and not kept.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from nashra.operations.site_memory import remembered

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, name: str, varying: list[FilterExpression],
                 seconds: FilterExpression | None, unless: list[FilterExpression],
                 nodelist: NodeList) -> None:
        self.name = name
        self.varying = varying
        self.seconds = seconds
        self.unless = unless
        self.nodelist = nodelist

    def render(self, context: template.Context) -> SafeString:
        if any(value.resolve(context, ignore_failures=True) for value in self.unless):
            return self.nodelist.render(context)
        key = (self.name, *drawn_for(context.get("request")),
               *(_resolved(value, context) for value in self.varying))
        seconds = float(self.seconds.resolve(context)) if self.seconds is not None else None
        return mark_safe(remembered(key, lambda: self.nodelist.render(context), seconds))


def _resolved(value: FilterExpression, context: template.Context) -> str:
    # Most pages lack most of what a part varies with (a story has no tag or author):
    # the template engine's lookup of a missing name raises and catches an exception.
    variable = value.var
    lookups = getattr(variable, "lookups", None)
    if lookups and not value.filters and context.get(lookups[0]) is None:
        return "None"
    return str(value.resolve(context, ignore_failures=True))


def drawn_for(request: Any) -> tuple[str, str, str]:
    """The language, host and scheme the page is drawn for, worked out once a request."""
    if request is None:
        return (get_language(), "", "")
    found = getattr(request, "_nashra_fragments_for", None)
    if found is None:
        found = (get_language(), request.get_host(), request.scheme)
        request._nashra_fragments_for = found
    return found  # type: ignore[no-any-return]


@register.tag("fragment")
def fragment(parser: Parser, token: Token) -> FragmentNode:
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError(
            "'fragment' takes a quoted name, then the values it varies with"
        )
    seconds = None
    varying, unless = [], []
    for bit in bits[2:]:
        if bit.startswith("seconds="):
            seconds = parser.compile_filter(bit.removeprefix("seconds="))
        elif bit.startswith("unless="):
            unless.append(parser.compile_filter(bit.removeprefix("unless=")))
        else:
            varying.append(parser.compile_filter(bit))
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(bits[1][1:-1], varying, seconds, unless, nodelist)


@register.filter
def own_section_pk(page: Any) -> Any:
    """The page's id when it is a section (its navigation link is marked), else empty."""
    content_type = getattr(page, "cached_content_type", None)
    return page.pk if content_type is not None and content_type.model == "sectionpage" else ""
