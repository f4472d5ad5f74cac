"""What readers write: articles (draft, preview, publish), corrections and re-coding.

    GET  /publish                      the form (JSON twin: what the form takes)
    POST /publish                      -> a draft, then 303 to its preview
    GET  /drafts/{id}                  the draft coded, not yet saved (JSON twin)
    POST /drafts/{id}/publish          code, save and publish it -> 303 to the article
    POST /events/{id}/corrections      fix or reject an event -> 303 back to the article
    POST /articles/{id}/recode         code a stored article again (corrections kept)

Each form has a JSON twin under /api/ taking a JSON body. Writes need the server's
token when one is set (see `app.check_token`).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from .. import analysis
from ..analysis import correction_changes
from ..errors import InputError
from ..ingest import article_id, parse_text
from ..model import Article, Block, CodedArticle, Event, party_of
from ..store import Store
from .app import (
    AUTHOR_COOKIE,
    check_token,
    get_pipeline,
    get_store,
    remember,
    size_label,
)
from .views import EventId, RowNumber, article_data, decorate, page

__all__ = ["register"]

MAX_TEXT = 400_000  # characters of one article
MAX_IMAGES = 3
_MAGIC = ((b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"),
          (b"GIF87a", "image/gif"), (b"GIF89a", "image/gif"))
_FORMATS = ("auto", "markdown", "text", "html")
_NOT_IN_PATH = re.compile(r"[/\\?#%\x00-\x1f\x7f]")  # an id is one segment of /articles/{id}
Db = Annotated[Store, Depends(get_store)]


class DraftIn(BaseModel):
    """An article to preview: its text and, optionally, fields that override it."""

    text: str = Field(description="The article: Markdown with front matter, HTML or text",
                      max_length=MAX_TEXT)
    format: str = Field("auto", description="auto, markdown, text or html")
    author: str = Field(description="Who adds it", min_length=1, max_length=80)
    title: str | None = Field(None, max_length=500)
    byline: str | None = Field(None, max_length=300)
    date: str | None = Field(None, description="YYYY-MM-DD")
    url: str | None = Field(None, max_length=2000)


class PublishIn(BaseModel):
    author: str = Field(description="Who publishes it", min_length=1, max_length=80)


class CorrectionIn(BaseModel):
    field: str = Field(description="wrong, cameo, source or target")
    value: str | None = Field(None, description="The new code (not for 'wrong')",
                              max_length=40)
    reason: str = Field(description="Why", min_length=3, max_length=500)
    author: str = Field(description="Who corrects it", min_length=1, max_length=80)


# ---------------------------------------------------------------------------- helpers


def _clean(value: Any, limit: int) -> str | None:
    if value is None or isinstance(value, UploadFile):
        return None
    text = " ".join(str(value).split())
    return text[:limit] or None


def _need(value: str | None, what: str) -> str:
    if not value:
        raise InputError("form", f"fill in {what}")
    return value


def _image_type(data: bytes) -> str | None:
    for magic, mime in _MAGIC:
        if data.startswith(magic):
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def build_article(text: str, fmt: str, *, title: str | None = None, byline: str | None = None,
                  day: str | None = None, url: str | None = None,
                  captions: Sequence[tuple[str, str | None]] = ()) -> Article:
    """The article a reader submitted: parsed text, their overrides and image captions."""
    if fmt not in _FORMATS:
        raise InputError("form", f"format {fmt!r} is not one of {', '.join(_FORMATS)}")
    if len(text) > MAX_TEXT:
        raise InputError("form", f"the text is longer than {MAX_TEXT:,} characters")
    try:
        parsed = parse_text(text, fmt=fmt)
    except ValueError:
        raise InputError("form", "paste one article; JSON Lines holds many (use irinsider "
                                 "ingest for those)") from None
    derived = parsed.id == article_id(parsed.title, parsed.blocks)
    if not derived and (_NOT_IN_PATH.search(parsed.id) or parsed.id in (".", "..")):
        raise InputError("form", f"id {parsed.id!r} cannot be part of a web address; leave "
                                 "out '/', '\\', '?', '#' and '%', or leave the id out")
    when = parsed.date
    if day:
        try:
            when = date.fromisoformat(day)
        except ValueError:
            raise InputError("form", f"date {day!r} is not YYYY-MM-DD") from None
    blocks = parsed.blocks + tuple(Block(c, "caption", credit) for c, credit in captions)
    article = replace(parsed, title=title or parsed.title, byline=byline or parsed.byline,
                      date=when, url=url or parsed.url, blocks=blocks, source_path=None)
    if derived:
        article = replace(article, id=article_id(article.title, article.blocks))
    return article


def article_to_dict(article: Article) -> dict[str, Any]:
    return {"id": article.id, "title": article.title, "byline": article.byline,
            "date": article.date.isoformat() if article.date else None, "url": article.url,
            "format": article.format,
            "blocks": [[b.kind, b.text, b.credit] for b in article.blocks]}


def article_from_dict(data: dict[str, Any]) -> Article:
    return Article(
        id=data["id"], title=data["title"], byline=data["byline"],
        date=date.fromisoformat(data["date"]) if data["date"] else None, url=data["url"],
        blocks=tuple(Block(text, kind, credit) for kind, text, credit in data["blocks"]),
        format=data["format"],
    )


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
        "quantities": [{"kind": q.kind, "value": q.value, "value_max": q.value_max,
                        "unit": q.unit, "text": q.text, "start": q.start, "end": q.end}
                       for q in event.quantities],
    }


def _code(request: Request, article: Article) -> CodedArticle:
    return next(iter(get_pipeline(request).code([article])))


def preview_data(request: Request, store: Store, draft: dict[str, Any]) -> dict[str, Any]:
    """A draft coded but not saved: the article page's data plus the draft's details."""
    article = article_from_dict(draft["article"])
    coded = _code(request, article)
    rows = [decorate(event_row(e, article.title), anchor=f"p{i}")
            for i, e in enumerate(coded.events)]
    mentions = [
        {"entity_id": m.entity_id, "kind": m.kind, "name": m.name, "sentence": m.sentence,
         "start": m.start, "end": m.end, "text": m.text}
        for m in analysis.find_entities(coded, rows)
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


def _publish(request: Request, store: Store, draft: dict[str, Any], author: str) -> str:
    article = article_from_dict(draft["article"])
    coded = _code(request, article)
    store.publish(coded, author=author, draft_id=draft["id"])
    analysis.index_article(store, article.id)
    return article.id


def _recode(request: Request, store: Store, article_id: str) -> int:
    coded = store.article(article_id)
    if coded is None:
        raise HTTPException(404, f"no article {article_id!r}")
    again = _code(request, coded.article)
    store.save(again, force=True)
    analysis.index_article(store, article_id)
    return len(again.events)


def _correct(store: Store, event_id: int, field: str, value: str | None, reason: str,
             author: str) -> tuple[int, dict[str, Any]]:
    row = store.event_row(event_id)
    if row is None:
        raise HTTPException(404, f"no event {event_id}; the article may have been re-coded")
    old, new, changes = correction_changes(row, field, value)
    correction = store.add_correction(event_id, field=field, old=old, new=new,
                                      changes=changes, reason=reason, author=author)
    return correction, row


def _draft_or_404(store: Store, draft_id: str) -> dict[str, Any]:
    draft = store.draft(draft_id)
    if draft is None:
        raise HTTPException(404, f"no draft {draft_id!r}; it was published or has expired")
    return draft


async def _upload(item: Any, limit: int) -> tuple[str, bytes, str] | None:
    if not isinstance(item, UploadFile) or not item.filename:
        return None
    data = await item.read(limit + 1)
    if not data:
        return None
    if len(data) > limit:
        raise HTTPException(413, f"image {item.filename!r} is larger than {size_label(limit)}; "
                                 "send a smaller one")
    mime = _image_type(data)
    if mime is None:
        raise InputError("form", f"image {item.filename!r} is not a PNG, JPEG, GIF or WebP "
                                 "file")
    name = re.sub(r"[^\w.-]+", "_", item.filename)[-100:]
    return name, data, mime


# ---------------------------------------------------------------------------- routes


def register(app: FastAPI) -> None:  # noqa: C901 - one place that lists every write
    """Add the publishing, correction and re-coding routes to `app`."""

    @page(app, "/publish", "publish.html", name="publish", summary="The publishing form")
    def publish_form(request: Request, store: Db, draft: str | None = None
                     ) -> dict[str, Any]:
        """What the publishing form takes (and, with ``draft``, a draft's text to edit)."""
        prefill: dict[str, Any] = {"text": "", "format": "auto"}
        if draft:
            found = _draft_or_404(store, draft)
            prefill = {"text": found["source"], "format": found["format"]}
        return {
            "formats": list(_FORMATS),
            "max_text": MAX_TEXT,
            "max_images": MAX_IMAGES,
            "max_image_bytes": request.app.state.config.max_image,
            "max_request_bytes": request.app.state.config.max_body,
            "token_required": request.app.state.config.token is not None,
            "author": request.cookies.get(AUTHOR_COOKIE, ""),
            "prefill": prefill,
        }

    @app.post("/publish", include_in_schema=False)
    async def publish_post(request: Request) -> Response:
        async with request.form(max_files=MAX_IMAGES, max_fields=40,
                                max_part_size=MAX_TEXT * 4) as form:
            return await _publish_form(request, form)

    async def _publish_form(request: Request, form: Any) -> Response:
        config = request.app.state.config
        token = _clean(form.get("token"), 500)
        check_token(request, token)
        author = _need(_clean(form.get("author"), 80), "your name")
        text = form.get("text")
        if not isinstance(text, str) or not text.strip():
            raise InputError("form", "paste the article's text")
        fmt = _clean(form.get("format"), 20) or "auto"
        captions: list[tuple[str, str | None]] = []
        images: list[tuple[int, str | None, str, bytes]] = []
        for i in range(1, MAX_IMAGES + 1):
            upload = await _upload(form.get(f"image{i}"), config.max_image)
            caption = _clean(form.get(f"caption{i}"), 1000)
            credit = _clean(form.get(f"credit{i}"), 300)
            if upload is None and caption is None:
                continue
            captions.append((caption or (upload[0] if upload else ""), credit))
            if upload is not None:
                images.append((len(captions) - 1, upload[0], upload[2], upload[1]))
        article = build_article(
            text, fmt, title=_clean(form.get("title"), 500),
            byline=_clean(form.get("byline"), 300), day=_clean(form.get("date"), 20),
            url=_clean(form.get("url"), 2000), captions=captions)
        first_caption = len(article.blocks) - len(captions)
        draft_id = secrets.token_urlsafe(9)
        store = get_store(request)
        await run_in_threadpool(
            store.save_draft, draft_id, author=author, source=text, fmt=fmt,
            article=article_to_dict(article),
            images=[(first_caption + b, name, mime, data) for b, name, mime, data in images])
        response = RedirectResponse(f"/drafts/{draft_id}", status_code=303)
        return remember(response, request, token=token, author=author)

    @app.post("/api/drafts", tags=["writing"], status_code=201,
              summary="Code an article without saving it (a draft to preview)")
    def api_draft(request: Request, body: DraftIn, store: Db) -> JSONResponse:
        """Parse and code an article, keep it as a draft and return its preview."""
        check_token(request)
        article = build_article(body.text, body.format, title=body.title,
                                byline=body.byline, day=body.date, url=body.url)
        draft_id = secrets.token_urlsafe(9)
        store.save_draft(draft_id, author=body.author, source=body.text, fmt=body.format,
                         article=article_to_dict(article))
        data = preview_data(request, store, _draft_or_404(store, draft_id))
        return JSONResponse({"ok": True, **data}, status_code=201)

    @page(app, "/drafts/{draft_id}", "draft.html", name="draft",
          summary="A draft coded, before it is saved")
    def draft(request: Request, store: Db, draft_id: str) -> dict[str, Any]:
        """The draft as it will read, with its coding, before it is published."""
        return preview_data(request, store, _draft_or_404(store, draft_id))

    @app.post("/drafts/{draft_id}/publish", include_in_schema=False)
    async def publish_draft(request: Request, draft_id: str) -> Response:
        form = await request.form(max_files=0, max_fields=10)
        token = _clean(form.get("token"), 500)
        check_token(request, token)
        store = get_store(request)
        author = _need(_clean(form.get("author"), 80), "your name")
        found = await run_in_threadpool(_draft_or_404, store, draft_id)
        article = await run_in_threadpool(_publish, request, store, found, author)
        response = RedirectResponse(f"/articles/{article}", status_code=303)
        return remember(response, request, token=token, author=author)

    @app.post("/api/drafts/{draft_id}/publish", tags=["writing"],
              summary="Publish a draft: code it, save it and add it to the feed")
    def api_publish(request: Request, draft_id: str, body: PublishIn, store: Db
                    ) -> JSONResponse:
        check_token(request)
        article = _publish(request, store, _draft_or_404(store, draft_id), body.author)
        return JSONResponse({"ok": True, "article": article, "url": f"/articles/{article}"})

    @app.post("/events/{event_id}/corrections", include_in_schema=False)
    async def correct(request: Request, event_id: EventId) -> Response:
        form = await request.form(max_files=0, max_fields=10)
        token = _clean(form.get("token"), 500)
        check_token(request, token)
        author = _need(_clean(form.get("author"), 80), "your name")
        reason = _need(_clean(form.get("reason"), 500), "the reason")
        field = _clean(form.get("field"), 20) or ""
        store = get_store(request)
        _, row = await run_in_threadpool(_correct, store, event_id, field,
                                         _clean(form.get("value"), 40), reason, author)
        response = RedirectResponse(f"/articles/{row['article_id']}#e{event_id}",
                                    status_code=303)
        return remember(response, request, token=token, author=author)

    @app.post("/api/events/{event_id}/corrections", tags=["writing"], status_code=201,
              summary="Correct an event: mark it wrong or fix its code, source or target")
    def api_correct(request: Request, event_id: EventId, body: CorrectionIn, store: Db
                    ) -> JSONResponse:
        check_token(request)
        correction, _ = _correct(store, event_id, body.field, body.value,
                                 " ".join(body.reason.split()), body.author.strip())
        row = store.event_row(event_id)
        return JSONResponse({"ok": True, "correction": correction,
                             "event": decorate(row) if row else None}, status_code=201)

    @app.post("/articles/{article_id}/recode", include_in_schema=False)
    async def recode(request: Request, article_id: str) -> Response:
        form = await request.form(max_files=0, max_fields=5)
        token = _clean(form.get("token"), 500)
        check_token(request, token)
        await run_in_threadpool(_recode, request, get_store(request), article_id)
        response = RedirectResponse(f"/articles/{article_id}", status_code=303)
        return remember(response, request, token=token)

    @app.post("/api/articles/{article_id}/recode", tags=["writing"],
              summary="Code a stored article again; readers' corrections are kept")
    def api_recode(request: Request, article_id: str, store: Db) -> JSONResponse:
        check_token(request)
        return JSONResponse({"ok": True, "events": _recode(request, store, article_id)})

    @app.get("/articles/{article_id}/images/{block}", include_in_schema=False)
    def article_image(article_id: str, block: RowNumber, store: Db) -> Response:
        return _image(store, article_id, block)

    @app.get("/drafts/{draft_id}/images/{block}", include_in_schema=False)
    def draft_image(draft_id: str, block: RowNumber, store: Db) -> Response:
        return _image(store, f"draft:{draft_id}", block)


def _image(store: Store, owner: str, block: int) -> Response:
    found = store.image(owner, block)
    if found is None:
        raise HTTPException(404, "no image here")
    mime, data = found
    return Response(data, media_type=mime, headers={
        "Cache-Control": "public, max-age=86400",
        "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    })

