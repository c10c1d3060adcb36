"""A read whose pooled connection is reset is repeated once; a write never is."""
import socket
import struct
import threading

import pytest

from gateway.errors import UpstreamUnreachable
from gateway.upstreams import Upstreams

OK = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"


class ResettingServer:
    """Resets the first `resets` connections after reading the request (as gunicorn does to a keep-alive
    connection it closes while a request is arriving), then answers 200."""

    def __init__(self, resets: int):
        self.resets = resets
        self.connections = 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            with conn:
                conn.recv(65536)
                if self.connections <= self.resets:
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # RST on close
                else:
                    conn.sendall(OK)

    def close(self):
        self.listener.close()


@pytest.fixture
def server(request):
    started = ResettingServer(request.param)
    yield started
    started.close()


def upstreams(url):
    return Upstreams({"inventory": url}, connect_timeout=2, read_timeout=2, pool_size=2)


@pytest.mark.parametrize("server", [1], indirect=True)
def test_a_read_reset_once_is_repeated_and_answers(server):
    response = upstreams(server.url).send("inventory", "GET", "/items")
    assert response.status_code == 200 and server.connections == 2


@pytest.mark.parametrize("server", [2], indirect=True)
def test_a_read_reset_twice_is_a_502(server):
    with pytest.raises(UpstreamUnreachable):
        upstreams(server.url).send("inventory", "GET", "/items")
    assert server.connections == 2


@pytest.mark.parametrize("server", [1], indirect=True)
def test_a_write_is_never_repeated(server):
    with pytest.raises(UpstreamUnreachable):
        upstreams(server.url).send("inventory", "POST", "/items", body=b"{}")
    assert server.connections == 1
