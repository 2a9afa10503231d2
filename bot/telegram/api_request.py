"""The HTTP client for Bot API calls: aiohttp under python-telegram-bot, counting failures for ``/metrics``.

Why aiohttp and not python-telegram-bot's own ``HTTPXRequest``: every reply is
one HTTP request, and through the fake Bot API (``tests/fake_bot_api.py``, in
another process) a ``sendMessage`` cost 1.5 ms of CPU through
httpx and httpcore with one request at a time and up to 2.8 ms with a
hundred waiting (httpcore looks at every pooled connection, a system call
each, whenever a request starts or ends), against 0.4 ms through aiohttp
whatever the number waiting. In a burst of questions that was a third of
the bot's CPU. python-telegram-bot documents ``BaseRequest`` as the place to
plug in another HTTP library; aiohttp is already what the webhook server runs on.

What stays python-telegram-bot's: the status codes and the JSON answer
(``BaseRequest.post`` turns a 429 into ``RetryAfter``, a 400 into
``BadRequest``...). This class only moves bytes, and maps aiohttp's failures
onto python-telegram-bot's: a timeout is ``TimedOut``, any other client error
``NetworkError`` (so ``bot.telegram.delivery`` retries both, as before).

Timeouts, as ``HTTPXRequest`` has them: 5 s to connect, write and read
(20 s to write an upload), and a read timeout passed per call (``getUpdates``
adds its long-poll time). Waiting for a free connection has no limit of its
own: a reply queued behind others should wait its turn, not fail after a
second into a retry with backoff as httpx's pool timeout made it (``TimedOut:
Pool timeout`` in the burst); the other timeouts free every connection within seconds.
"""

from __future__ import annotations

import logging

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

from bot.telegram.metrics import API_ERRORS, API_FLOOD_WAITS

__all__ = ["AiohttpRequest", "CountingRequest"]

log = logging.getLogger(__name__)

FLOOD_CONTROL = 429
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 5.0
WRITE_TIMEOUT = 5.0
MEDIA_WRITE_TIMEOUT = 20.0  # HTTPXRequest's for uploads (documents, /export)
# Open connections to the Bot API at once (aiohttp's default). Telegram answers
# in tens of milliseconds, so 100 keep thousands of replies a second moving.
CONNECTIONS = 100

Timeout = float | None


class AiohttpRequest(BaseRequest):
    """python-telegram-bot's ``BaseRequest`` over one ``aiohttp.ClientSession`` (HTTP/1.1, keep-alive)."""

    def __init__(
        self,
        connections: int = CONNECTIONS,
        read_timeout: Timeout = READ_TIMEOUT,
        write_timeout: Timeout = WRITE_TIMEOUT,
        connect_timeout: Timeout = CONNECT_TIMEOUT,
    ) -> None:
        self._connections = connections
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        self._connect_timeout = connect_timeout
        self._session: aiohttp.ClientSession | None = None  # made in initialize(), inside the event loop

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        """Open the session (again, after a shutdown)."""
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._connections)
            # trust_env: HTTPS_PROXY and NO_PROXY from the environment are honoured, as httpx did.
            self._session = aiohttp.ClientSession(
                connector=connector, headers={"User-Agent": self.USER_AGENT}, trust_env=True
            )

    async def shutdown(self) -> None:
        """Close the session and its connections."""
        session, self._session = self._session, None
        if session is not None and not session.closed:
            await session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Send one request; return the HTTP status and the body (python-telegram-bot reads both)."""
        session = self._session
        if session is None or session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = request_data.multipart_data if request_data else None
        read = self._read_timeout if isinstance(read_timeout, DefaultValue) else read_timeout
        connect = self._connect_timeout if isinstance(connect_timeout, DefaultValue) else connect_timeout
        write = write_timeout
        if isinstance(write, DefaultValue):
            write = MEDIA_WRITE_TIMEOUT if files else self._write_timeout
        pool = None if isinstance(pool_timeout, DefaultValue) else pool_timeout
        timeout = aiohttp.ClientTimeout(
            total=_whole_request(connect, pool, write, read),
            connect=None if pool is None or connect is None else pool + connect,
            sock_connect=connect,
            sock_read=read,
        )
        try:
            async with session.request(method, url, data=_body(request_data), timeout=timeout) as response:
                payload = await response.read()
        except TimeoutError as exc:  # aiohttp's timeouts are asyncio's (TimeoutError since 3.11)
            raise TimedOut from exc
        except aiohttp.ClientError as exc:
            raise NetworkError(f"aiohttp.{type(exc).__name__}: {exc}") from exc
        # As httpx did: the URL holds the token, which bot.telegram.log_redaction takes out.
        log.debug("HTTP request: %s %s %d", method, url, response.status)
        return response.status, payload


def _whole_request(connect: Timeout, pool: Timeout, write: Timeout, read: Timeout) -> Timeout:
    """A ceiling on the whole request, since aiohttp has no write timeout: the phases' limits added up."""
    if connect is None or write is None or read is None:
        return None
    return connect + (pool or 0.0) + write + read


def _body(request_data: RequestData | None) -> aiohttp.FormData | dict[str, str] | None:
    """The parameters as a form, as python-telegram-bot sends them (multipart when there are files)."""
    if request_data is None:
        return None
    parameters = request_data.json_parameters
    files = request_data.multipart_data
    if not files:
        return parameters
    form = aiohttp.FormData()
    for name, value in parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mime_type) in files.items():
        form.add_field(name, content, filename=filename, content_type=mime_type)
    return form


class CountingRequest(AiohttpRequest):
    """``AiohttpRequest`` that counts Bot API errors by method and status code."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Send the request; count the answer's status when it is an error."""
        code, payload = await super().do_request(
            url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
        )
        if code >= 300:
            # The URL ends with the method name; the token before it never becomes a label.
            API_ERRORS.labels(method=url.rsplit("/", 1)[-1][:64], code=str(code)).inc()
            if code == FLOOD_CONTROL:
                API_FLOOD_WAITS.inc()
        return code, payload
