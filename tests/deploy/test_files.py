"""The shipped deploy files say what the README says they do."""

from __future__ import annotations

import multiprocessing
import re
import runpy

import pytest
from servers import DEPLOY, GUNICORN_CONF

from screener.web.headers import CSP, HSTS, PERMISSIONS


def test_gunicorn_binds_only_a_local_socket_and_logs_no_requests(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("SCREENER_BIND", "SCREENER_WORKERS", "SCREENER_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    settings = runpy.run_path(str(GUNICORN_CONF))
    assert settings["bind"] == ["unix:/run/screener/gunicorn.sock"]
    assert settings["workers"] == multiprocessing.cpu_count() * 2 + 1
    assert (settings["accesslog"], settings["preload_app"], settings["timeout"]) == (None, True, 30)


def test_the_unit_runs_the_shipped_config_behind_one_proxy() -> None:
    unit = (DEPLOY / "screener.service").read_text()
    start = re.search(r"^ExecStart=(.*)$", unit, re.M)
    assert start and "-c /srv/screener/deploy/gunicorn.conf.py" in start.group(1)
    assert "Environment=SCREENER_TRUSTED_PROXIES=1" in unit
    assert "Environment=SCREENER_REQUIRE_SIGNOFF=true" in unit  # signed content only
    assert "RuntimeDirectory=screener" in unit  # where the socket lives


def test_nginx_sends_the_apps_headers_on_what_it_serves_itself() -> None:
    headers = dict(
        re.findall(
            r'^add_header ([\w-]+) "(.*)" always;$',
            (DEPLOY / "nginx" / "security_headers.conf").read_text(),
            re.M,
        )
    )
    assert headers["Content-Security-Policy"] == CSP
    assert headers["Permissions-Policy"] == PERMISSIONS
    assert headers["Strict-Transport-Security"] == HSTS  # browsers heed it over HTTPS only


def test_the_nginx_log_format_holds_no_path_size_or_address() -> None:
    site = (DEPLOY / "nginx" / "screener.conf").read_text()
    (fmt,) = re.findall(r"^log_format screener_private '(.*)';$", site, re.M)
    fields = set(re.findall(r"\$(\w+)", fmt))
    assert fields == {"time_iso8601", "request_method", "status", "request_time"}
    assert re.findall(r"^\s*access_log (\S+)", site, re.M).count("off;") == 2  # static, health
    assert all(
        line.endswith(("screener_private if=$screener_failed;", "off;"))
        for line in re.findall(r"^\s*access_log .*$", site, re.M)
    )


def test_the_docs_restart_the_app_since_a_reload_reads_nothing_new(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # With preload_app, gunicorn's HUP forks workers from the app already loaded: no new
    # code, questionnaire or setting. Every instruction must say restart.
    assert runpy.run_path(str(GUNICORN_CONF))["preload_app"] is True
    readme = (DEPLOY.parent / "README.md").read_text()
    for text in (readme, (DEPLOY / "screener.service").read_text()):
        assert "reload screener" not in text
        assert "systemctl restart screener" in text
    assert "server_name screener.example.org" in readme  # set before certbot runs
