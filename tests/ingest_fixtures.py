"""The material ingestion tests read: a loopback site of team-written pages, a PDF and a DOCX.

``fixture_site`` serves tests/fixtures/site/ on 127.0.0.1 with a site-map
index, robots.txt (``/private/`` forbidden) and ETags; the PDF (fpdf2) and the
DOCX (python-docx) are written by the tests themselves, so what is extracted
can be compared with what was put in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.devtools.site_server import LoopbackSite

SITE_FILES = Path(__file__).resolve().parent / "fixtures" / "site"
PAGES = {
    "/en/consular/visa-fees/": "visa_fees.en.html",
    "/ru/consular/visa-free/": "visa_free.ru.html",
    "/be/press/statement/": "statement.be.html",
    "/uk/news/": "news.uk.html",
    "/en/press/": "navigation_only.en.html",
    "/private/draft/": "visa_fees.en.html",
}
FOREIGN_PAGE = "http://203.0.113.7/en/elsewhere/"  # a documentation address: listed, never fetched
FONT = "Helvetica"  # a PDF core font: no font file needed, and the PDF's text is English (Latin-1)

PDF_TITLE = "Legalisation of documents for use abroad"
PDF_PARAGRAPHS = (
    "Documents issued in Belarus are legalised by the Consular Department before they are used in "
    "states that are not parties to the Hague Convention. The applicant presents the original document "
    "and a copy of the passport.",
    "Legalisation takes five working days. The consular fee is paid in advance and is not refunded.",
)
PDF_HEADING = "Documents that are not legalised"
PDF_LAST = "Passports, driving licences and documents on commercial operations are not legalised."

DOCX_TITLE = "Порядок истребования документов из-за рубежа"
DOCX_HEADING = "Сроки рассмотрения"
DOCX_PARAGRAPHS = (
    "Граждане Республики Беларусь могут истребовать документы о регистрации актов гражданского "
    "состояния, выданные в иностранных государствах. Запрос подаётся в консульское учреждение.",
    "Запрос рассматривается в течение трёх месяцев. Срок может быть продлён, если иностранный орган "
    "запросит дополнительные сведения.",
)


def sitemap_xml(urls: list[str]) -> str:
    entries = "".join(f"<url><loc>{url}</loc><lastmod>2026-11-01</lastmod></url>" for url in urls)
    return (
        f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
    )


def sitemap_index_xml(urls: list[str]) -> str:
    entries = "".join(f"<sitemap><loc>{url}</loc></sitemap>" for url in urls)
    return (
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{entries}</sitemapindex>"
    )


def publish_sitemap(site: LoopbackSite, paths: list[str], extra_urls: tuple[str, ...] = ()) -> str:
    """A site-map index at /sitemap.xml with two site maps (pages split between them); return its URL."""
    urls = [site.url(path) for path in paths]
    half = len(urls) // 2
    site.put("/sitemap-a.xml", sitemap_xml(urls[:half]))
    site.put("/sitemap-b.xml", sitemap_xml([*urls[half:], *extra_urls]))
    site.put("/sitemap.xml", sitemap_index_xml([site.url("/sitemap-a.xml"), site.url("/sitemap-b.xml")]))
    return site.url("/sitemap.xml")


@pytest.fixture
def fixture_site() -> Iterator[LoopbackSite]:
    """The team-written pages on loopback, with robots.txt and a site-map index listing them all."""
    with LoopbackSite() as site:
        for path, name in PAGES.items():
            site.put(path, (SITE_FILES / name).read_bytes())
        site.put("/robots.txt", (SITE_FILES / "robots.txt").read_bytes())
        publish_sitemap(site, list(PAGES), (FOREIGN_PAGE,))
        yield site


def make_pdf(path: Path) -> Path:
    """A two-section English PDF with a title and a date in its properties."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_title(PDF_TITLE)
    pdf.set_creation_date(dt.datetime(2026, 9, 3, tzinfo=dt.UTC))
    pdf.set_font(FONT, "B", 16)
    pdf.multi_cell(0, 10, PDF_TITLE)
    pdf.ln(4)
    for paragraph in PDF_PARAGRAPHS:
        pdf.set_font(FONT, "", 11)
        pdf.multi_cell(0, 6, paragraph)
        pdf.ln(4)
    pdf.set_font(FONT, "B", 13)
    pdf.multi_cell(0, 8, PDF_HEADING)
    pdf.ln(2)
    pdf.set_font(FONT, "", 11)
    pdf.multi_cell(0, 6, PDF_LAST)
    pdf.output(str(path))
    return path


def make_docx(path: Path) -> Path:
    """A Russian Word document: a Title paragraph, body paragraphs and a Heading 1."""
    import docx

    document = docx.Document()
    document.core_properties.title = DOCX_TITLE
    document.core_properties.created = dt.datetime(2026, 8, 21, 10, 0)
    document.core_properties.modified = dt.datetime(2026, 8, 21, 10, 0)
    document.add_paragraph(DOCX_TITLE, style="Title")
    document.add_paragraph(DOCX_PARAGRAPHS[0])
    document.add_heading(DOCX_HEADING, level=1)
    document.add_paragraph(DOCX_PARAGRAPHS[1])
    document.save(str(path))
    return path
