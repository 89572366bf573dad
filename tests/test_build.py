"""The snapshot build: reproducible byte for byte, atomic under SIGKILL, and clear about malformed input."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import unvote
from unvote.record import SNAPSHOT_DIR

pytestmark = pytest.mark.xdist_group("build")  # builds use both cores: keep them on one worker
BUILD = [sys.executable, "-c", "from unvote.cli import main; main()", "data", "build"]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _without_build_time(manifest: bytes) -> dict:
    data = json.loads(manifest)
    data.pop("built_at")
    return data


def test_rebuild_matches_the_committed_snapshot(tmp_path, shared_data):
    out = tmp_path / "snapshot"
    subprocess.run([*BUILD, "--from", str(shared_data), "--to", str(out)], check=True, capture_output=True)
    built, committed = _files(out), _files(SNAPSHOT_DIR)
    assert built.keys() == committed.keys()
    for name in committed:
        if name == "MANIFEST.json":
            assert _without_build_time(built[name]) == _without_build_time(committed[name])
        else:
            assert built[name] == committed[name], f"{name} differs from the committed snapshot"


def test_killed_build_leaves_previous_snapshot_intact(tmp_path, shared_data):
    out = tmp_path / "snapshot"
    shutil.copytree(SNAPSHOT_DIR, out)
    before = _files(out)
    proc = subprocess.Popen([*BUILD, "--from", str(shared_data), "--to", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Kill it while it writes the new snapshot beside the old one (the most delicate moment).
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".snapshot-build-*")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert proc.poll() is None, "the build finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert _files(out) == before
    assert unvote.open(out).decision("S/2022/431").outcome == "vetoed"


def _data_with(shared_data: Path, tmp_path: Path, rel: str, damage) -> Path:
    """A copy of the raw data folder (links) in which the file ``rel`` is replaced by a damaged copy."""
    data = tmp_path / "data"
    data.mkdir()
    top = rel.split("/")[0]
    for entry in shared_data.iterdir():
        if entry.name != top:
            (data / entry.name).symlink_to(entry)
    shutil.copytree(shared_data / top, data / top)
    target = data / rel
    target.write_bytes(damage(target.read_bytes()))
    return data


@pytest.mark.parametrize("rel", ["sc_vetoes_wpdl/unsc_vetoes_1946_sept2022.csv",
                                 "ga_voeten_wide_2024/ungaVoting_003.csv"])
def test_malformed_input_names_the_file_and_keeps_the_snapshot(tmp_path, shared_data, rel):
    out = tmp_path / "snapshot"
    shutil.copytree(SNAPSHOT_DIR, out)
    before = _files(out)
    data = _data_with(shared_data, tmp_path, rel, lambda b: b[: len(b) // 2])
    result = subprocess.run([*BUILD, "--from", str(data), "--to", str(out)], capture_output=True, text=True)
    assert result.returncode != 0
    message = " ".join(result.stderr.split())
    assert Path(rel).name in message and "line" in message
    assert "Traceback" not in result.stderr
    assert _files(out) == before
