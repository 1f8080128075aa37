"""The readers' pages this app adds or changes are valid HTML (the W3C's Nu checker)."""

from __future__ import annotations

import pytest

from nashra.alerts.models import Alert
from nashra.core.tests.test_audits import describe, java, vnu_messages  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_opt_in_page_and_a_page_with_the_ticker_are_valid_html(
    java, client, settings, story, desk, tmp_path  # noqa: F811
):
    settings.NASHRA_VAPID_PUBLIC_KEY = "BPublicKeyOfTheSite"
    Alert.objects.announce(story, by=desk)
    files = []
    for name, path in [("opt-in", "/alerts/"), ("story", story.url), ("home", "/")]:
        answer = client.get(path)
        assert answer.status_code == 200, name
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(answer.content)
    assert b"breaking-ticker" in files[1].read_bytes()
    errors = [m for m in vnu_messages(java, files) if m.get("type") in {"error",
                                                                          "non-document-error"}]
    assert not errors, "\n".join(map(describe, errors))
