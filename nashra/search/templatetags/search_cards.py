"""``{% search_cards results %}``: the cards of a page of results (nashra.search.cards)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from nashra.search.cards import cards
from nashra.search.results import Result

register = template.Library()


@register.simple_tag(takes_context=True)
def search_cards(context: template.Context, results: list[Result]) -> SafeString:
    return cards(results, context.get("request"))
