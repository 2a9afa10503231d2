"""Development tools: retrieval quality on the golden sets (``eval``) and speed figures (``bench``).

Never imported at run time: only ``bot.cli`` reaches here, lazily, for its
``eval`` and ``bench`` commands.
"""

from bot.devtools.benchmark import run_benchmark
from bot.devtools.evaluation import (
    DEFAULT_GOLDEN_DIR,
    GoldenQuestion,
    load_golden,
    print_report,
    run_evaluation,
)

__all__ = [
    "DEFAULT_GOLDEN_DIR",
    "GoldenQuestion",
    "load_golden",
    "print_report",
    "run_benchmark",
    "run_evaluation",
]
