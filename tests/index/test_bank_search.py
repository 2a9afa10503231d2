"""Question-to-question evidence: what a bank question's overlap with the asker's question says."""

from __future__ import annotations

from index.bank_search import UNNAMED_SUBJECT_FACTOR
from index.search import BANK_WEIGHT, RRF_K


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


def test_the_best_of_poor_bank_matches_lends_its_passage_no_rank(engine):
    # "Which documents..." shares one common word with a bank question of the Russia paragraph
    # and no more; ranked relative to the best match, that one alone would get the full bank
    # weight and outrank a newly added document that answers it (tests/cli: add then ask).
    result = engine.searcher.search("Which documents are not legalised?", "en")
    assert result.hits[0].score < BANK_WEIGHT / (RRF_K + 1) / 2
