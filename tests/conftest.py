"""Shared fixtures: the real engine, loaded once per test session."""

from __future__ import annotations

import pytest

from tests.ingest_fixtures import fixture_site  # noqa: F401 - the loopback site of the ingestion tests
from tests.telegram_fixtures import shared_engine


@pytest.fixture(scope="session")
def engine():
    """The real answer engine (MiniLM, FAISS, BM25 over the shipped corpus), shared by all tests."""
    return shared_engine()
