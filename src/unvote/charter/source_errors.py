"""Council decisions whose recorded outcome contradicts the source's own tally, each traced to the source in error.

``source_errors.csv`` (beside this module) holds them: ``decision_id, source, file, error, evidence``. The build keeps
the outcome as the source records it and puts each row in the quality report (check ``outcome: source error``), so
the replay can show every remaining disagreement with the rules next to the source it is traced to.

>>> [row["decision_id"] for row in source_errors()][:1]
['SC-DRAFT-S/5095']
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

SOURCE_ERRORS = Path(__file__).with_name("source_errors.csv")


@lru_cache(maxsize=1)
def source_errors() -> tuple[dict[str, str], ...]:
    """Every row of ``source_errors.csv``, as dicts."""
    with open(SOURCE_ERRORS, newline="", encoding="utf-8") as handle:
        return tuple(csv.DictReader(handle))
