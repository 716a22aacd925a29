"""What the tests that start real servers (gunicorn on 127.0.0.1) share."""

import socket


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on now (for a server a test starts)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
