"""The WSGI application, `config.wsgi:application`; it refuses to start without a secret key."""

import os

from django.core.wsgi import get_wsgi_application

from common.statement_timeout import serve_web

from .startup import require_secret_key

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()
require_secret_key()
# Connections this process opens from now on get the web requests' statement timeout.
serve_web()
