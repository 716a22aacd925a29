# The catalogue served by gunicorn, static files by whitenoise (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first, so editing the code does not reinstall them. pyproject.toml declares no
# packages (`packages = []`): installing the project installs its dependencies only.
COPY pyproject.toml ./
RUN pip install . && rm -rf build *.egg-info

COPY . .

# Settings refuse to start without a secret key when debug is off; this one only serves the build.
RUN DJANGO_SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput \
    && useradd --system --home-dir /app --no-create-home app

USER app
EXPOSE 8000

# Workers, timeout, bind and logs: config/gunicorn.conf.py (GUNICORN_TIMEOUT, WEB_CONCURRENCY).
CMD ["gunicorn", "--config", "config/gunicorn.conf.py", "config.wsgi:application"]
