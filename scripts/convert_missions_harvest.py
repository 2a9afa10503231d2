"""Turn the missions harvest into the project's own mission files (dev tool, kept for provenance).

Stage one reads ``scripts/data/missions_harvest_raw.jsonl`` (one record per source), keeps
only sources that are official sites, news organisations or encyclopedias (see
``missions_harvest_sources.py``), merges rows per mission, applies the hand
review in ``missions_harvest_review.yaml`` (statuses, heads, dropped facts) and
builds the records. Stage two (``missions_contacts_merge.py``) merges the contacts
harvest ``scripts/data/missions_contacts_harvest.jsonl`` through its own review,
``missions_contacts_review.yaml``. Then it writes ``corpus/missions/belarus_abroad.yaml``
and ``foreign_in_belarus.yaml``. Both harvests are copied into ``scripts/data/`` so the
tool runs from a clone.

Nothing at run time reads the harvest: after generation the YAML files are the
source of truth that operators edit. Re-running overwrites them, so edits made
by hand afterwards belong in the YAML files, not here.

Usage: python scripts/convert_missions_harvest.py [--harvest PATH] [--contacts PATH] [--out DIR]
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

from missions_contacts_merge import merge_contacts, read_rows  # noqa: E402
from missions_harvest_sources import classify_source  # noqa: E402

from corpus import MISSION_KINDS, Mission  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
DEFAULT_HARVEST = DATA / "missions_harvest_raw.jsonl"
DEFAULT_CONTACTS = DATA / "missions_contacts_harvest.jsonl"
REVIEW_FILE = Path(__file__).resolve().parent / "missions_harvest_review.yaml"
CONTACTS_REVIEW_FILE = Path(__file__).resolve().parent / "missions_contacts_review.yaml"
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


def _row_source(row: dict[str, Any]) -> dict[str, Any]:
    """The source a contact taken from this row cites: its first acceptable URL, dated
    only when the row rests on that one source (a row's date is its newest source's)."""
    url = next(u for u in row["accepted"] if "{{" not in u)
    date = row["source_date"] if len(row["accepted"]) == 1 and row["source_date"] else None
    return {"url": url, **({"date": date} if date else {})}


def _contact(field: str, value: str, source: dict[str, Any]) -> dict[str, Any]:
    if field == "hours":
        return {"kind": "hours", "text": {"en": value}, "source": source}
    return {"kind": field, "value": value, "source": source}


def pick_contacts(
    rows: list[dict[str, Any]], review: dict[str, Any], sources: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[str]]:
    """Take each contact field from the newest row holding it, citing that row; note differing values."""
    contacts: list[dict[str, Any]] = []
    conflicts = []
    for field in CONTACT_FIELDS:
        target = "phones" if field == "phone" else field
        if target in review.get("drop", []) or target in review.get("set", {}):
            continue
        seen = [(r[field], r) for r in newest_first(rows) if r[field]]
        if not seen:
            continue
        value, row = seen[0]
        source = _row_source(row)
        if field == "phone":
            contacts.extend(_contact("phone", p.strip(), source) for p in value.split(";") if p.strip())
        else:
            contacts.append(_contact(field, value, source))
        others = sorted({v for v, _ in seen[1:] if v != value})
        if others:
            conflicts.append(
                f"{target}: kept {value!r} (newest); other sources gave " + "; ".join(repr(v) for v in others)
            )
    # A value the review sets rests on its added source, else on the record's newest one.
    added = [s for s in sources if s["url"] in {a["url"] for a in review.get("add_sources", [])}]
    dated = [s for s in sources if s.get("date")]
    set_source = (
        (added or [max(dated, key=lambda s: s["date"])] if dated else added or sources[:1])[0]
        if sources
        else None
    )
    for target, value in review.get("set", {}).items():
        assert set_source is not None, "review 'set' needs a source"
        values = value if isinstance(value, list) else [value]
        field = "phone" if target == "phones" else target
        contacts.extend(_contact(field, v, set_source) for v in values)
    return contacts, conflicts


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


def covered_place(name: str, regions: dict[str, list[str]]) -> dict[str, str] | str:
    """A covered region with its Russian and Belarusian names (countries pycountry translates)."""
    if name in regions:
        return {"en": name, "ru": regions[name][0], "be": regions[name][1]}
    return name


def build_record(
    key: str,
    rows: list[dict[str, Any]],
    review: dict[str, Any],
    cities: dict[str, list[str]],
    harvest_date: str,
    regions: dict[str, list[str]],
) -> dict[str, Any]:
    prefix, kind, country, city = key.split("|")
    direction = DIRECTION_PREFIX[prefix]
    record_id = review.get("id") or (
        f"by-{slug(kind)}-{slug(country)}-{slug(city)}"
        if direction == "belarus_abroad"
        else f"{slug(country)}-{slug(kind)}-{slug(city)}"
    )
    sources = source_list(rows, review)
    contacts, conflicts = pick_contacts(rows, review, sources)
    names = {
        "en": review.get("names_en") or next((r["name"] for r in newest_first(rows) if r["name"]), None),
        "ru": next((r["name_ru"] for r in newest_first(rows) if r["name_ru"]), None),
    }
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
        "city_names": dict(zip(("ru", "be"), cities[city], strict=False)) if city in cities else {},
        "names": {k: v for k, v in names.items() if v},
        "contacts": contacts,
        "covers": [covered_place(name, regions) for name in review.get("covers", [])],
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


def convert(harvest: Path, contacts: Path, out_dir: Path) -> None:
    rows = [json.loads(line) for line in harvest.read_text(encoding="utf-8").splitlines() if line.strip()]
    review = yaml.safe_load(REVIEW_FILE.read_text(encoding="utf-8"))
    harvest_date = max(r["source_date"] for r in rows if r["source_date"] and len(r["source_date"]) == 10)
    groups, log = group_rows(rows, review.get("merge", {}))
    missing = sorted(set(groups) - set(review["records"]))
    unused = sorted(set(review["records"]) - set(groups))
    if missing or unused:
        raise SystemExit(f"unreviewed records: {missing}\nreview entries without data: {unused}")
    records = [
        build_record(
            key,
            group,
            review["records"][key],
            review.get("cities", {}),
            harvest_date,
            review.get("regions", {}),
        )
        for key, group in groups.items()
    ]
    contacts_review = yaml.safe_load(CONTACTS_REVIEW_FILE.read_text(encoding="utf-8"))
    regions = {**review.get("regions", {}), **contacts_review.get("regions", {})}
    records, contacts_log = merge_contacts(
        records, read_rows(contacts), contacts_review, regions, country_code
    )
    log.extend(contacts_log)
    by_direction: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for raw in records:
        record = Mission.model_validate(raw).model_dump(mode="json", exclude_none=True, exclude_defaults=True)
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
    parser.add_argument("--contacts", type=Path, default=DEFAULT_CONTACTS)
    parser.add_argument("--out", type=Path, default=ROOT / "corpus" / "missions")
    args = parser.parse_args()
    convert(args.harvest, args.contacts, args.out)


if __name__ == "__main__":
    main()
