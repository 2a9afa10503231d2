"""A fake Telegram Bot API server on 127.0.0.1 for tests.

The bot under test talks to it through python-telegram-bot's real HTTP stack
(``base_url=fake.base_url``), so every request the bot makes is parsed exactly
as Telegram would receive it: JSON, form or multipart bodies, on GET or POST.
``getUpdates`` is served from a queue with long polling and offsets; every other
method is recorded and answered with plausible Telegram JSON. Tests push
updates with the ``push_*`` helpers and await what the bot sent with
``wait_for``.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from bot.rendering import utf16_length

TEST_TOKEN = "7357000001:AAF_fake-token-for-tests-only_0123456789"
BOT_USER: dict[str, Any] = {
    "id": 7357000001,
    "is_bot": True,
    "first_name": "MFA Answers",
    "username": "mfa_answers_test_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}
ALICE: dict[str, Any] = {"id": 1001, "is_bot": False, "first_name": "Alice", "language_code": "en"}
BORIS: dict[str, Any] = {"id": 1002, "is_bot": False, "first_name": "Борис", "language_code": "ru"}
GROUP_CHAT: dict[str, Any] = {"id": -100500, "type": "group", "title": "Press desk"}
FORUM_CHAT: dict[str, Any] = {"id": -1001234, "type": "supergroup", "title": "Forum", "is_forum": True}

# Form values that are plain strings; every other form value is JSON-encoded
# by python-telegram-bot (numbers, booleans, objects), so it is decoded here.
_STRING_PARAMS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "next_offset",
        "inline_query_id",
        "callback_query_id",
        "inline_message_id",
        "secret_token",
        "url",
        "language_code",
        "description",
        "short_description",
        "name",
        "query",
        "title",
        "action",
        "ip_address",
    }
)
_COMMAND = re.compile(r"^/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?")
_MENTION = re.compile(r"@[A-Za-z0-9_]{5,32}")


utf16_len = utf16_length  # the unit of Telegram's entity offsets


def entities_for(text: str) -> list[dict[str, Any]]:
    """Compute the bot_command and mention entities Telegram would attach to ``text``."""
    entities = []
    command = _COMMAND.match(text)
    if command:
        entities.append({"type": "bot_command", "offset": 0, "length": utf16_len(command.group())})
    for match in _MENTION.finditer(text):
        if command and match.start() < command.end():
            continue
        entities.append(
            {
                "type": "mention",
                "offset": utf16_len(text[: match.start()]),
                "length": utf16_len(match.group()),
            }
        )
    return entities


@dataclass
class RecordedCall:
    """One Bot API request the bot made, with the answer the fake gave."""

    method: str
    params: dict[str, Any]
    result: Any = None
    error_code: int | None = None
    at: float = field(default_factory=time.monotonic)


@dataclass(frozen=True)
class Fault:
    """One injected misbehaviour of the server, used up by one request of its method.

    ``error``: answer with this Bot API error payload (status = its error_code).
    ``hang``: hold the request this many seconds before answering it normally;
    a client that gives up earlier (a timeout) gets nothing, and the call is
    recorded with ``error_code=HUNG`` and has no effect (as if it never got through).
    ``outage``: from now on every request (getUpdates too) hangs until this many
    seconds have passed, then is served normally.
    ``drop``: close the connection without an answer; nothing is delivered.
    """

    error: dict[str, Any] | None = None
    hang: float = 0.0
    outage: float = 0.0
    drop: bool = False


HUNG = -1  # error_code of a recorded call the client abandoned during a hang
DROPPED = -2  # error_code of a recorded call whose connection the server dropped


class FakeBotApi:
    """An aiohttp Bot API server that records calls and serves queued updates."""

    def __init__(self, token: str = TEST_TOKEN, bot_user: dict[str, Any] | None = None) -> None:
        self.token = token
        self.bot_user = dict(bot_user or BOT_USER)
        self.calls: list[RecordedCall] = []
        self.get_updates_offsets: list[int] = []
        self.get_updates_at: list[float] = []  # when each getUpdates arrived (monotonic clock)
        self._pending: list[dict[str, Any]] = []
        self._changed = asyncio.Condition()
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._faults: dict[str, deque[Fault]] = {}
        self._outage_until = 0.0
        self.files: dict[str, bytes] = {}  # file_id -> content, served by getFile and /file/
        self._runner: web.AppRunner | None = None
        self.port = 0

    # --- lifecycle -----------------------------------------------------------------
    async def start(self) -> None:
        """Listen on a free loopback port."""
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        # Cancel a pending long poll when the bot hangs up, as Telegram does.
        self._runner = web.AppRunner(app, access_log=None, handler_cancellation=True, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def close(self) -> None:
        """Stop listening; pending long polls are answered by aiohttp's shutdown."""
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        """The Bot API base URL up to the token, as TELEGRAM_BOT_API_URL expects."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def file_base_url(self) -> str:
        """The file download URL up to the token, as TELEGRAM_BOT_FILE_URL expects."""
        return f"http://127.0.0.1:{self.port}/file/bot"

    # --- failure injection -------------------------------------------------------------
    def fail_with_retry_after(self, method: str, times: int = 1, retry_after: int = 1) -> None:
        """Answer the next ``times`` calls of ``method`` with a 429 flood-control error."""
        self.fail_with(
            method,
            429,
            f"Too Many Requests: retry after {retry_after}",
            times,
            parameters={"retry_after": retry_after},
        )

    def fail_with(
        self,
        method: str,
        error_code: int,
        description: str,
        times: int = 1,
        parameters: dict[str, Any] | None = None,
    ) -> None:
        """Answer the next ``times`` calls of ``method`` with a Bot API error."""
        payload: dict[str, Any] = {"ok": False, "error_code": error_code, "description": description}
        if parameters:
            payload["parameters"] = parameters
        self.inject(method, *[Fault(error=payload)] * times)

    def fail_with_server_error(self, method: str, times: int = 1, status: int = 502) -> None:
        """Answer the next ``times`` calls of ``method`` with a 5xx, as a proxy in front of Telegram would."""
        self.fail_with(method, status, "Bad Gateway" if status == 502 else "Internal Server Error", times)

    def hang(self, method: str, seconds: float, times: int = 1) -> None:
        """Hold the next ``times`` calls of ``method`` for ``seconds`` before answering them."""
        self.inject(method, *[Fault(hang=seconds)] * times)

    def drop_connection(self, method: str, times: int = 1) -> None:
        """Close the connection of the next ``times`` calls of ``method`` without an answer."""
        self.inject(method, *[Fault(drop=True)] * times)

    def inject(self, method: str, *faults: Fault) -> None:
        """Queue ``faults`` for the next calls of ``method``, one per call, in order."""
        self._faults.setdefault(method, deque()).extend(faults)

    def start_outage(self, seconds: float) -> None:
        """Make every request hang until ``seconds`` from now (the whole Bot API unreachable)."""
        self._outage_until = max(self._outage_until, time.monotonic() + seconds)

    def _next_fault(self, method: str) -> Fault | None:
        queue = self._faults.get(method)
        return queue.popleft() if queue else None

    # --- observing the bot ---------------------------------------------------------------
    def calls_of(self, method: str, *, include_errors: bool = False) -> list[RecordedCall]:
        """The recorded calls of ``method``, oldest first."""
        return [c for c in self.calls if c.method == method and (include_errors or c.error_code is None)]

    async def wait_for(
        self,
        method: str,
        where: Callable[[RecordedCall], bool] = lambda call: True,
        count: int = 1,
        timeout: float = 10.0,
    ) -> list[RecordedCall]:
        """Wait until ``count`` successful calls of ``method`` match ``where``; return them."""

        def matching() -> list[RecordedCall]:
            return [c for c in self.calls_of(method) if where(c)]

        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait_for(lambda: len(matching()) >= count), timeout)
            except TimeoutError:
                seen = [(c.method, c.params) for c in self.calls[-10:]]
                raise AssertionError(
                    f"{method} x{count} not called within {timeout}s; last calls: {seen}"
                ) from None
        return matching()

    async def sent_texts(self, chat_id: int, count: int = 1, timeout: float = 10.0) -> list[str]:
        """Wait for ``count`` sendMessage calls to ``chat_id`` and return their texts."""
        calls = await self.wait_for(
            "sendMessage", lambda c: c.params.get("chat_id") == chat_id, count, timeout
        )
        return [c.params["text"] for c in calls]

    # --- feeding the bot -------------------------------------------------------------------
    async def push_update(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Queue one update (``payload`` without update_id) for getUpdates; return it."""
        update = {"update_id": next(self._update_ids), **payload}
        async with self._changed:
            self._pending.append(update)
            self._changed.notify_all()
        return update

    def new_message(
        self,
        chat: dict[str, Any],
        user: dict[str, Any],
        text: str | None = None,
        *,
        reply_to: dict[str, Any] | None = None,
        thread_id: int | None = None,
        **content: Any,
    ) -> dict[str, Any]:
        """Build a Message object as Telegram sends it, with entities computed for ``text``.

        Pass ``entities=[...]`` to set them yourself (a text mention, say).
        """
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": user,
            **content,
        }
        if text is not None:
            message["text"] = text
            if "entities" not in content and (entities := entities_for(text)):
                message["entities"] = entities
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            message["is_topic_message"] = True
        return message

    async def push_message(
        self,
        text: str | None = None,
        *,
        chat: dict[str, Any] | None = None,
        user: dict[str, Any] = ALICE,
        **kwargs: Any,
    ) -> dict[str, Any]:
        """Push a message from ``user`` (in a private chat with them unless ``chat`` is given)."""
        chat = chat or private_chat(user)
        message = self.new_message(chat, user, text, **kwargs)
        await self.push_update({"message": message})
        return message

    async def push_sticker(self, user: dict[str, Any] = ALICE) -> dict[str, Any]:
        """Push a sticker in a private chat."""
        sticker = {
            "file_id": "st1",
            "file_unique_id": "st1u",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
        return await self.push_message(user=user, sticker=sticker)

    async def push_photo(self, user: dict[str, Any] = ALICE) -> dict[str, Any]:
        """Push a photo in a private chat."""
        photo = [{"file_id": "ph1", "file_unique_id": "ph1u", "width": 90, "height": 90}]
        return await self.push_message(user=user, photo=photo)

    async def push_voice(self, user: dict[str, Any] = ALICE) -> dict[str, Any]:
        """Push a voice note in a private chat."""
        voice = {"file_id": "vo1", "file_unique_id": "vo1u", "duration": 3}
        return await self.push_message(user=user, voice=voice)

    async def push_document(
        self,
        user: dict[str, Any] = ALICE,
        *,
        file_name: str = "q.pdf",
        content: bytes = b"%PDF-1.4",
        caption: str | None = None,
        mime_type: str | None = None,
    ) -> dict[str, Any]:
        """Push a document in a private chat; its ``content`` is served by getFile and the file URL."""
        file_id = f"do{len(self.files) + 1}"
        self.files[file_id] = content
        document: dict[str, Any] = {
            "file_id": file_id,
            "file_unique_id": f"{file_id}u",
            "file_name": file_name,
            "file_size": len(content),
        }
        if mime_type is not None:
            document["mime_type"] = mime_type
        extra: dict[str, Any] = {"caption": caption} if caption is not None else {}
        return await self.push_message(user=user, document=document, **extra)

    async def push_inline_query(
        self,
        query: str,
        offset: str = "",
        user: dict[str, Any] = ALICE,
        chat_type: str = "sender",
    ) -> dict[str, Any]:
        """Push an inline query; return the InlineQuery object."""
        inline_query = {
            "id": str(next(self._update_ids) * 1000),
            "from": user,
            "query": query,
            "offset": offset,
            "chat_type": chat_type,
        }
        await self.push_update({"inline_query": inline_query})
        return inline_query

    async def push_callback_query(
        self, data: str, message: dict[str, Any], user: dict[str, Any] = ALICE
    ) -> dict[str, Any]:
        """Push a press on an inline button with ``data`` under ``message``."""
        callback = {
            "id": f"cb{next(self._update_ids)}",
            "from": user,
            "message": message,
            "chat_instance": "ci1",
            "data": data,
        }
        await self.push_update({"callback_query": callback})
        return callback

    async def push_chosen_inline_result(
        self, result_id: str, query: str, user: dict[str, Any] = ALICE
    ) -> dict[str, Any]:
        """Push the report that ``user`` sent inline result ``result_id`` (inline feedback on)."""
        chosen = {"result_id": result_id, "from": user, "query": query}
        await self.push_update({"chosen_inline_result": chosen})
        return chosen

    # --- HTTP ----------------------------------------------------------------------------
    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        method = request.match_info["method"]
        params = await _read_params(request)
        fault = self._next_fault(method)
        if fault is not None and fault.outage:
            self.start_outage(fault.outage)
        hang = max(fault.hang if fault else 0.0, self._outage_until - time.monotonic())
        if hang > 0:
            try:
                await asyncio.sleep(hang)
            except asyncio.CancelledError:  # the client gave up: the request had no effect
                self.calls.append(RecordedCall(method, params, error_code=HUNG))
                raise
        if fault is not None and fault.drop:
            self.calls.append(RecordedCall(method, params, error_code=DROPPED))
            assert request.transport is not None
            request.transport.close()
            return web.Response(status=500)  # never reaches the client: the connection is gone
        if method == "getUpdates":
            return web.json_response({"ok": True, "result": await self._get_updates(params)})
        if fault is not None and fault.error is not None:
            await self._record(RecordedCall(method, params, error_code=fault.error["error_code"]))
            return web.json_response(fault.error, status=fault.error["error_code"])
        result = self._result_for(method, params)
        await self._record(RecordedCall(method, params, result))
        return web.json_response({"ok": True, "result": result})

    async def _download(self, request: web.Request) -> web.Response:
        """Serve a file's bytes at ``/file/bot<token>/documents/<file_id>`` (as Telegram does)."""
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        content = self.files.get(request.match_info["path"].rsplit("/", 1)[-1])
        return web.Response(status=404) if content is None else web.Response(body=content)

    async def _record(self, call: RecordedCall) -> None:
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        self.get_updates_offsets.append(offset)
        self.get_updates_at.append(time.monotonic())

        def ready() -> list[dict[str, Any]]:
            return [u for u in self._pending if u["update_id"] >= offset][:limit]

        async with self._changed:
            # An offset confirms every update before it, as in the real Bot API.
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait_for(lambda: bool(ready())), timeout)
            return ready()

    def _result_for(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return self.bot_user
        if method == "getWebhookInfo":
            return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        if method == "getMyCommands":
            return []
        if method == "getFile":
            file_id = str(params["file_id"])
            size = len(self.files.get(file_id, b""))
            return {
                "file_id": file_id,
                "file_unique_id": f"{file_id}u",
                "file_size": size,
                "file_path": f"documents/{file_id}",
            }
        if method.startswith("send") and method != "sendChatAction":
            return self._sent_message(params)
        if method.startswith("edit") and "inline_message_id" not in params:
            return self._sent_message(params)
        return True

    def _sent_message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = params.get("chat_id", 0)
        chat = {"id": chat_id, "type": "private" if int(chat_id) > 0 else "supergroup"}
        message: dict[str, Any] = {
            "message_id": int(params.get("message_id") or next(self._message_ids)),
            "date": int(time.time()),
            "chat": chat,
            "from": self.bot_user,
        }
        if "text" in params:
            message["text"] = params["text"]
        # Telegram's Message.reply_markup is an inline keyboard only; a ForceReply is not echoed.
        if isinstance(params.get("reply_markup"), dict) and "inline_keyboard" in params["reply_markup"]:
            message["reply_markup"] = params["reply_markup"]
        if "message_thread_id" in params:
            message["message_thread_id"] = params["message_thread_id"]
        if "document" in params:
            message["document"] = {"file_id": "sent1", "file_unique_id": "sent1u"}
        return message


def private_chat(user: dict[str, Any]) -> dict[str, Any]:
    """The private chat between ``user`` and the bot."""
    return {"id": user["id"], "type": "private", "first_name": user["first_name"]}


async def _read_params(request: web.Request) -> dict[str, Any]:
    """Read Bot API parameters from the query string, JSON, form or multipart body.

    An uploaded file (sendDocument) is recorded as its bytes under its field
    name, and the file name it was sent with under ``<field>_filename``.
    """
    raw: dict[str, Any] = dict(request.query)
    body: dict[str, Any] = {}
    if request.method == "POST" and request.can_read_body:
        if request.content_type == "application/json":
            body = await request.json()
        else:
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    raw[key] = value.file.read()
                    body[f"{key}_filename"] = value.filename  # an uploaded file's name, as sent
                else:
                    raw[key] = value
    return {**{key: _decode(key, value) for key, value in raw.items()}, **body}


def _decode(key: str, value: Any) -> Any:
    """Undo python-telegram-bot's JSON encoding of a non-string form value."""
    if not isinstance(value, str) or key in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value
