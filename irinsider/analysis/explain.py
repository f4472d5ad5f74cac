"""Why an event was coded as it was, in plain language.

    explain(row)       -> {"headline": "Coded as ... because ...", "notes": [...], ...}
    when_label(row)    -> "March 2016 (from 'in March 2016')"
    where_label(row)   -> "Havana, Cuba"
    is_loan(row)       -> whether an event lends money (an amount and a verb of lending)

Event rows are the dicts `Store.event_page` returns.
"""

from __future__ import annotations

import re
from typing import Any

from ..codebook import QUAD_NAMES
from ..model import LOW_CONFIDENCE
from .names import MONTH_NAMES, actor_name, code_name, format_quantity, party_name, the

__all__ = ["explain", "is_loan", "when_label", "where_label"]

# Who the source and the target are, by CAMEO root (and a few codes).
_ROLES: dict[str, tuple[str, str]] = {
    "01": ("the one speaking", "the one spoken about"),
    "02": ("the one appealing", "the one appealed to"),
    "03": ("the one promising", "the one promised"),
    "033": ("the one promising aid", "the receiver"),
    "04": ("the one consulting", "the partner"),
    "042": ("the visitor", "the host"),
    "043": ("the host", "the visitor"),
    "05": ("the one cooperating", "the partner"),
    "051": ("the one backing", "the one backed"),
    "06": ("the one cooperating", "the partner"),
    "07": ("the giver", "the receiver"),
    "08": ("the one yielding", "the one yielded to"),
    "09": ("the investigator", "the one investigated"),
    "10": ("the one demanding", "the one asked"),
    "11": ("the critic", "the one criticised"),
    "12": ("the one rejecting", "the one rejected"),
    "13": ("the one threatening", "the one threatened"),
    "14": ("the protester", "the target of the protest"),
    "15": ("the one showing force", "the one it is aimed at"),
    "16": ("the one cutting ties", "the one cut off"),
    "17": ("the one coercing", "the one coerced"),
    "18": ("the attacker", "the one attacked"),
    "19": ("the attacker", "the one attacked"),
    "20": ("the perpetrator", "the victim"),
}
_LOAN = re.compile(r"\b(lend|lends|lent|lending|loans?|credits?)\b", re.I)
_MODALITY = {
    "possible": "only possible ('may', 'might', 'could')",
    "future": "announced for the future ('will')",
    "conditional": "conditional ('would')",
    "advised": "advised ('should')",
    "obligated": "an obligation ('must')",
}


def is_loan(row: dict[str, Any]) -> bool:
    """Whether an event lends money: it has an amount of money and a verb of lending."""
    money = any(q["kind"] in ("money", "range") for q in row["quantities"])
    if not money:
        return False
    return bool(_LOAN.search(row.get("rule") or "") or _LOAN.search(row["evidence"]))


def _roles(row: dict[str, Any]) -> tuple[str, str]:
    if is_loan(row):
        return "the lender", "the borrower"
    cameo = row["cameo"]
    for key in (cameo[:4], cameo[:3], cameo[:2]):
        if key in _ROLES:
            return _ROLES[key]
    return "the actor", "the one acted upon"


# Marks that end a clause; a quote is widened to them so it never stops mid-phrase.
_CLAUSE_MARKS = ",;:()\u2014\u2013\"\u201c\u201d"
_WIDEN = 60  # the most characters a quote is widened by on each side


def _quote(row: dict[str, Any]) -> str:
    """The words that carry an event, as a whole phrase: from the first of its source,
    trigger, target and amounts to the last, widened to the clause around them (to a
    comma or the sentence's end, if near) and to whole words; the middle of a long one
    is left out (" ... ")."""
    text = row["evidence"]
    spans = [(row["trigger_start"], row["trigger_end"])]
    for side in ("source", "target"):
        if row.get(f"{side}_start") is not None and row.get(f"{side}_end") is not None:
            spans.append((row[f"{side}_start"], row[f"{side}_end"]))
    spans += [(q["start"], q["end"]) for q in row["quantities"]]
    spans = [(s, e) for s, e in spans if 0 <= s < e <= len(text)] or [(0, len(text))]
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    left = max(text.rfind(c, 0, start) for c in _CLAUSE_MARKS) + 1
    if start - left > _WIDEN:  # no mark near: back to the word's start
        left = start
        while left > 0 and not text[left - 1].isspace():
            left -= 1
    marks = [i for i in (text.find(c, end) for c in _CLAUSE_MARKS) if i >= 0]
    right = min(marks, default=len(text))
    cut = right - end > _WIDEN
    if cut:  # no mark near: on to the end of a word within reach
        right = text.rfind(" ", end, end + _WIDEN)
        right = right if right > end else end
        while right < len(text) and not text[right].isspace():
            right += 1
    quote = " ".join(text[left:right].split()).rstrip(" .!?")
    if cut:
        quote += " ..."
    if len(quote) > 110:
        head = quote[:55].rsplit(" ", 1)[0]
        tail = quote[-50:].split(" ", 1)[-1]
        quote = f"{head} ... {tail}"
    return quote


def when_label(row: dict[str, Any]) -> str | None:
    """When an event happened, and what says so: "March 2016 (from 'in March 2016')"."""
    day, precision = row.get("date"), row.get("date_precision")
    if not day or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        return None
    year, month, dom = day[:4], MONTH_NAMES[int(day[5:7]) - 1], int(day[8:10])
    if precision == "article" or not precision:
        return f"{dom} {month} {year}, the article's date"
    label = {"year": year, "month": f"{month} {year}",
             "week": f"the week of {dom} {month} {year}"}.get(precision, f"{dom} {month} {year}")
    return f"{label} (from '{row['date_text']}')" if row.get("date_text") else label


def where_label(row: dict[str, Any]) -> str | None:
    """Where an event happened: "Havana, Cuba", "Cuba"; None when the sentence names nowhere."""
    name = row.get("place_name")
    if not name:
        return None
    country = row.get("place_country")
    if country and row.get("place_kind") != "country":
        return f"{name}, {the(party_name(country))}"
    return the(name)


def explain(row: dict[str, Any]) -> dict[str, Any]:
    """A plain-language explanation of one event row: a headline sentence and notes."""
    cameo = row["cameo"]
    name = code_name(cameo)
    quad = QUAD_NAMES.get(row["quad_class"], "unknown class")
    source = the(actor_name(row, "source") or "unknown")
    target = actor_name(row, "target")
    target = the(target) if target else None
    src_role, tgt_role = _roles(row)
    because = f"'{_quote(row)}' has {source} as {src_role}"
    because += f" and {target} as {tgt_role}" if target else " and no target"
    amounts = [format_quantity(q) for q in row["quantities"]]
    headline = (f"Coded as {name.upper()} (CAMEO {cameo}, Goldstein {row['goldstein']:+.1f}, "
                f"{quad}) because {because}")
    if amounts:
        headline += f"; amount {', '.join(amounts)}"
    notes: list[str] = []
    if row.get("negated"):
        notes.append("The verb is negated: this did not happen, so it is not counted in "
                     "totals or charts.")
    if row.get("modality") in _MODALITY:
        notes.append(f"The action is {_MODALITY[row['modality']]}.")
    if row.get("caption"):
        notes.append("Coded from an image caption, not the article body.")
    if row.get("plover"):
        mode = f" ({row['plover_mode']})" if row.get("plover_mode") else ""
        notes.append(f"PLOVER type {row['plover']}{mode}.")
    when, where = when_label(row), where_label(row)
    if when:
        notes.append(f"When: {when}.")
    if where:
        notes.append(f"Where: {where}.")
    notes.append(f"Trigger word '{row['trigger']}'; coder confidence "
                 f"{row['confidence']:.2f}; rule {row['rule']}.")
    if row.get("confidence") is not None and row["confidence"] < LOW_CONFIDENCE:
        notes.append(f"Low confidence (below {LOW_CONFIDENCE:g}): check this event.")
    if row.get("wrong"):
        notes.append("A reader marked this event wrong: it is left out of totals and charts.")
    return {
        "headline": headline + ".",
        "code": cameo,
        "code_name": name,
        "quad_name": quad,
        "source_role": src_role,
        "target_role": tgt_role,
        "quote": _quote(row),
        "amounts": amounts,
        "notes": notes,
    }
