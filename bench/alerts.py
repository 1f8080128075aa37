"""One breaking alert to 100,000 Web Push subscribers: the time until 95% are delivered.

    python -m bench.alerts                 100,000 subscribers on SQLite
    bench/alerts --subscribers 20000       fewer
    bench/alerts --concurrency 64          more requests in flight per sender process
    bench/alerts --processes 1             one sender process (default 2, one per core)
    bench/alerts --no-decrypt              the stand-in checks VAPID but does not decrypt
    DATABASE_URL=postgres://user@host:5432/any bench/alerts
                                           the same on SQLite, then on that PostgreSQL server

It never touches the site's own data: SQLite in a fresh temporary directory, PostgreSQL
in a throw-away database `nashra_bench_alerts`, both migrated. The push service is the
tests' stand-in (`nashra/alerts/tests/standins.py`) in a process of its own on loopback:
it checks every message's VAPID signature and, unless `--no-decrypt`, decrypts it with
its subscriber's key (RFC 8291), on the same cores as the sender. Subscribers share 1,000
key pairs (the sender cannot tell; it still encrypts each message for its subscriber).
The clock starts at the editor's click (`Alert.objects.announce`, which queues the
deliveries) and stops when the stand-in has accepted 95% (and 100%) of the messages; the
sender is the real command (`nashra send_alerts --processes N`), started at once.
Figures also go to var/bench/alerts.json.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import os
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection
from typing import Any

from bench.harness import environment
from bench.harness.children import Report
from bench.harness.commands import REPORTS, write_report
from bench.harness.each_database import on_each_database

BENCH_DATABASE = "nashra_bench_alerts"
KEYS = 1000


def subscriber_keys(n: int) -> tuple[Any, bytes]:
    """Subscriber ``n``'s private key and auth secret, the same in both processes."""
    from cryptography.hazmat.primitives.asymmetric import ec

    seed = n % KEYS
    digest = hashlib.sha256(f"nashra-bench-{seed}".encode()).digest()
    return ec.derive_private_key(int.from_bytes(digest, "big") % (2**255) + 1,
                                 ec.SECP256R1()), digest[:16]


def push_service(port: int, public_key: str, subscribers: int, decrypt: bool,
                 ready: Any, talk: Connection) -> None:
    """The stand-in's process: serve, and tell when 50%, 95% and 100% have arrived."""
    from nashra.alerts.tests.standins import PushHandler, PushService, Server, Subscriber

    pool = [subscriber_keys(n) for n in range(KEYS)]
    state = PushService(vapid_public_key=public_key, decrypt=decrypt)
    state.subscribers = {
        f"r{n}": Subscriber(*pool[n % KEYS]) for n in range(subscribers)
    }
    server = Server(("127.0.0.1", port), PushHandler)
    server.state = state  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    ready.set()
    marks = {0.5: 0.0, 0.95: 0.0, 1.0: 0.0}
    deadline = time.time() + 3600
    while time.time() < deadline and not talk.poll(0.005):
        count = len(state.received)
        for share in marks:
            if not marks[share] and count >= share * subscribers:
                marks[share] = time.time()
    talk.recv()
    counts = state.counts()
    talk.send({
        "marks": marks,
        "received": len(state.received),
        "distinct": len(counts),
        "repeated": sum(1 for count in counts.values() if count > 1),
        "rejected": len(state.rejected),
    })
    server.shutdown()


def run(backend: str, subscribers: int, concurrency: int, processes: int, decrypt: bool,
        progress: Report) -> dict[str, object]:
    """Runs inside a child process whose environment points at the throw-away database."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nashra.settings.base")
    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from nashra.alerts.management.commands.make_vapid_keys import key_pair
    from nashra.alerts.models import Alert, Delivery, PushSubscription, Status
    from nashra.alerts.tests.standins import Subscriber, b64
    from nashra.audience.tests.servers import free_port
    from nashra.newsroom import factories

    call_command("migrate", verbosity=0)
    story = factories.article(
        factories.section("سياسة", slug="politics"),
        "انقطاع واسع للكهرباء في العاصمة بعد عطل في محطة التوليد الرئيسية",
        standfirst="فرق الصيانة تعمل على إعادة التيار خلال ساعات.",
    )
    private, public = key_pair()
    os.environ.update(
        NASHRA_VAPID_PRIVATE_KEY=private, NASHRA_VAPID_PUBLIC_KEY=public,
        NASHRA_VAPID_SUBJECT="mailto:desk@nashra.example", NASHRA_TELEGRAM_BOT_TOKEN="",
    )
    settings.NASHRA_VAPID_PUBLIC_KEY = public
    settings.NASHRA_TELEGRAM_BOT_TOKEN = ""

    port = free_port()
    spawn = multiprocessing.get_context("spawn")
    ready = spawn.Event()
    ours, theirs = spawn.Pipe()
    service = spawn.Process(target=push_service, args=(
        port, settings.NASHRA_VAPID_PUBLIC_KEY, subscribers, decrypt, ready, theirs
    ), daemon=True)
    service.start()
    keys = [Subscriber(*subscriber_keys(n)) for n in range(KEYS)]
    PushSubscription.objects.bulk_create(
        (PushSubscription(endpoint=f"http://127.0.0.1:{port}/push/r{n}",
                          p256dh=keys[n % KEYS].p256dh, auth=b64(keys[n % KEYS].auth))
         for n in range(subscribers)),
        batch_size=5000,
    )
    if not ready.wait(120):
        raise RuntimeError("the push stand-in did not start")

    clicked = time.time()
    alert = Alert.objects.announce(story, by=None)
    queued = time.time()
    sender = subprocess.Popen(
        [sys.executable, "-m", "nashra", "send_alerts", "--processes", str(processes),
         "--concurrency", str(concurrency), "--verbosity", "0"],
        stdout=subprocess.DEVNULL,
    )
    while sender.poll() is None:
        time.sleep(1)
        progress(Delivery.objects.filter(alert=alert, status=Status.SENT).count(), subscribers)
    finished = time.time()
    if sender.returncode:
        raise RuntimeError(f"send_alerts failed ({sender.returncode})")
    sent = Delivery.objects.filter(alert=alert, status=Status.SENT).count()
    ours.send("done")
    seen = ours.recv()
    service.join(30)
    marks = {share: (at - clicked if at else None) for share, at in seen["marks"].items()}
    return {
        "database": backend,
        "subscribers": subscribers,
        "concurrency": concurrency,
        "processes": processes,
        "decrypt": decrypt,
        "queue_seconds": round(queued - clicked, 2),
        "p50_delivered_seconds": marks[0.5] and round(marks[0.5], 2),
        "p95_delivered_seconds": marks[0.95] and round(marks[0.95], 2),
        "all_delivered_seconds": marks[1.0] and round(marks[1.0], 2),
        "sender_seconds": round(finished - queued, 2),
        "per_second": round(sent / (finished - queued)),
        "sent": sent,
        "received": seen["received"],
        "repeated": seen["repeated"],
        "rejected": seen["rejected"],
        "unsent_rows": Delivery.objects.filter(alert=alert).exclude(status=Status.SENT).count(),
    }


def summary(results: list[dict[str, object]]) -> None:
    write_report(REPORTS / "alerts.json", {str(each["database"]): each for each in results})


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--no-decrypt", action="store_true")
    env = environment(without=("DATABASE_URL", "REDIS_URL"),
                      DJANGO_SETTINGS_MODULE="nashra.settings.base", LOG_FORMAT="plain")
    env.setdefault("SECRET_KEY", "bench-alerts-not-secret")
    return on_each_database(
        parser, lambda database, args, progress: run(
            database, args.subscribers, args.concurrency, args.processes,
            not args.no_decrypt, progress,
        ),
        module="bench.alerts", env=env, database_name=BENCH_DATABASE, label="delivered",
        unit="msg", summary=summary,
    )


if __name__ == "__main__":
    raise SystemExit(main())
