from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def run() -> str:
    out = io.StringIO()
    call_command("create_admin", stdout=out)
    return out.getvalue()


def test_it_creates_an_administrator_with_a_random_password_shown_once() -> None:
    output = run()

    password = re.search(r"Password: (\S+)", output).group(1)
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(password)
    assert password not in admin.password  # only the hash is stored
    assert len(password) >= 12


def test_it_does_nothing_when_an_administrator_exists() -> None:
    first = run()
    second = run()

    assert "Password:" in first
    assert "Password:" not in second
    assert get_user_model().objects.filter(is_superuser=True).count() == 1


def test_two_sites_get_different_passwords() -> None:
    first = re.search(r"Password: (\S+)", run()).group(1)
    get_user_model().objects.all().delete()
    second = re.search(r"Password: (\S+)", run()).group(1)

    assert first != second
