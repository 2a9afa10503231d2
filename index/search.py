"""Hybrid search: dense (cosine) and lexical (BM25) rankings fused by reciprocal rank.

Why reciprocal rank fusion (RRF): cosine similarities and BM25 scores live on
unrelated scales that shift with every corpus change, so adding them needs a
calibration that goes stale; RRF uses only each passage's rank in each list
(score = Σ wᵢ / (k + rankᵢ); Cormack, Clarke & Büttcher 2009, see ``index.fusion``)
and so needs none. The raw cosine and BM25 values
are kept on each hit because the "not covered" decision needs absolute evidence,
which ranks cannot give.

The dense side searches passage rows and sentence rows and keeps each passage's
best row: a question often paraphrases one sentence of a longer passage. The
dense weight is lowered for languages the embedding model was not trained on
(the default MiniLM is English-only), where its ranking is mostly noise.

Language: a passage is eligible when it is in the asker's language, or when its
document family has no version in that language (so the original answers).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from corpus import Passage
from index.bank_search import BankMatch, BankSearcher
from index.encoding import Encoder
from index.fusion import reciprocal_rank_fusion
from index.store import WHOLE_PASSAGE, IndexPart, SearchIndex, lexical_terms
from index.text_analysis import analysed_words, is_concept_term, tokenize
from index.word_classes import load_english_lexicon, predicate_terms

# The damping constant of reciprocal rank fusion (``index.fusion``). Measured with
# ``python -m bot eval`` on the dev golden sets (112 questions, en/ru/be): k = 1, 5 or 20
# give hit@1 0.946, MRR 0.962; the paper's k = 60 gives 0.929 / 0.953: a large k flattens
# the differences between the top few ranks, and here the top rank is the answer.
RRF_K = 5
# How deep each side's ranking goes before fusion. The shipped corpus has about 165
# document passages, so 128 rows reach nearly every passage sharing a term; the golden
# sets give the same figures from 32 to 512. At 50,000 passages (``bench``) it bounds the
# work per question.
CANDIDATES = 128
# Weight of the dense ranking against the lexical one (weight 1). Tuned on the
# golden sets: the lexical side, with concepts and phrases, is the sharper one
# on this material; the dense side orders what words alone cannot tell apart and
# finds passages for questions sharing no word with them.
DENSE_WEIGHT = 0.5
DENSE_WEIGHT_UNKNOWN_LANGUAGE = 0.2
# Weights of the question-bank rankings (lexical; dense for languages the model
# knows), on the same RRF scale. Measured on the dev golden set (python -m bot
# eval; 0.75 to 4 tried, 2.5 best): the bank's lexical ranking is the most discriminating list for Russian
# and Belarusian, whose questions share few words with the abstract prose.
BANK_WEIGHT = 2.5
BANK_DENSE_WEIGHT = 0.75
# A bank question this far from the question (cosine below) lends its passage no rank: the
# nearest of many unrelated questions ("Which documents are not legalised?" at 0.31 to
# "which founding document established the union state") would outrank a newly added
# document that answers it and has no bank questions yet.
BANK_DENSE_FLOOR = 0.5
# Likewise a bank question whose term score is no more than the floor ``BankSearcher`` gives
# a question sharing a word but saying much more (1e-6): scores are ranked relative to the
# best one, so the best of such matches alone would get the full ``BANK_WEIGHT``.
BANK_MIN_SCORE = 1e-5
# How much an unknown predicate word (a verb, adverb or particle: ``index.word_classes``) counts
# in ``HybridSearcher.unknown_share`` against an unknown word that can name a subject. Swept
# with ``python -m bot calibrate --dry-run`` on the dev part (2026-12-02, 1,254 questions;
# cross-validated in-scope answered / declined): 1.0 (off) 0.907 / 0.948, 0.5 0.912 / 0.959,
# 0.25 0.906 / 0.959, 0 0.905 / 0.959.
PREDICATE_WEIGHT = 0.5


@dataclass(frozen=True)
class Hit:
    """One passage found for a query, with the evidence for it."""

    passage: Passage
    score: float  # fused reciprocal-rank score (orders hits)
    dense: float  # best cosine similarity among the passage's rows
    lexical: float  # BM25 score
    term_overlap: float  # IDF-weighted share of the query's terms found in the passage
    best_sentence: int  # number of the sentence that answers best
    bank: BankMatch | None = None  # the passage's best question-bank match, if any


@dataclass(frozen=True)
class SearchResult:
    """Hits for one query, best first."""

    hits: tuple[Hit, ...]
    bank: tuple[BankMatch, ...] = ()  # bank matches, best first (documents only)


class _PartSearcher:
    """Search state of one index part: first rows, IDF, language eligibility.

    Everything comes from the loaded arrays (the row map, the lexical index's
    passage-term matrix), never from analysing the passages again: at 100,000
    passages re-tokenising them took most of a start.
    """

    def __init__(self, part: IndexPart) -> None:
        self.part = part
        passages = part.passages
        count = len(passages)
        self.first_row = np.full(count, -1, dtype=np.int64)
        numbers, first = np.unique(np.asarray(part.row_passage), return_index=True)
        self.first_row[numbers] = first
        # Columns of the passage table, never a ``Passage`` each: this runs at every start.
        languages = passages.column("language")
        language_names = sorted(set(languages.tolist()))
        in_language = {language: languages == language for language in language_names}
        # Document frequencies per language (IDF among the passages in the query's language):
        # counted for a language when a question in it first needs them.
        self._in_language = in_language
        self._frequencies: dict[str, tuple[np.ndarray, int]] = {}
        self._any_language: tuple[np.ndarray, int] | None = None
        # Eligible for a language: in it, or of a family with no version in it.
        family_of = passages.codes("family")
        families = int(family_of.max()) + 1 if count else 0
        self.eligible: dict[str, np.ndarray] = {}
        for language, mask in in_language.items():
            has_version = np.zeros(families, dtype=bool)
            has_version[family_of[mask]] = True
            self.eligible[language] = mask | ~has_version[family_of]
        self.everything = np.ones(count, dtype=bool)
        # (family, position) of every passage as one sortable key, for ``numbers_of``.
        self._family_code = {name: code for code, name in enumerate(passages.values("family"))}
        self._stride = int(passages.positions.max()) + 1 if count else 1
        keys = family_of.astype(np.int64) * self._stride + passages.positions
        self._by_key = np.argsort(keys, kind="stable")
        self._sorted_keys = keys[self._by_key]

    def number_of(self, passage_id: str) -> int | None:
        """The passage's number in this part, or None."""
        return self.part.passages.number_of(passage_id)

    def numbers_of(self, family: str, position: int) -> list[int]:
        """The passages at ``position`` of the documents of ``family`` (the original and its translations)."""
        code = self._family_code.get(family)
        if code is None or not 0 <= position < self._stride:
            return []
        key = code * self._stride + position
        start, end = np.searchsorted(self._sorted_keys, [key, key + 1])
        numbers: list[int] = self._by_key[start:end].tolist()
        return numbers

    def _language_frequencies(self, language: str) -> tuple[np.ndarray, int]:
        """Each term's document frequency among the passages in ``language`` (all passages if none is)."""
        found = self._frequencies.get(language)
        if found is None:
            mask = self._in_language.get(language)
            if mask is None:
                if self._any_language is None:
                    self._any_language = (self.part.lexical.document_frequencies(), len(self.part.passages))
                return self._any_language
            found = self._frequencies[language] = (
                self.part.lexical.document_frequencies(mask),
                int(mask.sum()),
            )
        return found

    def eligible_mask(self, language: str) -> np.ndarray:
        return self.eligible.get(language, self.everything)

    def warm(self) -> None:
        """Count every language's document frequencies now rather than on its first question."""
        for language in self._in_language:
            self._language_frequencies(language)

    def terms(self, number: int) -> frozenset[str]:
        """The lexical terms of passage ``number`` (as the index analysed them)."""
        return self.part.lexical.terms_of(number)

    def weights(self, terms: frozenset[str], language: str) -> dict[str, float]:
        """IDF of each query term among the passages in the query's language (absent terms weigh most).

        IDF = ln((N + 1) / (df + 0.5)), N the passages of that language; a term
        none of them has gets ln((N + 1) / 0.5).
        """
        frequencies, count = self._language_frequencies(language)
        total = count + 1
        unknown = float(np.log(total / 0.5))
        weights: dict[str, float] = {}
        for term in terms:
            number = self.part.lexical.term_id(term)
            df = int(frequencies[number]) if number is not None else 0
            weights[term] = float(np.log(total / (df + 0.5))) if df else unknown
        return weights


def _subject_terms(text: str, language: str) -> frozenset[str]:
    """The terms that could name a subject: a single letter ("x", the text of a pasted link) names none."""
    return frozenset(t for t in tokenize(text, language) if len(t) > 1)


# Russian and Belarusian share most of their alphabet, and askers mix them (trasianka).
_SIBLING_LANGUAGE = {"ru": "be", "be": "ru"}


def _named_stems(text: str, language: str) -> frozenset[str]:
    """Stems kept beside a concept term ("Первопрестольная": its stem and ``moscow:ru``).

    The lexicon of names (``index.term_concepts``) knows the word, so it is no
    unknown subject, whether or not the material spells it that way.
    """
    return frozenset(
        term
        for _word, _language, terms in analysed_words(text, language)
        if any(is_concept_term(t) for t in terms)
        for term in terms
        if not is_concept_term(term)
    )


class HybridSearcher:
    """Searches one loaded index with one encoder."""

    def __init__(
        self, index: SearchIndex, queries: Encoder, model_languages: Sequence[str] = ("en",)
    ) -> None:
        self.index = index
        self.queries = queries  # embeds questions (the engine passes a cached one)
        self._model_languages = frozenset(model_languages)
        self._parts = {name: _PartSearcher(part) for name, part in index.parts.items() if name != "questions"}
        self.bank = BankSearcher(index.parts["questions"])
        self.predicate_weight = PREDICATE_WEIGHT
        self.use_bank = True  # off only to measure what the bank adds (``python -m bot eval --without bank``)

    def warm(self) -> None:
        """Make now what the first question in each language would otherwise make (see ``Engine.warm``)."""
        load_english_lexicon()
        for state in self._parts.values():
            state.warm()

    def model_knows(self, language: str) -> bool:
        return "*" in self._model_languages or language in self._model_languages

    def dense_weight(self, language: str) -> float:
        return DENSE_WEIGHT if self.model_knows(language) else DENSE_WEIGHT_UNKNOWN_LANGUAGE

    def unknown_share(self, text: str, language: str, story: str = "", story_weight: float = 1.0) -> float:
        """IDF-weighted share of ``text``'s terms that neither the material nor the bank uses.

        Unknown terms get the highest IDF, so one unknown key subject ("GDP")
        outweighs several common known words. The terms of ``story`` (the
        sentences a long question tells before it asks, ``bot.answering.
        question_evidence.asked_part``) count too, each weighed ``story_weight``
        times: a story's words say less about what is asked.
        """
        asked = _subject_terms(text, language)
        told = _subject_terms(story, language) - asked if story else frozenset()
        terms = asked | told
        unknown = {t for t in terms if not self.knows_term(t, language)}
        if not unknown:
            return 0.0  # most questions: no word classes or names to look up
        both = f"{text}\n{story}"
        unknown -= _named_stems(both, language)
        unknown -= self._sibling_known(both, language, unknown)
        light = predicate_terms(both, language) if unknown and self.predicate_weight != 1.0 else frozenset()
        weights = self._parts["documents"].weights(terms, language)
        scaled = {
            t: w * (story_weight if t in told else 1.0) * (self.predicate_weight if t in light else 1.0)
            for t, w in weights.items()
        }
        total = sum(scaled.values()) or 1.0
        return sum(scaled[t] for t in unknown) / total

    def _sibling_known(self, text: str, language: str, unknown: set[str]) -> frozenset[str]:
        """Unknown terms of words the material knows in the sibling language (Russian and Belarusian).

        People mix the two ("як у нас з Еўропай па *торговле*", "на постсавецкім
        *пространстве*"): a Russian word in a Belarusian question is stemmed as
        Belarusian ("таргавл") and looks unknown, though the Russian material
        has it. A word counts as known when its sibling-language terms all are.
        """
        sibling = _SIBLING_LANGUAGE.get(language)
        if sibling is None:
            return frozenset()
        known: set[str] = set()
        for word, _script, terms in analysed_words(text, language):
            missing = unknown.intersection(terms)
            if not missing:
                continue
            other = [t for t in tokenize(word, sibling) if len(t) > 1]
            if other and all(self.knows_term(t, sibling) for t in other):
                known.update(missing)
        return frozenset(known)

    def names_subject(self, text: str, language: str) -> bool:
        """Whether ``text`` has a term the material's passages use, or one nothing uses.

        Frame words ("ministry", "official", "say") are in the question bank
        only: a sentence of them alone asks about something named elsewhere.
        """
        documents = self._parts["documents"].part.lexical
        return any(
            documents.knows(term) or not self.bank.knows(term, language) for term in tokenize(text, language)
        )

    def documents_know(self, term: str) -> bool:
        """Whether the material's passages (not only the question bank) use ``term``."""
        return self._parts["documents"].part.lexical.knows(term)

    def knows_term(self, term: str, language: str) -> bool:
        """Whether the material (documents) or the question bank has ``term`` at all."""
        return self._parts["documents"].part.lexical.knows(term) or self.bank.knows(term, language)

    def search(
        self,
        query: str,
        language: str,
        limit: int = 5,
        records: bool = False,
        overlap_query: str | None = None,
    ) -> SearchResult:
        """Rank eligible passages for ``query`` written in ``language``.

        Documents and mission records are searched apart (``records``): a record
        lists names and contacts, a document states policy, and a question
        about policy must not be answered with an embassy that shares a word.
        ``overlap_query`` (default: the query) is what ``Hit.term_overlap``
        measures, so a caller can leave out words that are no evidence.
        """
        state = self._parts["records" if records else "documents"]
        part = state.part
        terms = tuple(lexical_terms(query, language))
        if not part.passages:
            return SearchResult(hits=())
        eligible = state.eligible_mask(language)
        vector = self.queries.encode([query])[0]
        dense_best, dense_row = self._dense_candidates(part, vector, eligible)
        # Names (concept terms: CSTO, China, the EU...) count twice: a question naming
        # an organisation or country is about it, not about a common word beside it.
        lexical = part.lexical.scores(terms + tuple(t for t in terms if is_concept_term(t)))
        candidates = np.flatnonzero((lexical > 0) & eligible)
        lexical_order = candidates[np.argsort(-lexical[candidates], kind="stable")][:CANDIDATES].tolist()
        dense_order = sorted(dense_best, key=lambda n: -dense_best[n])
        fused = dict(
            reciprocal_rank_fusion([dense_order, lexical_order], [self.dense_weight(language), 1.0], RRF_K)
        )
        query_terms = frozenset(lexical_terms(overlap_query, language)) if overlap_query else frozenset(terms)
        bank: list[BankMatch] = []
        if not records and self.use_bank:
            bank = self.bank.search(
                terms, query_terms, language, vector if self.model_knows(language) else None
            )
            self._add_bank_ranks(fused, state, eligible, bank)
        by_target = {(m.family, m.position): m for m in bank}
        ranked = sorted(fused, key=lambda n: -fused[n])[:limit]
        weights = state.weights(query_terms, language)
        total_weight = sum(weights.values()) or 1.0
        hits = tuple(
            Hit(
                passage=passage,
                score=fused[n],
                dense=float(dense_best.get(n, self._cosine(part, vector, state.first_row[n]))),
                lexical=float(lexical[n]),
                term_overlap=sum(weights[t] for t in query_terms & state.terms(n)) / total_weight,
                best_sentence=self._best_sentence(state, vector, n, dense_row.get(n), passage),
                bank=by_target.get((passage.family, passage.position)),
            )
            for n, passage in ((n, part.passages[n]) for n in ranked)
        )
        return SearchResult(hits=hits, bank=tuple(bank))

    @staticmethod
    def _add_bank_ranks(
        fused: dict[int, float], state: _PartSearcher, eligible: np.ndarray, bank: list[BankMatch]
    ) -> None:
        """Add the bank's evidence to the fused scores.

        Lexical: each target's best BM25 divided by the best target's (CombSUM
        with max normalisation, Fox & Shaw 1994), on the scale of a first rank
        (``BANK_WEIGHT / (RRF_K + 1)``). Unlike a rank, the ratio keeps the margin:
        a bank question sharing the one rare word ("Kremlin") stands clear of
        the many sharing a common one ("relations"). Dense: by rank (RRF), as
        cosines of short questions sit too close together for ratios to tell.
        """
        lexical = [m for m in bank if m.lexical > BANK_MIN_SCORE]
        top = lexical[0].lexical if lexical else 1.0
        for match in lexical:
            for number in state.numbers_of(match.family, match.position):
                if eligible[number]:
                    fused[number] = fused.get(number, 0.0) + BANK_WEIGHT * (match.lexical / top) / (RRF_K + 1)
        near = [m for m in BankSearcher.dense_order(bank) if m.dense >= BANK_DENSE_FLOOR]
        for rank, match in enumerate(near):
            for number in state.numbers_of(match.family, match.position):
                if eligible[number]:
                    fused[number] = fused.get(number, 0.0) + BANK_DENSE_WEIGHT / (RRF_K + rank + 1)

    def similarity(self, text: str, hit: Hit) -> float:
        """Best cosine between ``text`` and the rows (passage and sentences) of ``hit``'s passage."""
        state = self._parts["records" if hit.passage.is_record else "documents"]
        number = state.number_of(hit.passage.id)
        if number is None:
            raise KeyError(hit.passage.id)
        first = int(state.first_row[number])
        rows = 1 + (len(hit.passage.sentences) if len(hit.passage.sentences) > 1 else 0)
        vector = self.queries.encode([text])[0]
        return max(self._cosine(state.part, vector, row) for row in range(first, first + rows))

    @staticmethod
    def _dense_candidates(
        part: IndexPart, vector: np.ndarray, eligible: np.ndarray
    ) -> tuple[dict[int, float], dict[int, int]]:
        """Best cosine per eligible passage among the nearest rows, and which row gave it."""
        scores, rows = part.dense.search(vector, CANDIDATES)
        best: dict[int, float] = {}
        best_row: dict[int, int] = {}
        for score, row in zip(scores.tolist(), rows.tolist(), strict=True):
            number = int(part.row_passage[row])
            if eligible[number] and score > best.get(number, -2.0):
                best[number] = score
                best_row[number] = row
        return best, best_row

    @staticmethod
    def _cosine(part: IndexPart, vector: np.ndarray, row: int) -> float:
        return float(np.dot(part.dense.vector(row), vector))

    def _best_sentence(
        self, state: _PartSearcher, vector: np.ndarray, number: int, row: int | None, passage: Passage
    ) -> int:
        """The sentence closest to the query: from the winning row, else by comparing each sentence."""
        part = state.part
        if len(passage.sentences) <= 1:
            return 0
        if row is not None and part.row_sentence[row] != WHOLE_PASSAGE:
            return int(part.row_sentence[row])
        first = int(state.first_row[number])
        similarities = [self._cosine(part, vector, first + 1 + i) for i in range(len(passage.sentences))]
        return int(np.argmax(similarities))
