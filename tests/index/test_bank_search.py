"""Question-to-question evidence: what a bank question's overlap with the asker's question says."""

from __future__ import annotations

from index.bank_search import UNNAMED_SUBJECT_FACTOR


def _overlaps(engine, question: str) -> dict[int, float]:
    result = engine.searcher.search(question, "en")
    return {match.position: match.overlap for match in result.bank}


def test_a_bank_question_about_a_named_subject_weighs_less_for_a_question_that_names_none(engine):
    # The EU paragraph's bank asks "whats the basis of dealing with eu countries"; this question
    # shares its frame ("deal", "countries") but names no subject, so that match counts half.
    unnamed = _overlaps(engine, "what does the ministry say about how it deals with other countries?")
    named = _overlaps(engine, "what does the ministry say about how it deals with eu countries?")
    assert named[4] > unnamed[4]
    assert unnamed[4] < 0.5  # below the fitted bank_overlap threshold: no answer on this alone
    assert 0 < UNNAMED_SUBJECT_FACTOR < 1
