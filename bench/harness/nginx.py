"""nginx for the page runs: deploy/nginx.conf in front of the app, a static server beside.

The static server sends the article's own bytes from a file, with the same open-file
cache as deploy/nginx.conf: the most this machine can serve, to read the proxy against.
Both need Debian's nginx and its cache-purge module, which deploy/nginx.conf loads.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from .commands import PYTHON, ROOT

CACHE_PURGE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")


def nginx_available() -> bool:
    return shutil.which("nginx") is not None and CACHE_PURGE.exists()


def nginx_configs(state: Path, proxy_port: int, static_port: int, app: str,
                  env: dict[str, str]) -> Path:
    """The main nginx.conf of both servers, written into the folder `state`.

    Static files are served from `state`/static-copy.
    """
    code = (
        "import django; django.setup(); from pathlib import Path; "
        "from nashra.operations import nginx; "
        f"print(nginx.write_configs('127.0.0.1:{proxy_port}', {app!r}, Path({str(state)!r})))"
    )
    main = Path(subprocess.run(
        [PYTHON, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip())
    static = state / "static-server.conf"
    static.write_text(
        f"server {{ listen 127.0.0.1:{static_port}; root {state}/static-copy;"
        " tcp_nopush off; tcp_nodelay on; open_file_cache max=10000 inactive=60s;"
        " open_file_cache_valid 30s; location / { try_files $uri =404; } }\n",
        encoding="utf-8",
    )
    text = main.read_text(encoding="utf-8")
    main.write_text(text.replace("    include ", f"    include {static};\n    include ", 1),
                    encoding="utf-8")
    return main
