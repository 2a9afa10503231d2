"""Development tools: golden-set quality (``eval``), threshold fitting (``calibrate``), speed (``bench``).

Never imported at run time: only ``bot.cli`` reaches here, lazily, for its
``eval``, ``calibrate`` and ``bench`` commands.
"""

from bot.devtools.benchmark import run_benchmark
from bot.devtools.calibration import calibrate
from bot.devtools.evaluation import (
    DEFAULT_GOLDEN_DIR,
    GoldenItem,
    PartScores,
    load_part,
    print_report,
    run_evaluation,
)

__all__ = [
    "DEFAULT_GOLDEN_DIR",
    "GoldenItem",
    "PartScores",
    "calibrate",
    "load_part",
    "print_report",
    "run_benchmark",
    "run_evaluation",
]
