"""The ASGI application, `config.asgi:application`; it refuses to start without a secret key."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from . import settings  # the project module itself, which holds require_secret_key

application = get_asgi_application()
settings.require_secret_key()
