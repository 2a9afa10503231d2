"""The console chat: the same engine and replies as Telegram, in a terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.rendering import render_answer_text

if TYPE_CHECKING:
    from bot.answering import Engine

QUIT_WORDS = {"/quit", "/exit", "quit", "exit", ":q"}


def run_console(engine: Engine) -> int:
    """Read questions until end of input or /quit, answering each."""
    print("Ask about Belarus's foreign-policy priorities or its diplomatic missions.")
    print("Type /topics for what the material covers, /quit to leave.\n")
    lang: str | None = None
    while True:
        try:
            question = input("? ")
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        command = question.strip().lower()
        if command in QUIT_WORDS:
            return 0
        if command == "/topics":
            print("\n".join(f"- {topic}" for topic in engine.topics(lang or "en")), end="\n\n")
            continue
        answer = engine.answer(question)
        lang = answer.lang
        print(render_answer_text(answer, engine.options.official_site_url, engine.mission_lookup), end="\n\n")
