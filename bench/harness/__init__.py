"""What the runs share, one idea a module:

    commands       the project's commands, where reports go
    children       work in a child process (Django set up), its progress shown here
    each_database  a run's work on SQLite, then on a throw-away PostgreSQL database
    state          a state folder, a throw-away database and Redis number of a run's own
    servers        servers on the loopback, the processes under them, what they logged
    sites          a throw-away site of N synthetic articles, served
    load           reader threads of four roles against a site, and their tally
    kept           what the readers were told was kept, against the database
    commenters     readers posting comments as the article page's script does, timed
    wrk            wrk and the page runs' Lua script
    nginx          deploy/nginx.conf in front of the app, and a static server beside it

The runs set Django up only in their children, so importing any of these never does.
"""

from .children import answer, child, report_progress
from .commands import NASHRA, PYTHON, REPORTS, ROOT, nashra, write_report
from .commenters import post_comments
from .kept import kept, stored
from .load import BROWSER, QUERIES, Load, Tally, is_error, summary
from .servers import (
    free_port,
    group_cpu_seconds,
    gunicorn,
    log_size,
    rss_kib,
    running,
    server_errors,
)
from .sites import Site, loaded_site, read_also, serving, throwaway_site, timed, warm_files
from .state import (
    State,
    drop_postgres,
    empty_redis,
    environment,
    is_postgres,
    recreate_postgres,
    throwaway_state,
)
from .wrk import require_wrk, scenario, wrk

__all__ = [
    "BROWSER", "NASHRA", "PYTHON", "QUERIES", "REPORTS", "ROOT", "Load", "Site", "State",
    "Tally", "answer", "child", "drop_postgres", "empty_redis", "environment", "free_port",
    "group_cpu_seconds", "gunicorn", "is_error", "is_postgres", "kept", "log_size",
    "loaded_site", "nashra", "post_comments", "read_also", "recreate_postgres",
    "report_progress", "require_wrk", "rss_kib", "running", "scenario", "server_errors",
    "serving", "stored", "summary", "throwaway_site", "throwaway_state", "timed", "warm_files",
    "write_report",
    "wrk",
]
