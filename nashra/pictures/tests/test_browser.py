"""Pictures in a real Chromium: the right format and width chosen, and nothing on the
page moving when pictures arrive (cumulative layout shift 0), on a phone and a desktop."""

from __future__ import annotations

import re
from typing import Any

import pytest

from nashra.newsroom import factories
from nashra.newsroom.models import ReadAlsoLink
from nashra.pictures import factories as picture_factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every layout shift the page makes, recorded from the first paint, with what moved.
WATCH_SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const moved = (entry.sources || []).map(
      (s) => (s.node ? s.node.className || s.node.nodeName : "(gone from the page)"));
    window.__shifts.push([entry.value, moved.join(",")]);
  }
}).observe({type: "layout-shift", buffered: true});
"""
SCROLL_THROUGH = """
async () => {
  for (let y = 0; y < document.body.scrollHeight; y += 400) {
    window.scrollTo(0, y);
    await new Promise((done) => setTimeout(done, 60));
  }
  await Promise.all([...document.images].map((image) => image.decode().catch(() => null)));
}
"""


@pytest.fixture
def pictured_site() -> Any:
    kinds = ["city", "sea", "market", "stadium", "field", "night"]
    section = factories.section("اقتصاد", slug="economy")
    stories = [
        factories.article(section, f"خبر مصور رقم {n} عن الأسواق والمدن",
                          slug=f"story-{n}", standfirst="موجز قصير للخبر المصور.",
                          lead_image=picture_factories.picture(kind, seed=n,
                                                               photographer="قسم التصوير"),
                          lead_image_caption="تعليق الصورة")
        for n, kind in enumerate(kinds)
    ]
    story = stories[-1]
    gallery = {"title": "معرض", "pictures": [
        {"image": stories[0].lead_image, "caption": "أولى"},
        {"image": stories[1].lead_image, "caption": "ثانية"},
    ]}
    story.body = [("paragraph", "<p>فقرة أولى من الخبر.</p>" * 3), ("gallery", gallery),
                  ("paragraph", "<p>فقرة أخيرة.</p>")]
    story.read_also_links = [ReadAlsoLink(target=stories[0], sort_order=0)]
    story.save_revision().publish()
    return story


def shifts_on(tab: Any, url: str) -> list[float]:
    tab.add_init_script(WATCH_SHIFTS)
    tab.goto(url)
    tab.wait_for_load_state("networkidle")
    tab.evaluate(SCROLL_THROUGH)
    tab.wait_for_timeout(300)
    return list(tab.evaluate("window.__shifts"))


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844},
                                      {"width": 1280, "height": 900}])
def test_pictures_load_without_moving_anything(
    live_server: Any, browser: Any, pictured_site: Any, viewport: dict[str, int]
) -> None:
    context = browser.new_context(locale="ar", viewport=viewport, device_scale_factor=2)
    tab = context.new_page()
    # Only pictures may move the page here: a web font arriving late on a loaded machine
    # reflows text, which is the fonts' own matter (Lighthouse measures the whole page),
    # and so does the breaking ticker when the one it fetches differs from the page's own,
    # as one kept from an earlier test's alerts would (five nodes gone from the page moved
    # the home page by 0.0015 once, on a slow machine).
    tab.route("**/*.woff2", lambda route: route.abort())
    tab.route(re.compile(r"/alerts/ticker/"), lambda route: route.abort())
    try:
        for path in ["/", pictured_site.url, "/economy/"]:
            shifts = shifts_on(tab, live_server.url + path)
            assert shifts == [], (path, shifts)
            broken = tab.evaluate(
                "[...document.images].filter((i) => !i.complete || !i.naturalWidth).length"
            )
            assert broken == 0, path
    finally:
        context.close()


def test_the_browser_takes_avif_at_a_width_that_fits(
    live_server: Any, tab: Any, pictured_site: Any
) -> None:
    tab.goto(live_server.url + pictured_site.url)
    lead = tab.locator(".article-lead-image img")
    lead.evaluate("(image) => image.decode()")
    chosen = lead.evaluate("(image) => image.currentSrc")
    assert chosen.endswith(".avif")
    shown = lead.evaluate("(image) => image.getBoundingClientRect().width")
    made = int(chosen.rsplit("/", 1)[1].split(".")[0].removeprefix("wide"))
    assert shown <= made <= max(1600, shown * 2)
    assert lead.get_attribute("fetchpriority") == "high"
    # A card's thumbnail is cut at 16:9 and shown so.
    card = tab.locator(".read-also-link img").first
    card.scroll_into_view_if_needed()
    card.evaluate("(image) => image.decode()")
    box = card.bounding_box()
    ratio = box["width"] / box["height"]
    assert abs(ratio - 16 / 9) < 0.05
