"""Build irinsider/data/cameo.csv from the CAMEO codebook and the CAMEO-to-PLOVER table.

    python tools/build_cameo_table.py [REFERENCE_DIR]

REFERENCE_DIR (default ``../shared/reference``, relative to the repository root)
holds ``cameo-codes.csv`` (code, root, name, Goldstein score, definition, usage
notes) and ``CAMEO2PLOVER-2021.txt`` (``code: TYPE, mode, context # comment``).

Output columns: code, root, name, goldstein, quad_class, plover, plover_mode,
plover_context. A code takes the PLOVER line of its own code, else of its nearest
ancestor (0231 -> 023 -> 02), else of its root's residual code (09 -> 090). The
table has no lines for roots 01 and 02: statements (01) get no PLOVER type, since
PLOVER treats them as non-events, and appeals (02) are REQUEST.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "irinsider" / "data" / "cameo.csv"
COLUMNS = ["code", "root", "name", "goldstein", "quad_class", "plover", "plover_mode",
           "plover_context"]
# PLOVER lines for roots the conversion table leaves out: (type, mode, context).
FALLBACK = {"01": ("", "", ""), "02": ("REQUEST", "", "")}
# The codebook was converted twice (UTF-8 read as Mac Roman, then as cp1252):
# "ÇƒÚ" is a left single quote. Such runs start with "Çƒ" and span three characters.
MOJIBAKE = re.compile("Çƒ.")

Plover = tuple[str, str, str]


def quad_class(root: str) -> int:
    """GDELT's quad classes: 01-04, 05-08, 09-13, 14-20."""
    n = int(root)
    return 1 if n <= 4 else 2 if n <= 8 else 3 if n <= 13 else 4


def fix_text(text: str) -> str:
    """Undo the codebook's double mis-decoding and tidy the whitespace."""

    def undo(m: re.Match[str]) -> str:
        try:
            raw = m.group(0).encode("mac_roman").decode("cp1252")
            return raw.encode("mac_roman").decode("utf-8")
        except UnicodeError:
            return m.group(0)

    return " ".join(MOJIBAKE.sub(undo, text).split())


def read_plover(path: Path) -> dict[str, Plover]:
    """code -> (type, mode, context); the first line wins where a code repeats."""
    out: dict[str, Plover] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        body = line.split("#", 1)[0].strip()
        m = re.fullmatch(r"(\d{2,4}):\s*(.*)", body)
        if not m:
            continue
        fields = [" ".join(f.split()) for f in m.group(2).split(",")]
        fields += [""] * (3 - len(fields))
        context = ";".join(c.strip() for c in fields[2].split(";") if c.strip())
        out.setdefault(m.group(1), (fields[0].upper(), fields[1], context))
    return out


def plover_for(code: str, root: str, table: dict[str, Plover]) -> Plover:
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    if root in FALLBACK:
        return FALLBACK[root]
    return table.get(root + "0", ("", "", ""))


def build(ref: Path) -> list[dict[str, str]]:
    table = read_plover(ref / "CAMEO2PLOVER-2021.txt")
    rows: list[dict[str, str]] = []
    with (ref / "cameo-codes.csv").open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            code, root = rec["code"].strip(), rec["root_code"].strip()
            name = fix_text(rec["name"])
            kind, mode, context = plover_for(code, root, table)
            rows.append({
                "code": code,
                "root": root,
                "name": name[:1].upper() + name[1:],
                "goldstein": str(float(rec["goldstein"])),
                "quad_class": str(quad_class(root)),
                "plover": kind,
                "plover_mode": mode,
                "plover_context": context,
            })
    return rows


def main(argv: list[str]) -> int:
    ref = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "reference"
    rows = build(ref)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} codes to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
