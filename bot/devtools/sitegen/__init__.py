"""A generated ministry-like web site for the scale benchmark, composed from team-written prose.

``material.yaml`` holds 45 sentences per language (English, Russian,
Belarusian; one set of meanings in each) in five topics, with titles and
section headings, and slot values (countries in the grammatical forms the
sentences need, cities, fields). A page takes one topic and one country,
and composes three to five sections of two or three paragraphs of two or three
sentences each: real sentences of real length and vocabulary, so tokenising,
embedding and searching cost what they would on the ministry's own pages,
unlike shuffled tokens. The page carries what ``sync`` must strip (a menu,
a language switch, breadcrumbs, a footer) and a publication date.

Run ``python -m bot.devtools.sitegen OUT --pages N`` to write the pages,
``robots.txt`` and a site-map index under OUT; serve OUT on loopback with
``bot.devtools.site_server`` (the scale benchmark does).
"""

from __future__ import annotations

import datetime as dt
import html
import random
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

MATERIAL = Path(__file__).with_name("material.yaml")
LANGUAGES = ("en", "ru", "be")
URLS_PER_SITEMAP = 1000
_SLOT = re.compile(r"\{(\w+)\}")
_CHROME = {
    "en": ("Home", "The Ministry", "Foreign policy", "Consular issues", "Press service", "Contacts"),
    "ru": (
        "Главная",
        "О министерстве",
        "Внешняя политика",
        "Консульские вопросы",
        "Пресс-служба",
        "Контакты",
    ),
    "be": (
        "Галоўная",
        "Пра міністэрства",
        "Знешняя палітыка",
        "Консульскія пытанні",
        "Прэс-служба",
        "Кантакты",
    ),
}
_FOOTER = {
    "en": "© Ministry of Foreign Affairs of the Republic of Belarus. All rights reserved.",
    "ru": "© Министерство иностранных дел Республики Беларусь. Все права защищены.",
    "be": "© Міністэрства замежных спраў Рэспублікі Беларусь. Усе правы абаронены.",
}


@cache
def material() -> dict[str, Any]:
    """The team-written sentences, headings, titles and slot values, by language."""
    loaded: dict[str, Any] = yaml.safe_load(MATERIAL.read_text(encoding="utf-8"))
    return loaded


@dataclass(frozen=True)
class GeneratedSite:
    """What was written: the folder, the page paths and the site-map path."""

    directory: Path
    page_paths: tuple[str, ...]
    sitemap_path: str = "/sitemap.xml"


def _fill(template: str, slots: dict[str, str]) -> str:
    return _SLOT.sub(lambda match: slots[match.group(1)], template)


def _page_slots(language: str, rng: random.Random) -> dict[str, str]:
    values = material()[language]["slots"]
    country = rng.randrange(len(values["country"]))
    slots = {name: options[country] for name, options in values.items() if name.startswith("country")}
    slots["city"] = rng.choice(values["city"])
    return slots


def compose_page(language: str, topic: str, number: int, rng: random.Random) -> tuple[str, str]:
    """One page's HTML and its path, e.g. ``/ru/trade/00042/``."""
    prose = material()[language]["topics"][topic]
    slots = _page_slots(language, rng)

    def filled(template: str) -> str:
        more = {
            "year": str(rng.randint(2018, 2026)),
            "number": str(rng.randint(3, 40)),
            "field": rng.choice(material()[language]["slots"]["field"]),
        }
        return html.escape(_fill(template, {**slots, **more}))

    title = filled(rng.choice(prose["titles"]))
    parts = [f"<h1>{title}</h1>"]
    for heading in rng.sample(prose["headings"], rng.randint(3, 5)):
        parts.append(f"<h2>{filled(heading)}</h2>")
        # Sentences are drawn without repetition within a section, as a writer would not repeat one.
        pool = rng.sample(prose["sentences"], len(prose["sentences"]))
        for _ in range(rng.randint(2, 3)):
            sentences, pool = pool[: rng.randint(2, 3)], pool[3:]
            parts.append("<p>" + " ".join(filled(s) for s in sentences) + "</p>")
    published = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(1000))
    menu = "".join(
        f'<li><a href="/{language}/{n}/">{item}</a></li>' for n, item in enumerate(_CHROME[language])
    )
    path = f"/{language}/{topic}/{number:05d}/"
    page = (
        f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="article:published_time" content="{published.isoformat()}"></head><body>'
        f'<header><nav><ul>{menu}</ul></nav><div class="lang"><a href="/be/">Бел</a> <a href="/ru/">Рус</a> '
        f'<a href="/en/">Eng</a></div></header>'
        f'<nav class="crumbs"><a href="/{language}/">{_CHROME[language][0]}</a>'
        f" / {title}</nav><main><article>{''.join(parts)}</article></main>"
        f"<footer><p>{_FOOTER[language]}</p></footer></body></html>\n"
    )
    return page, path


def _sitemap(urls: list[str]) -> str:
    entries = "".join(f"<url><loc>{html.escape(url)}</loc></url>" for url in urls)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>\n'


def generate_site(directory: Path, pages: int, base_url: str, seed: int = 2026) -> GeneratedSite:
    """Write ``pages`` pages (languages and topics in turn), robots.txt and a site-map index.

    ``base_url`` is where the folder will be served (the site maps hold full addresses).
    """
    rng = random.Random(seed)
    topics = list(material()["en"]["topics"])
    paths = []
    for number in range(pages):
        language, topic = LANGUAGES[number % 3], topics[(number // 3) % len(topics)]
        page, path = compose_page(language, topic, number, rng)
        file = directory / path.strip("/") / "index.html"
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(page, encoding="utf-8")
        paths.append(path)
    urls = [base_url.rstrip("/") + path for path in paths]
    sitemaps = []
    for start in range(0, len(urls), URLS_PER_SITEMAP):
        name = f"sitemap-{start // URLS_PER_SITEMAP + 1:03d}.xml"
        (directory / name).write_text(_sitemap(urls[start : start + URLS_PER_SITEMAP]), encoding="utf-8")
        sitemaps.append(f"{base_url.rstrip('/')}/{name}")
    entries = "".join(f"<sitemap><loc>{url}</loc></sitemap>" for url in sitemaps)
    (directory / "sitemap.xml").write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{entries}</sitemapindex>\n",
        encoding="utf-8",
    )
    (directory / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n", encoding="utf-8")
    return GeneratedSite(directory, tuple(paths))
