"""The answer engine: question in, ``Answer`` out. Shared by the CLI, the tests and Telegram.

It owns the long-lived pieces (corpus, encoder, index, searcher, missions) and
knows nothing of Telegram. ``Engine.load`` is slow (model and index); every
other method is fast and safe to call from several threads.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.answering.answer_cache import AnswerCache
from bot.answering.assessment import STEPS, Assessment, Assessor
from bot.answering.language import detect_language, load_language_models
from bot.answering.normalisation import NormalisedQuestion, normalise_question, without_subject
from bot.answering.questions import MAX_QUESTION_CHARS, clean_question
from bot.answering.records import Answer, QuotedPassage, TopicNote
from bot.i18n import t
from bot.missions import MissionDirectory
from config import OFFICIAL_SITE_URL
from corpus import Corpus, Document, Mission, Passage, has_cyrillic, load_corpus
from index import (
    Embedder,
    Hit,
    HybridSearcher,
    SpellingCorrector,
    count_words,
    document_cache_path,
    open_index,
    tokenize,
)

log = logging.getLogger(__name__)

MAX_FURTHER_PASSAGES = 2  # a further passage must also pass ``Thresholds.related_share``
MAX_SERVING_MISSIONS = 2  # missions named in a consular decline: the embassy and one more at most
# The word that makes a consular question a mission question for the directory (see ``_serving``).
_EMBASSY_WORD = {"en": "embassy", "ru": "посольство", "be": "пасольства"}
# Words of mission questions, so that a typo of them is corrected like a word of the material.
_MISSION_WORDS = {
    "en": "embassy embassies consulate consulates general honorary mission address phone contact ambassador",
    "ru": "посольство посольства посольстве консульство консульства генконсульство генеральное почетное "
    "представительство адрес телефон контакты посол",
    "be": "пасольства пасольстве консульства генконсульства генеральнае ганаровае прадстаўніцтва адрас "
    "тэлефон кантакты пасол",
}


@dataclass(frozen=True)
class EngineOptions:
    """Plain values the engine needs (the core never sees the settings object)."""

    corpus_dir: Path
    index_dir: Path
    model_name: str
    query_prefix: str = ""
    passage_prefix: str = ""
    model_languages: tuple[str, ...] = ("en",)
    official_site_url: str = OFFICIAL_SITE_URL


@dataclass(frozen=True)
class SourceInfo:
    """A document of the material, for /about."""

    title: str
    source_name: str
    source_url: str
    date: str
    language: str
    kind: str


class Engine:
    """Answers questions from one corpus and index."""

    def __init__(
        self, corpus: Corpus, searcher: HybridSearcher, options: EngineOptions, embedder: Embedder
    ) -> None:
        self.corpus = corpus
        self.searcher = searcher
        self.options = options
        self.embedder = embedder  # kept so a reload reuses the loaded model (and its query cache)
        self._missions = (
            MissionDirectory(list(corpus.missions), corpus.other_names) if corpus.missions else None
        )
        self._topics = {topic.id: topic for topic in corpus.topics}
        self._record_terms = _record_terms(corpus)
        self.assessor = Assessor(searcher, corpus.topics, names=self._record_terms)
        self.speller: SpellingCorrector | None = SpellingCorrector.from_counts(
            _vocabulary(corpus, searcher.index.word_counts)
        )
        self.transliterate = True  # off only to measure the step (``python -m bot eval --without``)
        self.answers = AnswerCache()  # a new engine (``/reload``) starts with an empty one

    @classmethod
    def load(cls, options: EngineOptions, embedder: Embedder | None = None) -> Engine:
        """Load corpus, model and index; rebuild the index when it is missing or stale.

        Args:
            options: where the corpus and index live, which model, which prefixes.
            embedder: the embedding model (a reload passes the running engine's, a
                test ``Embedder(fake)``); by default the configured model (``Embedder.for_index``).

        Raises:
            CorpusError: the material is malformed (the message names the file).
            RetrievalError: the model cannot be loaded or the index folder cannot be written.
        """
        started = time.perf_counter()
        corpus = load_corpus(options.corpus_dir, cache=document_cache_path(options.index_dir))
        if embedder is None:
            embedder = Embedder.for_index(
                options.model_name, options.index_dir, options.query_prefix, options.passage_prefix
            )
        index = open_index(
            corpus.indexed_passages,
            corpus.content_hash,
            embedder.passages,
            options.index_dir,
            embedder.export_query_model,
        )
        searcher = HybridSearcher(index, embedder.queries(options.index_dir), options.model_languages)
        engine = cls(corpus, searcher, options, embedder)
        log.info("engine ready in %.2f s: %d passages", time.perf_counter() - started, index.passage_count)
        return engine

    def warm(self) -> None:
        """Make now what questions would otherwise make on first need, so no asker waits for it.

        Loading stays lazy so that the first answer comes soon after start (issue 14:
        at 100,000 passages); but each of these costs a question once, up to half a
        second (lingua's models 0.5 s, a language's speller, pymorphy3's dictionary,
        lemminflect's lexicon, a language's document frequencies). The query model is not touched: warming
        embeds nothing, so a reload still embeds only changed passages. The bot runs this in a
        background thread once it serves, a reload before it swaps the new engine in,
        and ``bench`` before it times replies. Safe to run beside answering: each
        part is built whole and then stored.
        """
        load_language_models()
        if self.speller is not None:
            self.speller.warm()
        self.searcher.warm()

    @property
    def missions(self) -> MissionDirectory | None:
        """The mission records' directory, or None when the corpus has no records."""
        return self._missions

    def mission_lookup(self, mission_id: str) -> Mission | None:
        """A mission record by id (for "where to turn instead" and card buttons)."""
        return self._missions.get(mission_id) if self._missions else None

    def model_knows(self, language: str) -> bool:
        """Whether the embedding model was trained on ``language`` (else word evidence alone decides)."""
        return "*" in self.options.model_languages or language in self.options.model_languages

    def normalise(
        self, text: str, lang: str | None = None, user_language_code: str | None = None
    ) -> NormalisedQuestion:
        """The cleaned question as the index reads it (Cyrillic where meant, typos corrected)."""
        return normalise_question(text, self.speller, lang, user_language_code, self.transliterate)

    def answer(self, question: str, lang: str | None = None, user_language_code: str | None = None) -> Answer:
        """Answer one question, or say honestly why not."""
        started = time.perf_counter()
        cleaned = clean_question(question)
        if cleaned.problem is not None:
            return Answer(
                question=question or "",
                lang=lang or detect_language(cleaned.text or question or "", user_language_code),
                answered=False,
                reason=cleaned.problem,
                latency_ms=_ms(started),
                details={"length": cleaned.length, "limit": MAX_QUESTION_CHARS},
            )
        normalised = self.normalise(cleaned.text, lang, user_language_code)
        remembered = self.answers.get(normalised.text, normalised.language, question, _ms(started))
        if remembered is not None:
            return remembered
        answer = self._answer_normalised(question, normalised, started)
        self.answers.put(normalised.text, normalised.language, answer)
        return answer

    def _answer_normalised(self, question: str, normalised: NormalisedQuestion, started: float) -> Answer:
        """The answer to a cleaned, normalised question: a function of its text and language only."""
        text, language = normalised.text, normalised.language
        if self._missions is not None:
            query = self._missions.lookup(text, language)
            if query is not None:
                return Answer(
                    question=question,
                    lang=language,
                    answered=bool(query.matches),
                    reason="missions",
                    missions=query,
                    latency_ms=_ms(started),
                )
        subject_free = without_subject(text)
        if not tokenize(subject_free, language):
            # Only "Belarus" (or "Minsk", "Republic"): every passage is about it; ask for more.
            return Answer(
                question=question, lang=language, answered=False, reason="no_words", latency_ms=_ms(started)
            )
        assessment = self.assessor.assess(text, subject_free, language, stop_at_topic=True)
        if assessment.answered:
            return Answer(
                question=question,
                lang=language,
                answered=True,
                reason="ok",
                passages=tuple(self.quote(hit) for hit in assessment.chosen(MAX_FURTHER_PASSAGES)),
                latency_ms=_ms(started),
                details={"because": assessment.because, "normalised": text},
            )
        if assessment.topic is None:
            records = self.assessor.assess_records(text, subject_free, language)
            if records.answered:
                return Answer(
                    question=question,
                    lang=language,
                    answered=True,
                    reason="ok",
                    passages=tuple(self.quote(hit) for hit in records.chosen(MAX_FURTHER_PASSAGES)),
                    latency_ms=_ms(started),
                    details={"because": "record", "normalised": text},
                )
        return Answer(
            question=question,
            lang=language,
            answered=False,
            reason="not_covered",
            latency_ms=_ms(started),
            topic=self._topic_note(assessment, text, language),
            details={"because": assessment.because, "normalised": text},
        )

    def without(self, steps: set[str]) -> None:
        """Switch steps off, to measure what each adds: transliteration, spelling, bank, topics,
        and the decision's figures, names, margin, story and views evidence (``assessment.STEPS``)."""
        if "transliteration" in steps:
            self.transliterate = False
        if "spelling" in steps:
            self.speller = None
        if "bank" in steps:
            self.searcher.use_bank = False
        if "topics" in steps:
            self.assessor = Assessor(self.searcher, (), names=self._record_terms)
        self.assessor.without = steps & STEPS
        self.answers.clear()  # answers given with the steps on no longer hold

    def assess(self, question: str, lang: str | None = None) -> tuple[NormalisedQuestion, Assessment] | None:
        """Evidence and decision for a policy question (None when it is no question): eval, calibrate."""
        cleaned = clean_question(question)
        if cleaned.problem is not None:
            return None
        normalised = self.normalise(cleaned.text, lang)
        subject_free = without_subject(normalised.text)
        if not tokenize(subject_free, normalised.language):
            return None
        return normalised, self.assessor.assess(normalised.text, subject_free, normalised.language)

    def _topic_note(self, assessment: Assessment, question: str, language: str) -> TopicNote | None:
        topic = assessment.topic
        if topic is None:
            return None
        label = topic.label.get(language) or topic.label.get("en", topic.id)
        if topic.reply != "consular":
            return TopicNote(topic.id, topic.reply, label, topic.pointer)
        code, missions = self._serving(question, language)
        return TopicNote(topic.id, topic.reply, label, topic.pointer, code, missions)

    def _serving(self, question: str, language: str) -> tuple[str | None, tuple[Mission, ...]]:
        """The country a consular question names and the Belarusian missions serving it.

        Asks the mission directory the two questions a person would ask next: which
        country this is ("... Poland ... embassy"), then "Belarusian embassy in
        <country>", which answers with the missions there or, where Belarus has
        none, those whose ``covers`` include the country. Nothing when the
        question names no foreign country.
        """
        if self._missions is None:
            return None, ()
        probe = self._missions.lookup(f"{question} {_EMBASSY_WORD[language]}", language)
        if probe is None or not probe.country_code or probe.country_code == "BY" or not probe.country:
            return None, ()
        query = self._missions.lookup(f"Belarusian embassy in {probe.country}", "en")
        if query is None or query.direction != "belarus_abroad":
            return None, ()
        open_ = [m for m in (*query.matches, *query.nearest) if m.status.state not in ("closed", "suspended")]
        return probe.country_code, tuple(open_[:MAX_SERVING_MISSIONS])

    def search_passages(
        self, query: str, lang: str | None, limit: int = 10, offset: int = 0
    ) -> list[QuotedPassage]:
        """Retrieval only, for inline mode: passages the decision would quote, best first, one page."""
        cleaned = clean_question(query)
        if cleaned.problem is not None:
            return []
        normalised = self.normalise(cleaned.text, lang)
        assessment = self.assessor.assess(
            normalised.text, without_subject(normalised.text), normalised.language, limit=offset + limit
        )
        if not assessment.answered:
            return []
        covered = [hit for hit, d in zip(assessment.hits, assessment.decisions, strict=True) if d.answer]
        return [self.quote(hit) for hit in covered[offset : offset + limit]]

    def quote(self, hit: Hit) -> QuotedPassage:
        """Turn a hit into a quotable record, linking a translation to its original."""
        passage = hit.passage
        best = passage.sentences[hit.best_sentence] if passage.sentences else None
        return _quoted(passage, best, hit.score, self._original_of(passage))

    def passage(self, passage_id: str) -> QuotedPassage | None:
        """A passage by id (for the "show the original" button)."""
        passage = self.searcher.index.passage(passage_id)
        if passage is None:
            return None
        return _quoted(passage, None, 0.0, self._original_of(passage))

    def _original_of(self, passage: Passage) -> Passage | None:
        if not passage.is_translation:
            return None
        return self.searcher.index.passage(f"{passage.family}#{passage.position}")

    def topics(self, lang: str) -> list[str]:
        """What the material covers, from the documents' front matter, in the asker's language."""
        topics: list[str] = []
        for document in self._documents_for(lang):
            topics.extend(document.topics)
        if self._missions is not None:
            topics.append(t(lang, "reply.missions_topic"))
        return topics

    def sources(self) -> list[SourceInfo]:
        """Every document of the material, for /about."""
        return [
            SourceInfo(d.title, d.source_name, d.source_url, d.date.isoformat(), d.language, d.kind)
            for d in self.corpus.documents
        ]

    def _documents_for(self, lang: str) -> list[Document]:
        """One version of each document: the asker's language when it exists, else the original."""
        families: dict[str, Document] = {}
        for document in self.corpus.documents:
            family = document.translation_of or document.id
            wanted = document.language == lang or document.kind == "official"
            if wanted and (document.language == lang or family not in families):
                families[family] = document
        return list(families.values())


def _quoted(passage: Passage, best: str | None, score: float, original: Passage | None) -> QuotedPassage:
    return QuotedPassage(
        passage_id=passage.id,
        text=passage.text,
        sentences=passage.sentences,
        best_sentence=best,
        title=passage.title,
        section=passage.section,
        source_name=passage.source_name,
        source_url=passage.source_url,
        date=passage.date,
        language=passage.language,
        is_translation=passage.is_translation,
        original_passage_id=original.id if original else None,
        original_url=original.source_url if original else None,
        score=round(score, 4),
        mission_id=passage.mission_id,
    )


def _record_terms(corpus: Corpus) -> frozenset[str]:
    """Terms of the mission records (countries, cities, missions' names) in every served language.

    The records are material too: a place they name ("Poland", "Варшава") is no
    name the material never uses (``question_evidence.unknown_name``).
    """
    terms: set[str] = set()
    for mission in corpus.missions:
        texts = [mission.country, mission.city, *(c.en for c in mission.covers)]
        texts += [getattr(mission.city_names, lang, None) or "" for lang in ("ru", "be")]
        texts += [getattr(mission.names, lang, None) or "" for lang in ("en", "ru", "be")]
        for lang in ("en", "ru", "be"):
            for text in texts:
                terms.update(tokenize(text, lang))
    return frozenset(terms)


def _vocabulary(corpus: Corpus, document_words: Mapping[str, Mapping[str, int]]) -> dict[str, Counter[str]]:
    """Per language, the words spelling correction may correct towards, with their counts.

    The document passages' words come counted from the index (``document_words``:
    counting 100,000 passages at start took 1.3 s); the question bank, the
    topics' triggers and the mission names are counted here.
    """
    texts: dict[str, list[str]] = {lang: [_MISSION_WORDS[lang]] for lang in _MISSION_WORDS}
    for question in corpus.questions:
        texts.setdefault(question.language, []).append(question.text)
    for topic in corpus.topics:
        for lang, triggers in topic.triggers.items():
            texts.setdefault(lang, []).extend(triggers)
    for mission in corpus.missions:
        texts["en"].extend(filter(None, [mission.country, mission.city]))
        for lang in ("ru", "be"):
            texts[lang].extend(
                filter(None, [getattr(mission.city_names, lang, None), getattr(mission.names, lang, None)])
            )
    other = corpus.other_names
    for name in (n for names in (*other.countries.values(), *other.cities.values()) for n in names):
        for lang in ("ru", "be") if has_cyrillic(name) else ("en",):  # "Питер", "Persia"
            texts[lang].append(name)
    counts = {lang: Counter(words) for lang, words in document_words.items()}
    for lang, language_texts in texts.items():
        counts.setdefault(lang, Counter()).update(count_words(language_texts))
    return counts


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)
