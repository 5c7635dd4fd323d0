"""Serve a built site with Debian's nginx and the project's deploy/nginx.conf, on loopback.

Used by the deploy-header tests and by `make bench` (Lighthouse measures the site as a host would serve
it: gzip_static, the security headers). nginx runs in the foreground, one process, no privilege drop,
everything under a temporary prefix.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from helpsite.paths import ROOT

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SNIPPET = ROOT / "deploy" / "nginx.conf"

MAIN_CONF = """\
# Local main config: foreground, single process, everything under a temporary prefix.
daemon off;
master_process off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 128; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    types {{ application/manifest+json webmanifest; }}
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/tmp/body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;
    sendfile on;
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        root {site};
        include {snippet};
    }}
}}
"""


class NginxError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(site: Path, prefix: Path) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 with deploy/nginx.conf; yields the base URL."""
    if not Path(NGINX).exists():
        raise NginxError("nginx is missing: run `make setup` (Debian package nginx, scripts/system-packages.txt).")
    (prefix / "tmp").mkdir(parents=True, exist_ok=True)
    port = free_port()
    conf = prefix / "nginx.conf"
    conf.write_text(MAIN_CONF.format(prefix=prefix, port=port, site=site.resolve(), snippet=SNIPPET), encoding="utf-8")
    check = subprocess.run([NGINX, "-t", "-p", str(prefix), "-c", str(conf), "-e", "stderr"], capture_output=True, text=True)
    if check.returncode != 0:
        raise NginxError(f"nginx -t rejected deploy/nginx.conf:\n{check.stderr}")
    proc = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(conf), "-e", "stderr"], stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 10
        while True:
            if proc.poll() is not None:
                raise NginxError(f"nginx exited: {proc.stderr.read()}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise NginxError("nginx did not start listening within 10 s") from None
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
