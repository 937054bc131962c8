"""`sebar serve` answers HTTP range requests (a big table is read a few pages at a time), over real HTTP."""

from __future__ import annotations

import http.client
import http.server

import pytest

from tests.helpers import serving

BODY = bytes(range(256)) * 40  # 10,240 bytes, every offset recognisable


@pytest.fixture
def server(tmp_path):
    (tmp_path / "data.sqlite3").write_bytes(BODY)
    (tmp_path / "kosong.bin").write_bytes(b"")
    with serving(tmp_path) as address:
        yield int(address.rsplit(":", 1)[1])


def get(port: int, path: str, headers: dict[str, str] | None = None, method: str = "GET"):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def test_serve_range_returns_206_with_the_asked_bytes(server):
    response, body = get(server, "/data.sqlite3", {"Range": "bytes=4096-8191"})
    assert response.status == 206
    assert response.getheader("Content-Range") == "bytes 4096-8191/10240"
    assert response.getheader("Content-Length") == "4096"
    assert response.getheader("Accept-Ranges") == "bytes"
    assert body == BODY[4096:8192]


def test_serve_range_open_ended_and_suffix(server):
    response, body = get(server, "/data.sqlite3", {"Range": "bytes=10000-"})
    assert (response.status, body) == (206, BODY[10000:])
    assert response.getheader("Content-Range") == "bytes 10000-10239/10240"
    response, body = get(server, "/data.sqlite3", {"Range": "bytes=-100"})
    assert (response.status, body) == (206, BODY[-100:])
    response, body = get(server, "/data.sqlite3", {"Range": "bytes=10200-99999"})  # clipped to the end
    assert (response.status, body) == (206, BODY[10200:])


def test_serve_range_unsatisfiable_is_416(server):
    response, body = get(server, "/data.sqlite3", {"Range": "bytes=10240-10300"})
    assert response.status == 416
    assert response.getheader("Content-Range") == "bytes */10240"
    assert body == b""
    response, _ = get(server, "/kosong.bin", {"Range": "bytes=-5"})
    assert response.status == 416


def test_serve_range_absent_or_unsupported_sends_whole_file(server):
    response, body = get(server, "/data.sqlite3")
    assert (response.status, body) == (200, BODY)
    assert response.getheader("Accept-Ranges") == "bytes"  # sql.js-httpvfs checks this with HEAD
    response, body = get(server, "/data.sqlite3", method="HEAD")
    assert (response.status, response.getheader("Content-Length")) == (200, "10240")
    assert response.getheader("Accept-Ranges") == "bytes"
    response, body = get(server, "/data.sqlite3", {"Range": "bytes=0-1,5-6"})  # several ranges: whole file
    assert (response.status, body) == (200, BODY)
    response, body = get(server, "/data.sqlite3", {"Range": "items=0-1"})
    assert (response.status, body) == (200, BODY)


def test_serve_range_head_and_missing_file(server):
    response, body = get(server, "/data.sqlite3", {"Range": "bytes=0-9"}, method="HEAD")
    assert (response.status, response.getheader("Content-Length"), body) == (206, "10", b"")
    response, _ = get(server, "/nope.sqlite3", {"Range": "bytes=0-9"})
    assert response.status == 404
