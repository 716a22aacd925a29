"""The ASGI application, `config.asgi:application`; it refuses to start without a secret key."""

import os

from django.core.asgi import get_asgi_application

from common.statement_timeout import serve_web

from .startup import require_secret_key

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_asgi_application()
require_secret_key()
# Connections this process opens from now on get the web requests' statement timeout.
serve_web()
