"""Settings come from the environment; each case runs in a fresh process, as in production."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from nashra.conftest import port_open, require_service

PROBE = """
import json
from django.conf import settings
from django.core.cache import cache

def keeps_1000_entries():
    if not settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        return None
    for n in range(1000):
        cache.set(f"probe-{n}", n)
    return cache.get("probe-0") == 0
db = settings.DATABASES["default"]
print(json.dumps({
    "engine": db["ENGINE"], "name": str(db["NAME"]), "options": db.get("OPTIONS", {}),
    "conn_max_age": db["CONN_MAX_AGE"], "cache": settings.CACHES["default"]["BACKEND"],
    "debug": settings.DEBUG, "secret": settings.SECRET_KEY, "hosts": settings.ALLOWED_HOSTS,
    "time_zone": settings.TIME_ZONE,
    "ssl_redirect": getattr(settings, "SECURE_SSL_REDIRECT", False),
    "keeps_1000_entries": keeps_1000_entries(),
}))
"""


def settings_under(var_dir: Path, **env: str) -> dict:
    clean = {k: v for k, v in os.environ.items() if k not in {
        "DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL", "TIME_ZONE",
        "DEBUG", "DATABASE_POOL_SIZE", "DATABASE_POOL_TIMEOUT", "LOG_FORMAT",
        "LOCAL_CACHE_ENTRIES",
    }}
    clean.update(NASHRA_VAR_DIR=str(var_dir), DJANGO_SETTINGS_MODULE="nashra.settings.base", **env)
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup()\n{PROBE}"],
        env=clean, capture_output=True, text=True, check=True,
    )
    return json.loads(result.stdout)


def test_with_nothing_set_it_runs_on_sqlite_in_var_with_wal(tmp_path: Path) -> None:
    found = settings_under(tmp_path)

    assert found["engine"] == "django.db.backends.sqlite3"
    assert found["name"] == str(tmp_path / "nashra.sqlite3")
    assert "journal_mode=WAL" in found["options"]["init_command"]
    assert found["cache"].endswith("LocMemCache")
    assert found["keeps_1000_entries"] is True  # Django's default keeps 300
    assert found["debug"] is False


def test_the_local_cache_size_can_be_chosen(tmp_path: Path) -> None:
    assert settings_under(tmp_path, LOCAL_CACHE_ENTRIES="300")["keeps_1000_entries"] is False


def test_the_secret_key_is_generated_once_into_var_and_kept_private(tmp_path: Path) -> None:
    first = settings_under(tmp_path)["secret"]
    second = settings_under(tmp_path)["secret"]

    key_file = tmp_path / "secret_key"
    assert first == second == key_file.read_text().strip()
    assert len(first) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_processes_starting_at_once_all_read_the_one_whole_key(tmp_path: Path) -> None:
    # Many times over, as the race lasts microseconds: each round, eight processes (as
    # gunicorn's workers do) make or read the key of a fresh state folder at once.
    reader = (
        "import sys; from nashra.settings.environment import secret_key; "
        "sys.stdout.write(secret_key())"
    )
    for round_number in range(10):
        folder = tmp_path / str(round_number)
        folder.mkdir()
        environment = {**os.environ, "NASHRA_VAR_DIR": str(folder)}
        environment.pop("SECRET_KEY", None)
        started = [
            subprocess.Popen([sys.executable, "-c", reader], env=environment,
                             stdout=subprocess.PIPE, text=True)
            for _ in range(8)
        ]
        keys = {process.communicate(timeout=60)[0] for process in started}
        assert keys == {(folder / "secret_key").read_text().strip()}
        assert len(keys.pop()) >= 50
        assert [path.name for path in folder.iterdir()] == ["secret_key"]


def test_a_secret_key_from_the_environment_wins_and_nothing_is_written(tmp_path: Path) -> None:
    assert settings_under(tmp_path, SECRET_KEY="from-the-environment")["secret"] == (
        "from-the-environment"
    )
    assert not (tmp_path / "secret_key").exists()


def test_database_url_selects_postgresql_through_psycopgs_pool(tmp_path: Path) -> None:
    found = settings_under(tmp_path, DATABASE_URL="postgres://news@127.0.0.1:5432/nashra")

    assert found["engine"] == "django.db.backends.postgresql"
    assert found["options"]["pool"] == {"min_size": 1, "max_size": 4, "timeout": 2.0}
    # The pool keeps the connections; Django must not also keep them (it refuses both).
    assert found["conn_max_age"] == 0
    assert found["options"]["connect_timeout"] == 2


def test_without_the_pool_postgresql_keeps_persistent_connections(tmp_path: Path) -> None:
    found = settings_under(
        tmp_path, DATABASE_URL="postgres://news@127.0.0.1:5432/nashra", DATABASE_POOL_SIZE="0"
    )

    assert "pool" not in found["options"]
    assert found["conn_max_age"] > 0


def test_an_unknown_log_format_is_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(subprocess.CalledProcessError) as refused:
        settings_under(tmp_path, LOG_FORMAT="xml")

    assert "LOG_FORMAT must be one of plain, json, not 'xml'" in refused.value.stderr


@pytest.mark.django_db
def test_the_suite_itself_reaches_postgresql_through_the_pool() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    # SQLite has no pool; on the PostgreSQL run every connection comes from one.
    assert (getattr(connection, "pool", None) is not None) == (connection.vendor == "postgresql")


def test_redis_url_selects_the_redis_cache(tmp_path: Path) -> None:
    found = settings_under(tmp_path, REDIS_URL="redis://127.0.0.1:6379/3")

    assert found["cache"] == "nashra.operations.redis_cache.RedisCache"


def test_an_https_site_address_turns_on_the_secure_settings(tmp_path: Path) -> None:
    found = settings_under(
        tmp_path, SITE_URL="https://news.example.com", TIME_ZONE="Africa/Cairo", DEBUG="1"
    )

    assert found["ssl_redirect"] is True
    assert "news.example.com" in found["hosts"]
    assert found["time_zone"] == "Africa/Cairo"
    assert found["debug"] is True


def test_the_redis_cache_stores_and_returns_values_through_one_client() -> None:
    from concurrent.futures import ThreadPoolExecutor

    from nashra.operations.redis_cache import RedisCache

    address = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    require_service("Redis", port_open("127.0.0.1", 6379) or "REDIS_URL" in os.environ)
    cache = RedisCache(address, {"KEY_PREFIX": "nashra-test"})
    cache.set("greeting", "مرحبا", 30)
    cache.set("counter", 0, 30)

    assert cache.get("greeting") == "مرحبا"
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda _n: cache.incr("counter"), range(200)))
    assert cache.get_many(["greeting", "counter", "absent"]) == {
        "greeting": "مرحبا", "counter": 200,
    }
    # Django's own client builds a new redis.Redis per call; this one keeps one per pool.
    assert cache._cache.get_client() is cache._cache.get_client(write=True)
    cache.delete_many(["greeting", "counter"])


@pytest.mark.django_db
def test_the_tests_run_on_the_database_that_database_url_names() -> None:
    from django.db import connection

    wanted = os.environ.get("DATABASE_URL", "sqlite")
    expected = "postgresql" if wanted.startswith("postgres") else "sqlite"
    assert connection.vendor == expected


@pytest.mark.django_db
def test_migrate_gives_the_default_site_the_address_of_site_url(settings) -> None:
    from django.core.management import call_command
    from wagtail.models import Site

    assert Site.objects.get(is_default_site=True).root_url == settings.SITE_URL

    settings.SITE_URL = "https://news.example.com"
    call_command("migrate", verbosity=0)
    assert Site.objects.get(is_default_site=True).root_url == "https://news.example.com"


def test_a_production_configuration_passes_djangos_deploy_checks(tmp_path: Path) -> None:
    # The test run's own switches (Playwright's async-unsafe flag) are no deployment's.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        NASHRA_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="nashra.settings.base",
        SITE_URL="https://news.example.com",
    )
    done = subprocess.run(
        [sys.executable, "-m", "nashra", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True,
    )

    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout
