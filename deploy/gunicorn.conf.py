"""gunicorn settings: `gunicorn -c deploy/gunicorn.conf.py 'screener:create_app()'`.

Behind nginx (deploy/nginx/screener.conf), which buffers whole requests and responses, so
slow clients tie up nginx's cheap connections and never a sync worker. Every value can be
changed from the environment without editing this file.
"""

import multiprocessing
import os

# A Unix socket only nginx can reach (systemd makes /run/screener); or "127.0.0.1:8000".
# Never 0.0.0.0: without the proxy in front, two slow clients stop every sync worker.
bind = [os.environ.get("SCREENER_BIND", "unix:/run/screener/gunicorn.sock")]

# Sync workers: the app's work is CPU-bound and short. gunicorn's rule of thumb.
workers = int(os.environ.get("SCREENER_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"

# Load the app once in the master: a bad setting or questionnaire stops start-up with one
# clear message, and workers start fast and share the loaded questionnaire's memory.
preload_app = True

# A request that takes longer than this is stuck; nginx gives up at the same time.
timeout = int(os.environ.get("SCREENER_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5

# A fresh worker now and then keeps memory flat over weeks.
max_requests = 20_000
max_requests_jitter = 2_000

# No access log: a page address can tell which answers led to it. Errors go to stderr
# (the journal under systemd) and never hold an answer.
accesslog = None
errorlog = "-"
loglevel = "info"

# No runtime control socket: nothing here uses it, and under the sandboxed unit it cannot
# be created in $HOME anyway (gunicorn logged an error at every start).
control_socket_disable = True

# Trust X-Forwarded-* only from the local proxy.
forwarded_allow_ips = os.environ.get("SCREENER_FORWARDED_ALLOW_IPS", "127.0.0.1")

# nginx bounds every request before gunicorn sees it (large_client_header_buffers 4 8k:
# a line of 8 KB at most, 32 KB of headers in all) and answers what is too large with its
# own page, which carries the security headers and the 911 line. gunicorn's own refusals
# (a bare 400) would reach patients as they are, so its limits sit above nginx's: 0 is
# unlimited, and 32768 the most fields gunicorn allows.
limit_request_line = 0
limit_request_fields = 32768
limit_request_field_size = 0
