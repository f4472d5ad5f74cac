"""The pages: each view returns the data of one page, served twice.

    @page("/pairs/{pair}", "pair.html")  ->  GET /pairs/CUB-RUS       (HTML, pair.html)
                                             GET /api/pairs/CUB-RUS   (JSON, the same data)

Views take the same filters everywhere (dates, CAMEO code, quad class, confidence,
words) and paginate long lists with ``page`` and ``per_page``.
"""

from __future__ import annotations

import inspect
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from .. import analysis
from ..analysis import explain, party_name, resolve_party
from ..codebook import QUAD_NAMES, load_codebook
from ..store import COUNT_CAP, EventFilter, Store
from .app import get_store, html
from .charts import ego_network, pair_network, partner_summary
from .helpers import api_twin, url_with
from .text import article_blocks

__all__ = ["EventId", "Paging", "RowNumber", "decorate", "event_filter", "register"]


# ---------------------------------------------------------------------------- plumbing


def _api_path(path: str) -> str:
    return "/api" if path == "/" else "/api" + path


def page(app: FastAPI, path: str, template: str, *, name: str, summary: str,
         tag: str = "pages") -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Serve a view at `path` as HTML (rendering `template`) and at /api`path` as JSON."""

    def register_view(view: Callable[..., Any]) -> Callable[..., Any]:
        signature = inspect.signature(view, eval_str=True).replace(
            return_annotation=inspect.Signature.empty)

        def as_json(*args: Any, **kwargs: Any) -> Response:
            data = view(*args, **kwargs)
            if isinstance(data, Response):
                return data
            return JSONResponse({"ok": True, **data})

        def as_html(*args: Any, **kwargs: Any) -> Response:
            data = view(*args, **kwargs)
            if isinstance(data, Response):
                return data
            request: Request = kwargs["request"]
            return html(request, template, {"ok": True, **data}, api_url=api_twin(request))

        for endpoint in (as_json, as_html):
            endpoint.__signature__ = signature  # type: ignore[attr-defined]
            endpoint.__doc__ = view.__doc__
        app.add_api_route(_api_path(path), as_json, methods=["GET"], name=f"{name}_api",
                          summary=summary, tags=[tag], response_class=JSONResponse,
                          response_model=None)
        app.add_api_route(path, as_html, methods=["GET"], name=name,
                          include_in_schema=False, response_class=HTMLResponse,
                          response_model=None)
        return view

    return register_view


def redirect_same_kind(request: Request, path: str) -> RedirectResponse:
    """Redirect to `path` (HTML) or its /api twin, keeping the query."""
    if request.url.path.startswith("/api"):
        path = _api_path(path)
    query = request.url.query
    return RedirectResponse(path + ("?" + query if query else ""), status_code=308)


def _bad(problem: str) -> HTTPException:
    return HTTPException(400, problem)


def _date(value: str | None, name: str) -> str | None:
    if not value:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise _bad(f"{name}: {value!r} is not a date; write YYYY-MM-DD") from None


def event_filter(
    since: Annotated[str | None, Query(description="First day, YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="Last day, YYYY-MM-DD")] = None,
    code: Annotated[str | None, Query(description="CAMEO code or prefix: 07, 072, 0711")] = None,
    quad: Annotated[str | None, Query(
        description="Quad class: 1 verbal cooperation, 2 material cooperation, "
                    "3 verbal conflict, 4 material conflict")] = None,
    min_confidence: Annotated[str | None, Query(description="Lowest coder confidence, 0-1")
                              ] = None,
    q: Annotated[str | None, Query(description="Words in the evidence sentence")] = None,
    include_negated: Annotated[bool, Query(description="Also negated events")] = False,
) -> EventFilter:
    """The event filters every page takes (a FastAPI dependency)."""
    since_d, until_d = _date(since, "since"), _date(until, "until")
    if since_d and until_d and since_d > until_d:
        raise _bad(f"since ({since_d}) is after until ({until_d})")
    code = (code or "").strip() or None
    if code is not None and not (code.isdigit() and 2 <= len(code) <= 4):
        raise _bad(f"code: {code!r} is not a CAMEO code; use 2 to 4 digits such as 07 or 072")
    quad_n = None
    if quad:
        if quad.strip() not in ("1", "2", "3", "4"):
            raise _bad(f"quad: {quad!r} is not a quad class; use 1, 2, 3 or 4")
        quad_n = int(quad)
    confidence = None
    if min_confidence:
        try:
            confidence = float(min_confidence)
        except ValueError:
            raise _bad(f"min_confidence: {min_confidence!r} is not a number") from None
        if not 0 <= confidence <= 1:
            raise _bad("min_confidence must be between 0 and 1")
    return EventFilter(since=since_d, until=until_d, code=code, quad=quad_n,
                       min_confidence=confidence, q=(q or "").strip() or None,
                       include_negated=include_negated)


class Paging:
    """``page`` and ``per_page`` of a list (a FastAPI dependency)."""

    def __init__(
        self,
        page: Annotated[int, Query(ge=1, le=10_000, description="Page, from 1")] = 1,
        per_page: Annotated[int, Query(ge=1, le=100, description="Items a page")] = 20,
    ) -> None:
        self.page = page
        self.per_page = per_page

    def info(self, request: Request, more: bool, total: int | None = None,
             exact: bool = True) -> dict[str, Any]:
        return {
            "page": self.page,
            "per_page": self.per_page,
            "total": total,
            "total_exact": exact,
            "next": url_with(request, page=self.page + 1) if more else None,
            "prev": url_with(request, page=self.page - 1 if self.page > 2 else None)
            if self.page > 1 else None,
        }


def filters_echo(f: EventFilter) -> dict[str, Any]:
    """The filters as the forms show them (and the JSON reports them)."""
    return {"since": f.since, "until": f.until, "code": f.code, "quad": f.quad,
            "min_confidence": f.min_confidence, "q": f.q,
            "include_negated": f.include_negated,
            "active": any((f.since, f.until, f.code, f.quad, f.min_confidence, f.q,
                           f.include_negated))}


def decorate(row: dict[str, Any], anchor: str | None = None) -> dict[str, Any]:
    """An event row with what the pages show: its explanation and links."""
    row = dict(row)
    row["anchor"] = anchor or f"e{row['id']}"
    row["explanation"] = explain(row)
    row["code_name"] = row["explanation"]["code_name"]
    if row.get("id") is not None:
        row["href"] = f"/events/{row['id']}"
        row["article_href"] = f"/articles/{row['article_id']}#s{row['sentence']}"
    return row


def _quads(rows: list[tuple[Any, ...]]) -> dict[str, Any]:
    quads = analysis.quad_totals(rows)
    n = sum(quads.values())
    return {"events": n, "quads": quads, "goldstein": round(sum(r[4] for r in rows), 1),
            "usd": round(sum(r[5] for r in rows), 2),
            "cooperation": quads[1] + quads[2], "conflict": quads[3] + quads[4]}


def _counted(event_rows: list[tuple[Any, ...]], mention_rows: list[tuple[Any, ...]]
             ) -> dict[str, Any]:
    """Totals of distinct events (groups of mentions, see irinsider.dedup), with the
    number of mentions beside: the pages say "N events (M mentions)"."""
    return {**_quads(event_rows), "mentions": sum(r[3] for r in mention_rows)}


def _event_list(store: Store, f: EventFilter, paging: Paging, request: Request,
                total: int | None = None) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    rows, more = store.event_page(f, page=paging.page, per_page=paging.per_page)
    exact = True
    if total is None or not f.aggregatable:
        total, exact = store.event_count(f)
    return [decorate(r) for r in rows], paging.info(request, more, total, exact)


def _party_or_404(code: str) -> str:
    party = resolve_party(code)
    if party is None:
        raise HTTPException(404, f"no country or organisation {code!r}; use an ISO code such "
                                 "as CUB or a name such as Cuba")
    return party


SQLITE_INT_MAX = 2**63 - 1  # a larger number cannot even be looked up
EventId = Annotated[int, PathParam(ge=0, le=SQLITE_INT_MAX, description="The event's number")]
RowNumber = Annotated[int, PathParam(ge=0, le=SQLITE_INT_MAX)]
Filters = Annotated[EventFilter, Depends(event_filter)]
Pages = Annotated[Paging, Depends(Paging)]
Db = Annotated[Store, Depends(get_store)]


# ---------------------------------------------------------------------------- pages


def register(app: FastAPI) -> None:  # noqa: C901 - one place that lists every page
    """Add every page (and its JSON twin) to `app`."""

    @page(app, "/", "index.html", name="index", summary="Home: latest articles and parties")
    def index(request: Request, store: Db) -> dict[str, Any]:
        """What is in the database: latest articles, busiest parties and pairs, entities."""
        articles, _ = store.article_page(per_page=6)
        parties: dict[str, dict[str, Any]] = {}
        for party, quad, n, _g, _usd in store.party_totals(EventFilter()):
            p = parties.setdefault(party, {"party": party, "name": party_name(party), "n": 0,
                                           "cooperation": 0, "conflict": 0})
            p["n"] += n
            p["cooperation" if quad in (1, 2) else "conflict"] += n
        pairs: Counter[tuple[str, str]] = Counter()
        for article in articles:
            for row in store.article_events(article["id"]):
                a, b = row["source_party"], row["target_party"]
                if a and b and a != b and not row["negated"] and not row["wrong"]:
                    pairs[(min(a, b), max(a, b))] += 1
        entities, _ = store.entity_page(per_page=6)
        corrections, _ = store.corrections(per_page=3)
        return {
            "counts": store.counts(),
            "articles": articles,
            "parties": sorted(parties.values(), key=lambda p: -p["n"])[:10],
            "pairs": [{"a": a, "b": b, "names": [party_name(a), party_name(b)], "n": n,
                       "href": f"/pairs/{a}-{b}"} for (a, b), n in pairs.most_common(6)],
            "entities": entities,
            "corrections": corrections,
        }

    @page(app, "/articles", "articles.html", name="articles", summary="Articles")
    def articles(request: Request, store: Db, paging: Pages,
                 q: Annotated[str | None, Query(description="Words in the article")] = None,
                 since: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
                 until: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
                 published: Annotated[bool | None, Query(
                     description="Only published (true) or unpublished (false)")] = None,
                 ) -> dict[str, Any]:
        """Articles, newest first."""
        since, until = _date(since, "since"), _date(until, "until")
        rows, more = store.article_page(q=q, since=since, until=until, published=published,
                                        page=paging.page, per_page=paging.per_page)
        return {"articles": rows, "pagination": paging.info(request, more),
                "filters": {"q": q, "since": since, "until": until, "published": published}}

    @page(app, "/articles/{article_id}", "article.html", name="article",
          summary="One article, highlighted, with its events explained")
    def article(request: Request, store: Db, article_id: str) -> dict[str, Any]:
        """The article with actors, trigger words, amounts and entities marked, and every
        event it holds explained (negated and wrongly coded ones included, marked so)."""
        row = store.article_row(article_id)
        coded = store.article(article_id)
        if row is None or coded is None:
            raise HTTPException(404, f"no article {article_id!r}; see the list of articles")
        return article_data(store, coded, row)

    @page(app, "/events", "events.html", name="events", summary="Events, filtered")
    def events(request: Request, store: Db, f: Filters, paging: Pages,
               country: Annotated[str | None, Query(description="Party on either side")] = None,
               partner: Annotated[str | None, Query(description="With country: the other "
                                                    "side")] = None,
               actor: Annotated[str | None, Query(description="Actor code on either side")
                                ] = None,
               ) -> dict[str, Any]:
        """Coded events, newest first, matching every filter."""
        party = _resolve(country, "country")
        other = _resolve(partner, "partner")
        if other and not party:
            raise _bad("partner needs country too")
        actor_code = actor.strip().upper() if actor else None
        if actor_code and not party:
            party = analysis.resolve_party(actor_code[:3]) or (
                actor_code if actor_code.startswith(("IGO", "NGO")) else None)
        f = replace(f, party=party, partner=other, actor=actor_code)
        rows, pagination = _event_list(store, f, paging, request)
        return {"events": rows, "pagination": pagination, "filters": filters_echo(f),
                "scope": {"country": party, "partner": other, "actor": actor_code,
                          "names": [party_name(p) for p in (party, other) if p]}}

    @page(app, "/events/{event_id}", "event.html", name="event",
          summary="One event explained, with its corrections")
    def event(request: Request, store: Db, event_id: EventId) -> dict[str, Any]:
        """One event: what it was coded as and why, its sentence, and readers' corrections."""
        row = store.event_row(event_id)
        if row is None:
            raise HTTPException(404, f"no event {event_id}; re-coding an article gives its "
                                     "events new numbers, so look for it on the article page")
        corrections, _ = store.corrections(article_id=row["article_id"], per_page=200)
        mine = [c for c in corrections if c["event_id"] == event_id]
        sentences = store.article(row["article_id"])
        context = []
        if sentences is not None:
            context = [{"index": s.index, "text": s.text} for s in sentences.sentences
                       if abs(s.index - row["sentence"]) <= 1]
        return {"event": decorate(row), "corrections": mine, "context": context,
                "fields": list(analysis.CORRECTION_FIELDS)}

    @page(app, "/countries", "countries.html", name="countries",
          summary="Countries and organisations")
    def countries(request: Request, store: Db, f: Filters, paging: Pages,
                  name: Annotated[str | None, Query(description="Part of the name")] = None,
                  ) -> dict[str, Any]:
        """Every party with events, the busiest first, with its mix of cooperation and
        conflict."""
        parties: dict[str, dict[str, Any]] = {}
        for party, quad, n, g, usd in store.party_totals(f):
            p = parties.setdefault(party, {"party": party, "name": party_name(party), "n": 0,
                                           "quads": {1: 0, 2: 0, 3: 0, 4: 0},
                                           "goldstein": 0.0, "usd": 0.0})
            p["n"] += n
            p["quads"][quad] += n
            p["goldstein"] = round(p["goldstein"] + g, 1)
            p["usd"] += usd
        rows = sorted(parties.values(), key=lambda p: (-p["n"], p["name"]))
        if name:
            rows = [p for p in rows if name.lower() in p["name"].lower()
                    or name.upper() == p["party"]]
        start = (paging.page - 1) * paging.per_page
        chunk = rows[start:start + paging.per_page]
        return {"parties": chunk, "filters": {**filters_echo(f), "name": name},
                "pagination": paging.info(request, len(rows) > start + paging.per_page,
                                          len(rows))}

    @page(app, "/countries/{country_code}", "country.html", name="country",
          summary="A country: timeline, partners, leaders' trips, amounts and a brief")
    def country(request: Request, store: Db, f: Filters, paging: Pages, country_code: str
                ) -> dict[str, Any] | Response:
        """A party's events over time, its partner network, its leaders' tours, the amounts
        named and a cited brief; then its events, newest first."""
        party = _party_or_404(country_code)
        if party != country_code:
            return redirect_same_kind(request, f"/countries/{party}")
        pf = replace(f, party=party)
        timeline_rows = store.timeline(pf)
        event_rows = store.timeline(pf, groups=True)
        partner_rows = store.partners(pf)
        partners = partner_summary(partner_rows)
        events, pagination = _event_list(store, pf, paging, request,
                                         total=sum(r[3] for r in timeline_rows))
        amounts, _ = store.event_page(pf, per_page=5, order="usd")
        tours = analysis.leader_tours(store, party, f)
        brief = analysis.country_brief(store, party, f, timeline=timeline_rows,
                                       events_timeline=event_rows, tours=tours,
                                       amounts=amounts)
        return {
            "party": party,
            "name": party_name(party),
            "filters": filters_echo(f),
            "totals": _counted(event_rows, timeline_rows),
            "timeline": analysis.timeline_series(event_rows),
            "partners": partners[:30],
            "network": ego_network(party, partners),
            "brief": brief.to_dict(),
            "tours": [t.to_dict() for t in tours[:6]],
            "amounts": [decorate(r) for r in amounts],
            "events": events,
            "pagination": pagination,
        }

    @page(app, "/pairs/{pair}", "pair.html", name="pair",
          summary="Two countries: timeline, directions, partners, trips, amounts and a brief")
    def pair(request: Request, store: Db, f: Filters, paging: Pages, pair: str
             ) -> dict[str, Any] | Response:
        """What passed between two parties: events over time in each direction, the amounts
        named, their other partners, their leaders' visits, a cited brief and the events."""
        codes = pair.split("-")
        if len(codes) != 2 or not all(codes):
            raise HTTPException(404, f"{pair!r} is not a pair; write two codes with a dash, "
                                     "such as CUB-RUS")
        a = _party_or_404(codes[0])
        b = _party_or_404(codes[1])
        if f"{a}-{b}" != pair:
            return redirect_same_kind(request, f"/pairs/{a}-{b}")
        pf = replace(f, party=a, partner=b)
        timeline_rows = store.timeline(pf)
        event_rows = store.timeline(pf, groups=True)
        directions = [_counted([r for r in event_rows if r[2] == d],
                               [r for r in timeline_rows if r[2] == d]) for d in (0, 1)]
        partners_a = partner_summary(store.partners(replace(f, party=a)))
        partners_b = partner_summary(store.partners(replace(f, party=b)))
        between = next((p for p in partners_a if p["party"] == b), None)
        events, pagination = _event_list(store, pf, paging, request,
                                         total=sum(r[3] for r in timeline_rows))
        amounts, _ = store.event_page(pf, per_page=5, order="usd")
        all_tours = [*analysis.leader_tours(store, a, f), *analysis.leader_tours(store, b, f)]
        tours = [t for t in all_tours
                 if any(s.party == (b if t.party == a else a) for s in t.stops)]
        brief = analysis.pair_brief(store, a, b, f, timeline=timeline_rows, tours=all_tours,
                                    amounts=amounts, events_timeline=event_rows)
        return {
            "a": a, "b": b, "names": [party_name(a), party_name(b)],
            "filters": filters_echo(f),
            "totals": _counted(event_rows, timeline_rows),
            "directions": directions,
            "timeline": analysis.timeline_series(event_rows),
            "network": pair_network(a, b, partners_a, partners_b, between),
            "brief": brief.to_dict(),
            "tours": [t.to_dict() for t in tours[:6]],
            "amounts": [decorate(r) for r in amounts],
            "events": events,
            "pagination": pagination,
        }

    @page(app, "/entities", "entities.html", name="entities",
          summary="Treaties, agreements, loans and deals")
    def entities(request: Request, store: Db, paging: Pages,
                 q: Annotated[str | None, Query(description="Part of the name")] = None,
                 kind: Annotated[str | None, Query(description="treaty, agreement, loan, "
                                                   "deal, ...")] = None) -> dict[str, Any]:
        """Treaties, agreements, loans and deals named in the articles, most mentioned first."""
        rows, more = store.entity_page(q=q, kind=kind or None, page=paging.page,
                                       per_page=paging.per_page)
        return {"entities": rows, "pagination": paging.info(request, more),
                "filters": {"q": q, "kind": kind}}

    @page(app, "/entities/{entity_id}", "entity.html", name="entity",
          summary="One treaty, agreement, loan or deal and the events that refer to it")
    def entity(request: Request, store: Db, f: Filters, paging: Pages, entity_id: str
               ) -> dict[str, Any]:
        """Where an entity is mentioned, and the events coded in those sentences."""
        row = store.entity(entity_id)
        if row is None:
            raise HTTPException(404, f"no treaty, agreement, loan or deal {entity_id!r}; see "
                                     "the list of entities")
        ef = replace(f, entity=entity_id)
        events, pagination = _event_list(store, ef, paging, request)
        return {"entity": row, "mentions": store.entity_mentions(entity_id=entity_id),
                "events": events, "pagination": pagination, "filters": filters_echo(f)}

    @page(app, "/search", "search.html", name="search",
          summary="Search articles, actors, entities and events")
    def search(request: Request, store: Db, f: Filters, paging: Pages) -> dict[str, Any]:
        """Articles, actors, countries, entities and events matching ``q`` (and the filters,
        for events)."""
        q = f.q or ""
        result: dict[str, Any] = {"q": q, "filters": filters_echo(f), "articles": [],
                                  "actors": [], "parties": [], "entities": [], "events": [],
                                  "pagination": paging.info(request, False, 0)}
        if not q and not filters_echo(f)["active"]:
            return result
        if q:
            result["articles"] = store.article_page(q=q, since=f.since, until=f.until,
                                                    per_page=5)[0]
            result["actors"] = store.actor_names(q, limit=12)
            result["entities"] = store.entity_page(q=q, per_page=5)[0]
            party = resolve_party(q)
            result["parties"] = [{"party": party, "name": party_name(party)}] if party else []
        rows, more = store.event_page(f, page=paging.page, per_page=paging.per_page)
        result["events"] = [decorate(r) for r in rows]
        result["pagination"] = paging.info(request, more)
        return result

    @page(app, "/corrections", "corrections.html", name="corrections",
          summary="Readers' corrections of events")
    def corrections(request: Request, store: Db, paging: Pages) -> dict[str, Any]:
        """Every correction readers made, newest first, with who, when and why."""
        rows, more = store.corrections(page=paging.page, per_page=paging.per_page)
        return {"corrections": rows, "pagination": paging.info(request, more)}

    @page(app, "/about", "about.html", name="about", summary="How to read the codes")
    def about(request: Request) -> dict[str, Any]:
        """The quad classes, the Goldstein scale and the CAMEO root codes."""
        codebook = load_codebook()
        roots = [{"code": c.code, "name": c.name, "goldstein": c.goldstein,
                  "quad_class": c.quad_class} for c in codebook.values() if len(c.code) == 2]
        return {"quads": {str(k): v for k, v in QUAD_NAMES.items()}, "roots": roots,
                "count_cap": COUNT_CAP}


def _resolve(code: str | None, name: str) -> str | None:
    if not code:
        return None
    party = resolve_party(code)
    if party is None:
        raise HTTPException(404, f"{name}: no country or organisation {code!r}")
    return party


def article_data(store: Store | None, coded: Any, row: dict[str, Any],
                 events: list[dict[str, Any]] | None = None,
                 mentions: list[dict[str, Any]] | None = None,
                 images: dict[int, Any] | None = None,
                 image_url: Callable[[int], str] | None = None) -> dict[str, Any]:
    """The data of an article page (or a draft's preview, given its events)."""
    article_id = coded.article.id
    corrections: list[dict[str, Any]] = []
    if events is None:
        assert store is not None
        events = [decorate(r) for r in store.article_events(article_id)]
        corrections, _ = store.corrections(article_id=article_id, per_page=500)
    if mentions is None:
        mentions = store.entity_mentions(article_id=article_id, limit=1000) if store else []
    if images is None:
        images = store.image_blocks(article_id) if store else {}
    by_event: dict[int, list[dict[str, Any]]] = {}
    for c in corrections:
        if c["event_id"] is not None:
            by_event.setdefault(c["event_id"], []).append(c)
    for ev in events:
        ev["corrections"] = by_event.get(ev.get("id") or -1, [])
    entities: dict[str, dict[str, Any]] = {}
    for m in mentions:
        e = entities.setdefault(m["entity_id"], {"id": m["entity_id"], "kind": m["kind"],
                                                 "name": m["name"], "mentions": 0})
        e["mentions"] += 1
    pairs: Counter[tuple[str, str]] = Counter()
    for ev in events:
        a, b = ev["source_party"], ev["target_party"]
        if a and b and a != b and not ev["negated"] and not ev["wrong"]:
            pairs[(min(a, b), max(a, b))] += 1
    return {
        "article": row,
        "blocks": article_blocks(
            coded, events, mentions, images,
            image_url or (lambda b: f"/articles/{article_id}/images/{b}")),
        "events": events,
        "entities": list(entities.values()),
        "pairs": [{"a": a, "b": b, "names": [party_name(a), party_name(b)], "n": n,
                   "href": f"/pairs/{a}-{b}"} for (a, b), n in pairs.most_common(8)],
        "corrections": corrections,
        "orphans": [c for c in corrections if c["event_id"] is None],
        "fields": list(analysis.CORRECTION_FIELDS),
    }
