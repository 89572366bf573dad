"""The backtest written up: Markdown tables for ``docs/forecast-evaluation.md`` and calibration plots as SVG."""

from __future__ import annotations

from pathlib import Path

import polars as pl

INTRO = ("Rolling origin: the model is refitted before each GA session (SC: each calendar year) on decisions dated "
         "before it, and a forecast reads nothing dated on or after the decision forecast (features of every Council "
         "training row, too, read only the decisions before that row). Scores are over votes cast (yes / no / "
         "abstain, the forecast renormalised over those three); absences are scored on their own (absent Brier, "
         "over every member row). *Always yes* is hedged (0.97 yes) so its log loss is finite. *Member base rate* is "
         "the member's shares of yes / no / abstain / absent in the same body over the three years before. "
         "*Previous version* is the member's vote on the most recent earlier decision with the same title (GA) or "
         "agenda item (SC), falling back to its base rate. *Previous outcome* calls the outcome of the latest earlier "
         "Council draft on the same agenda item (0.9, the other outcomes 0.05 each); it forecasts outcomes, not "
         "member votes, so it appears only in the outcome tables. Council drafts are described by date, agenda item "
         "and sponsors only: the record titles adopted resolutions but never failed drafts, so a title would give the "
         "outcome away.")


def table(scored: dict[str, dict[str, float]]) -> list[str]:
    """A Markdown table with one row per model and one column per score."""
    keys = list(next(iter(scored.values())).keys())
    lines = ["| model | " + " | ".join(keys) + " |", "|---" * (len(keys) + 1) + "|"]
    for model, values in scored.items():
        lines.append(f"| {model} | " + " | ".join(f"{v:.3f}" if isinstance(v, float) else str(v)
                                                   for v in values.values()) + " |")
    return lines


def calibration_plot(frame: pl.DataFrame, path: Path, title: str, x_title: str) -> Path:
    """Write a reliability diagram (mean forecast against observed frequency per bin, dot area = rows) as SVG.

    ``frame`` has the columns of :func:`unvote.forecast.backtest.calibration` plus ``model``.
    """
    import altair as alt

    data = frame.with_columns(pl.col("forecast").round(4), pl.col("observed").round(4)).to_pandas()
    diagonal = alt.Chart(pl.DataFrame({"x": [0.0, 1.0], "y": [0.0, 1.0]}).to_pandas()).mark_line(
        strokeDash=[4, 4], color="#999").encode(x="x:Q", y="y:Q")
    points = alt.Chart(data).mark_line(point=True).encode(
        x=alt.X("forecast:Q", title=x_title, scale=alt.Scale(domain=[0, 1])),
        y=alt.Y("observed:Q", title="observed frequency", scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("model:N", title="model"), tooltip=["model", "n", "forecast", "observed"])
    sizes = alt.Chart(data).mark_circle(opacity=0.35).encode(x="forecast:Q", y="observed:Q", size=alt.Size(
        "n:Q", title="rows"), color="model:N")
    chart = (diagonal + points + sizes).properties(title=title, width=380, height=320)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.svg")
    chart.save(str(tmp), format="svg")
    tmp.replace(path)
    return path


def write_plots(result: dict, image_dir: Path) -> dict[str, Path]:
    """The calibration plots of a backtest result, as ``forecast-*.svg`` under ``image_dir``."""
    plots = {}
    if "GA calibration" in result:
        plots["GA"] = calibration_plot(result["GA calibration"], image_dir / "forecast-ga-calibration.svg",
                                       "GA: P(yes) against observed yes", "forecast P(yes)")
    if "SC calibration" in result:
        plots["SC"] = calibration_plot(result["SC calibration"], image_dir / "forecast-sc-calibration.svg",
                                       "SC permanent members: P(no) against observed no", "forecast P(no)")
    if "SC veto calibration" in result:
        plots["SC veto"] = calibration_plot(result["SC veto calibration"], image_dir / "forecast-sc-veto-calibration.svg",
                                            "SC drafts: P(vetoed) against observed vetoes", "forecast P(vetoed)")
    return plots


def markdown(result: dict, command: str, plots: dict[str, Path] | None = None, relative_to: Path | None = None) -> str:
    """The evaluation as Markdown, for ``docs/forecast-evaluation.md``; plots linked relative to ``relative_to``."""
    plots = plots or {}

    def link(key: str, alt: str) -> list[str]:
        if key not in plots:
            return []
        target = plots[key]
        if relative_to is not None:
            try:
                target = target.resolve().relative_to(relative_to.resolve())
            except ValueError:
                target = target.resolve()
        return [f"![{alt}]({target.as_posix()})", ""]

    since = f", decisions from {result['since']}" if result["since"] else ""
    lines = ["# Forecast evaluation", "",
             f"Written by `{command}` (forecaster version {result['version']}, seed {result['seed']}).", "",
             INTRO, ""]
    if "GA" in result:
        sessions = result["GA sessions"]
        lines += [f"## General Assembly, sessions {sessions.start}–{sessions.stop - 1}{since}", "",
                  f"{result['GA decisions']} roll calls.", ""] + table(result["GA"]) + [""]
        if "GA 70" in result:
            lines += ["Sessions 70 onwards:", ""] + table(result["GA 70"]) + [""]
        lines += ["Calibration of P(yes), every member row:", ""] + link("GA", "GA calibration") 
    if "SC" in result:
        years = result["SC years"]
        lines += [f"## Security Council, {years.start}–{years.stop - 1}{since}", "",
                  f"{result['SC decisions']} decisions put to the vote, failed and vetoed drafts included.", "",
                  "All members:", ""] + table(result["SC"]) + ["", "Permanent members only:", ""]
        lines += table(result["SC P5"]) + [""]
        lines += ["Accuracy per permanent member (votes cast):", "", "| model | " + " | ".join(result["SC per P5"]
                  [next(iter(result["SC per P5"]))].keys()) + " |", "|---" * 6 + "|"]
        for model, per in result["SC per P5"].items():
            lines.append(f"| {model} | " + " | ".join(f"{v:.3f}" for v in per.values()) + " |")
        lines += ["", "Outcomes: veto called when P(vetoed) ≥ 0.5; outcome Brier scores P(adopted):", ""]
        lines += table(result["SC vetoes"]) + [""]
        if result.get("SC vetoes 2010"):
            lines += ["The same, 2010 onwards:", ""] + table(result["SC vetoes 2010"]) + [""]
        lines += link("SC", "SC calibration of P(no), permanent members") + link("SC veto", "SC veto calibration")
    return "\n".join(lines)
