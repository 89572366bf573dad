"""Plots a user would otherwise make by hand, as Altair charts, and :func:`save` to PNG, SVG or standalone HTML.

* :func:`agreement_chart`: a member's agreement with chosen others, year by year;
* :func:`ideal_points_chart`: ideal-point trajectories with their 95% bands;
* :func:`heatmap_chart`: the agreement matrix of a period, members ordered by bloc (:mod:`unvote.analysis.blocs`);
* :func:`vote_map_chart`: a world map of one vote, each territory in the colour of the member that held it then
  (:mod:`unvote.geo`, Natural Earth's shapes shipped with the package).

Every chart carries its data inline, so :func:`save` needs no network: PNG and SVG are rendered by vl-convert, HTML
bundles the Vega libraries into the page (no CDN).

>>> import unvote
>>> chart = agreement_chart(unvote.open(), "USA", ["GBR", "RUS"], period="2010-2012")
>>> [(r["other"], r["year"], round(r["agreement"], 2)) for r in chart.data.values][:2]
[('GBR', 2010, 0.7), ('GBR', 2011, 0.75)]
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import altair as alt
from altair.utils.schemapi import debug_mode
import numpy as np
import polars as pl

from unvote.analysis.agreement import Measure, agreement, check_measure
from unvote.analysis.blocs import ISSUES, find_blocs, ga_votes, parse_period
from unvote.errors import UserError
from unvote.files import write_atomically

FORMATS = (".png", ".svg", ".html")
MEASURE_TITLE = {"voeten": "agreement (Voeten's score)", "identical": "share of identical votes",
                 "kappa": "agreement (Cohen's kappa)"}
# The map's legend: the vote a territory's member cast, or why it shows none.
MAP_LEGEND = {"Y": "yes", "N": "no", "A": "abstain", "X": "absent / not voting", None: "not a member"}
OFF_COUNCIL = "not on the Council"
MAP_COLOURS = {"yes": "#1a9641", "no": "#d7191c", "abstain": "#fdae61", "absent / not voting": "#9e9e9e",
               OFF_COUNCIL: "#cfd8e3", "not a member": "#e8e8e8"}


def _inline(values: list[dict]) -> alt.Data:
    """Inline data without Altair checking every record against the Vega-Lite schema (seconds for a heat map's
    36,000 cells or a map's coordinates; the records are built here, so their shape is known)."""
    with debug_mode(False):
        return alt.Data(values=values)


def member_codes(rec, queries: Iterable[str]) -> list[str]:
    """Codes of the members named (codes or names), in order, once each; an unknown one raises NotFound.

    >>> member_codes(unvote.open(), ["usa", "Russian Federation", "USA", ""])
    ['USA', 'RUS']
    """
    codes = []
    for q in queries:
        if q.strip():
            code = rec.member_code(q.strip())
            if code not in codes:
                codes.append(code)
    return codes


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- agreement over time ---------------------------------------------------------------------------------------------
def agreement_chart(rec, member: str, others: Iterable[str], period: str | None = None,
                    measure: Measure = "voeten", min_votes: int = 10, issue: str | None = None) -> alt.Chart:
    """Lines of ``member``'s agreement with each of ``others`` in the General Assembly, one point per year.

    Years in which a pair shared fewer than ``min_votes`` roll calls are left out: a handful of votes (the record's
    last, partial year) swings the score from 0 to 1.

    >>> c = agreement_chart(unvote.open(), "USA", ["ISR"], period="2014")
    >>> c.data.values[0]["agreement"] > 0.9
    True
    """
    check_measure(measure)
    code = rec.member_code(member)
    chosen = [c for c in member_codes(rec, others) if c != code]
    if not chosen:
        raise UserError("Name at least one other member to compare with (for example --with RUS,CHN).")
    votes = ga_votes(rec, period, issue)
    # A pair's agreement depends only on the two members' own votes: keep just the members drawn.
    votes = votes.filter(pl.col("member").is_in([code, *chosen]))
    table = agreement(votes, by="year")
    if table.height:
        table = table.filter((pl.col("member") == code) & pl.col("other").is_in(chosen) & (pl.col("n") >= min_votes))
    if table.height == 0:
        raise UserError(f"{code} shared no year of {min_votes} or more General Assembly votes with "
                        f"{', '.join(chosen)} in {parse_period(period).label if period else 'the record'}.")
    rows = table.select(
        "year", "other", pl.col(measure).alias("agreement"), pl.col("n").alias("votes"),
        pl.col("other").replace_strict({c: rec.name_of(c) for c in chosen}, return_dtype=pl.String).alias("name"),
    ).sort("other", "year")
    span = f", {parse_period(period).label}" if period else ""
    span += f", votes on {ISSUES[issue.lower()]}" if issue else ""
    chart = alt.Chart(_inline(rows.to_dicts())).mark_line(point=True).encode(
        x=alt.X("year:Q", title="Year", axis=alt.Axis(format="d"), scale=alt.Scale(zero=False, nice=False)),
        # Kappa runs from -1 (always opposed beyond chance) to 1; the other two measures from 0 to 1.
        y=alt.Y("agreement:Q", title=_first_upper(MEASURE_TITLE[measure]),
                scale=alt.Scale(domain=[-1 if measure == "kappa" else 0, 1])),
        color=alt.Color("other:N", title="With", sort=chosen),
        tooltip=["name:N", "year:Q", alt.Tooltip("agreement:Q", format=".2f"), "votes:Q"],
    )
    return chart.properties(width=640, height=320,
                            title=f"General Assembly: {rec.name_of(code)}'s {MEASURE_TITLE[measure]} by year{span}")


# --- ideal points ----------------------------------------------------------------------------------------------------
def ideal_points_of(rec, members: Iterable[str] | None = None) -> pl.DataFrame:
    """Ideal points per member and GA session from the snapshot (``member, session, ideal_point, se, lower, upper``).

    >>> ideal_points_of(unvote.open(), ["USSR"])["session"].max()  # the 46th opened in September 1991
    46
    """
    points = _standard_points(rec.ideal_points())
    return points.filter(pl.col("member").is_in(member_codes(rec, members))) if members is not None else points


def _standard_points(points: pl.DataFrame) -> pl.DataFrame:
    """Accept the estimator's columns or the snapshot's (``code`` for member)."""
    points = points.rename({"code": "member"}, strict=False)
    if "lower" not in points.columns:
        points = points.with_columns(lower=pl.col("ideal_point") - 1.959964 * pl.col("se"),
                                     upper=pl.col("ideal_point") + 1.959964 * pl.col("se"))
    return points


def ideal_points_chart(points: pl.DataFrame, members: Iterable[str], names: dict[str, str] | None = None,
                       period: str | None = None) -> alt.Chart:
    """Each member's ideal point by GA session, with its 95% interval as a band (USA on the positive side).

    ``points`` has ``member, session, ideal_point`` and ``lower, upper`` or ``se`` (as :func:`ideal_points_of` or
    ``IdealPoints().fit(...).ideal_points_`` give). The x axis is the year each session opened (session + 1945);
    ``period`` (``"1980s"``, ``"1990-2010"``) keeps the sessions that opened in it.
    """
    codes = list(dict.fromkeys(members))
    points = _standard_points(points).filter(pl.col("member").is_in(codes))
    if period is not None:
        span = parse_period(period)
        points = points.filter((pl.col("session") + 1945).is_between(span.first, span.last))
    missing = [c for c in codes if c not in set(points["member"])]
    if missing:
        raise UserError(f"No ideal points for {', '.join(missing)}: no contested General Assembly vote "
                        f"{'in ' + parse_period(period).label if period else 'in the sessions fitted'}.")
    names = names or {}
    rows = points.select(
        "member", pl.col("member").replace_strict(names, default=pl.col("member")).alias("name"),
        "session", (pl.col("session") + 1945).alias("year"), "ideal_point", "lower", "upper",
    ).sort("member", "session")
    base = alt.Chart(_inline(rows.to_dicts())).encode(
        x=alt.X("year:Q", title="Year the GA session opened", axis=alt.Axis(format="d"),
                scale=alt.Scale(zero=False, nice=False)),
        color=alt.Color("member:N", title="Member", sort=codes),
    )
    band = base.mark_area(opacity=0.2).encode(y=alt.Y("lower:Q", title="Ideal point (95% band)"), y2="upper:Q")
    line = base.mark_line().encode(
        y="ideal_point:Q",
        tooltip=["name:N", "session:Q", alt.Tooltip("ideal_point:Q", format=".2f"),
                 alt.Tooltip("lower:Q", format=".2f"), alt.Tooltip("upper:Q", format=".2f")],
    )
    return alt.layer(band, line).properties(width=640, height=320,
                                            title="General Assembly ideal points by session (USA positive)")


# --- agreement heat map ----------------------------------------------------------------------------------------------
def heatmap_chart(rec, period: str, n_blocs: int | None = None, measure: Measure = "voeten",
                  issue: str | None = None) -> alt.HConcatChart:
    """The agreement matrix of a period, members ordered bloc by bloc (and by the clustering tree within a bloc).

    A strip on the left names each member's bloc. Cells: ``member, other, agreement, bloc, other_bloc``.
    """
    found = find_blocs(rec, period, n_blocs=n_blocs, measure=measure, issue=issue)
    order = found.order
    bloc = dict(zip(found.members["member"], found.members["bloc_name"]))
    number = dict(zip(found.members["member"], found.members["bloc"]))
    matrix = found.agreement.loc[order, order].to_numpy()
    a, b = np.nonzero(np.isfinite(matrix))
    cells = [{"member": order[i], "other": order[j], "agreement": round(float(matrix[i, j]), 3),
              "bloc": f"{number[order[i]]}. {bloc[order[i]]}", "other_bloc": f"{number[order[j]]}. {bloc[order[j]]}"}
             for i, j in zip(a, b)]
    step = 4 if len(order) > 120 else 8
    axis = alt.Axis(labelFontSize=step + 1 if step > 4 else 4, ticks=False, title=None)
    blocs_sorted = sorted(set(c["bloc"] for c in cells), key=lambda s: int(s.split(".")[0]))
    heat = alt.Chart(_inline(cells)).mark_rect().encode(
        x=alt.X("other:N", sort=order, axis=axis),
        y=alt.Y("member:N", sort=order, axis=None),
        color=alt.Color("agreement:Q", title=MEASURE_TITLE[measure], scale=alt.Scale(scheme="viridis")),
        tooltip=["member:N", "other:N", alt.Tooltip("agreement:Q", format=".2f"), "bloc:N", "other_bloc:N"],
    ).properties(width=alt.Step(step), height=alt.Step(step))
    strip = alt.Chart(_inline([{"member": m, "bloc": f"{number[m]}. {bloc[m]}"} for m in order])).mark_rect(
    ).encode(
        y=alt.Y("member:N", sort=order, axis=axis),
        color=alt.Color("bloc:N", title="Bloc", sort=blocs_sorted, scale=alt.Scale(scheme="tableau10")),
        tooltip=["member:N", "bloc:N"],
    ).properties(width=10, height=alt.Step(step))
    return alt.hconcat(strip, heat, spacing=2).resolve_scale(color="independent").properties(
        title=f"General Assembly agreement, {found.period}: {found.n_blocs} blocs (silhouette "
              f"{found.silhouette:.2f})")


# --- world map of one vote -------------------------------------------------------------------------------------------
def vote_map_chart(rec, symbol: str) -> alt.Chart:
    """A world map of one vote: each territory coloured by the vote of the member that held it on the day.

    Shapes are today's borders (Natural Earth 1:50m): a territory takes the vote of the state that held it then
    (Kazakhstan the USSR's before 1992); territories of no member are grey. On a Security Council vote the members
    without a seat that day are "not on the Council". Features carry ``properties.member`` and ``properties.vote``
    (the legend's label).

    >>> c = vote_map_chart(unvote.open(), "A/RES/69/188")
    >>> len({f["properties"]["member"] for f in c.data.values if f["properties"]["vote"] == "yes"})
    115
    """
    from unvote.geo import member_on, world_features

    decision = rec.decision(symbol)
    votes = dict(zip(decision.votes["member"], decision.votes["vote"]))
    if not votes:
        raise UserError(f"The record holds no member votes for {decision.label}: adopted without a vote, there is "
                        "nothing to map.")
    features = []
    for feature in world_features(tolerance=0.1):
        shape = feature["properties"]["shape"]
        member = member_on(shape, decision.date) if shape else None
        if member is None:
            vote = MAP_LEGEND[None]
        elif decision.body == "SC" and member not in votes:
            vote = OFF_COUNCIL
        else:  # a seated member without a vote row recorded no vote: absent, not a non-member
            vote = MAP_LEGEND[votes.get(member, "X")]
        features.append({"type": "Feature", "geometry": feature["geometry"],
                         "properties": {**feature["properties"], "member": member,
                                        "member_name": rec.name_of(member) if member else None, "vote": vote}})
    if decision.yes is not None:
        tally = decision.tally
    else:  # no printed tally: count the member votes
        tally = "-".join(str(sum(v == k for v in votes.values())) for k in "YNA")
    outcome = decision.outcome
    if decision.vetoed_by:
        outcome += " by " + ", ".join(decision.vetoed_by)
    title = alt.TitleParams(
        text=f"{decision.label}, {decision.date:%d %B %Y}: {tally} (yes-no-abstain), {outcome}",
        subtitle=(decision.title or "")[:120])
    legend = [k for k in MAP_COLOURS if k != OFF_COUNCIL or decision.body == "SC"]
    return alt.Chart(_inline(features)).mark_geoshape(stroke="white", strokeWidth=0.3).encode(
        color=alt.Color("properties.vote:N", title="Vote",
                        scale=alt.Scale(domain=legend, range=[MAP_COLOURS[k] for k in legend])),
        tooltip=[alt.Tooltip("properties.name:N", title="territory"),
                 alt.Tooltip("properties.member_name:N", title="member"),
                 alt.Tooltip("properties.vote:N", title="vote")],
    ).project(type="equalEarth").properties(width=800, height=400, title=title)


# --- writing ---------------------------------------------------------------------------------------------------------
def save(chart: alt.TopLevelMixin, path: str | Path, scale: float = 2.0) -> Path:
    """Write a chart to ``.png`` (at ``scale`` times its size), ``.svg`` or standalone ``.html``, atomically.

    HTML pages bundle the Vega libraries, so they open without a network.
    """
    import vl_convert as vlc

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise UserError(f"Cannot write {path.name!r}: the file name must end in .png, .svg or .html.")
    # Without validation: it would check every inline record against the schema (seconds for a heat map), and
    # vl-convert rejects a malformed specification anyway.
    spec = chart.to_dict(validate=False)
    if suffix == ".png":
        content: bytes | str = vlc.vegalite_to_png(spec, scale=scale)
    elif suffix == ".svg":
        content = vlc.vegalite_to_svg(spec)
    else:
        content = vlc.vegalite_to_html(spec, bundle=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    return write_atomically(path, lambda tmp: tmp.write_bytes(data))
