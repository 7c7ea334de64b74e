"""The real production parts for the deploy tests: Debian's nginx with the shipped site file,
gunicorn with the shipped config, and Debian's redis-server."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import ROOT, free_port, running_app

DEPLOY = ROOT / "deploy"
GUNICORN_CONF = DEPLOY / "gunicorn.conf.py"
SHIPPED_UPSTREAM = "    server unix:/run/screener/gunicorn.sock max_fails=1 fail_timeout=10s;\n"


def need(program: str) -> str:
    """The path of a program the test needs; CI installs it, elsewhere the test is skipped."""
    found = shutil.which(program) or shutil.which(program, path="/usr/sbin:/usr/bin")
    if found is None:
        if os.environ.get("SCREENER_REQUIRE_BROWSER"):
            raise RuntimeError(f"{program} is not installed; .ci/run installs it")
        pytest.skip(f"{program} is not installed (apt-get install nginx redis-server)")
    return found


def unit_setting(name: str) -> str:
    """A setting the shipped systemd unit gives the app (Environment=NAME=VALUE)."""
    found = re.search(
        rf"^Environment={name}=(.*)$", (DEPLOY / "screener.service").read_text(), re.M
    )
    assert found, f"the unit no longer sets {name}"
    return found.group(1)


@contextmanager
def app_instance(
    env: Mapping[str, str] | None = None, workers: int = 1, args: Sequence[str] = ()
) -> Iterator[str]:
    """The app under gunicorn with the shipped config and the unit's sign-off rule (on a
    loopback port); its base URL."""
    required = {"SCREENER_REQUIRE_SIGNOFF": unit_setting("SCREENER_REQUIRE_SIGNOFF")}
    gunicorn = ["-c", str(GUNICORN_CONF), *args]
    with running_app({**required, **(env or {})}, workers=workers, args=gunicorn) as base:
        yield base


@dataclass
class Front:
    """nginx in front of the instances: its base URL and its log files."""

    base: str
    folder: Path

    def logs(self, name: str = "*") -> str:
        """Everything nginx has logged so far (in the log files named `name`)."""
        files = sorted(self.folder.glob(f"{name}.log"))
        return "".join(p.read_text(errors="replace") for p in files)


def site_config(
    upstreams: Sequence[str], port: int, folder: Path, read_timeout: int | None = None
) -> str:
    """The shipped site file, pointed at these instances, this port and this log folder
    (and, to test a slow app without waiting 30 s, a shorter wait for its answer)."""
    site = (DEPLOY / "nginx" / "screener.conf").read_text()
    if read_timeout is not None:
        proxy = (DEPLOY / "nginx" / "proxy.conf").read_text()
        assert "proxy_read_timeout 30s;" in proxy, "the shipped timeout moved; update the tests"
        (folder / "proxy.conf").write_text(
            proxy.replace("proxy_read_timeout 30s;", f"proxy_read_timeout {read_timeout}s;")
        )
        site = site.replace("/srv/screener/deploy/nginx/proxy.conf", f"{folder}/proxy.conf")
    assert SHIPPED_UPSTREAM in site, "the shipped upstream line moved; update the tests"
    servers = "".join(
        f"    server {u.removeprefix('http://')} max_fails=1 fail_timeout=10s;\n" for u in upstreams
    )
    site = site.replace(SHIPPED_UPSTREAM, servers)
    site = site.replace("    listen 80;\n", f"    listen 127.0.0.1:{port};\n")
    site = site.replace("    listen [::]:80;\n", "")
    site = site.replace("/var/log/nginx/", f"{folder}/").replace("/srv/screener/", f"{ROOT}/")
    temp = "".join(
        f"  {kind}_temp_path {folder}/{kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"worker_processes 1;\npid {folder}/nginx.pid;\nerror_log {folder}/main-error.log warn;\n"
        "events { worker_connections 512; }\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
        f"{temp}{site}}}\n"
    )


@contextmanager
def nginx_front(upstreams: Sequence[str], read_timeout: int | None = None) -> Iterator[Front]:
    """Debian's nginx with the shipped site file in front of `upstreams`."""
    nginx = need("nginx")
    port = free_port()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        folder.chmod(0o755)  # nginx's workers run as nobody when started by root
        conf = folder / "nginx.conf"
        conf.write_text(site_config(upstreams, port, folder, read_timeout))
        command = [nginx, "-p", str(folder), "-c", str(conf), "-g", "daemon off;"]
        check = subprocess.run([*command[:-2], "-t"], capture_output=True, text=True, check=False)
        assert check.returncode == 0, check.stderr
        with (folder / "stderr.log").open("wb") as sink:
            process = subprocess.Popen(command, stderr=sink)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_for_port(port, process)
            yield Front(base, folder)
        finally:
            process.send_signal(signal.SIGQUIT)
            process.wait(timeout=10)


@contextmanager
def two_behind_nginx(env: Mapping[str, str]) -> Iterator[tuple[Front, str, str]]:
    """Two app instances (one worker each) behind nginx: the front and both base URLs."""
    with app_instance(env) as a, app_instance(env) as b, nginx_front([a, b]) as front:
        yield front, a, b


@dataclass
class Redis:
    """A redis-server: its URL and process."""

    url: str
    process: subprocess.Popen[bytes]


@contextmanager
def redis_server() -> Iterator[Redis]:
    """Debian's redis-server on a free loopback port, keeping nothing on disk."""
    redis = need("redis-server")
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        process = subprocess.Popen(
            [
                redis,
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                folder,
            ],
            stdout=subprocess.DEVNULL,
        )
        try:
            _wait_for_port(port, process)
            yield Redis(f"redis://127.0.0.1:{port}", process)
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGCONT)
                process.terminate()
                process.wait(timeout=10)


def _wait_for_port(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listened on {port} within 15 seconds")


def fetch(
    url: str, headers: Mapping[str, str] | None = None, timeout: float = 5
) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and raw body of a GET, errors included; nothing decoded."""
    request = urllib.request.Request(url, headers=dict(headers or {}))
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers.items()), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers.items()), error.read()


def post(url: str, body: bytes) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and raw body of a form post, errors included."""
    request = urllib.request.Request(url, data=body, method="POST")
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, dict(response.headers.items()), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers.items()), error.read()
