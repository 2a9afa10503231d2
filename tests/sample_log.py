"""Fill a question log with a few hundred made-up questions, to look at ``stats --chart`` and the digest.

``python -m tests.sample_log FILE [--questions 400] [--days 14] [--seed 13]``
writes into FILE (a fresh SQLite file is best: the rows are fiction). The mix
is meant to look like a real fortnight: more English than Russian than
Belarusian, about two thirds answered, busier on weekdays, some ratings.
Deterministic for a given seed, so a chart can be reproduced.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.pressdesk import ChatType, Feedback, QuestionLog, QuestionRecord

SAMPLE_SALT = "sample-log-salt"
QUESTIONS = {
    "en": [
        "What are Belarus's foreign-policy priorities?",
        "How does Belarus cooperate with China?",
        "Is Belarus part of the Non-Aligned Movement?",
        "Will it rain in Minsk tomorrow?",
        "What does Belarus think about the EU?",
        "Belarusian embassy in Germany",
    ],
    "ru": [
        "Каковы приоритеты внешней политики Беларуси?",
        "Отношения Беларуси с Китаем",
        "Какая погода в Минске?",
        "Посольство Беларуси в Польше",
    ],
    "be": ["Якія прыярытэты знешняй палітыкі Беларусі?", "Адносіны Беларусі з Кітаем"],
}
LANGUAGE_WEIGHTS = {"en": 5, "ru": 3, "be": 1}
PASSAGE = "Priorities of the foreign policy of the Republic of Belarus"


def fill(path: Path, questions: int, days: int, seed: int, now: datetime | None = None) -> int:
    """Write ``questions`` made-up rows spread over the last ``days`` days; return how many."""
    rng = random.Random(seed)
    moment = now or datetime.now(UTC)
    languages, weights = zip(*LANGUAGE_WEIGHTS.items(), strict=True)
    with QuestionLog(path, SAMPLE_SALT) as question_log:
        for number in range(questions):
            asked_at = moment - timedelta(seconds=rng.uniform(0, days * 86_400))
            if asked_at.weekday() >= 5 and rng.random() < 0.5:  # quieter weekends
                asked_at -= timedelta(days=2)
            language = rng.choices(languages, weights)[0]
            answered = rng.random() < 0.68
            row = question_log.record(
                QuestionRecord(
                    rng.choice(QUESTIONS[language]),
                    language,
                    ChatType.PRIVATE,
                    answered,
                    "ok" if answered else "not_covered",
                    user_id=10_000 + number % 97,
                    passages=(PASSAGE,) if answered else (),
                    latency_ms=rng.uniform(20, 120),
                    asked_at=max(asked_at, moment - timedelta(days=days - 1)),
                )
            )
            if answered and rng.random() < 0.3:
                feedback = rng.choices(list(Feedback), (6, 3, 1))[0]
                question_log.set_feedback(row, 10_000 + number % 97, feedback)
    return questions


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.sample_log", description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, help="the SQLite file to fill (BOT_DB_PATH for stats --chart)")
    parser.add_argument("--questions", type=int, default=400)
    parser.add_argument("--days", type=int, default=14)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    count = fill(args.file, args.questions, args.days, args.seed)
    print(f"{count} sample questions written to {args.file} (salt {SAMPLE_SALT!r})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
