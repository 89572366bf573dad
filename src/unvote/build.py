"""Build the snapshot from the raw sources: read each, reconcile, write Parquet + MANIFEST.json, swap in atomically.

``unvote data build --from ../shared/data`` runs :func:`build`. Newer raw files of the same formats are taken in by the
same command. The new snapshot is written to a temporary folder beside the old one and exchanged with it in one
atomic step, so a build that fails, or is killed, leaves the previous snapshot whole.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import shutil
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

import polars as pl
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

import unvote
from unvote.errors import UserError
from unvote.record import SNAPSHOT_DIR

# Every raw source: the snapshot's name for it and its path under the data folder. The member lists and regional
# groups feed the curated reference table in ``unvote/reference`` (see ``unvote.members``); they are checksummed here
# so the manifest says which raw files the snapshot stands on.
SOURCES: dict[str, str] = {
    "undl_wide": "undl_scraped_2022/UN DATA.csv.zip",
    "voeten_wide": "ga_voeten_wide_2024/ungaVoting_003.csv",
    "unvotes": "unvotes_cran/data",
    "voeten_meta": "ga_rollcall_meta/un-project_un-votes/voeten_roll_calls_1946-2021_DERIVED.csv",
    "crosswalk": "ga_rollcall_meta/rcid_symbol_crosswalk_2020-01_to_2023-08_DERIVED.csv",
    "unxml": "ga_rollcall_meta/unxml_GAresolutions/data_extract",
    "sc_voting": "sc_voting_1994_2025/sc_voting.csv",
    "vetoes": "sc_vetoes_wpdl/unsc_vetoes_1946_sept2022.csv",
    "sc_actions": "un_sc_actions_html",
    "sc_membership": "sc_membership",
    "un_members": "un_members/un_members.csv",
    "regional_groups": "un_regional_groups",
}

PARQUET_OPTIONS = {"compression": "zstd", "compression_level": 9, "statistics": True}


def _readers() -> dict[str, Callable[[Path], Any]]:
    from unvote.charter.composition import seats_table
    from unvote.sources import (crosswalk, sc_actions, sc_voting, undl_wide, unvotes, unxml, vetoes, voeten_meta,
                                voeten_wide)

    return {"undl_wide": undl_wide.read, "voeten_wide": voeten_wide.read, "unvotes": lambda p: unvotes.read(p.parent),
            "voeten_meta": voeten_meta.read, "crosswalk": crosswalk.read, "unxml": unxml.read,
            "sc_voting": sc_voting.read, "vetoes": vetoes.read, "sc_actions": sc_actions.read,
            "sc_membership": seats_table}


def file_digests(path: Path, root: Path) -> list[dict[str, Any]]:
    """SHA-256 and size of a source file, or of every file in a source folder (sorted by name)."""
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    out = []
    for f in files:
        digest = hashlib.sha256(f.read_bytes()).hexdigest()
        out.append({"path": str(f.relative_to(root)), "bytes": f.stat().st_size, "sha256": digest})
    return out


def build(source_dir: str | Path, out_dir: str | Path | None = None, console: Console | None = None) -> dict[str, Any]:
    """Build a snapshot from ``source_dir`` into ``out_dir`` (default: the bundled snapshot) and return its manifest.

    >>> manifest = build("../shared/data", "/tmp/snapshot")          # doctest: +SKIP
    >>> manifest["counts"]["decisions"]                               # doctest: +SKIP
    9759
    """
    from unvote.reconcile.record import reconcile

    source_dir = Path(source_dir).resolve()
    out_dir = Path(out_dir) if out_dir is not None else SNAPSHOT_DIR
    if not source_dir.is_dir():
        raise UserError(f"The raw data folder {source_dir} does not exist.")
    missing = [rel for rel in SOURCES.values() if not (source_dir / rel).exists()]
    if missing:
        raise UserError(f"The raw data folder {source_dir} lacks {', '.join(missing)}.")
    console = console or Console(stderr=True)
    readers = _readers()
    raw: dict[str, Any] = {}
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TimeElapsedColumn(), console=console, transient=not console.is_terminal) as progress:
        task = progress.add_task("reading sources", total=len(readers) + 3)
        for name, rel in SOURCES.items():
            if name not in readers:
                continue
            progress.update(task, description=f"reading {name}")
            raw[name] = readers[name](source_dir / rel)
            progress.advance(task)
        progress.update(task, description="reconciling")
        tables = reconcile(raw)
        progress.advance(task)
        progress.update(task, description="fitting ideal points")
        tables["ideal_points"] = _ideal_points(tables)
        progress.advance(task)
        progress.update(task, description="writing the snapshot")
        manifest = _manifest(tables, source_dir)
        _write_and_swap(tables, manifest, out_dir)
        progress.advance(task)
    return manifest


def _ideal_points(tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    # Shipped in the snapshot because the fit takes seconds, too slow for a web page or a plot to make on demand.
    from unvote.analysis.ideal_points import snapshot_table

    decisions = tables["decisions"].filter(pl.col("body") == "GA")
    votes = tables["votes"].join(decisions.select(pl.col("id").alias("decision_id")), on="decision_id")
    return snapshot_table(votes.select("decision_id", "member", "vote"), decisions)


def _manifest(tables: dict[str, pl.DataFrame], source_dir: Path) -> dict[str, Any]:
    decisions = tables["decisions"]
    ga, sc = decisions.filter(pl.col("body") == "GA"), decisions.filter(pl.col("body") == "SC")
    sc_res = sc.filter(pl.col("id").str.starts_with("SC-RES-"))
    numbers = sc_res["id"].str.extract(r"(\d+)$").cast(pl.Int32)
    return {
        "unvote_version": unvote.__version__,
        "built_at": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        "coverage": {
            "first_record": str(decisions["date"].min()),
            "last_record": str(decisions["date"].max()),
            "ga_first": str(ga["date"].min()), "ga_last": str(ga["date"].max()),
            "ga_roll_calls": ga.height,
            "sc_first": str(sc["date"].min()), "sc_last": str(sc["date"].max()),
            "sc_resolutions": sc_res.height,
            "sc_resolution_numbers": f"{numbers.min()}-{numbers.max()}",
            "sc_failed_drafts": sc.filter(pl.col("outcome") != "adopted").height,
            "sc_vetoed_drafts": sc.filter(pl.col("outcome") == "vetoed").height,
        },
        "counts": {name: frame.height for name, frame in tables.items()},
        "sources": {name: {"path": rel, "files": file_digests(source_dir / rel, source_dir)}
                    for name, rel in SOURCES.items()},
        "terms": "UN Digital Library data: © United Nations, non-commercial use with attribution. Voeten's roll calls "
                 "and the Bailey–Strezhnev–Voeten estimates: CC0. See README.md for every source.",
    }


def _write_and_swap(tables: dict[str, pl.DataFrame], manifest: dict[str, Any], out_dir: Path) -> None:
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.parent.glob(f".{out_dir.name}-build-*"):
        shutil.rmtree(stale, ignore_errors=True)  # left by a build that was killed
    tmp = out_dir.parent / f".{out_dir.name}-build-{os.getpid()}"
    tmp.mkdir()
    try:
        for name, frame in tables.items():
            frame.write_parquet(tmp / f"{name}.parquet", **PARQUET_OPTIONS)
        (tmp / "MANIFEST.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        for f in tmp.iterdir():
            _fsync(f)
        _fsync(tmp)
        if out_dir.exists():
            _exchange(tmp, out_dir)  # tmp now holds the previous snapshot
        else:
            os.rename(tmp, out_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> None:
    """Swap two directories in one atomic step (Linux renameat2); elsewhere, two renames."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        renameat2 = None
    if renameat2 is not None:
        if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
            return
    aside = b.with_name(b.name + ".previous")
    os.rename(b, aside)
    os.rename(a, b)
    os.rename(aside, a)
