"""What an operator's Prometheus scrapes from ``/metrics``: counts and timings, never user ids.

prometheus_client, chosen because it is the Prometheus project's own Python
client: its text format is what the scraper expects and it adds the process
metrics (CPU, memory, open files) for free. Labels are small closed sets
(language, outcome, method, status code); a user or chat id as a label would
create one time series per person (the research notes' bad example).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest

if TYPE_CHECKING:
    from bot.answering import Answer, Engine

__all__ = [
    "API_ERRORS",
    "API_FLOOD_WAITS",
    "INDEX_BUILD_SECONDS",
    "INDEX_PASSAGES",
    "QUESTIONS",
    "QUESTION_SECONDS",
    "UPDATES",
    "UPDATE_SECONDS",
    "describe_index",
    "observe_answer",
    "render_metrics",
]

# Latency buckets from the benchmark's figures: retrieval ~12 ms, a full answer 50-500 ms.
_ANSWER_BUCKETS = (0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

QUESTIONS = Counter(
    "bot_questions", "Questions answered or declined, by language and outcome.", ["language", "outcome"]
)
QUESTION_SECONDS = Histogram(
    "bot_question_seconds", "Time the engine took to answer a question.", buckets=_ANSWER_BUCKETS
)
UPDATES = Counter(
    "bot_webhook_updates",
    "Webhook deliveries, by outcome (handled, duplicate, busy, unavailable, starting, draining, "
    "forbidden, bad_request, timeout).",
    ["outcome"],
)
UPDATE_SECONDS = Histogram(
    "bot_webhook_update_seconds",
    "Time from a delivery's arrival to its acknowledgement.",
    buckets=_ANSWER_BUCKETS,
)
API_ERRORS = Counter(
    "bot_telegram_api_errors", "Bot API calls that failed, by method and HTTP status.", ["method", "code"]
)
API_FLOOD_WAITS = Counter(
    "bot_telegram_flood_waits", "Bot API answers of 429 (flood control): each is retried after its wait."
)
INDEX_PASSAGES = Gauge("bot_index_passages", "Passages in the loaded index.")
INDEX_BUILD_SECONDS = Gauge("bot_index_build_seconds", "How long building the loaded index took.")


def observe_answer(answer: Answer) -> None:
    """Count one answered or declined question and its latency."""
    QUESTIONS.labels(language=answer.lang, outcome=str(answer.reason)).inc()
    QUESTION_SECONDS.observe(max(answer.latency_ms, 0.0) / 1000.0)


def describe_index(engine: Engine) -> None:
    """Publish the loaded index's size and build time (after start and each /reload)."""
    manifest = engine.searcher.index.manifest
    INDEX_PASSAGES.set(len(engine.searcher.index.passages))  # quotable passages; bank questions are rows too
    INDEX_BUILD_SECONDS.set(manifest.build_seconds)


def render_metrics() -> tuple[bytes, str]:
    """Every metric of this process in Prometheus' text format, and its content type."""
    return generate_latest(), CONTENT_TYPE_LATEST
