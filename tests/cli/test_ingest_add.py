"""``add``: pages, PDFs, Word and text files become corpus documents with their front matter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.cli import main
from corpus import chunk_document, load_corpus, read_document
from corpus.ingest import (
    DocumentFolder,
    DuplicateError,
    IngestError,
    NoTextError,
    SourceFacts,
    UnreadableSourceError,
    UnservedLanguageError,
    add_file,
    add_url,
)
from tests.ingest_fixtures import (
    DOCX_HEADING,
    DOCX_PARAGRAPHS,
    DOCX_TITLE,
    PDF_HEADING,
    PDF_LAST,
    PDF_PARAGRAPHS,
    PDF_TITLE,
    SITE_FILES,
    make_docx,
    make_pdf,
)

TODAY = dt.date(2026, 12, 1)
PAGE_CHROME = ("cookies", "Home", "Contacts", "Share", "All rights reserved", "Lenin Street", "Site map")


@pytest.fixture
def folder(tmp_path: Path) -> DocumentFolder:
    return DocumentFolder(tmp_path / "corpus" / "documents")


def sections(document) -> dict[str | None, list[str]]:
    found: dict[str | None, list[str]] = {}
    for passage in chunk_document(document):
        found.setdefault(passage.section, []).append(passage.text)
    return found


def test_add_page_drops_navigation_and_keeps_headings_as_sections(fixture_site, folder):
    change = add_url(fixture_site.url("/en/consular/visa-fees/"), SourceFacts(), folder, TODAY)
    document = read_document(change.path)
    assert change.action == "added" and change.path.name == "en-consular-visa-fees.md"
    assert (document.title, document.language, document.kind) == ("Consular fees for visas", "en", "official")
    assert document.date == dt.date(2026, 10, 14)
    assert document.source_url == fixture_site.url("/en/consular/visa-fees/")
    assert document.source_name == "Ministry of Foreign Affairs of the Republic of Belarus"
    assert not any(chrome in document.body for chrome in PAGE_CHROME)
    found = sections(document)
    assert list(found) == [None, "Who does not pay the fee", "Urgent processing"]
    assert found["Urgent processing"] == [
        "An application may be examined within three working days at the applicant's request. "
        "Urgent processing doubles the consular fee."
    ]


@pytest.mark.parametrize(
    ("path", "language", "title", "date"),
    [
        ("/ru/consular/visa-free/", "ru", "Безвизовый въезд в Республику Беларусь", dt.date(2026, 9, 2)),
        (
            "/be/press/statement/",
            "be",
            "Заява Міністэрства замежных спраў аб супрацоўніцтве ў рэгіёне",
            dt.date(2026, 11, 20),
        ),
    ],
)
def test_add_page_detects_russian_and_belarusian(fixture_site, folder, path, language, title, date):
    document = read_document(add_url(fixture_site.url(path), SourceFacts(), folder, TODAY).path)
    assert (document.language, document.title, document.date) == (language, title, date)


def test_a_lone_date_line_stays_in_the_body_but_is_neither_passage_nor_section(fixture_site, folder):
    document = read_document(
        add_url(fixture_site.url("/ru/consular/visa-free/"), SourceFacts(), folder, TODAY).path
    )
    assert "2 сентября 2026" in document.body and document.boilerplate == ("2 сентября 2026",)
    assert all("2 сентября 2026" not in (p.section or "") + p.text for p in chunk_document(document))


def test_add_pdf_keeps_its_words_and_headings(tmp_path, folder):
    pdf = make_pdf(tmp_path / "legalisation.pdf")
    facts = SourceFacts(source_url="https://mfa.gov.by/en/consular/legalisation.pdf")
    document = read_document(add_file(pdf, facts, folder, TODAY).path)
    assert (document.title, document.language, document.date) == (PDF_TITLE, "en", dt.date(2026, 9, 3))
    found = sections(document)
    assert found[None] == list(PDF_PARAGRAPHS)
    assert found[PDF_HEADING] == [PDF_LAST]


def test_add_docx_keeps_its_words_and_headings(tmp_path, folder):
    word = make_docx(tmp_path / "истребование.docx")
    facts = SourceFacts(source_url="https://mfa.gov.by/ru/consular/documents/")
    change = add_file(word, facts, folder, TODAY)
    document = read_document(change.path)
    assert change.path.name == "istrebovanie.md"
    assert (document.title, document.language, document.date) == (DOCX_TITLE, "ru", dt.date(2026, 8, 21))
    assert sections(document) == {None: [DOCX_PARAGRAPHS[0]], DOCX_HEADING: [DOCX_PARAGRAPHS[1]]}


@pytest.mark.parametrize(
    ("name", "text", "language"),
    [
        (
            "briefing.md",
            "# Briefing on consular assistance\n\nConsular officers help citizens who lost their passports "
            "abroad.\n\n## Contacts\n\nThe hotline of the Consular Department works around the clock.\n",
            "en",
        ),
        (
            "паведамленне.txt",
            "Паведамленне для грамадзян\n\nКонсульскі аддзел працуе з панядзелка па пятніцу. Прыём "
            "вядзецца па папярэднім запісе.\n",
            "be",
        ),
    ],
)
def test_add_markdown_and_plain_text(tmp_path, folder, name, text, language):
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    document = read_document(
        add_file(source, SourceFacts(source_url="https://mfa.gov.by/x/"), folder, TODAY).path
    )
    assert document.language == language
    assert document.title == text.lstrip("# ").split("\n", 1)[0]
    assert document.note and "no date" in document.note and document.date == TODAY


def test_same_source_again_is_updated_in_place_and_says_what_changed(fixture_site, folder):
    url = fixture_site.url("/en/consular/visa-fees/")
    first = add_url(url, SourceFacts(), folder, TODAY)
    page = (SITE_FILES / "visa_fees.en.html").read_text(encoding="utf-8")
    fixture_site.put(
        "/en/consular/visa-fees/", page.replace("doubles the consular fee", "triples the consular fee")
    )
    second = add_url(url, SourceFacts(), folder, TODAY)
    assert second.action == "updated" and second.path == first.path
    assert (second.passages_added, second.passages_removed, second.fields_changed) == (1, 1, ("body",))
    assert "1 new or changed, 1 gone" in second.describe()
    assert "triples" in read_document(first.path).body
    assert len(list(folder.directory.glob("*.md"))) == 1


def test_same_source_unchanged_writes_nothing(fixture_site, folder):
    url = fixture_site.url("/be/press/statement/")
    first = add_url(url, SourceFacts(), folder, TODAY)
    written = first.path.stat().st_mtime_ns
    again = add_url(url, SourceFacts(), folder, TODAY)
    assert again.action == "unchanged" and first.path.stat().st_mtime_ns == written


def test_same_text_under_another_address_is_a_duplicate(fixture_site, folder):
    add_url(fixture_site.url("/en/consular/visa-fees/"), SourceFacts(), folder, TODAY)
    fixture_site.put("/en/copy/", (SITE_FILES / "visa_fees.en.html").read_bytes())
    with pytest.raises(DuplicateError, match=r"en-consular-visa-fees\.md"):
        add_url(fixture_site.url("/en/copy/"), SourceFacts(), folder, TODAY)
    assert [p.name for p in folder.directory.glob("*.md")] == ["en-consular-visa-fees.md"]


@pytest.mark.parametrize(
    ("path", "error", "message"),
    [
        ("/uk/news/", UnservedLanguageError, "Ukrainian"),
        ("/en/press/", NoTextError, "no main text"),
    ],
)
def test_unserved_language_or_navigation_only_writes_nothing(fixture_site, folder, path, error, message):
    with pytest.raises(error, match=message):
        add_url(fixture_site.url(path), SourceFacts(), folder, TODAY)
    assert list(folder.directory.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("statement.pdf", b"%PDF-1.4 this is not really a PDF", "not a readable PDF"),
        ("statement.docx", b"PK\x03\x04 broken", "not a readable .docx"),
        ("statement.doc", b"\xd0\xcf\x11\xe0 an old Word file", "not a kind of file"),
        ("statement.txt", "Кітай".encode("cp1251"), "not UTF-8"),
        ("empty.html", b"   ", "empty"),
    ],
)
def test_unreadable_file_is_refused(tmp_path, folder, name, content, message):
    source = tmp_path / name
    source.write_bytes(content)
    with pytest.raises(UnreadableSourceError, match=message):
        add_file(source, SourceFacts(source_url="https://mfa.gov.by/x/"), folder, TODAY)
    assert list(folder.directory.iterdir()) == []


def test_file_without_web_address_is_refused(tmp_path, folder):
    with pytest.raises(IngestError, match="web address"):
        add_file(make_pdf(tmp_path / "a.pdf"), SourceFacts(), folder, TODAY)


def test_added_documents_load_with_the_corpus_and_withdrawn_ones_are_not_quoted(fixture_site, folder):
    for path in ("/en/consular/visa-fees/", "/ru/consular/visa-free/"):
        add_url(fixture_site.url(path), SourceFacts(), folder, TODAY)
    folder.withdraw(fixture_site.url("/ru/consular/visa-free/"), TODAY)
    corpus = load_corpus(folder.directory.parent)
    assert [d.id for d in corpus.documents] == ["en-consular-visa-fees"]
    assert [d.id for d in corpus.withdrawn] == ["ru-consular-visa-free"]
    assert {p.doc_id for p in corpus.passages} == {"en-consular-visa-fees"}
    assert read_document(folder.directory / "ru-consular-visa-free.md").withdrawn_on == TODAY


@pytest.fixture
def cli_material(tmp_path, monkeypatch) -> Path:
    """``python -m bot`` pointed at an empty corpus and a database in ``tmp_path``."""
    monkeypatch.setenv("BOT_CORPUS_DIR", str(tmp_path / "corpus"))
    monkeypatch.setenv("BOT_DB_PATH", str(tmp_path / "questions.sqlite3"))
    return tmp_path / "corpus"


def test_cli_add_prints_what_was_added(fixture_site, cli_material, capsys):
    assert main(["add", fixture_site.url("/be/press/statement/"), "--no-index"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("added: be-press-statement.md (be) «Заява Міністэрства")
    assert "3 passages" in out
    assert "press-desk change #1: replicas reload at their next poll" in out


def test_cli_add_is_in_the_press_desk_history_and_undo_takes_it_back(fixture_site, cli_material, capsys):
    assert main(["add", fixture_site.url("/be/press/statement/"), "--no-index"]) == 0  # the material's rest
    url = fixture_site.url("/en/consular/visa-fees/")
    assert main(["add", url, "--no-index"]) == 0
    page = (SITE_FILES / "visa_fees.en.html").read_text(encoding="utf-8")
    fixture_site.put(
        "/en/consular/visa-fees/", page.replace("doubles the consular fee", "triples the consular fee")
    )
    assert main(["add", url, "--no-index"]) == 0
    path = cli_material / "documents" / "en-consular-visa-fees.md"
    assert "triples" in path.read_text("utf-8")
    capsys.readouterr()
    assert main(["history"]) == 0
    history = capsys.readouterr().out.splitlines()
    assert history[0].startswith("#3 ")
    assert ", command line, document: updated: en-consular-visa-fees.md" in history[0]
    assert history[1].startswith("#2 ") and "document: added: en-consular-visa-fees.md" in history[1]
    assert main(["undo"]) == 0  # the update: the file as it was after the first addition
    assert "doubles" in path.read_text("utf-8") and "triples" not in path.read_text("utf-8")
    assert main(["undo"]) == 0  # the addition: the file is gone
    assert not path.exists()
    assert main(["add", url, "--no-index"]) == 0  # and it can be added again
    assert path.exists()


@pytest.mark.parametrize(
    ("path", "message"),
    [("/uk/news/", "the bot serves en, ru, be only"), ("/private/draft/", "robots.txt forbids it")],
)
def test_cli_add_refusal_exits_non_zero_with_the_reason(fixture_site, cli_material, capsys, path, message):
    assert main(["add", fixture_site.url(path), "--no-index"]) == 2
    assert message in capsys.readouterr().err
    assert not list((cli_material / "documents").glob("*.md"))
    assert main(["history"]) == 0
    assert capsys.readouterr().out.strip() == "No press-desk changes yet."
