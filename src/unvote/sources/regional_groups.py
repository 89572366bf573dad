"""Reader for ``un_regional_groups/*.yaml``: the current members of the five UN regional groups.

PyYAML is not a dependency, and these files use a small part of YAML: top-level ``key: value`` lines, lists of
``- id: XX`` mappings indented by two spaces. :func:`read_group` reads exactly that and rejects anything else inside
the ``includes`` list. Quirks: Norway's id is quoted (``'NO'``, which YAML would read as false); Armenia and
Azerbaijan are listed under both the Eastern European and Asia-Pacific groups, Australia and New Zealand under both
WEOG and Asia-Pacific (the reader keeps what the files say; ``unvote.members`` settles each state's group); the
United States, which only observes WEOG, is listed in it.

>>> groups = read("../shared/data/un_regional_groups")
>>> groups.group_by("group").len().sort("group").rows()
[('AFRICANGROUP', 54), ('ASIAPACIFICGROUP', 58), ('EEG', 23), ('GRULAC', 33), ('WEOG', 29)]
"""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl

from unvote.sources import SourceError, source_files
from unvote.sources.csvrows import read_text

SOURCE = "un_regional_groups"
_TOP = re.compile(r"^([A-Za-z_]+):\s*(.*)$")
_ITEM = re.compile(r"^- (\w+):\s*(.*)$")
_FIELD = re.compile(r"^  (\w+):\s*(.*)$")


def _scalar(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


def read_group(path: str | Path) -> pl.DataFrame:
    """One group file: ``source, line, group, group_name, iso2, member, type, status``."""
    path = Path(path)
    text = read_text(path)
    top: dict[str, str] = {}
    section = None
    members: list[dict] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if m := _TOP.match(raw):
            section = m.group(1)
            top[section] = _scalar(m.group(2))
            continue
        if section != "includes":
            continue  # other lists (tags, topics, translations) are not needed
        if m := _ITEM.match(raw):
            if m.group(1) != "id":
                raise SourceError(path, f"an 'includes' entry starts with {m.group(1)!r}, not 'id'", number)
            members.append({"line": number, "iso2": _scalar(m.group(2))})
        elif (m := _FIELD.match(raw)) and members:
            members[-1][m.group(1)] = _scalar(m.group(2))
        else:
            raise SourceError(path, f"unexpected line in 'includes': {raw.strip()!r}", number)
    if "id" not in top or "includes" not in top:
        raise SourceError(path, "no 'id' or 'includes' key: not a regional group file, or a truncated one")
    for member in members:
        if not re.fullmatch(r"[A-Z]{2}", member["iso2"]) or not member.get("name"):
            raise SourceError(path, f"member entry {member['iso2']!r} lacks a two-letter id or a name",
                              member["line"])
    if "membership_count" in top and top["membership_count"].isdigit() and \
            int(top["membership_count"]) != len(members):
        raise SourceError(path, f"membership_count says {top['membership_count']} but {len(members)} members are "
                                "listed: the file is truncated or corrupted")
    return pl.DataFrame(
        [{"source": SOURCE, "line": m["line"], "group": top["id"], "group_name": top.get("name"),
          "iso2": m["iso2"], "member": m["name"], "type": m.get("type"), "status": m.get("status")}
         for m in members],
        schema={"source": pl.String, "line": pl.Int64, "group": pl.String, "group_name": pl.String,
                "iso2": pl.String, "member": pl.String, "type": pl.String, "status": pl.String})


def read(directory: str | Path) -> pl.DataFrame:
    """Every ``*.yaml`` group file in ``directory``, concatenated (see :func:`read_group`)."""
    return pl.concat([read_group(f) for f in source_files(directory, "*.yaml", "regional group (*.yaml) files")])
