"""Draw the ``/stats`` chart: questions per day, answered and declined, and by language, as a PNG.

matplotlib, the standard plotting library, with its Agg back end (what a
bare ``Figure`` uses): it renders to memory without a display, so it works on
a server and in a worker thread. The only module that imports matplotlib. Labels come from the message
catalogue (DejaVu Sans, matplotlib's default font, has Cyrillic).
"""

from __future__ import annotations

import io

from bot.i18n import t
from bot.pressdesk.daily import DailySeries

ANSWERED_COLOUR = "#2a9d8f"
DECLINED_COLOUR = "#e76f51"
LANGUAGE_COLOURS = ("#264653", "#e9c46a", "#8d99ae", "#6a4c93", "#1982c4")
DPI = 110


def render_chart_png(series: DailySeries, lang: str) -> bytes:
    """The chart of ``series`` as PNG bytes, labelled in ``lang``.

    Top: a stacked bar per day (answered under declined) with the day's total
    above it. Bottom: one line per language.
    """
    # Imported here: the bot starts without matplotlib, loaded on the first /stats. A bare
    # ``Figure`` (not pyplot) renders with the Agg canvas and touches no display or global state.
    from matplotlib.figure import Figure  # noqa: PLC0415

    figure = Figure(figsize=(9, 6), dpi=DPI, layout="constrained")
    top, bottom = figure.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    positions = list(range(len(series.days)))
    labels = [f"{day:%d.%m}" for day in series.days]
    top.bar(positions, series.answered, color=ANSWERED_COLOUR, label=t(lang, "curation.chart.answered"))
    top.bar(
        positions,
        series.declined,
        bottom=series.answered,
        color=DECLINED_COLOUR,
        label=t(lang, "curation.chart.declined"),
    )
    for x, (answered, declined) in enumerate(zip(series.answered, series.declined, strict=True)):
        if answered + declined:
            top.annotate(
                str(answered + declined), (x, answered + declined), ha="center", va="bottom", fontsize=8
            )
    top.set_ylabel(t(lang, "curation.chart.questions"))
    top.set_title(
        t(
            lang,
            "curation.chart.title",
            since=f"{series.days[0]:%Y-%m-%d}" if series.days else "",
            until=f"{series.days[-1]:%Y-%m-%d}" if series.days else "",
        )
    )
    top.legend(loc="upper left", fontsize=8)
    top.margins(y=0.15)
    for number, language in enumerate(series.by_language):
        colour = LANGUAGE_COLOURS[number % len(LANGUAGE_COLOURS)]
        bottom.plot(positions, language.counts, marker="o", color=colour, label=language.language)
    bottom.set_ylabel(t(lang, "curation.chart.by_language"))
    if series.by_language:
        bottom.legend(loc="upper left", fontsize=8, ncols=len(series.by_language))
    bottom.set_ylim(bottom=0)
    step = max(1, len(positions) // 15)  # at most ~15 day labels, however long the period
    bottom.set_xticks(positions[::step], labels[::step])
    for axes in (top, bottom):
        axes.grid(axis="y", alpha=0.3)
        axes.spines[["top", "right"]].set_visible(False)
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()
