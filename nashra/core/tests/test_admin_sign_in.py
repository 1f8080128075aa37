"""The admin's door under attack, over real HTTP: guessing a password, guessing it from
many threads at once, flooding password resets, and weak passwords."""

from __future__ import annotations

import threading
from typing import Any

import pytest
import requests
from bs4 import BeautifulSoup
from django.contrib.auth import password_validation
from django.contrib.auth.signals import user_login_failed
from django.core import mail
from django.core.exceptions import ValidationError

from nashra.conftest import sign_in_over_http

pytestmark = pytest.mark.django_db(transaction=True)


def _form_token(session: requests.Session, url: str) -> str:
    page = BeautifulSoup(session.get(url).content, "html.parser")
    return str(page.select_one("input[name=csrfmiddlewaretoken]")["value"])


def signed_in(session: requests.Session, base: str) -> bool:
    return session.get(base + "/admin/account/", allow_redirects=False).status_code == 200


def test_after_ten_wrong_passwords_even_the_right_one_waits(
    live_server: Any, admin_user_with_password: Any
) -> None:
    user, password = admin_user_with_password
    for attempt in range(10):
        sign_in_over_http(live_server.url, user.username, f"guess-{attempt}")

    session, page = sign_in_over_http(live_server.url, user.username, password)

    assert not signed_in(session, live_server.url)
    assert "محاولات دخول خاطئة كثيرة" in page


def test_a_right_password_before_the_limit_signs_in_and_clears_nothing_else(
    live_server: Any, admin_user_with_password: Any
) -> None:
    user, password = admin_user_with_password
    for attempt in range(3):
        sign_in_over_http(live_server.url, user.username, f"guess-{attempt}")

    session, _page = sign_in_over_http(live_server.url, user.username, password)

    assert signed_in(session, live_server.url)


def test_guesses_sent_all_at_once_are_checked_no_more_than_the_limit(
    live_server: Any, admin_user_with_password: Any
) -> None:
    user, _password = admin_user_with_password
    checked: list[object] = []

    def count(**_kwargs: object) -> None:
        checked.append(1)

    user_login_failed.connect(count, weak=False)
    try:
        sessions = [requests.Session() for _ in range(30)]
        url = live_server.url + "/admin/login/"
        tokens = [_form_token(session, url) for session in sessions]
        start = threading.Barrier(len(sessions))

        def guess(index: int) -> None:
            start.wait()
            sessions[index].post(url, headers={"Referer": url}, data={
                "username": user.username, "password": f"guess-{index}",
                "csrfmiddlewaretoken": tokens[index],
            })

        threads = [threading.Thread(target=guess, args=(i,)) for i in range(len(sessions))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        user_login_failed.disconnect(count)

    assert 0 < len(checked) <= 10


def test_a_flood_of_password_resets_sends_a_few_emails(
    live_server: Any, django_user_model: Any
) -> None:
    django_user_model.objects.create_user("salma", "salma@example.com", "a-long-passphrase-1")
    url = live_server.url + "/admin/password_reset/"
    mail.outbox.clear()

    with requests.Session() as session:
        for _ in range(20):
            token = _form_token(session, url)
            session.post(url, data={"email": "salma@example.com", "csrfmiddlewaretoken": token},
                         headers={"Referer": url})

    assert 1 <= len(mail.outbox) <= 5


@pytest.mark.parametrize("weak", ["12345678", "password123", "chief", "abcdefghij"])
def test_weak_passwords_are_refused(weak: str, django_user_model: Any) -> None:
    user = django_user_model(username="chief", email="chief@example.com")

    with pytest.raises(ValidationError):
        password_validation.validate_password(weak, user)
