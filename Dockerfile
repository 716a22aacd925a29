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

# Nothing under /app is the app user's: the code and the collected static files are read-only to it.
# At run time it writes nothing but gunicorn's worker heartbeats (in /tmp) and its standard streams:
# the database is PostgreSQL (DATABASE_URL), and backups go to standard output (README.md, "Backups").
USER app
EXPOSE 8000

# Liveness: the process answers /healthz (compose checks readiness, /readyz, instead).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-m", "config.healthcheck", "/healthz"]

# Workers, timeout, bind and logs: config/gunicorn.conf.py (GUNICORN_TIMEOUT, WEB_CONCURRENCY).
CMD ["gunicorn", "--config", "config/gunicorn.conf.py", "config.wsgi:application"]
