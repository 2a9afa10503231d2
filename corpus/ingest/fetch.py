"""Fetching pages politely: allowed hosts only, robots.txt, a pause between requests, conditional GETs.

Why httpx: it is already the bot's HTTP client (python-telegram-bot's), with
timeouts, redirects and size-aware streaming. robots.txt is read by the
standard library's ``urllib.robotparser`` (fed the text fetched here, so the
same client, timeouts and user agent apply). ETag and Last-Modified of each
page are kept by the caller and sent back, so an unchanged page costs a
``304 Not Modified`` and no extraction.
"""

from __future__ import annotations

import time
import urllib.robotparser
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from corpus.ingest.errors import FetchError

USER_AGENT = "mfa-answer-bot-ingest/0.1 (+official material sync)"
MAX_BYTES = 20 * 2**20  # a ministry PDF is rarely bigger; anything larger is refused, not truncated
TIMEOUT_SECONDS = 30.0


@dataclass(frozen=True)
class Validators:
    """What a server said identifies a page's version (sent back as If-None-Match / If-Modified-Since)."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class FetchedPage:
    """One answer: the page's bytes (``None`` when not modified) and its status."""

    url: str
    status: int
    content: bytes | None
    content_type: str | None
    validators: Validators

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def gone(self) -> bool:
        """The server says the page no longer exists."""
        return self.status in (404, 410)


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


class PoliteFetcher:
    """An HTTP client that fetches only allowed hosts, obeys robots.txt and paces its requests."""

    def __init__(
        self, allowed_hosts: frozenset[str], delay_seconds: float, client: httpx.Client | None = None
    ) -> None:
        self.allowed_hosts = frozenset(h.lower() for h in allowed_hosts)
        self.delay_seconds = delay_seconds
        self._client = client or httpx.Client(
            headers={"User-Agent": USER_AGENT}, timeout=TIMEOUT_SECONDS, follow_redirects=True
        )
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._last_request = 0.0

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> PoliteFetcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def allowed(self, url: str) -> bool:
        """Whether ``url`` is on an allowed host and robots.txt lets this agent fetch it."""
        if urlsplit(url).scheme not in ("http", "https") or host_of(url) not in self.allowed_hosts:
            return False
        return self._robots_for(url).can_fetch(USER_AGENT, url)

    def _robots_for(self, url: str) -> urllib.robotparser.RobotFileParser:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            parser = urllib.robotparser.RobotFileParser(f"{origin}/robots.txt")
            try:
                answer = self._get(f"{origin}/robots.txt", {})
            except FetchError:
                answer = None
            if answer is None or answer.status_code in (401, 403):
                parser.parse(["User-agent: *", "Disallow: /"])  # the convention for a refusing server
            elif answer.status_code >= 400:
                parser.parse([])  # no robots.txt: nothing is forbidden
            else:
                parser.parse(answer.text.splitlines())
            self._robots[origin] = parser
        return self._robots[origin]

    def _pause(self, url: str) -> None:
        robots = self._robots.get(f"{urlsplit(url).scheme}://{urlsplit(url).netloc}")
        asked = robots.crawl_delay(USER_AGENT) if robots is not None else None
        delay = max(self.delay_seconds, float(asked or 0))
        wait = self._last_request + delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)

    def _get(self, url: str, headers: dict[str, str]) -> httpx.Response:
        self._pause(url)
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > MAX_BYTES:
                        raise FetchError(f"{url}: larger than {MAX_BYTES // 2**20} MB; not fetched")
                    chunks.append(chunk)
                return httpx.Response(
                    response.status_code,
                    headers=response.headers,
                    content=b"".join(chunks),
                    request=response.request,
                )
        except httpx.HTTPError as exc:
            raise FetchError(f"{url}: cannot be fetched ({exc.__class__.__name__}: {exc})") from exc
        finally:
            self._last_request = time.monotonic()

    def fetch(self, url: str, known: Validators | None = None) -> FetchedPage:
        """GET ``url`` (conditionally when ``known`` is given).

        Raises:
            FetchError: the host is not allowed, robots.txt forbids it, or the request failed.
        """
        if not self.allowed(url):
            raise FetchError(f"{url}: not fetched (host not allowed, or robots.txt forbids it)")
        headers: dict[str, str] = {}
        if known is not None and known.etag:
            headers["If-None-Match"] = known.etag
        if known is not None and known.last_modified:
            headers["If-Modified-Since"] = known.last_modified
        response = self._get(url, headers)
        if host_of(str(response.url)) not in self.allowed_hosts:
            raise FetchError(f"{url}: redirected to {response.url}, whose host is not allowed")
        if response.status_code >= 400 and response.status_code not in (404, 410):
            raise FetchError(f"{url}: the server answered HTTP {response.status_code}")
        validators = Validators(response.headers.get("ETag"), response.headers.get("Last-Modified"))
        if response.status_code == 304 and known is not None:
            validators = Validators(
                validators.etag or known.etag, validators.last_modified or known.last_modified
            )
        body = response.content if response.status_code == 200 else None
        return FetchedPage(
            str(response.url), response.status_code, body, response.headers.get("Content-Type"), validators
        )
