"""Cite this: a citation of each event and each brief, as text, BibTeX and CSL-JSON.

    GET /events/17/cite                cite.html: the event's citation and its article's
    GET /events/17/cite.bib            BibTeX             /events/17/cite.json  CSL-JSON
    GET /countries/CUB/cite?since=...  the brief of the page with the same filters
    GET /pairs/CUB-RUS/cite            ... and /cite.bib, /cite.json after each
    GET /api/events/17/cite            the same as JSON (its BibTeX and CSL-JSON too)

The files (cite.bib, cite.json) follow their page's path, like the pages themselves
out of the API schema; the JSON twins in it hold the same text.

An event's citation names what a reader needs to find it again and to judge it: the
article (title, byline, date, address), the sentence (its number and words), the code
(CAMEO code and name), the coder (irinsider's version and the rule that fired, whose
prefix is the rule set's version), the event's date, and where and when it was read
here. A brief's citation names the page with its filters and when it was generated,
and cites each piece of its evidence as an event.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from .. import __version__
from ..analysis import code_name, country_brief, pair_brief, party_name
from ..store import EventFilter, Store
from .deps import Db
from .helpers import event_date
from .pages import page
from .params import EventId, Filters, filters_echo, party_or_404
from .present import decorate

__all__ = ["bibtex", "brief_citation", "csl_json", "event_citation", "router"]

router = APIRouter()

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")
_BIBTEX_WORDS = {"\\": r"\textbackslash{}", "^": r"\textasciicircum{}",
                 "~": r"\textasciitilde{}"}


def _bib(text: str | None) -> str:
    """Text safe in a BibTeX field: its special characters escaped, spaces single."""
    text = " ".join(str(text or "").split())
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_WORDS.get(m[1], "\\" + m[1]), text)


def _date_parts(day: str | None, precision: str | None = None) -> list[int] | None:
    """[2018, 11, 9] of "2018-11-09"; only the year (or month) a coarser date gives."""
    if not day or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        return None
    parts = [int(day[:4]), int(day[5:7]), int(day[8:10])]
    if precision == "year":
        return parts[:1]
    if precision == "month":
        return parts[:2]
    return parts


def _today() -> str:
    return datetime.now(UTC).date().isoformat()


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def event_citation(row: dict[str, Any], article: dict[str, Any] | None, base: str,
                   accessed: str) -> dict[str, Any]:
    """What a citation of one event says, field by field (see the module's docstring)."""
    ev = decorate(row)
    rule = str(ev.get("rule") or "")
    rules = rule.split("/", 1)[0] if "/" in rule else rule
    article = article or {}
    who = f"{ev['source_label']} → {ev['target_label'] or 'no target'}"
    return {
        "key": f"irinsider-event-{ev['id']}",
        "article_key": f"irinsider-article-{re.sub(r'[^A-Za-z0-9_-]', '-', ev['article_id'])}",
        "id": ev["id"],
        "title": f"{who}: {ev['cameo']} {code_name(ev['cameo'])}",
        "who": who,
        "cameo": ev["cameo"], "code_name": code_name(ev["cameo"]),
        "quad_class": ev["quad_class"], "goldstein": ev["goldstein"],
        "date": ev["date"], "date_precision": ev.get("date_precision"),
        "date_label": event_date(ev),
        "sentence": ev["sentence"] + 1, "evidence": ev["evidence"],
        "article_id": ev["article_id"], "article_title": article.get("title"),
        "byline": article.get("byline"), "article_date": article.get("date"),
        "article_url": article.get("url"),
        "coder": f"irinsider {__version__}", "version": __version__, "rule": rule,
        "rule_set": rules,
        "url": f"{base}/events/{ev['id']}",
        "article_page": f"{base}/articles/{ev['article_id']}#s{ev['sentence']}",
        "accessed": accessed,
    }


def citation_text(c: dict[str, Any]) -> str:
    """One event's citation as a sentence a reader can paste."""
    source = f"“{c['article_title']}”" if c["article_title"] else f"article {c['article_id']}"
    if c["byline"]:
        source += f", {c['byline']}"
    if c["article_date"]:
        source += f", {c['article_date']}"
    if c["article_url"]:
        source += f", {c['article_url']}"
    return (f"{c['who']}, CAMEO {c['cameo']} ({c['code_name']}), {c['date_label']}. "
            f"Coded by {c['coder']}, rule {c['rule']}, from sentence {c['sentence']} of "
            f"{source}: “{c['evidence']}” irinsider event {c['id']}, {c['url']} "
            f"(accessed {c['accessed']}).")


def _bib_date(day: str | None) -> list[str]:
    if not day or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        return []
    return [f"  year = {{{day[:4]}}},", f"  month = {MONTHS[int(day[5:7]) - 1]},",
            f"  date = {{{day}}},"]


def bibtex(c: dict[str, Any]) -> str:
    """An event's BibTeX entries: the event (as @misc) and the article it cites."""
    note = (f"CAMEO {c['cameo']} ({c['code_name']}); coded by {c['coder']}, rule "
            f"{c['rule']}; sentence {c['sentence']}: ``{c['evidence']}''")
    lines = [f"@misc{{{c['key']},",
             f"  title = {{{{{_bib(c['title'])}}}}},",
             "  author = {{irinsider}},",
             *_bib_date(c["date"]),
             f"  howpublished = {{\\url{{{c['url']}}}}},",
             f"  url = {{{c['url']}}},",
             f"  urldate = {{{c['accessed']}}},",
             f"  version = {{{_bib(c['version'])}}},",
             f"  note = {{{_bib(note)}}},",
             f"  crossref = {{{c['article_key']}}},",
             "}"]
    article = [f"@misc{{{c['article_key']},",
               f"  title = {{{{{_bib(c['article_title'] or c['article_id'])}}}}},"]
    if c["byline"]:
        article.append(f"  author = {{{_bib(c['byline'])}}},")
    article += _bib_date(c["article_date"])
    address = c["article_url"] or c["article_page"]
    article += [f"  url = {{{address}}},", f"  urldate = {{{c['accessed']}}},", "}"]
    return "\n".join(lines + [""] + article) + "\n"


def csl_json(c: dict[str, Any]) -> list[dict[str, Any]]:
    """An event's CSL-JSON items: the event (a dataset) and the article it cites."""
    accessed = {"date-parts": [_date_parts(c["accessed"])]}
    event: dict[str, Any] = {
        "id": c["key"], "type": "dataset", "title": c["title"], "URL": c["url"],
        "publisher": "irinsider", "version": c["version"], "accessed": accessed,
        "note": f"CAMEO {c['cameo']} ({c['code_name']}); coded by {c['coder']}, rule "
                f"{c['rule']}; sentence {c['sentence']}: “{c['evidence']}”",
        "references": c["article_key"],
    }
    parts = _date_parts(c["date"], c["date_precision"])
    if parts:
        event["issued"] = {"date-parts": [parts]}
    article: dict[str, Any] = {
        "id": c["article_key"], "type": "article-newspaper",
        "title": c["article_title"] or c["article_id"],
        "URL": c["article_url"] or c["article_page"], "accessed": accessed,
    }
    if c["byline"]:
        article["author"] = [{"literal": c["byline"]}]
    parts = _date_parts(c["article_date"])
    if parts:
        article["issued"] = {"date-parts": [parts]}
    return [event, article]


def _event(store: Store, event_id: int, base: str) -> dict[str, Any]:
    row = store.event_row(event_id)
    if row is None:
        raise HTTPException(404, f"no event {event_id}; re-coding an article gives its "
                                 "events new numbers, so look for it on the article page")
    article = store.article_row(row["article_id"])
    return event_citation(row, article, base, _today())


def _as_file(body: str, kind: str, name: str) -> Response:
    media = ("application/x-bibtex" if kind == "bib"
             else "application/vnd.citationstyles.csl+json")
    return Response(body, media_type=f"{media}; charset=utf-8",
                    headers={"Content-Disposition": f'inline; filename="{name}.{kind}"'})


@page(router, "/events/{event_id}/cite", "cite.html", name="cite_event",
      summary="How to cite one event: text, BibTeX and CSL-JSON")
def cite_event(request: Request, store: Db, event_id: EventId) -> dict[str, Any]:
    """The citation of one event and of the article it comes from."""
    c = _event(store, event_id, _base(request))
    return {"kind": "event", "title": f"Event {event_id}: {c['title']}",
            "back": f"/events/{event_id}", "citation": c, "text": citation_text(c),
            "bibtex": bibtex(c), "csl": csl_json(c), "evidence": [],
            "files": {"bib": f"/events/{event_id}/cite.bib",
                      "json": f"/events/{event_id}/cite.json"}}


@router.get("/events/{event_id}/cite.{kind}", include_in_schema=False,
            summary="One event's citation as BibTeX (.bib) or CSL-JSON (.json)")
def cite_event_file(request: Request, store: Db, event_id: EventId, kind: str) -> Response:
    if kind not in ("bib", "json"):
        raise HTTPException(404, "cite an event as cite.bib or cite.json")
    c = _event(store, event_id, _base(request))
    body = bibtex(c) if kind == "bib" else json.dumps(csl_json(c), ensure_ascii=False,
                                                      indent=2)
    return _as_file(body, kind, c["key"])


def _filters_words(f: EventFilter) -> str:
    echo = filters_echo(f)
    words = []
    if echo["since"] or echo["until"]:
        words.append(f"{echo['since'] or 'the start'} to {echo['until'] or 'the end'}")
    if echo["code"]:
        words.append(f"CAMEO {echo['code']}")
    if echo["quad"]:
        words.append(f"quad class {echo['quad']}")
    if echo["min_confidence"] is not None:
        words.append(f"confidence {echo['min_confidence']} or more")
    if echo["q"]:
        words.append(f"words “{echo['q']}”")
    if echo["include_negated"]:
        words.append("negated events included")
    return "; ".join(words)


def brief_citation(request: Request, store: Store, f: EventFilter, a: str, b: str | None
                   ) -> dict[str, Any]:
    """The citation of the brief of one party (`b` None) or of a pair, with filters."""
    base = _base(request)
    accessed = _today()
    path = f"/pairs/{a}-{b}" if b else f"/countries/{a}"
    query = request.url.query
    url = base + path + ("?" + query if query else "")
    brief = (pair_brief(store, a, b, f) if b else country_brief(store, a, f)).to_dict()
    subject = " and ".join(party_name(p) for p in (a, b) if p)
    scope = _filters_words(f)
    title = f"Brief on {subject}" + (f" ({scope})" if scope else "")
    text = " ".join(s["text"] for s in brief["sentences"])
    key = f"irinsider-brief-{a}{'-' + b if b else ''}-{accessed}"
    evidence = []
    for cited in brief["citations"]:
        row = store.event_row(cited["event_id"])
        if row is not None:
            c = event_citation(row, store.article_row(row["article_id"]), base, accessed)
            evidence.append({"n": cited["n"], "citation": c, "text": citation_text(c)})
    citation = {"key": key, "title": title, "url": url, "accessed": accessed,
                "coder": f"irinsider {__version__}", "version": __version__,
                "brief": text, "evidence": len(evidence)}
    bib = "\n".join([
        f"@misc{{{key},", f"  title = {{{{{_bib(title)}}}}},", "  author = {{irinsider}},",
        *_bib_date(accessed), f"  howpublished = {{\\url{{{url}}}}},", f"  url = {{{url}}},",
        f"  urldate = {{{accessed}}},", f"  version = {{{_bib(__version__)}}},",
        f"  note = {{{_bib(text)}}},", "}"]) + "\n"
    csl = [{"id": key, "type": "report", "title": title, "URL": url, "publisher": "irinsider",
            "version": __version__, "issued": {"date-parts": [_date_parts(accessed)]},
            "accessed": {"date-parts": [_date_parts(accessed)]}, "abstract": text,
            "note": f"Generated by irinsider {__version__} from {len(evidence)} cited "
                    "sentences"}]
    for item in evidence:
        bib += "\n" + bibtex(item["citation"])
        csl += csl_json(item["citation"])
    files = {"bib": f"{path}/cite.bib" + ("?" + query if query else ""),
             "json": f"{path}/cite.json" + ("?" + query if query else "")}
    text_citation = (f"irinsider, “{title}”, generated {accessed} by irinsider {__version__} "
                     f"from {len(evidence)} cited sentences, {url}.")
    return {"kind": "brief", "title": title, "back": path + ("?" + query if query else ""),
            "citation": citation, "text": text_citation, "bibtex": bib, "csl": csl,
            "evidence": evidence, "brief": brief, "files": files}


def _pair(pair: str) -> tuple[str, str]:
    codes = pair.split("-")
    if len(codes) != 2 or not all(codes):
        raise HTTPException(404, f"{pair!r} is not a pair; write two codes with a dash, "
                                 "such as CUB-RUS")
    return party_or_404(codes[0]), party_or_404(codes[1])


@page(router, "/countries/{country_code}/cite", "cite.html", name="cite_country",
      summary="How to cite a country's brief: text, BibTeX and CSL-JSON")
def cite_country(request: Request, store: Db, f: Filters, country_code: str
                 ) -> dict[str, Any]:
    """The citation of a country's brief with the page's filters, and of its evidence."""
    party = party_or_404(country_code)
    return brief_citation(request, store, replace(f, party=party), party, None)


@page(router, "/pairs/{pair}/cite", "cite.html", name="cite_pair",
      summary="How to cite a pair's brief: text, BibTeX and CSL-JSON")
def cite_pair(request: Request, store: Db, f: Filters, pair: str) -> dict[str, Any]:
    """The citation of a pair's brief with the page's filters, and of its evidence."""
    a, b = _pair(pair)
    return brief_citation(request, store, f, a, b)


def _brief_file(request: Request, store: Store, f: EventFilter, a: str, b: str | None,
                kind: str) -> Response:
    if kind not in ("bib", "json"):
        raise HTTPException(404, "cite a brief as cite.bib or cite.json")
    data = brief_citation(request, store, f, a, b)
    body = data["bibtex"] if kind == "bib" else json.dumps(data["csl"], ensure_ascii=False,
                                                           indent=2)
    return _as_file(body, kind, data["citation"]["key"])


@router.get("/countries/{country_code}/cite.{kind}", include_in_schema=False,
            summary="A country's brief cited as BibTeX (.bib) or CSL-JSON (.json)")
def cite_country_file(request: Request, store: Db, f: Filters, country_code: str,
                      kind: str) -> Response:
    party = party_or_404(country_code)
    return _brief_file(request, store, replace(f, party=party), party, None, kind)


@router.get("/pairs/{pair}/cite.{kind}", include_in_schema=False,
            summary="A pair's brief cited as BibTeX (.bib) or CSL-JSON (.json)")
def cite_pair_file(request: Request, store: Db, f: Filters, pair: str, kind: str
                   ) -> Response:
    a, b = _pair(pair)
    return _brief_file(request, store, f, a, b, kind)
