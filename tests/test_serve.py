"""`sebar serve`: the preview rebuilds when a file is saved, and keeps the last good site on errors."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

from tests.conftest import make_portal

PAGE = "dataset/opendata-jabar/penduduk-miskin/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            html = urllib.request.urlopen(url, timeout=5).read().decode()
            if text in html:
                return html
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} never showed {text!r}")


def test_serve_rebuilds_on_save_and_keeps_last_good_site(tmp_path):
    root = make_portal(tmp_path / "portal")
    port = free_port()
    command = [sys.executable, "-m", "generator.cli", "serve", "--port", str(port)]
    log = tmp_path / "serve.log"
    server = subprocess.Popen(command, cwd=root, stdout=log.open("w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/{PAGE}"
    try:
        wait_for(url, "Jumlah Penduduk Miskin Berdasarkan")
        meta = root / "datasets/opendata-jabar/penduduk-miskin/datapackage.yaml"
        text = meta.read_text()
        meta.write_text(text.replace("title: Jumlah Penduduk Miskin", "title: Penduduk Miskin (revisi)", 1))
        wait_for(url, "Penduduk Miskin (revisi)")
        meta.write_text(text.replace("frekuensi: tahunan", "frekuensi: kadang-kadang", 1))
        deadline = time.monotonic() + 60
        while "Situs lama tetap ditampilkan" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "Penduduk Miskin (revisi)" in wait_for(url, "Penduduk Miskin (revisi)")
    finally:
        server.terminate()
        server.wait(timeout=30)
    output = log.read_text()
    assert f"Pratinjau: http://127.0.0.1:{port}/" in output
    assert "Dibangun ulang:" in output
    assert "Situs lama tetap ditampilkan" in output and "satudata.frekuensi" in output
    assert "Traceback" not in output
