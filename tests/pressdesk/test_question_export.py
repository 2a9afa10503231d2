"""Spreadsheet-safety of exported CSV cells."""

from __future__ import annotations

import pytest

from bot.pressdesk.export import CSV_COLUMNS, neutralise_formula, render_csv


@pytest.mark.parametrize("cell", ["=1+1", "+7 017 222", "-1", "@cmd", "\tx", "\rx"])
def test_formula_triggers_get_a_leading_quote(cell: str) -> None:
    assert neutralise_formula(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["What is 1+1?", "", "'quoted", "Минск = столица"])
def test_ordinary_text_is_left_alone(cell: str) -> None:
    assert neutralise_formula(cell) == cell


def test_empty_export_is_bom_and_header_only() -> None:
    assert render_csv([]) == ("\ufeff" + ",".join(CSV_COLUMNS) + "\r\n").encode("utf-8")


def test_unsupported_delimiter_is_refused() -> None:
    with pytest.raises(ValueError, match="delimiter"):
        render_csv([], delimiter="\t")
