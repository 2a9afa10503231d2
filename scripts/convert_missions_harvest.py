"""Turn the missions harvest into the project's own mission files (dev tool, kept for provenance).

Reads ``../shared/data/missions_harvest_raw.jsonl`` (one record per source), keeps
only sources that are official sites, news organisations or encyclopedias (see
``missions_harvest_sources.py``), merges rows per mission, applies the hand
review in ``missions_harvest_review.yaml`` (statuses, heads, dropped facts) and
writes ``corpus/missions/belarus_abroad.yaml`` and ``foreign_in_belarus.yaml``.

Nothing at run time reads the harvest: after generation the YAML files are the
source of truth that operators edit. Re-running overwrites them, so edits made
by hand afterwards belong in the YAML files, not here.

Usage: python scripts/convert_missions_harvest.py [--harvest PATH] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import pycountry
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from missions_harvest_sources import classify_source  # noqa: E402

from corpus import MISSION_KINDS, Mission  # noqa: E402

DEFAULT_HARVEST = ROOT.parent / "shared" / "data" / "missions_harvest_raw.jsonl"
REVIEW_FILE = Path(__file__).resolve().parent / "missions_harvest_review.yaml"
DIRECTION_PREFIX = {"b": "belarus_abroad", "f": "foreign_in_belarus"}
CONTACT_FIELDS = ("address", "phone", "email", "website", "hours")
# Harvest spellings pycountry does not resolve on its own (dev tool only).
COUNTRY_CODE_OVERRIDES = {"Turkey": "TR", "Holy See": "VA", "European Union": None}


def slug(text: str) -> str:
    """Lower-case ASCII slug: 'Chișinău' -> 'chisinau', 'Rostov-on-Don' -> 'rostov-on-don'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = "".join(c if c.isalnum() else " " for c in ascii_text.lower()).split()
    return "-".join(words)


def country_code(country: str) -> str | None:
    if country in COUNTRY_CODE_OVERRIDES:
        return COUNTRY_CODE_OVERRIDES[country]
    try:
        return pycountry.countries.lookup(country).alpha_2
    except LookupError:
        return pycountry.countries.search_fuzzy(country)[0].alpha_2


def harvest_key(row: dict[str, Any]) -> str:
    prefix = "b" if row["list"] == "belarus_abroad" else "f"
    return f"{prefix}|{row['kind']}|{row['country']}|{row['city']}"


def group_rows(rows: list[dict[str, Any]], merge: dict[str, str]) -> tuple[dict, list[str]]:
    """Group harvest rows per mission, keeping only acceptable sources; report what is lost."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    log = []
    for index, row in enumerate(rows):
        accepted, rejected = [], []
        for source in row["sources"]:
            category, reason = classify_source(source)
            (rejected if category == "rejected" else accepted).append((source, reason))
        key = merge.get(harvest_key(row), harvest_key(row))
        if rejected:
            log.append(f"row {index} {key}: rejected " + "; ".join(f"{s[:70]} ({r})" for s, r in rejected))
        if accepted:
            groups[key].append(
                {
                    **row,
                    "index": index,
                    "accepted": [s for s, _ in accepted],
                    "rejected": [r for _, r in rejected],
                }
            )
        else:
            log.append(f"row {index} {key}: DROPPED (no acceptable source)")
    return groups, log


def newest_first(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda r: r["source_date"] or "", reverse=True)


def pick_contacts(rows: list[dict[str, Any]], review: dict[str, Any]) -> tuple[dict, list[str]]:
    """Take each contact field from the newest row holding it; note differing values."""
    values: dict[str, Any] = {}
    conflicts = []
    for field in CONTACT_FIELDS:
        target = "phones" if field == "phone" else field
        if target in review.get("drop", []) or target in review.get("set", {}):
            continue
        seen = [(r[field], r["source_date"]) for r in newest_first(rows) if r[field]]
        if not seen:
            continue
        values[target] = seen[0][0]
        others = sorted({v for v, _ in seen[1:] if v != seen[0][0]})
        if others:
            conflicts.append(
                f"{target}: kept {seen[0][0]!r} (newest); other sources gave "
                + "; ".join(repr(v) for v in others)
            )
    if "phones" in values:
        values["phones"] = [p.strip() for p in values["phones"].split(";") if p.strip()]
    values.update(review.get("set", {}))
    return values, conflicts


def source_list(rows: list[dict[str, Any]], review: dict[str, Any]) -> list[dict[str, Any]]:
    """Sources with dates. A row's date is that of its newest source, so it dates a URL
    only when the row has one source; the review may date the others from the notes."""
    dated: dict[str, str | None] = {}
    for row in rows:
        for url in row["accepted"]:
            if "{{" in url:  # template residue in the harvest: not a working address
                continue
            date = row["source_date"] if len(row["accepted"]) == 1 else None
            for prefix, override in review.get("src_dates", {}).items():
                if url.startswith(prefix) and not date:
                    date = str(override)
            if url not in dated or (date or "") > (dated[url] or ""):
                dated[url] = date
    for extra in review.get("add_sources", []):
        date = extra.get("date")
        dated.setdefault(extra["url"], str(date) if date else None)
    return [{"url": url, **({"date": date} if date else {})} for url, date in dated.items()]


def build_record(
    key: str,
    rows: list[dict[str, Any]],
    review: dict[str, Any],
    cities: dict[str, list[str]],
    harvest_date: str,
) -> dict[str, Any]:
    prefix, kind, country, city = key.split("|")
    direction = DIRECTION_PREFIX[prefix]
    record_id = review.get("id") or (
        f"by-{slug(kind)}-{slug(country)}-{slug(city)}"
        if direction == "belarus_abroad"
        else f"{slug(country)}-{slug(kind)}-{slug(city)}"
    )
    contacts, conflicts = pick_contacts(rows, review)
    names = {
        "en": review.get("names_en") or next((r["name"] for r in newest_first(rows) if r["name"]), None),
        "ru": next((r["name_ru"] for r in newest_first(rows) if r["name_ru"]), None),
    }
    sources = source_list(rows, review)
    dates = [s["date"] for s in sources if s.get("date")] + [
        r["source_date"] for r in rows if r["source_date"]
    ]
    head = review.get("head")
    status = {
        "state": review["s"],
        "since": review.get("since"),
        "note": review.get("note"),
        "turn_to": review.get("turn_to"),
    }
    rejected = sorted({reason for r in rows for reason in r["rejected"]})
    record = {
        "id": record_id,
        "direction": direction,
        "kind": kind,
        "country": country,
        "country_code": country_code(country),
        "organisation": review.get("org"),
        "city": city,
        "city_names": dict(zip(("ru", "be"), cities[city])) if city in cities else {},
        "names": {k: v for k, v in names.items() if v},
        **contacts,
        "covers": review.get("covers", []),
        "head": {"name": head[0], "title": head[1], "as_of": str(head[2])} if head else None,
        "status": {k: (str(v) if k == "since" and v else v) for k, v in status.items() if v},
        "sources": sources,
        "checked": max(dates) if dates else harvest_date,
        "conflicts": review.get("conflicts", []) + conflicts,
        "notes": review.get("notes", [])
        + ([f"sources left out of the harvest rows: {', '.join(rejected)}"] if rejected else []),
    }
    return Mission.model_validate(record).model_dump(mode="json", exclude_none=True, exclude_defaults=True)


def sort_key(record: dict[str, Any]) -> tuple:
    return (record["country"], MISSION_KINDS.index(record["kind"]), record["city"])


def convert(harvest: Path, out_dir: Path) -> None:
    rows = [json.loads(line) for line in harvest.read_text(encoding="utf-8").splitlines() if line.strip()]
    review = yaml.safe_load(REVIEW_FILE.read_text(encoding="utf-8"))
    harvest_date = max(r["source_date"] for r in rows if r["source_date"] and len(r["source_date"]) == 10)
    groups, log = group_rows(rows, review.get("merge", {}))
    missing = sorted(set(groups) - set(review["records"]))
    unused = sorted(set(review["records"]) - set(groups))
    if missing or unused:
        raise SystemExit(f"unreviewed records: {missing}\nreview entries without data: {unused}")
    by_direction: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for key, group in groups.items():
        record = build_record(key, group, review["records"][key], review.get("cities", {}), harvest_date)
        by_direction[record["direction"]].append(record)
    out_dir.mkdir(parents=True, exist_ok=True)
    for direction, records in by_direction.items():
        header = (
            f"# Missions ({direction}). Generated from the missions harvest by "
            f"scripts/convert_missions_harvest.py;\n# from now on edited by hand. "
            f"Schema: corpus/missions_schema.py. Harvest date: {harvest_date}.\n"
        )
        body = yaml.safe_dump(sorted(records, key=sort_key), allow_unicode=True, sort_keys=False, width=100)
        (out_dir / f"{direction}.yaml").write_text(header + body, encoding="utf-8")
        print(f"{direction}: {len(records)} records")
    print("\n".join(log))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--harvest", type=Path, default=DEFAULT_HARVEST)
    parser.add_argument("--out", type=Path, default=ROOT / "corpus" / "missions")
    args = parser.parse_args()
    convert(args.harvest, args.out)


if __name__ == "__main__":
    main()
