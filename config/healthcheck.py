"""The container's healthcheck: `python -m config.healthcheck [PATH [PORT]]` exits 0 when the server
in this container (port 8000) answers PATH (default /healthz) with 200, 1 otherwise. Python's urllib,
as the slim image has no curl.

It asks as the site's clients do, so that the site's own checks let it through: the Host header is the
first name of DJANGO_ALLOWED_HOSTS (a wildcard's domain), and the probes are exempt from the redirect
to HTTPS (SECURE_REDIRECT_EXEMPT in config/settings.py), since it speaks plain HTTP to gunicorn.
"""

import os
import sys
import urllib.error
import urllib.request


def host_header(environ=os.environ):
    names = [n.strip() for n in environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if n.strip()]
    name = names[0].lstrip(".") if names else "localhost"
    return "localhost" if name in {"", "*"} else name


def main(argv=sys.argv):
    path = argv[1] if len(argv) > 1 else "/healthz"
    port = argv[2] if len(argv) > 2 else "8000"
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": host_header()})
    try:
        with urllib.request.urlopen(request, timeout=4) as answer:
            status = answer.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError as error:
        print(f"{path}: {error}", file=sys.stderr)
        return 1
    if status != 200:
        print(f"{path}: {status}", file=sys.stderr)
    return 0 if status == 200 else 1


if __name__ == "__main__":
    sys.exit(main())
