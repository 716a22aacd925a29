"""The ASGI application, `config.asgi:application`; it refuses to start without a secret key."""

import os

from django.core.asgi import get_asgi_application

from .startup import require_secret_key

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_asgi_application()
require_secret_key()
