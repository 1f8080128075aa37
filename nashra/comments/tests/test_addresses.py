"""Whose address a comment or a report comes from, over real HTTP.

A reader who reaches the app directly cannot name another address in X-Forwarded-For;
behind the operator's own proxies the hop they wrote is the reader; an IPv6 reader is
their /64, since one machine may hold a whole /64.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
import requests

from nashra.comments.factories import comment
from nashra.comments.models import Ban, BanKind, Comment, CommentReport
from nashra.comments.tests.over_http import BROWSER, post_comment

pytestmark = pytest.mark.django_db(transaction=True)

@pytest.fixture
def story(live_story: Any) -> Any:
    return live_story("خبر مفتوح للتعليق", "open-story")


@pytest.fixture
def reached_directly(settings: Any) -> None:
    """The app's port is open to the world: the loopback peer is not one of its proxies."""
    settings.TRUSTED_PROXIES = 1
    settings.TRUSTED_PROXY_NETWORKS = ["10.0.0.0/8"]


@pytest.fixture
def behind_loopback_proxy(settings: Any) -> None:
    settings.TRUSTED_PROXIES = 1
    settings.TRUSTED_PROXY_NETWORKS = ["127.0.0.0/8", "::1/128"]


def test_a_banned_reader_cannot_comment_by_forging_x_forwarded_for(
    live_server: Any, story: Any, reached_directly: None
) -> None:
    Ban.objects.create(kind=BanKind.ADDRESS, value="127.0.0.1")

    response = post_comment(live_server.url, story, "تعليق من محظور", forwarded="203.0.113.5")

    assert response.status_code == 403, response.content
    assert not Comment.objects.exists()


def test_forged_addresses_do_not_escape_the_rate_limit(
    live_server: Any, story: Any, reached_directly: None, settings: Any
) -> None:
    settings.COMMENT_RATE_LIMITS = [(2, 3600)]

    statuses = [
        post_comment(live_server.url, story, f"تعليق رقم {n}", forwarded=f"203.0.113.{n}")
        .status_code
        for n in range(1, 5)
    ]

    assert statuses == [201, 201, 429, 429]
    assert set(Comment.objects.values_list("address", flat=True)) == {"127.0.0.1"}


def test_behind_trusted_proxies_the_hop_they_wrote_is_the_reader(
    live_server: Any, story: Any, behind_loopback_proxy: None, settings: Any
) -> None:
    Ban.objects.create(kind=BanKind.ADDRESS, value="203.0.113.5")
    url = live_server.url

    # The reader wrote the first hop themselves; the proxy appended the address it saw.
    assert post_comment(url, story, "أول", forwarded="198.51.100.1, 203.0.113.5").status_code == 403
    assert post_comment(url, story, "ثان", forwarded="203.0.113.5, 198.51.100.9").status_code == 201
    assert Comment.objects.get().address == "198.51.100.9"

    # Two proxies of the site's own: a CDN's edge in 10/8, then nginx on loopback.
    settings.TRUSTED_PROXIES = 2
    settings.TRUSTED_PROXY_NETWORKS = ["127.0.0.0/8", "10.0.0.0/8"]
    assert post_comment(url, story, "ثالث", forwarded="203.0.113.5, 10.0.0.2").status_code == 403
    # 198.51.100.10 is no proxy of the site's: what it claims to have seen is not believed.
    forged = post_comment(url, story, "رابع", forwarded="203.0.113.5, 198.51.100.10")
    assert forged.status_code == 201
    assert Comment.objects.get(body="رابع").address == "198.51.100.10"


@pytest.mark.parametrize(
    ("address", "group"),
    [
        ("203.0.113.77", "203.0.113.77"),
        ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"),
        ("2001:DB8:1:2::1", "2001:db8:1:2::/64"),
        ("::ffff:192.0.2.1", "192.0.2.1"),
        ("not an address", "not an address"),
    ],
)
def test_an_address_group_is_ipv4_as_is_and_ipv6_by_its_64(address: str, group: str) -> None:
    from nashra.core.client import address_group

    assert address_group(address) == group


def test_addresses_in_one_ipv6_64_share_a_ban_and_a_limit(
    live_server: Any, story: Any, behind_loopback_proxy: None, settings: Any
) -> None:
    url = live_server.url
    Ban.objects.create(kind=BanKind.ADDRESS, value="2001:db8:1:2::1")

    assert post_comment(url, story, "أول", forwarded="2001:db8:1:2:aaaa::9").status_code == 403
    assert post_comment(url, story, "ثان", forwarded="2001:db8:1:3::1").status_code == 201

    settings.COMMENT_RATE_LIMITS = [(1, 3600)]
    assert post_comment(url, story, "ثالث", forwarded="2001:db8:5:6::1").status_code == 201
    assert post_comment(url, story, "رابع", forwarded="2001:db8:5:6:ffff::2").status_code == 429
    assert post_comment(url, story, "خامس", forwarded="2001:db8:5:7::1").status_code == 201


def test_a_ban_from_the_moderation_queue_covers_the_commenters_64(
    live_server: Any, story: Any, behind_loopback_proxy: None, client: Any, admin_user: Any
) -> None:
    pests = [
        comment(story, f"إزعاج رقم {n}", address=address)
        for n, address in enumerate(["2001:db8:9:9:1:2:3:4", "2001:db8:9:9::5"])
    ]
    client.force_login(admin_user)
    for pest in pests:  # the second is in a /64 banned already
        client.post("/admin/moderation/", {"action": "ban_address", "comment": [pest.pk]})

    assert list(Ban.objects.values_list("value", flat=True)) == ["2001:db8:9:9::/64"]
    forged = post_comment(live_server.url, story, "نص", forwarded="2001:db8:9:9::77")
    assert forged.status_code == 403


def report(base: str, shown: Any, browser: str) -> int:
    response = requests.post(
        f"{base}/comments/report/{shown.pk}/",
        headers={"Accept": "application/json", "User-Agent": browser},
    )
    return response.status_code


def test_reports_from_one_address_are_capped_whatever_browser_it_claims(
    live_server: Any, story: Any
) -> None:
    shown = [comment(story, f"تعليق منشور رقم {n}") for n in range(40)]
    rng = random.Random(7)

    statuses = [
        report(live_server.url, target, BROWSER.replace("128.0", f"{rng.randrange(10**6)}.0"))
        for target in shown
    ]

    # At most 30 reports an hour from one address (see docs/comments.md).
    assert statuses == [200] * 30 + [429] * 10
    assert CommentReport.objects.count() == 30
    assert sum(Comment.objects.values_list("report_count", flat=True)) == 30
