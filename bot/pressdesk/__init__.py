"""The press desk: the question log and what press staff read from it (stats, gaps, exports, retention).

No Telegram here: the adapter records questions through ``QuestionLog`` and
the curation through ``CurationStore``, and sends the reports these functions
render. Storage comes from ``bot.storage`` (the rows of both live in its
``Store``, shared by every replica on PostgreSQL).
"""

from bot.pressdesk.chart import render_chart_png
from bot.pressdesk.curation_store import (
    CHANGE_LOCK_TIMEOUT_S,
    ChangeInProgressError,
    CurationStore,
    CurationStoreError,
)
from bot.pressdesk.daily import (
    CHART_DAYS,
    MAX_CHART_DAYS,
    DailySeries,
    LanguageSeries,
    daily_series,
    period_days,
)
from bot.pressdesk.digest import (
    RatedPassage,
    chart_caption,
    digest_week,
    render_digest_html,
    weekly_digest_html,
    worst_rated,
)
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
    Action,
    Candidate,
    Change,
    ChatType,
    Count,
    Feedback,
    FileEdit,
    LoggedQuestion,
    Offer,
    PeriodStats,
    Phrasing,
    PressDeskError,
    QuestionLogError,
    QuestionRecord,
    Stats,
    TopicChoice,
    TopicCount,
    UnansweredGroup,
    as_utc,
)
from bot.pressdesk.reports import render_stats_html, render_unanswered_html
from bot.pressdesk.retention import PURGE_TIME_UTC, purge_expired, purge_expired_async
from bot.pressdesk.stats import DEFAULT_TOP_TOPICS, summarise_period

__all__ = [
    "CHANGE_LOCK_TIMEOUT_S",
    "CHART_DAYS",
    "CSV_COLUMNS",
    "DEFAULT_EXPORT_DAYS",
    "DEFAULT_TOP_TOPICS",
    "LIST_SEPARATOR",
    "MAX_CHART_DAYS",
    "MAX_EXPORT_DAYS",
    "NOT_A_GAP_REASONS",
    "PURGE_TIME_UTC",
    "Action",
    "Candidate",
    "Change",
    "ChangeInProgressError",
    "ChatType",
    "Count",
    "CurationStore",
    "CurationStoreError",
    "DailySeries",
    "ExportPeriodError",
    "ExportRequest",
    "Feedback",
    "FileEdit",
    "LanguageSeries",
    "LoggedQuestion",
    "Offer",
    "PeriodStats",
    "Phrasing",
    "PressDeskError",
    "QuestionLog",
    "QuestionLogError",
    "QuestionRecord",
    "RatedPassage",
    "Stats",
    "TopicChoice",
    "TopicCount",
    "UnansweredGroup",
    "as_utc",
    "chart_caption",
    "daily_series",
    "digest_week",
    "group_questions",
    "neutralise_formula",
    "normalise_question",
    "parse_days",
    "parse_export_request",
    "period_days",
    "purge_expired",
    "purge_expired_async",
    "render_chart_png",
    "render_csv",
    "render_digest_html",
    "render_stats_html",
    "render_unanswered_html",
    "summarise_period",
    "weekly_digest_html",
    "worst_rated",
]
