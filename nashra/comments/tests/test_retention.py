from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from nashra.comments.factories import comment
from nashra.comments.retention import truncate_address

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("address", "kept"),
    [("203.0.113.77", "203.0.113.0"), ("2001:db8:abcd:12:1:2:3:4", "2001:db8:abcd::")],
)
def test_an_address_is_cut_to_its_network(address: str, kept: str) -> None:
    assert truncate_address(address) == kept


def test_addresses_older_than_30_days_are_truncated_by_the_command(story) -> None:
    old = comment(
        story, "قديم", address="203.0.113.77", created_at=timezone.now() - timedelta(days=31)
    )
    new = comment(
        story, "حديث", address="203.0.113.78", created_at=timezone.now() - timedelta(days=29)
    )
    output = StringIO()

    call_command("truncate_comment_addresses", stdout=output)
    call_command("truncate_comment_addresses", stdout=StringIO())  # idempotent

    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.address, old.address_truncated) == ("203.0.113.0", True)
    assert (new.address, new.address_truncated) == ("203.0.113.78", False)
    assert "1" in output.getvalue()


def test_the_scheduler_runs_the_truncation(settings) -> None:
    assert "truncate_comment_addresses" in [entry[0] for entry in settings.NASHRA_SCHEDULE]
