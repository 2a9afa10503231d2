"""Composition: how settings become the engine both adapters use.

The CLI and the Telegram adapter both import this module and neither imports the
other, so the adapters stay independent and the core keeps receiving plain
values (``EngineOptions``), never the settings object.
"""

from __future__ import annotations

from bot.answering import Engine, EngineOptions
from config import Settings


def engine_options(settings: Settings) -> EngineOptions:
    """The engine's plain options from the validated settings."""
    return EngineOptions(
        corpus_dir=settings.corpus_dir,
        index_dir=settings.index_dir,
        model_name=settings.model_name,
        query_prefix=settings.query_prefix,
        passage_prefix=settings.passage_prefix,
        model_languages=tuple(settings.model_language_list),
        official_site_url=settings.official_site_url,
    )


def load_engine(settings: Settings) -> Engine:
    """Load (or build) the index and return a ready engine."""
    return Engine.load(engine_options(settings))
