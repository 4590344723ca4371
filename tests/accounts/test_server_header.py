"""A6: a response names no server software. Regie sends no `Server` header; gunicorn,
run with Regie's config, leaves its own out (regie/gunicorn_conf.py)."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]


def _ask(sock_path: Path, deadline: float) -> bytes:
    while True:
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
                conn.connect(str(sock_path))
                conn.sendall(b"GET /bestaat-niet/ HTTP/1.1\r\nHost: localhost\r\n\r\n")
                conn.settimeout(30)
                return conn.recv(65536)
        except (FileNotFoundError, ConnectionRefusedError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_a6_gunicorn_with_regies_config_sends_no_server_header(tmp_path: Path) -> None:
    sock_path = tmp_path / "gunicorn.sock"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "regie.settings",
        "REGIE_ENVIRONMENT": "test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "ALLOWED_HOSTS": "localhost",
    }
    server = subprocess.Popen(  # noqa: S603 - fixed arguments, our own interpreter
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "python:regie.gunicorn_conf",
            "--bind",
            f"unix:{sock_path}",
            "--workers",
            "1",
            "regie.wsgi",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        head = _ask(sock_path, time.monotonic() + 60).split(b"\r\n\r\n")[0].decode("latin-1")
    finally:
        server.terminate()
        server.wait(timeout=30)
    lines = head.split("\r\n")
    assert lines[0] == "HTTP/1.1 404 Not Found", head
    assert "Permissions-Policy" in head
    assert not [line for line in lines if line.lower().startswith("server:")], head
