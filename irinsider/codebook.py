"""The CAMEO codebook: names, Goldstein scores, quad classes and PLOVER types.

Read from ``data/cameo.csv``, which ``tools/build_cameo_table.py`` writes from
the CAMEO codebook and the CAMEO-to-PLOVER table.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import DataError

__all__ = ["QUAD_NAMES", "CameoCode", "load_codebook"]

QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


@dataclass(frozen=True)
class CameoCode:
    code: str
    root: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None
    plover_mode: str | None
    plover_context: str | None = None  # several are separated by ";"


@lru_cache(maxsize=1)
def load_codebook(path: Path | None = None) -> dict[str, CameoCode]:
    """Every CAMEO code by its code string ("072")."""
    path = path or Path(__file__).parent / "data" / "cameo.csv"
    out: dict[str, CameoCode] = {}
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                out[row["code"]] = CameoCode(
                    code=row["code"],
                    root=row["root"],
                    name=row["name"],
                    goldstein=float(row["goldstein"]),
                    quad_class=int(row["quad_class"]),
                    plover=row["plover"] or None,
                    plover_mode=row["plover_mode"] or None,
                    plover_context=row.get("plover_context") or None,
                )
    except (OSError, KeyError, ValueError) as exc:
        raise DataError(f"{path}: cannot read the CAMEO table ({exc})") from None
    return out
