"""The press desk: the question log and what press staff read from it (stats, gaps, exports, retention).

No Telegram here: the adapter records questions through ``QuestionLog`` and
sends the reports these functions render. Storage comes from ``bot.storage``.
"""

from bot.pressdesk.export import CSV_COLUMNS, LIST_SEPARATOR, neutralise_formula, render_csv
from bot.pressdesk.grouping import group_questions, normalise_question
from bot.pressdesk.log import QuestionLog
from bot.pressdesk.period import (
    DEFAULT_EXPORT_DAYS,
    MAX_EXPORT_DAYS,
    ExportPeriodError,
    ExportRequest,
    parse_days,
    parse_export_request,
)
from bot.pressdesk.records import (
    NOT_A_GAP_REASONS,
    ChatType,
    Count,
    Feedback,
    LoggedQuestion,
    PeriodStats,
    QuestionLogError,
    QuestionRecord,
    Stats,
    TopicCount,
    UnansweredGroup,
    as_utc,
)
from bot.pressdesk.reports import render_stats_html, render_unanswered_html
from bot.pressdesk.retention import PURGE_TIME_UTC, purge_expired, purge_expired_async
from bot.pressdesk.stats import DEFAULT_TOP_TOPICS, summarise_period

__all__ = [
    "CSV_COLUMNS",
    "DEFAULT_EXPORT_DAYS",
    "DEFAULT_TOP_TOPICS",
    "LIST_SEPARATOR",
    "MAX_EXPORT_DAYS",
    "NOT_A_GAP_REASONS",
    "PURGE_TIME_UTC",
    "ChatType",
    "Count",
    "ExportPeriodError",
    "ExportRequest",
    "Feedback",
    "LoggedQuestion",
    "PeriodStats",
    "QuestionLog",
    "QuestionLogError",
    "QuestionRecord",
    "Stats",
    "TopicCount",
    "UnansweredGroup",
    "as_utc",
    "group_questions",
    "neutralise_formula",
    "normalise_question",
    "parse_days",
    "parse_export_request",
    "purge_expired",
    "purge_expired_async",
    "render_csv",
    "render_stats_html",
    "render_unanswered_html",
    "summarise_period",
]
