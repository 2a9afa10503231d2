"""Render logged questions as a CSV document press staff open in a spreadsheet.

Format choices, and why:

* **UTF-8 with a byte-order mark.** Excel (Windows and macOS) reads a CSV
  without a BOM in the legacy ANSI code page and turns Cyrillic into mojibake;
  with the BOM it switches to UTF-8. LibreOffice Calc detects the BOM too, and
  Python reads it back with ``encoding="utf-8-sig"``.
* **Comma delimiter, CRLF line ends, minimal quoting** (RFC 4180). Excel on a
  Russian or Belarusian Windows locale splits on ``;`` when the file is
  double-clicked, so ``render_csv`` takes ``delimiter=";"`` for the adapter to
  offer; Excel's "Data > From Text/CSV" and LibreOffice's import dialog detect
  either. A ``sep=`` first line is deliberately not written: Excel then ignores
  the BOM and the text is garbled again.
* **No user hash.** The file leaves the controlled database (a Telegram
  document, then laptops and mail). A stable hash would let anyone holding it
  link one person's questions together, and with a leaked salt the small space
  of Telegram ids can be searched back to the person. Seeing what was asked
  and whether it was covered needs no identity.
* **Formula injection neutralised.** A question such as ``=HYPERLINK(...)``
  would run as a formula when opened; every text cell starting with one of
  ``= + - @`` (or tab / carriage return, per OWASP) gets a leading ``'``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from bot.pressdesk.records import LoggedQuestion

CSV_COLUMNS = (
    "time_utc",
    "language",
    "chat_type",
    "answered",
    "reason",
    "question",
    "passages",
    "missions",
    "latency_ms",
    "feedback",
)
LIST_SEPARATOR = " | "
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(cell: str) -> str:
    """Return ``cell`` prefixed with ``'`` when a spreadsheet would treat it as a formula."""
    return "'" + cell if cell.startswith(_FORMULA_TRIGGERS) else cell


def _cells(row: LoggedQuestion) -> list[str | int]:
    texts = [
        row.asked_at.strftime("%Y-%m-%d %H:%M:%S"),
        row.language,
        row.chat_type.value,
        "yes" if row.answered else "no",
        row.reason,
        row.question,
        LIST_SEPARATOR.join(row.passages),
        LIST_SEPARATOR.join(row.missions),
    ]
    cells: list[str | int] = [neutralise_formula(text) for text in texts]
    cells.append(row.latency_ms if row.latency_ms is not None else "")
    cells.append(row.feedback.value if row.feedback is not None else "")
    return cells


def render_csv(rows: Iterable[LoggedQuestion], delimiter: str = ",") -> bytes:
    """Return the rows as UTF-8-with-BOM CSV bytes with a header line.

    Args:
        rows: questions in the order they should appear (the log passes time order).
        delimiter: ``","`` (default) or ``";"`` for Excel on comma-decimal locales.
    """
    if delimiter not in {",", ";"}:
        raise ValueError(f"delimiter must be ',' or ';', got {delimiter!r}")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(_cells(row) for row in rows)
    return buffer.getvalue().encode("utf-8-sig")
