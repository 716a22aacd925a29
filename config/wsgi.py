"""The WSGI application, `config.wsgi:application`; it refuses to start without a secret key."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from . import settings  # the project module itself, which holds require_secret_key

application = get_wsgi_application()
settings.require_secret_key()
