"""How long a commenter's network address is kept: long enough to moderate, no longer."""

from __future__ import annotations

import ipaddress
from datetime import datetime, timedelta

from django.utils import timezone

from nashra.comments.models import Comment

KEEP_FULL_ADDRESS = timedelta(days=30)


def truncate_address(address: str) -> str:
    """The network, not the machine: IPv4 to its /24, IPv6 to its /48.

    >>> truncate_address("203.0.113.77")
    '203.0.113.0'
    """
    parsed = ipaddress.ip_address(address)
    prefix = 24 if parsed.version == 4 else 48
    return str(ipaddress.ip_network(f"{parsed}/{prefix}", strict=False).network_address)


def truncate_old_addresses(now: datetime | None = None) -> int:
    """Cut the addresses of comments older than 30 days to their network. Idempotent."""
    cutoff = (now or timezone.now()) - KEEP_FULL_ADDRESS
    old = Comment.objects.filter(
        created_at__lt=cutoff, address_truncated=False, address__isnull=False
    )
    done = 0
    for comment in old.only("pk", "address").iterator():
        Comment.objects.filter(pk=comment.pk).update(
            address=truncate_address(str(comment.address)), address_truncated=True
        )
        done += 1
    return done
