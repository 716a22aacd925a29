"""What the site checks before it serves: config/wsgi.py and config/asgi.py call it."""

from django.core.exceptions import ImproperlyConfigured


def require_secret_key():
    """With debug off the site refuses to start without a secret key.

    Reads the settings Django loaded (DJANGO_SETTINGS_MODULE, whichever module that is), not
    config.settings. Commands that sign nothing (makemigrations, migrate, check, load_catalogue)
    never call this, so a checkout can be inspected without inventing a key; `check --deploy`
    fails without one.
    """
    from django.conf import settings

    try:
        key = settings.SECRET_KEY
    except ImproperlyConfigured:  # Django refuses to read an empty one
        key = ""
    if not key:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off.")
