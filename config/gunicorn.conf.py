"""gunicorn's settings: `gunicorn -c config/gunicorn.conf.py config.wsgi:application` (the Dockerfile's
CMD and docker-compose.yml's web command). Arguments on the command line still win over these.

Environment: GUNICORN_TIMEOUT (seconds a worker may spend on one request, default 30),
WEB_CONCURRENCY (workers, default 3), GUNICORN_BIND (default 0.0.0.0:8000, as in the container).
The database's statement timeout for web requests (DATABASE_STATEMENT_TIMEOUT_MS) is derived from
GUNICORN_TIMEOUT by config/limits.py and must stay below it: gunicorn refuses to start otherwise,
also when `--timeout` on the command line lowers the worker timeout under it.
"""

import os
import sys
from pathlib import Path

# gunicorn reads this file before it puts the working directory on sys.path.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from config import limits
from config.log import gunicorn_logconfig

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = limits.worker_timeout_seconds()
accesslog = "-"
# Plain lines, or one JSON object a line with DJANGO_LOG_FORMAT=json (config/log.py, as the site logs).
logconfig_dict = gunicorn_logconfig()
# gunicorn 25+ would otherwise create a control socket in the home directory.
control_socket_disable = True


def on_starting(server):
    # The effective worker timeout, command line included.
    try:
        limits.web_statement_timeout_ms(worker_seconds=server.cfg.timeout)
    except limits.LimitError as error:
        server.log.error("%s", error)
        sys.exit(1)
