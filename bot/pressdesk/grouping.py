"""Group near-duplicate questions so ``/unanswered`` counts a gap once.

People ask the same thing in many small variations ("What is the weather in
Minsk?", "what's the weather in minsk"). Each question is first normalised
(Unicode NFKC, case-folded, apostrophes dropped, punctuation to spaces, ``ё`` to
``е``), exact normalised duplicates are merged, and the distinct forms are then
clustered greedily, most frequent first: a form joins the most similar existing
group leader when rapidfuzz's ``token_set_ratio`` is at least
``SIMILARITY_THRESHOLD`` and the two are of comparable length, otherwise it
leads a new group.

The length guard exists because ``token_set_ratio`` scores 100 whenever one
form's words are a subset of the other's: without it "visa" would swallow
"visa for a student going to Germany", hiding the specific question press
staff need to see.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from bot.fuzzy import closest_matches
from bot.pressdesk.records import Feedback, LoggedQuestion, Phrasing, UnansweredGroup

SIMILARITY_THRESHOLD = 85
MIN_LENGTH_RATIO = 0.5
EXAMPLES_PER_GROUP = 3
# Wordings a fix teaches at most: enough variety for the bank, few enough to read in a button's reply.
PHRASINGS_PER_GROUP = 10
# A token in more than this share of the distinct forms (and in more than
# COMMON_TOKEN_MIN_FORMS of them) is a common word, not used to find candidates.
COMMON_TOKEN_SHARE = 0.02
COMMON_TOKEN_MIN_FORMS = 20

_APOSTROPHES = re.compile(r"['’ʼ`´]")
_NON_WORD = re.compile(r"[\W_]+")


def normalise_question(text: str) -> str:
    """Return the comparison form of a question; empty when it holds no words."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    # Dropping (not spacing) apostrophes keeps "what's" and "сям'я" one word.
    folded = _APOSTROPHES.sub("", folded)
    return _NON_WORD.sub(" ", folded).strip()


def _comparable_length(first: str, second: str) -> bool:
    shorter, longer = sorted((len(first), len(second)))
    return shorter >= MIN_LENGTH_RATIO * longer


class _Leaders:
    """Group leaders, indexed by token so a form is scored only against plausible ones.

    Scoring every form against every leader is quadratic (about 1.4 µs a pair
    in rapidfuzz: a minute for 6,000 distinct questions). A form is compared
    only with leaders sharing one of its distinctive tokens, those in at most
    ``COMMON_TOKEN_SHARE`` of the forms; a form made only of common words
    ("what is the") uses all its tokens. The price: two forms that share
    nothing but common words, with every other word misspelt, stay apart.
    """

    def __init__(self, common_tokens: frozenset[str]) -> None:
        self.forms: list[str] = []
        self._by_token: dict[str, list[int]] = defaultdict(list)
        self._common = common_tokens

    def add(self, form: str) -> int:
        index = len(self.forms)
        self.forms.append(form)
        for token in set(form.split()):
            self._by_token[token].append(index)
        return index

    def closest(self, form: str) -> int | None:
        tokens = set(form.split())
        probe = (tokens - self._common) or tokens
        candidates = sorted({index for token in probe for index in self._by_token.get(token, ())})
        matches = closest_matches(
            form,
            [self.forms[index] for index in candidates],
            "token_set_ratio",
            cutoff=SIMILARITY_THRESHOLD,
            limit=None,
        )
        for _leader, _score, position in matches:  # best score first
            index = candidates[position]
            if _comparable_length(form, self.forms[index]):
                return index
        return None


def _common_tokens(forms: Iterable[str], total: int) -> frozenset[str]:
    frequency = Counter(token for form in forms for token in set(form.split()))
    limit = max(COMMON_TOKEN_MIN_FORMS, COMMON_TOKEN_SHARE * total)
    return frozenset(token for token, count in frequency.items() if count > limit)


def _most_common(values: Iterable[str]) -> list[str]:
    counts = Counter(values)
    # Ties broken alphabetically so the output does not depend on row order.
    return sorted(counts, key=lambda value: (-counts[value], value))


def _summarise(rows: Sequence[LoggedQuestion], variants: int) -> UnansweredGroup:
    wordings = _most_common(" ".join(row.question.split()) for row in rows)
    language_of: dict[str, str] = {}
    for row in rows:
        language_of.setdefault(" ".join(row.question.split()), row.language)
    unhelpful = [row for row in rows if row.feedback is Feedback.NOT_HELPFUL]
    return UnansweredGroup(
        wording=wordings[0],
        count=len(rows),
        declined=sum(1 for row in rows if not row.answered),
        not_helpful=sum(1 for row in rows if row.feedback is Feedback.NOT_HELPFUL),
        variants=variants,
        language=_most_common(row.language for row in rows)[0],
        last_asked=max(row.asked_at for row in rows),
        examples=tuple(wordings[1 : 1 + EXAMPLES_PER_GROUP]),
        phrasings=tuple(Phrasing(w, language_of[w]) for w in wordings[:PHRASINGS_PER_GROUP]),
        answered_with=tuple(_most_common(label for row in unhelpful for label in row.passages[:1])),
    )


def group_questions(rows: Iterable[LoggedQuestion]) -> list[UnansweredGroup]:
    """Cluster questions into near-duplicate groups, largest (then most recent) first.

    Each form is scored only against leaders sharing a distinctive word (see
    ``_Leaders``); callers on an event loop should still run this in a worker
    thread.
    """
    rows_by_form: dict[str, list[LoggedQuestion]] = defaultdict(list)
    for row in rows:
        form = normalise_question(row.question)
        if form:
            rows_by_form[form].append(row)

    leaders = _Leaders(_common_tokens(rows_by_form, len(rows_by_form)))
    members: list[list[str]] = []
    for form in sorted(rows_by_form, key=lambda f: (-len(rows_by_form[f]), f)):
        index = leaders.closest(form)
        if index is None:
            leaders.add(form)
            members.append([form])
        else:
            members[index].append(form)

    groups = [
        _summarise([row for form in forms for row in rows_by_form[form]], variants=len(forms))
        for forms in members
    ]
    return sorted(groups, key=lambda g: (-g.count, -g.last_asked.timestamp(), g.wording))
