"""The writes behind the forms: a draft previewed, published, an article re-coded, an
event corrected; and the images articles and drafts show.

    preview_data(request, store, draft)           the draft coded, not saved
    publish(request, store, draft, author)        code it, save it, publish it
    recode(request, store, article_id)            code a stored article again
    correct(store, event_id, field, value, ...)   a reader's correction of one event

Publishing moves a draft's images to the article. A preview page opened before may
still be loading them, so the app remembers which article each draft it published
became (`PublishedDrafts`), and a draft's image address keeps answering.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from ..analysis import correction_changes, find_entities, index_article
from ..model import Article, CodedArticle, Event, party_of
from ..store import Store
from .deps import get_pipeline
from .forms import article_from_dict
from .present import article_data, decorate

__all__ = ["PublishedDrafts", "article_image", "correct", "draft_image", "draft_or_404",
           "event_row", "preview_data", "publish", "recode"]


class PublishedDrafts:
    """The articles the latest drafts published by this app became (the last `keep`)."""

    def __init__(self, keep: int = 1000) -> None:
        self.keep = keep
        self._articles: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, draft_id: str, article_id: str) -> None:
        """Remember that draft `draft_id` was published as `article_id`."""
        with self._lock:
            self._articles[draft_id] = article_id
            while len(self._articles) > self.keep:
                self._articles.popitem(last=False)

    def discard(self, draft_id: str) -> None:
        """Forget draft `draft_id` (its publishing failed)."""
        with self._lock:
            self._articles.pop(draft_id, None)

    def article(self, draft_id: str) -> str | None:
        """The article draft `draft_id` was published as, if this app published it."""
        with self._lock:
            return self._articles.get(draft_id)


def _published_drafts(request: Request) -> PublishedDrafts:
    published: PublishedDrafts = request.app.state.published_drafts
    return published


def event_row(event: Event, title: str | None) -> dict[str, Any]:
    """An event not yet stored, as the row dict the pages use."""
    target = event.target_span or (None, None)
    usd = [q.value for q in event.quantities if q.unit == "USD"]
    return {
        "id": None, "article_id": event.doc_id, "sentence": event.sentence,
        "source": event.source, "target": event.target,
        "source_country": event.source_country, "target_country": event.target_country,
        "cameo": event.cameo, "root": event.root, "plover": event.plover,
        "plover_mode": event.plover_mode, "goldstein": event.goldstein,
        "quad_class": event.quad_class, "date": event.date, "evidence": event.evidence,
        "source_start": event.source_span[0], "source_end": event.source_span[1],
        "target_start": target[0], "target_end": target[1],
        "trigger_start": event.trigger_span[0], "trigger_end": event.trigger_span[1],
        "trigger": event.trigger, "negated": event.negated, "modality": event.modality,
        "confidence": event.confidence, "rule": event.rule,
        "source_name": event.source_name, "target_name": event.target_name,
        "caption": event.caption, "source_party": party_of(event.source, event.source_country),
        "target_party": party_of(event.target, event.target_country),
        "usd": sum(usd) if usd else None, "wrong": False, "article_title": title,
        "article_date": event.date, "date_precision": event.date_precision,
        "date_text": event.date_text, "place": event.place, "place_name": event.place_name,
        "place_country": event.place_country, "place_kind": event.place_kind,
        "place_lat": event.place_lat, "place_lon": event.place_lon,
        "intended_cameo": event.intended_cameo,
        "quantities": [{"kind": q.kind, "value": q.value, "value_max": q.value_max,
                        "unit": q.unit, "text": q.text, "start": q.start, "end": q.end}
                       for q in event.quantities],
    }


def _code(request: Request, article: Article) -> CodedArticle:
    return next(iter(get_pipeline(request).code([article])))


def draft_or_404(store: Store, draft_id: str) -> dict[str, Any]:
    """The draft `draft_id`; 404 if it was published or has expired."""
    draft = store.draft(draft_id)
    if draft is None:
        raise HTTPException(404, f"no draft {draft_id!r}; it was published or has expired")
    return draft


def preview_data(request: Request, store: Store, draft: dict[str, Any]) -> dict[str, Any]:
    """A draft coded but not saved: the article page's data plus the draft's details."""
    article = article_from_dict(draft["article"])
    coded = _code(request, article)
    rows = [decorate(event_row(e, article.title), anchor=f"p{i}")
            for i, e in enumerate(coded.events)]
    mentions = [
        {"entity_id": m.entity_id, "kind": m.kind, "name": m.name, "sentence": m.sentence,
         "start": m.start, "end": m.end, "text": m.text}
        for m in find_entities(coded, rows)
    ]
    row = {"id": article.id, "title": article.title, "byline": article.byline,
           "date": article.date.isoformat() if article.date else None, "url": article.url,
           "format": article.format, "published_at": None, "published_by": None,
           "events": len(rows)}
    draft_id = draft["id"]
    data = article_data(None, coded, row, events=rows, mentions=mentions,
                        images=store.image_blocks(f"draft:{draft_id}"),
                        image_url=lambda b: f"/drafts/{draft_id}/images/{b}")
    existing = store.article_row(article.id)
    data["draft"] = {"id": draft_id, "author": draft["author"], "created_at":
                     draft["created_at"], "replaces": existing is not None,
                     "publish_url": f"/drafts/{draft_id}/publish",
                     "edit_url": f"/publish?draft={draft_id}"}
    return data


def publish(request: Request, store: Store, draft: dict[str, Any], author: str) -> str:
    """Code the draft, save and publish it (its images move to the article); the
    article's id."""
    article = article_from_dict(draft["article"])
    coded = _code(request, article)
    published = _published_drafts(request)
    published.add(draft["id"], article.id)  # before the images move, not after
    try:
        store.publish(coded, author=author, draft_id=draft["id"])
    except BaseException:
        published.discard(draft["id"])
        raise
    index_article(store, article.id)
    return article.id


def recode(request: Request, store: Store, article_id: str) -> int:
    """Code a stored article again (readers' corrections are kept); its number of events."""
    coded = store.article(article_id)
    if coded is None:
        raise HTTPException(404, f"no article {article_id!r}")
    again = _code(request, coded.article)
    store.save(again, force=True)
    index_article(store, article_id)
    return len(again.events)


def correct(store: Store, event_id: int, field: str, value: str | None, reason: str,
            author: str) -> tuple[int, dict[str, Any]]:
    """Record a reader's correction of an event; the correction's id and the event's row
    as it was."""
    row = store.event_row(event_id)
    if row is None:
        raise HTTPException(404, f"no event {event_id}; the article may have been re-coded")
    old, new, changes = correction_changes(row, field, value)
    correction = store.add_correction(event_id, field=field, old=old, new=new,
                                      changes=changes, reason=reason, author=author)
    return correction, row


def _image(found: tuple[str, bytes] | None) -> Response:
    if found is None:
        raise HTTPException(404, "no image here")
    mime, data = found
    return Response(data, media_type=mime, headers={
        "Cache-Control": "public, max-age=86400",
        "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    })


def article_image(store: Store, article_id: str, block: int) -> Response:
    """The image of block `block` of a stored article; 404 if none."""
    return _image(store.image(article_id, block))


def draft_image(request: Request, store: Store, draft_id: str, block: int) -> Response:
    """The image of block `block` of a draft; once this app has published the draft,
    the same image of the article it became (a preview may still be loading it)."""
    found = store.image(f"draft:{draft_id}", block)
    if found is None:
        article_id = _published_drafts(request).article(draft_id)
        if article_id is not None:
            found = store.image(article_id, block)
    return _image(found)
