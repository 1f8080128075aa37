"""Running the caching proxy of deploy/nginx.conf: for its tests and the benchmarks."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from django.conf import settings

TEMPLATE = Path(settings.BASE_DIR) / "deploy" / "nginx.conf"
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")


def available() -> bool:
    return shutil.which("nginx") is not None and PURGE_MODULE.exists()


def site_config(listen: str, app: str, state: Path, server_name: str = "127.0.0.1") -> str:
    """deploy/nginx.conf filled in, with its cache and files under ``state``.

    Only the template's own ${NASHRA_…} names are replaced, as envsubst with a list does;
    nginx's variables ($host…) stay.
    """
    values = {
        "NASHRA_LISTEN": listen,
        "NASHRA_SERVER_NAME": server_name,
        "NASHRA_APP": app,
        "NASHRA_CACHE_DIR": str(state / "cache"),
        "NASHRA_STATIC_ROOT": str(Path(settings.STATIC_ROOT)),
        "NASHRA_MEDIA_ROOT": str(Path(settings.MEDIA_ROOT)),
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    return re.sub(r"\$\{(NASHRA_[A-Z_]+)\}", lambda found: values[found.group(1)], text)


def main_config(site: Path, state: Path) -> str:
    """A whole nginx.conf around one site file, every path of it under ``state``."""
    temp = state / "temp"
    return f"""
load_module {PURGE_MODULE};
daemon off;
user root;
worker_processes auto;
pid {state}/nginx.pid;
error_log {state}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {site};
}}
"""


def write_configs(listen: str, app: str, state: Path) -> Path:
    """Write the site and main configs under ``state``; returns the main one."""
    (state / "temp").mkdir(parents=True, exist_ok=True)
    site = state / "nashra.conf"
    site.write_text(site_config(listen, app, state), encoding="utf-8")
    main = state / "nginx.conf"
    main.write_text(main_config(site, state), encoding="utf-8")
    return main
