"""Second stage of the mission conversion: merge the contacts harvest through its review.

Reads ``scripts/data/missions_contacts_harvest.jsonl`` (one row per fact-bearing
page, see ``missions_contacts_NOTES.md``) and the hand review
``missions_contacts_review.yaml``, and applies them to the records the first
stage built from the earlier harvest. The review is the path every fact takes:

- every harvest row has an entry, and every fact field of the row (website,
  address, phones, emails, hours, status) is either taken, rejected with a
  reason, or named as used by an edit; the stage refuses to run otherwise;
- a taken fact becomes a ``Contact`` citing the row's page and date, never a
  value derived from a pattern; a row whose source is not an acceptable one
  (``missions_harvest_sources.classify_source``) cannot be taken;
- status changes, disputes, districts, new records and the three-language card
  texts are edits keyed by record id, citing the rows they rest on;
- every English note the first stage wrote is either translated (shown on
  cards in all three languages) or moved to ``history`` (not shown), so a
  Russian or Belarusian card never carries an English sentence.

Dev tool: nothing at run time reads the harvest or this review.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from missions_harvest_sources import classify_source

FACT_FIELDS = ("website", "address", "phones", "emails", "hours", "status")
_LABELLED = re.compile(r"^(?P<value>[^()]+?)\s*\((?P<label>.+)\)$")
_KIND_OF_CATEGORY = {
    "official": "official",
    "agency": "agency",
    "press": "press",
    "encyclopedia": "encyclopedia",
}


class ReviewError(ValueError):
    """The review does not account for a harvest row, or contradicts it."""


def read_rows(path: Path) -> dict[int, dict[str, Any]]:
    """Harvest rows by line number (1-based, as the review cites them)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {n: json.loads(line) for n, line in enumerate(lines, 1) if line.strip()}


def _text(entry: object, where: str) -> dict[str, Any]:
    if not isinstance(entry, dict) or not all(entry.get(k) for k in ("en", "ru", "be")):
        raise ReviewError(f"{where}: needs en, ru and be texts")
    return {k: entry[k] for k in ("en", "ru", "be", "original") if k in entry}


def row_source(row: dict[str, Any], decision: dict[str, Any], number: int) -> dict[str, Any]:
    """The source a fact from this row cites; the review may name a better page the row gives."""
    override = decision.get("source")
    url = override["url"] if override else row["source_url"]
    date = (override.get("date") if override else None) or row.get("source_date")
    category, reason = classify_source(url)
    if category == "rejected":
        raise ReviewError(f"row {number}: takes facts from a rejected source ({reason}): {url}")
    return {"url": url, **({"date": str(date)} if date else {}), "kind": _KIND_OF_CATEGORY[category]}


def check_accounted(rows: dict[int, dict[str, Any]], review: dict[str, Any]) -> None:
    """Every row reviewed, every fact field of it taken, rejected or used by an edit."""
    decisions = review["rows"]
    missing = sorted(set(rows) - set(decisions))
    unknown = sorted(set(decisions) - set(rows))
    if missing or unknown:
        raise ReviewError(f"rows without a review entry: {missing}; review entries without a row: {unknown}")
    for number, row in rows.items():
        decision = decisions[number] or {}
        present = {f for f in FACT_FIELDS if row.get(f)}
        rejected = decision.get("reject", {})
        if isinstance(rejected, str):
            rejected = dict.fromkeys(present or {"row"}, rejected)
        handled = set(decision.get("take", [])) | set(rejected) | set(decision.get("used", []))
        if present - handled:
            raise ReviewError(f"row {number}: fields not reviewed: {sorted(present - handled)}")
        if not present and not (decision.get("used") or rejected or decision.get("confirms")):
            raise ReviewError(f"row {number}: a row without facts needs 'confirms' or 'reject'")
        if not all(isinstance(r, str) and r for r in rejected.values()):
            raise ReviewError(f"row {number}: every rejection needs a reason")


def _same_url(a: str, b: str) -> bool:
    def host(u: str) -> str:
        return re.sub(r"^https?://(www\.)?", "", u).split("/")[0].split(":")[0]

    return host(a) == host(b)


def _labelled(value: str, labels: dict[str, list[str]], where: str) -> tuple[str, dict[str, Any] | None]:
    """'+43 1 419 96 3038 (consular appointments)' -> number and its label in three languages."""
    match = _LABELLED.match(value)
    if not match:
        return value.strip(), None
    label = match["label"]
    if label not in labels:
        raise ReviewError(f"{where}: label {label!r} has no translation in 'labels'")
    ru, be = labels[label]
    return match["value"].strip(), {"en": label, "ru": ru, "be": be}


def _add_contact(record: dict[str, Any], contact: dict[str, Any], log: list[str], where: str) -> None:
    for existing in record["contacts"]:
        same = existing["kind"] == contact["kind"] and (
            (contact["kind"] == "website" and _same_url(existing["value"], contact["value"]))
            or (
                contact["kind"] != "website"
                and existing.get("value") == contact.get("value")
                and contact["kind"] != "hours"
            )
        )
        if same:
            if contact["source"].get("kind") == "official" and existing["source"].get("kind") != "official":
                existing["source"] = contact["source"]
            log.append(f"{where}: {contact['kind']} confirmed")
            return
    record["contacts"].append(contact)
    log.append(f"{where}: {contact['kind']} added")


def take_facts(
    record: dict[str, Any],
    row: dict[str, Any],
    decision: dict[str, Any],
    source: dict[str, Any],
    labels: dict[str, list[str]],
    log: list[str],
    where: str,
) -> int:
    """Add the row's taken fields to the record as contacts; return how many facts were taken."""
    taken = 0
    drop = decision.get("drop", {})
    for field in decision.get("take", []):
        if field == "website":
            contacts = [{"kind": "website", "value": row["website"]}]
        elif field == "address":
            value = decision.get("address", row["address"])
            text = decision.get("address_text")
            contacts = [{"kind": "address", "value": value, **({"text": _text(text, where)} if text else {})}]
        elif field in ("phones", "emails"):
            contacts = []
            for raw in row[field]:
                if raw in drop:
                    log.append(f"{where}: {field} value {raw!r} rejected: {drop[raw]}")
                    continue
                value, label = _labelled(raw, labels, where)
                kind = "phone" if field == "phones" else "email"
                contacts.append({"kind": kind, "value": value, **({"text": label} if label else {})})
        elif field == "hours":
            contacts = [{"kind": "hours", "text": _text(decision.get("hours"), f"{where} hours")}]
        else:
            raise ReviewError(f"{where}: cannot take {field!r} (status facts go through 'edits')")
        for contact in contacts:
            _add_contact(record, {**contact, "source": source}, log, where)
            taken += 1
    if "rules" in decision:
        rules = {"kind": "rules", "text": _text(decision["rules"], f"{where} rules"), "source": source}
        _add_contact(record, rules, log, where)
        taken += 1
    return taken


def _add_source(record: dict[str, Any], source: dict[str, Any]) -> None:
    for existing in record["sources"]:
        if existing.get("url") == source["url"]:
            if source.get("date") and not existing.get("date"):
                existing["date"] = source["date"]
            existing.setdefault("kind", source.get("kind"))
            return
    record["sources"].append(source)


def _apply_edit(
    record: dict[str, Any], edit: dict[str, Any], regions: dict[str, list[str]], where: str
) -> None:
    if "status" in edit:
        status = dict(edit["status"])
        if "note" in status:
            status["note"] = _text(status["note"], f"{where} status.note")
        if status.get("since"):
            status["since"] = str(status["since"])
        old_note = record.get("status", {}).get("note")
        if (
            old_note
            and old_note.get("en")
            and "note" in status
            and old_note.get("en") != status["note"]["en"]
        ):
            record.setdefault("history", []).append(old_note["en"])
        record["status"] = {k: v for k, v in status.items() if v is not None}
    for key in ("kind", "names"):
        if key in edit:
            record[key] = edit[key]
    if "head" in edit:
        name, title, as_of = edit["head"]
        record["head"] = {"name": name, "title": title, "as_of": str(as_of)}
    if "covers" in edit:
        record["covers"] = [
            {"en": n, "ru": regions[n][0], "be": regions[n][1]} if n in regions else n for n in edit["covers"]
        ]
    for dispute in edit.get("disputes", []):
        record.setdefault("disputes", []).append(_text(dispute, f"{where} dispute"))
    record.setdefault("history", []).extend(edit.get("history", []))
    record.setdefault("conflicts", []).extend(edit.get("conflicts", []))


def _new_record(
    entry: dict[str, Any], country_code: Callable[[str], str | None], regions: dict[str, list[str]]
) -> dict[str, Any]:
    record = {k: entry[k] for k in ("id", "direction", "kind", "country", "city") if k in entry}
    record["country_code"] = country_code(entry["country"])
    if "city_names" in entry:
        record["city_names"] = dict(zip(("ru", "be"), entry["city_names"], strict=True))
    record.update(contacts=[], sources=[], status={}, history=[], conflicts=[], disputes=[])
    # Only undated pages: the record was checked when the harvest saw them.
    record["_checked"] = str(entry.get("checked", ""))
    return record


def _translate_notes(records: dict[str, dict[str, Any]], review: dict[str, Any], edited: set[str]) -> None:
    """Every English-only note is translated or moved to history (see module docstring)."""
    notes = review.get("notes", {})
    for record_id, record in records.items():
        note = record.get("status", {}).get("note")
        if not note or note.get("ru"):
            continue
        entry = notes.get(record_id)
        if entry is None:
            raise ReviewError(f"{record_id}: the note {note['en']!r} needs a translation or 'history'")
        if entry == "history":
            record.setdefault("history", []).append(note["en"])
            del record["status"]["note"]
        else:
            record["status"]["note"] = _text({"en": note["en"], **entry}, f"{record_id} note")
    unused = set(notes) - set(records)
    if unused:
        raise ReviewError(f"notes for unknown records: {sorted(unused)}")
    for record_id, record in records.items():
        for contact in record["contacts"]:
            text = contact.get("text")
            if contact["kind"] == "hours" and text and not text.get("ru"):
                entry = review.get("hours", {}).get(record_id)
                if entry is None:
                    raise ReviewError(f"{record_id}: hours {text['en']!r} need a translation")
                contact["text"] = _text({"en": text["en"], **entry}, f"{record_id} hours")


def _relabel(records: dict[str, dict[str, Any]], relabel: dict[str, list[dict[str, Any]]]) -> None:
    """Move an English remark out of a first-stage contact value into a three-language text."""
    for record_id, entries in relabel.items():
        for entry in entries:
            found = [c for c in records[record_id]["contacts"] if c.get("value") == entry["value"]]
            if not found:
                raise ReviewError(f"relabel {record_id}: no contact with the value {entry['value']!r}")
            found[0]["value"] = entry["new_value"]
            found[0]["text"] = _text(entry["text"], f"relabel {record_id}")


def _apply_notices(records: dict[str, dict[str, Any]], review: dict[str, Any]) -> int:
    """Add each general consular fact to every record its rule covers; return the count."""
    count = 0
    for notice in review.get("notices", []):
        rule = notice["applies_to"]
        entry = {
            "text": _text(notice["text"], "notice"),
            "since": str(notice["since"]),
            "source": {**notice["source"], "date": str(notice["source"]["date"])},
        }
        for record in records.values():
            if (
                record["direction"] == rule["direction"]
                and record["kind"] in rule["kinds"]
                and record.get("status", {}).get("state") not in rule.get("except_states", [])
            ):
                record.setdefault("notices", []).append(entry)
                count += 1
    return count


def merge_contacts(
    records: list[dict[str, Any]],
    rows: dict[int, dict[str, Any]],
    review: dict[str, Any],
    regions: dict[str, list[str]],
    country_code: Callable[[str], str | None],
) -> tuple[list[dict[str, Any]], list[str]]:
    """Apply the contacts harvest and its review to the first stage's records.

    Returns the records (new ones appended) and a log: one line per fact taken,
    confirmed or rejected, and the totals.
    """
    check_accounted(rows, review)
    by_id = {r["id"]: r for r in records}
    for record in records:
        record.setdefault("contacts", [])
        if isinstance(record.get("status", {}).get("note"), str):
            record["status"]["note"] = {"en": record["status"]["note"]}
        for contact in record["contacts"]:
            contact["source"].setdefault(
                "kind", _KIND_OF_CATEGORY.get(classify_source(contact["source"].get("url", ""))[0])
            )
    for entry in review.get("new", []):
        if entry["id"] in by_id:
            raise ReviewError(f"new record {entry['id']!r} already exists")
        by_id[entry["id"]] = _new_record(entry, country_code, regions)
    log: list[str] = []
    taken = rejected = 0
    for number, row in sorted(rows.items()):
        decision = review["rows"][number] or {}
        record_id = row["mission_id"] or decision.get("id")
        reject = decision.get("reject", {})
        if isinstance(reject, str):
            log.append(f"row {number}: rejected: {reject}")
            rejected += sum(1 for f in FACT_FIELDS if row.get(f)) or 1
            continue
        for field, reason in reject.items():
            log.append(f"row {number}: {field} rejected: {reason}")
            rejected += 1
        rejected += len(decision.get("drop", {}))
        if record_id is None:
            continue
        if record_id not in by_id:
            raise ReviewError(f"row {number}: no record {record_id!r}")
        source = row_source(row, decision, number)
        record = by_id[record_id]
        taken += take_facts(record, row, decision, source, review.get("labels", {}), log, f"row {number}")
        _add_source(record, source)
    for record_id, edit in review.get("edits", {}).items():
        if record_id not in by_id:
            raise ReviewError(f"edit for unknown record {record_id!r}")
        record = by_id[record_id]
        for number in edit.get("rows", []):
            decision = review["rows"][number] or {}
            _add_source(record, row_source(rows[number], decision, number))
        _apply_edit(record, edit, regions, record_id)
    _relabel(by_id, review.get("relabel", {}))
    _translate_notes(by_id, review, set(review.get("edits", {})))
    notices = _apply_notices(by_id, review)
    for record in by_id.values():
        if not record["sources"]:
            raise ReviewError(f"{record['id']}: no acceptable source")
        dates = [s["date"] for s in record["sources"] if s.get("date")]
        record["checked"] = max([record.get("checked") or "", *dates, str(record.pop("_checked", ""))])
        if not record["checked"]:
            raise ReviewError(f"{record['id']}: no dated source to say when it was checked")
    log.append(
        f"contacts harvest: {taken} facts taken or confirmed, {rejected} rejected with a reason, "
        f"{len(review.get('new', []))} new records, notice on {notices} records"
    )
    return list(by_id.values()), log
