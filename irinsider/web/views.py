"""The pages: each view returns the data of one page, served as HTML and as JSON.

    GET /pairs/CUB-RUS       pair.html
    GET /api/pairs/CUB-RUS   the same data as JSON (see `pages.page`)

Views take the same filters everywhere (dates, CAMEO code, quad class, confidence,
words) and paginate long lists with ``page`` and ``per_page``. `router` holds them
all, in the order the app serves them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from ..analysis import (
    CORRECTION_FIELDS,
    Tally,
    actor_name,
    count_by_partner,
    count_by_party,
    count_events,
    count_stored,
    country_brief,
    leader_tours,
    pair_brief,
    party_name,
    resolve_party,
    timeline_series,
)
from ..codebook import QUAD_NAMES, load_codebook
from ..store import COUNT_CAP, EventFilter
from .charts import ego_network, pair_network, partner_summary
from .deps import Db
from .pages import page, redirect_same_kind
from .params import (
    EventId,
    Filters,
    Pages,
    bad_request,
    filters_echo,
    parse_date,
    party_or_404,
    resolve_param,
)
from .present import (
    article_data,
    counted,
    decorate,
    event_list,
    linked_pairs,
    one_each,
    with_counts,
)

__all__ = ["router"]

router = APIRouter()


LATEST = 200  # the latest mentions whose pairs the home page shows


def party_rows(tallies: dict[str, Tally]) -> list[dict[str, Any]]:
    """Parties with their tallies as the lists show them, the busiest first."""
    rows = [{"party": party, "name": party_name(party), "n": t.events, "mentions": t.mentions,
             "quads": {q: t.quads.get(q, 0) for q in QUAD_NAMES}, "cooperation": t.cooperation,
             "conflict": t.conflict, "goldstein": round(t.goldstein, 1), "usd": t.usd}
            for party, t in tallies.items()]
    return sorted(rows, key=lambda p: (-p["n"], p["name"]))


@page(router, "/", "index.html", name="index", summary="Home: latest articles and parties")
def index(request: Request, store: Db) -> dict[str, Any]:
    """What is in the database: latest articles, busiest parties and pairs, entities."""
    articles, _ = store.article_page(per_page=6)
    latest, _ = store.event_page(EventFilter(), per_page=LATEST)
    pairs = linked_pairs(latest, 6)
    for p in pairs:  # how many events the pair has in all, as its page says
        p["n"] = count_events(store, EventFilter(party=p["a"], partner=p["b"])).events
    entities, _ = store.entity_page(per_page=6)
    corrections, _ = store.corrections(per_page=3)
    return {
        "counts": count_stored(store),
        "articles": with_counts(store, articles),
        "parties": party_rows(count_by_party(store, EventFilter()))[:10],
        "pairs": pairs,
        "entities": entities,
        "corrections": corrections,
    }


@page(router, "/articles", "articles.html", name="articles", summary="Articles")
def articles(request: Request, store: Db, paging: Pages,
             q: Annotated[str | None, Query(description="Words in the article")] = None,
             since: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
             until: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
             published: Annotated[bool | None, Query(
                 description="Only published (true) or unpublished (false)")] = None,
             ) -> dict[str, Any]:
    """Articles, newest first."""
    since, until = parse_date(since, "since"), parse_date(until, "until")
    rows, more = store.article_page(q=q, since=since, until=until, published=published,
                                    page=paging.page, per_page=paging.per_page)
    total = store.article_count(q=q, since=since, until=until, published=published)
    return {"articles": with_counts(store, rows), "pagination": paging.info(request, more, total),
            "filters": {"q": q, "since": since, "until": until, "published": published}}


@page(router, "/articles/{article_id}", "article.html", name="article",
      summary="One article, highlighted, with its events explained")
def article(request: Request, store: Db, article_id: str) -> dict[str, Any]:
    """The article with actors, trigger words, amounts and entities marked, and every
    event it holds explained (negated and wrongly coded ones included, marked so)."""
    row = store.article_row(article_id)
    coded = store.article(article_id)
    if row is None or coded is None:
        raise HTTPException(404, f"no article {article_id!r}; see the list of articles")
    return article_data(store, coded, with_counts(store, [row])[0])


@page(router, "/events", "events.html", name="events", summary="Events, filtered")
def events(request: Request, store: Db, f: Filters, paging: Pages,
           country: Annotated[str | None, Query(description="Party on either side")] = None,
           partner: Annotated[str | None, Query(description="With country: the other "
                                                "side")] = None,
           actor: Annotated[str | None, Query(description="Actor code on either side")
                            ] = None,
           ) -> dict[str, Any]:
    """Coded events, newest first, matching every filter."""
    party = resolve_param(country, "country")
    other = resolve_param(partner, "partner")
    if other and not party:
        raise bad_request("partner needs country too")
    actor_code = actor.strip().upper() if actor else None
    if actor_code and not party:
        party = resolve_party(actor_code[:3]) or (
            actor_code if actor_code.startswith(("IGO", "NGO")) else None)
    f = replace(f, party=party, partner=other, actor=actor_code)
    totals = None
    if f == EventFilter():
        stored = count_stored(store)
        totals = {"events": stored["events"], "mentions": stored["mentions"]}
    elif f.aggregatable and f.party:  # the count tables answer: as quick as the list
        totals = count_events(store, f).to_dict()
    rows, pagination = event_list(store, f, paging, request,
                                  total=totals["mentions"] if totals else None)
    return {"events": rows, "pagination": pagination, "filters": filters_echo(f),
            "totals": totals,
            "scope": {"country": party, "partner": other, "actor": actor_code,
                      "names": [party_name(p) for p in (party, other) if p]}}


@page(router, "/events/{event_id}", "event.html", name="event",
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
            "fields": list(CORRECTION_FIELDS)}


@page(router, "/countries", "countries.html", name="countries",
      summary="Countries and organisations")
def countries(request: Request, store: Db, f: Filters, paging: Pages,
              name: Annotated[str | None, Query(description="Part of the name")] = None,
              ) -> dict[str, Any]:
    """Every party with events, the busiest first, with its mix of cooperation and
    conflict."""
    rows = party_rows(count_by_party(store, f))
    if name:
        rows = [p for p in rows if name.lower() in p["name"].lower()
                or name.upper() == p["party"]]
    start = (paging.page - 1) * paging.per_page
    chunk = rows[start:start + paging.per_page]
    return {"parties": chunk, "filters": {**filters_echo(f), "name": name},
            "pagination": paging.info(request, len(rows) > start + paging.per_page,
                                      len(rows))}


@page(router, "/countries/{country_code}", "country.html", name="country",
      summary="A country: timeline, partners, leaders' trips, amounts and a brief")
def country(request: Request, store: Db, f: Filters, paging: Pages, country_code: str
            ) -> dict[str, Any] | Response:
    """A party's events over time, its partner network, its leaders' tours, the amounts
    named and a cited brief; then its events, newest first."""
    party = party_or_404(country_code)
    if party != country_code:
        return redirect_same_kind(request, f"/countries/{party}")
    pf = replace(f, party=party)
    timeline_rows = store.timeline(pf)
    event_rows = store.timeline(pf, groups=True)
    totals = count_events(store, pf, event_rows=event_rows, mention_rows=timeline_rows)
    partner_tallies = count_by_partner(store, pf)
    partners = partner_summary(partner_tallies)
    events, pagination = event_list(store, pf, paging, request, total=totals.mentions)
    amounts, _ = store.event_page(pf, per_page=5, order="usd")
    tours = leader_tours(store, party, f)
    brief = country_brief(store, party, f, timeline=timeline_rows,
                          events_timeline=event_rows, partners=partner_tallies, tours=tours,
                          amounts=amounts)
    return {
        "party": party,
        "name": party_name(party),
        "filters": filters_echo(f),
        "totals": totals.to_dict(),
        "timeline": timeline_series(event_rows),
        "range": dict(zip(("first", "last"), store.date_range(pf), strict=True)),
        "partners": partners[:30],
        "network": ego_network(party, partners),
        "brief": brief.to_dict(),
        "tours": [t.to_dict() for t in tours[:6]],
        "amounts": [decorate(r) for r in one_each(amounts)],
        "events": events,
        "pagination": pagination,
    }


@page(router, "/pairs/{pair}", "pair.html", name="pair",
      summary="Two countries: timeline, directions, partners, trips, amounts and a brief")
def pair(request: Request, store: Db, f: Filters, paging: Pages, pair: str
         ) -> dict[str, Any] | Response:
    """What passed between two parties: events over time in each direction, the amounts
    named, their other partners, their leaders' visits, a cited brief and the events."""
    codes = pair.split("-")
    if len(codes) != 2 or not all(codes):
        raise HTTPException(404, f"{pair!r} is not a pair; write two codes with a dash, "
                                 "such as CUB-RUS")
    a = party_or_404(codes[0])
    b = party_or_404(codes[1])
    if f"{a}-{b}" != pair:
        return redirect_same_kind(request, f"/pairs/{a}-{b}")
    pf = replace(f, party=a, partner=b)
    timeline_rows = store.timeline(pf)
    event_rows = store.timeline(pf, groups=True)
    totals = count_events(store, pf, event_rows=event_rows, mention_rows=timeline_rows)
    directions = [counted([r for r in event_rows if r[2] == d],
                          [r for r in timeline_rows if r[2] == d]) for d in (0, 1)]
    partners_a = partner_summary(count_by_partner(store, replace(f, party=a)))
    partners_b = partner_summary(count_by_partner(store, replace(f, party=b)))
    between = next((p for p in partners_a if p["party"] == b), None)
    events, pagination = event_list(store, pf, paging, request, total=totals.mentions)
    amounts, _ = store.event_page(pf, per_page=5, order="usd")
    all_tours = [*leader_tours(store, a, f), *leader_tours(store, b, f)]
    tours = [t for t in all_tours
             if any(s.party == (b if t.party == a else a) for s in t.stops)]
    brief = pair_brief(store, a, b, f, timeline=timeline_rows, tours=all_tours,
                       amounts=amounts, events_timeline=event_rows)
    return {
        "a": a, "b": b, "names": [party_name(a), party_name(b)],
        "filters": filters_echo(f),
        "totals": totals.to_dict(),
        "directions": directions,
        "timeline": timeline_series(event_rows),
        "range": dict(zip(("first", "last"), store.date_range(pf), strict=True)),
        "network": pair_network(a, b, partners_a, partners_b, between),
        "brief": brief.to_dict(),
        "tours": [t.to_dict() for t in tours[:6]],
        "amounts": [decorate(r) for r in one_each(amounts)],
        "events": events,
        "pagination": pagination,
    }


@page(router, "/entities", "entities.html", name="entities",
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


@page(router, "/entities/{entity_id}", "entity.html", name="entity",
      summary="One treaty, agreement, loan or deal and the events that refer to it")
def entity(request: Request, store: Db, f: Filters, paging: Pages, entity_id: str
           ) -> dict[str, Any]:
    """Where an entity is mentioned, and the events coded in those sentences."""
    row = store.entity(entity_id)
    if row is None:
        raise HTTPException(404, f"no treaty, agreement, loan or deal {entity_id!r}; see "
                                 "the list of entities")
    ef = replace(f, entity=entity_id)
    events, pagination = event_list(store, ef, paging, request)
    return {"entity": row, "mentions": store.entity_mentions(entity_id=entity_id),
            "events": events, "pagination": pagination, "filters": filters_echo(f)}


@page(router, "/search", "search.html", name="search",
      summary="Search articles, actors, entities and events")
def search(request: Request, store: Db, f: Filters, paging: Pages) -> dict[str, Any]:
    """Articles, actors, countries, entities and events matching ``q`` (and the filters,
    for events)."""
    q = f.q or ""
    result: dict[str, Any] = {"q": q, "filters": filters_echo(f), "articles": [],
                              "articles_total": 0,
                              "actors": [], "parties": [], "entities": [], "events": [],
                              "pagination": paging.info(request, False, 0)}
    if not q and not filters_echo(f)["active"]:
        return result
    if q:
        found, _ = store.article_page(q=q, since=f.since, until=f.until, per_page=5)
        result["articles"] = with_counts(store, found)
        result["articles_total"] = store.article_count(q=q, since=f.since, until=f.until)
        result["actors"] = [  # "forces" is no name: it is shown as what its code says
            {**a, "label": actor_name({"source": a["code"], "source_name": a["name"]},
                                      "source") or a["name"]}
            for a in store.actor_names(q, limit=12)]
        result["entities"] = store.entity_page(q=q, per_page=5)[0]
        party = resolve_party(q)
        result["parties"] = [{"party": party, "name": party_name(party)}] if party else []
    rows, more = store.event_page(f, page=paging.page, per_page=paging.per_page)
    result["events"] = [decorate(r) for r in rows]
    result["pagination"] = paging.info(request, more)
    return result


@page(router, "/corrections", "corrections.html", name="corrections",
      summary="Readers' corrections of events")
def corrections(request: Request, store: Db, paging: Pages) -> dict[str, Any]:
    """Every correction readers made, newest first, with who, when and why."""
    rows, more = store.corrections(page=paging.page, per_page=paging.per_page)
    return {"corrections": rows, "pagination": paging.info(request, more)}


@page(router, "/about", "about.html", name="about", summary="How to read the codes")
def about(request: Request) -> dict[str, Any]:
    """The quad classes, the Goldstein scale and the CAMEO root codes."""
    codebook = load_codebook()
    roots = [{"code": c.code, "name": c.name, "goldstein": c.goldstein,
              "quad_class": c.quad_class} for c in codebook.values() if len(c.code) == 2]
    return {"quads": {str(k): v for k, v in QUAD_NAMES.items()}, "roots": roots,
            "count_cap": COUNT_CAP}
