"""``sync``: a site map kept in step with the corpus, politely, re-embedding only what changed."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import pytest

from bot.cli import main
from corpus import load_corpus, read_document
from corpus.ingest import STATE_FILE, FetchError, PoliteFetcher, SourceFacts, sync_sitemap
from index import build_index
from index.store import embedding_units
from tests.fakes import HashingEncoder
from tests.ingest_fixtures import (
    FOREIGN_PAGE,
    PAGES,
    SITE_FILES,
    publish_sitemap,
)

TODAY = dt.date(2026, 12, 1)
SERVED = ["/en/consular/visa-fees/", "/ru/consular/visa-free/", "/be/press/statement/"]


def sync(site, corpus_dir: Path, delay: float = 0.0, today: dt.date = TODAY):
    with PoliteFetcher(frozenset({site.host}), delay) as fetcher:
        return sync_sitemap(site.url("/sitemap.xml"), corpus_dir, fetcher, SourceFacts(), today)


def document_ids(corpus_dir: Path) -> list[str]:
    return sorted(p.stem for p in (corpus_dir / "documents").glob("*.md"))


def test_first_sync_adds_served_pages_and_skips_the_rest(fixture_site, tmp_path):
    summary = sync(fixture_site, tmp_path)
    assert sorted(c.document.source_url for c in summary.added) == sorted(fixture_site.url(p) for p in SERVED)
    assert summary.listed == len(PAGES) + 1
    assert summary.not_allowed == 2  # /private/ (robots.txt) and the other host
    skipped = dict(summary.skipped)
    assert "Ukrainian" in skipped[fixture_site.url("/uk/news/")]
    assert "no main text" in skipped[fixture_site.url("/en/press/")]
    assert document_ids(tmp_path) == ["be-press-statement", "en-consular-visa-fees", "ru-consular-visa-free"]
    fetched = {r.path for r in fixture_site.requests}
    assert "/private/draft/" not in fetched and "/robots.txt" in fetched
    state = json.loads((tmp_path / STATE_FILE).read_text())
    pages = state["sitemaps"][fixture_site.url("/sitemap.xml")]
    assert pages[fixture_site.url("/en/consular/visa-fees/")]["etag"].startswith('"')
    assert FOREIGN_PAGE not in pages


def test_second_sync_asks_conditionally_and_changes_nothing(fixture_site, tmp_path):
    sync(fixture_site, tmp_path)
    before = {p: p.stat().st_mtime_ns for p in (tmp_path / "documents").glob("*.md")}
    fixture_site.requests.clear()
    summary = sync(fixture_site, tmp_path)
    assert not summary.changed and summary.not_modified == len(SERVED)
    for path in SERVED:
        [request] = fixture_site.requests_for(path)
        assert request.if_none_match and request.status == 304
    assert before == {p: p.stat().st_mtime_ns for p in (tmp_path / "documents").glob("*.md")}


def test_changed_page_is_updated_and_only_its_new_passage_is_embedded(fixture_site, tmp_path):
    sync(fixture_site, tmp_path)
    encoder = HashingEncoder()
    corpus = load_corpus(tmp_path)
    build_index(corpus.passages, corpus.content_hash, encoder, tmp_path / "index")
    page = (SITE_FILES / "visa_fees.en.html").read_text(encoding="utf-8")
    fixture_site.put("/en/consular/visa-fees/", page.replace("three working days", "two working days"))
    summary = sync(fixture_site, tmp_path)
    [updated] = summary.updated
    assert updated.document.id == "en-consular-visa-fees" and updated.passages_added == 1
    assert summary.not_modified == 2
    encoder.encoded_texts = 0
    corpus = load_corpus(tmp_path)
    build_index(corpus.passages, corpus.content_hash, encoder, tmp_path / "index")
    [changed] = [p for p in corpus.passages if "two working days" in p.text]
    new_texts = [text for _, text in embedding_units(changed) if "two working days" in text]
    assert len(new_texts) == 2  # the passage and its edited sentence; its other sentence is kept
    assert encoder.encoded_texts == len(new_texts)


@pytest.mark.parametrize("how", ["dropped from the site map", "answers 404"])
def test_vanished_page_is_withdrawn_not_deleted(fixture_site, tmp_path, how):
    sync(fixture_site, tmp_path)
    gone = "/ru/consular/visa-free/"
    if how == "answers 404":
        fixture_site.remove(gone)
    else:
        publish_sitemap(fixture_site, [p for p in PAGES if p != gone])
    summary = sync(fixture_site, tmp_path, today=dt.date(2026, 12, 2))
    [withdrawn] = summary.withdrawn
    document = read_document(tmp_path / "documents" / "ru-consular-visa-free.md")
    assert withdrawn.document.id == document.id
    assert (document.status, document.withdrawn_on) == ("withdrawn", dt.date(2026, 12, 2))
    assert "ru-consular-visa-free" not in {p.doc_id for p in load_corpus(tmp_path).passages}
    assert any(line.startswith("  withdrawn: ru-consular-visa-free.md") for line in summary.lines())


def test_requests_wait_for_the_delay(fixture_site, tmp_path):
    sync(fixture_site, tmp_path, delay=0.2)
    moments = [r.at for r in fixture_site.requests]
    assert len(moments) > 5
    assert min(b - a for a, b in itertools.pairwise(moments)) >= 0.19


def test_unreadable_site_map_stops_before_anything_changes(fixture_site, tmp_path):
    sync(fixture_site, tmp_path)
    fixture_site.put("/sitemap.xml", "<html><body>Maintenance</body></html>")
    with pytest.raises(FetchError, match="not a site map"):
        sync(fixture_site, tmp_path)
    assert all(d.is_current for d in load_corpus(tmp_path).documents)
    assert len(document_ids(tmp_path)) == 3


def test_site_map_on_a_host_not_allowed_is_refused(fixture_site, tmp_path):
    with (
        PoliteFetcher(frozenset({"mfa.gov.by"}), 0) as fetcher,
        pytest.raises(FetchError, match="not allowed"),
    ):
        sync_sitemap(fixture_site.url("/sitemap.xml"), tmp_path, fetcher, SourceFacts(), TODAY)
    assert fixture_site.requests == []


def test_cli_sync_prints_a_summary_and_records_each_changed_document(
    fixture_site, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("BOT_CORPUS_DIR", str(tmp_path))
    monkeypatch.setenv("BOT_DB_PATH", str(tmp_path / "questions.sqlite3"))
    argv = ["sync", "--sitemap", fixture_site.url("/sitemap.xml"), "--allow-host", "127.0.0.1"]
    assert main([*argv, "--delay", "0", "--no-index", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "site map: 7 pages listed, 2 not allowed" in out
    assert "added 3, updated 0, unchanged 0 (0 answered 304 Not Modified), withdrawn 0, skipped 2" in out
    assert "press-desk changes #1-#3: replicas reload at their next poll" in out
    assert main([*argv, "--delay", "0", "--no-index", "--no-progress"]) == 0
    assert "press-desk changes" not in capsys.readouterr().out  # nothing changed: nothing recorded
    assert main(["history"]) == 0
    assert len([line for line in capsys.readouterr().out.splitlines() if ", document: added: " in line]) == 3
