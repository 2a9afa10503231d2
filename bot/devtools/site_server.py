"""A small web site on loopback, for sync tests and the scale benchmark.

Serves a dict of pages (path -> bytes) with what ``sync`` relies on from a
real server: ETag and Last-Modified on every page, ``304 Not Modified`` for a
matching If-None-Match or If-Modified-Since, 404 for pages taken away, and
robots.txt when given. It records each request (path, conditional headers,
time) so tests can check politeness. The standard library's
``ThreadingHTTPServer`` is enough: the point is the HTTP semantics, not speed.
"""

from __future__ import annotations

import hashlib
import mimetypes
import threading
import time
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType


@dataclass(frozen=True)
class SeenRequest:
    """One request the site answered."""

    path: str
    if_none_match: str | None
    if_modified_since: str | None
    status: int
    at: float


@dataclass
class _Page:
    body: bytes
    content_type: str
    modified: float

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'


def _content_type(path: str) -> str:
    if path.endswith(("/", ".html")):
        return "text/html; charset=utf-8"
    guessed = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return f"{guessed}; charset=utf-8" if guessed.startswith("text/") or guessed.endswith("xml") else guessed


class LoopbackSite:
    """A threaded HTTP server on 127.0.0.1 serving pages that a test or benchmark may change."""

    def __init__(self, port: int = 0) -> None:
        """Listen on ``port`` (0: any free one; a fixed one serves a site generated for it again)."""
        self._pages: dict[str, _Page] = {}
        self._lock = threading.Lock()
        self.requests: list[SeenRequest] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site._answer(self)

            def log_message(self, format: str, *args: object) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="loopback-site", daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def host(self) -> str:
        return "127.0.0.1"

    def url(self, path: str) -> str:
        return self.base_url + path

    def put(self, path: str, body: bytes | str, content_type: str | None = None) -> None:
        """Serve ``body`` at ``path`` (replacing what was there, with a new ETag and date)."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        with self._lock:
            previous = self._pages.get(path)
            modified = time.time()
            if previous is not None and previous.modified >= int(modified):
                modified = previous.modified + 1  # HTTP dates have whole seconds: a change must show
            self._pages[path] = _Page(data, content_type or _content_type(path), modified)

    def remove(self, path: str) -> None:
        """Answer 404 at ``path`` from now on."""
        with self._lock:
            self._pages.pop(path, None)

    def put_folder(self, folder: Path) -> int:
        """Serve every file under ``folder`` (``x/index.html`` also as ``x/``); return the count."""
        count = 0
        for file in sorted(p for p in folder.rglob("*") if p.is_file()):
            path = "/" + file.relative_to(folder).as_posix()
            if path.endswith("/index.html"):
                path = path.removesuffix("index.html")
            self.put(path, file.read_bytes())
            count += 1
        return count

    def requests_for(self, path: str) -> list[SeenRequest]:
        return [r for r in self.requests if r.path == path]

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path.split("?", 1)[0]
        with self._lock:
            page = self._pages.get(path)
        etag_asked = handler.headers.get("If-None-Match")
        since_asked = handler.headers.get("If-Modified-Since")
        status = 200 if page is not None else 404
        if page is not None and _not_modified(page, etag_asked, since_asked):
            status = 304
        with self._lock:
            self.requests.append(SeenRequest(path, etag_asked, since_asked, status, time.monotonic()))
        handler.send_response(status)
        if page is not None:
            handler.send_header("ETag", page.etag)
            handler.send_header("Last-Modified", formatdate(page.modified, usegmt=True))
        body = page.body if page is not None and status == 200 else b""
        if status == 200 and page is not None:
            handler.send_header("Content-Type", page.content_type)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    def __enter__(self) -> LoopbackSite:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._server.shutdown()
        self._server.server_close()


def _not_modified(page: _Page, etag_asked: str | None, since_asked: str | None) -> bool:
    if etag_asked is not None:
        return page.etag in {tag.strip() for tag in etag_asked.split(",")}
    if since_asked is not None:
        try:
            return int(page.modified) <= parsedate_to_datetime(since_asked).timestamp()
        except (TypeError, ValueError):
            return False
    return False
