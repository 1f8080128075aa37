"""gunicorn's settings for Nashra, sized from the machine it starts on.

    gunicorn -c python:nashra.operations.gunicorn_conf nashra.wsgi:application

`nashra serve` uses this file; so can a systemd unit or a container (docs/deployment.md).
Every value may be overridden on gunicorn's command line or by the variables below.
No Django import: gunicorn reads this before the application loads.
"""

from __future__ import annotations

import gc
import os
from typing import Any

from gunicorn.glogging import Logger

from nashra.operations import collector
from nashra.operations.log_formats import FORMATS, chosen

# Page renders are CPU-bound Python: one process per core, and at least two so one slow
# render does not hold up the others (platform notes: more buys nothing on 2 cores).
workers = int(os.environ.get("WEB_CONCURRENCY") or max(2, os.cpu_count() or 1))

# Threaded workers keep readers' connections open between requests (the sync worker
# closes every one) and let a cache hit be answered while another thread renders.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS") or 4)
keepalive = 5

bind = os.environ.get("BIND") or "127.0.0.1:8000"
# gunicorn (26 and later) opens a control socket at a fixed path: two servers on a box
# would collide.
control_socket_disable = True
# A stuck render is killed after this; a deploy lets requests in flight finish first.
timeout = 30
graceful_timeout = 20

# Off unless asked for: the proxy in front keeps the access log, and writing one here
# costs a cache hit about a third of its CPU. GUNICORN_ACCESS_LOG=- writes it to stdout.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None


class QuietLogger(Logger):
    """gunicorn's logger, but an access log only when one is asked for.

    Given a logging dict (for the JSON lines below), gunicorn logs every request
    whatever `accesslog` says.
    """

    @property
    def access_log_enabled(self) -> bool:
        return bool(self.cfg.accesslog)


logger_class = QuietLogger
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms "%(a)s"'
_format = chosen(os.environ.get("LOG_FORMAT"))
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {_format: FORMATS[_format]},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": _format,
            "stream": "ext://sys.stdout",
        }
    },
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}


def on_starting(server: Any) -> None:
    # Workers sharing one listening socket take connections in a race that the idlest
    # usually wins: under `make bench` one worker held 13 of 16 keep-alive connections
    # and queued them behind its 4 threads on one core while the other worker served 3,
    # and an uncached story's p99 went from 70 ms to over 200 ms. With a socket of its own per
    # worker (SO_REUSEPORT) the kernel spreads connections evenly. Not for Unix sockets
    # (each worker would replace the others' file) nor sockets handed over by systemd or
    # by a re-exec, which every worker must share.
    own_sockets = os.environ.get("GUNICORN_REUSE_PORT", "1") != "0"
    tcp_only = all(not str(address).startswith(("unix:", "fd://")) for address in server.cfg.bind)
    handed_over = "LISTEN_FDS" in os.environ or "GUNICORN_FD" in os.environ
    if own_sockets and tcp_only and not handed_over:
        server.cfg.set("reuse_port", True)


def when_ready(server: Any) -> None:
    if server.cfg.reuse_port:
        # gunicorn's own "Listening at" line is empty then: the master holds no socket.
        server.log.info("Listening at: %s (a socket per worker)", ", ".join(server.cfg.bind))


# A full garbage collection walks every object the process holds. With Django, Wagtail
# and their caches loaded that took about 100 ms, every thousand requests or so, and
# every thread of the worker stood still meanwhile: it was the cache-miss p99 in
# `make bench`. Objects that live as long as the worker are frozen out of the
# collector, once the application is loaded and again once the first requests have
# compiled templates and filled the process's caches. What the worker keeps after that is
# frozen as each full collection finds it (nashra.operations.collector).
WARM_AFTER_REQUESTS = 200


def post_worker_init(worker: Any) -> None:
    gc.collect()
    gc.freeze()
    worker.nashra_collector = collector.install()


def post_request(worker: Any, request: Any, environ: Any, response: Any) -> None:
    served = getattr(worker, "nashra_served", 0) + 1
    worker.nashra_served = served
    if served == WARM_AFTER_REQUESTS:
        gc.collect()
        gc.freeze()
