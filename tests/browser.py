"""Shared pieces of the browser tests: a real `streamlit run` and Debian's headless Chromium."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("FRONTLINE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps dialing Google's hosts on this closed network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _tail(log, size: int = 2000) -> str:
    log.flush()
    log.seek(0)
    return log.read().decode(errors="replace")[-size:]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(timeout_s: float = 90, env: dict[str, str] | None = None, root: Path = ROOT) -> Iterator[str]:
    """`streamlit run app.py` (of ``root``) on a free port; yields its URL once it answers (polled, never slept)."""
    port = free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(root / "app.py"), "--server.port", str(port),
           "--server.headless", "true", "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]
    # The server's output goes to a file: a pipe nobody reads fills up and stops the server mid-run.
    log = tempfile.NamedTemporaryFile("w+b", prefix="streamlit-", suffix=".log")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(cmd, cwd=root, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + timeout_s
    try:
        while True:
            try:
                with urllib.request.urlopen(url + "_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit did not start: {_tail(log)}") from None
                time.sleep(0.2)
        try:
            yield url
        except Exception as exc:  # a failing test says what the server printed
            exc.add_note(f"streamlit's output (last 3,000 characters):\n{_tail(log, 3000)}")
            raise
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _page_text(page, size: int = 1500) -> str:
    texts = []
    for frame in page.frames:
        try:
            texts.append(frame.evaluate("() => document.body ? document.body.innerText : ''"))
        except Exception:  # noqa: BLE001 - a frame may be gone already
            continue
    return " | ".join(" ".join(t.split()) for t in texts if t.strip())[:size]


def map_frame(page, timeout_s: float = 60):
    """The iframe holding the Leaflet map, once its markers are drawn."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if frame.query_selector(".leaflet-container path.leaflet-interactive"):
                    return frame
            except Exception:  # noqa: BLE001 - frames come and go while Streamlit renders
                continue
        page.wait_for_timeout(200)
    raise AssertionError(f"the map never rendered; the page said: {_page_text(page)!r}")


def marker_count(frame) -> int:
    """Event circles on the Leaflet map (streamlit-folium keeps it as window.map; the base layer's town dots carry no
    feature); SVG paths would
    miss the markers outside the viewport, which Leaflet does not draw."""
    return frame.evaluate("""() => { let n = 0;
        window.map.eachLayer(l => { if (l instanceof L.CircleMarker && l.feature) n++; }); return n; }""")


def line_count(frame) -> int:
    """Polylines that are not polygons: the roads."""
    return frame.evaluate("""() => { let n = 0;
        window.map.eachLayer(l => { if (l instanceof L.Polyline && !(l instanceof L.Polygon)) n++; });
        return n; }""")


def zoom(frame) -> int:
    return frame.evaluate("() => window.map.getZoom()")


def events_shown(frame) -> int:
    """The map's own count of events drawn (the ``data-events-shown`` contract on the Leaflet container)."""
    value = frame.evaluate("() => document.querySelector('.leaflet-container').getAttribute('data-events-shown')")
    return int(value) if value is not None else -1
