"""What readers write: articles (draft, preview, publish), corrections and re-coding.

    GET  /publish                      the form (JSON twin: what the form takes)
    POST /publish                      -> a draft, then 303 to its preview
    GET  /drafts/{id}                  the draft coded, not yet saved (JSON twin)
    POST /drafts/{id}/publish          code, save and publish it -> 303 to the article
    POST /events/{id}/corrections      fix or reject an event -> 303 back to the article
    POST /articles/{id}/recode         code a stored article again (corrections kept)

Each form has a JSON twin under /api/ taking a JSON body. Writes need the server's
token when one is set (see `security.check_token`). `router` holds these routes; the
work behind them is in `editing`, the reading of what was sent in `forms`.
"""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, RedirectResponse, Response

from ..errors import InputError
from . import editing
from .deps import Db, get_store, web_config
from .forms import (
    FORMATS,
    MAX_IMAGES,
    MAX_TEXT,
    CorrectionIn,
    DraftIn,
    PublishIn,
    article_to_dict,
    build_article,
    clean,
    need,
    read_image,
)
from .pages import page
from .params import EventId, RowNumber
from .present import decorate
from .security import AUTHOR_COOKIE, check_token, remember

__all__ = ["router"]

router = APIRouter()


# ---------------------------------------------------------------------------- articles


@page(router, "/publish", "publish.html", name="publish", summary="The publishing form")
def publish_form(request: Request, store: Db, draft: str | None = None) -> dict[str, Any]:
    """What the publishing form takes (and, with ``draft``, a draft's text to edit)."""
    prefill: dict[str, Any] = {"text": "", "format": "auto"}
    if draft:
        found = editing.draft_or_404(store, draft)
        prefill = {"text": found["source"], "format": found["format"]}
    config = web_config(request)
    return {
        "formats": list(FORMATS),
        "max_text": MAX_TEXT,
        "max_images": MAX_IMAGES,
        "max_image_bytes": config.max_image,
        "max_request_bytes": config.max_body,
        "token_required": config.token is not None,
        "author": request.cookies.get(AUTHOR_COOKIE, ""),
        "prefill": prefill,
    }


@router.post("/publish", include_in_schema=False)
async def publish_post(request: Request) -> Response:
    """The publishing form sent: its article kept as a draft, then 303 to the preview."""
    async with request.form(max_files=MAX_IMAGES, max_fields=40,
                            max_part_size=MAX_TEXT * 4) as form:
        return await _publish_form(request, form)


async def _publish_form(request: Request, form: Any) -> Response:
    config = web_config(request)
    token = clean(form.get("token"), 500)
    check_token(request, token)
    author = need(clean(form.get("author"), 80), "your name")
    text = form.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("form", "paste the article's text")
    fmt = clean(form.get("format"), 20) or "auto"
    captions: list[tuple[str, str | None]] = []
    images: list[tuple[int, str | None, str, bytes]] = []
    for i in range(1, MAX_IMAGES + 1):
        upload = await read_image(form.get(f"image{i}"), config.max_image)
        caption = clean(form.get(f"caption{i}"), 1000)
        credit = clean(form.get(f"credit{i}"), 300)
        if upload is None and caption is None:
            continue
        captions.append((caption or (upload[0] if upload else ""), credit))
        if upload is not None:
            images.append((len(captions) - 1, upload[0], upload[2], upload[1]))
    article = build_article(
        text, fmt, title=clean(form.get("title"), 500),
        byline=clean(form.get("byline"), 300), day=clean(form.get("date"), 20),
        url=clean(form.get("url"), 2000), captions=captions)
    first_caption = len(article.blocks) - len(captions)
    draft_id = secrets.token_urlsafe(9)
    store = get_store(request)
    await run_in_threadpool(
        store.save_draft, draft_id, author=author, source=text, fmt=fmt,
        article=article_to_dict(article),
        images=[(first_caption + b, name, mime, data) for b, name, mime, data in images])
    response = RedirectResponse(f"/drafts/{draft_id}", status_code=303)
    return remember(response, request, token=token, author=author)


@router.post("/api/drafts", tags=["writing"], status_code=201,
             summary="Code an article without saving it (a draft to preview)")
def api_draft(request: Request, body: DraftIn, store: Db) -> JSONResponse:
    """Parse and code an article, keep it as a draft and return its preview."""
    check_token(request)
    article = build_article(body.text, body.format, title=body.title,
                            byline=body.byline, day=body.date, url=body.url)
    draft_id = secrets.token_urlsafe(9)
    store.save_draft(draft_id, author=body.author, source=body.text, fmt=body.format,
                     article=article_to_dict(article))
    data = editing.preview_data(request, store, editing.draft_or_404(store, draft_id))
    return JSONResponse({"ok": True, **data}, status_code=201)


@page(router, "/drafts/{draft_id}", "draft.html", name="draft",
      summary="A draft coded, before it is saved")
def draft(request: Request, store: Db, draft_id: str) -> dict[str, Any]:
    """The draft as it will read, with its coding, before it is published."""
    return editing.preview_data(request, store, editing.draft_or_404(store, draft_id))


@router.post("/drafts/{draft_id}/publish", include_in_schema=False)
async def publish_draft(request: Request, draft_id: str) -> Response:
    """The preview's form sent: the draft published, then 303 to the article."""
    form = await request.form(max_files=0, max_fields=10)
    token = clean(form.get("token"), 500)
    check_token(request, token)
    store = get_store(request)
    author = need(clean(form.get("author"), 80), "your name")
    found = await run_in_threadpool(editing.draft_or_404, store, draft_id)
    article = await run_in_threadpool(editing.publish, request, store, found, author)
    response = RedirectResponse(f"/articles/{article}", status_code=303)
    return remember(response, request, token=token, author=author)


# The JSON routes below have no docstring: it would become their description in the
# OpenAPI schema, where their summary says what they do.


@router.post("/api/drafts/{draft_id}/publish", tags=["writing"],
             summary="Publish a draft: code it, save it and add it to the feed")
def api_publish(request: Request, draft_id: str, body: PublishIn, store: Db
                ) -> JSONResponse:
    check_token(request)
    article = editing.publish(request, store, editing.draft_or_404(store, draft_id),
                              body.author)
    return JSONResponse({"ok": True, "article": article, "url": f"/articles/{article}"})


# ---------------------------------------------------------------------------- corrections


@router.post("/events/{event_id}/corrections", include_in_schema=False)
async def correct(request: Request, event_id: EventId) -> Response:
    """A correction form sent: the correction recorded, then 303 back to the article."""
    form = await request.form(max_files=0, max_fields=10)
    token = clean(form.get("token"), 500)
    check_token(request, token)
    author = need(clean(form.get("author"), 80), "your name")
    reason = need(clean(form.get("reason"), 500), "the reason")
    field = clean(form.get("field"), 20) or ""
    store = get_store(request)
    _, row = await run_in_threadpool(editing.correct, store, event_id, field,
                                     clean(form.get("value"), 40), reason, author)
    response = RedirectResponse(f"/articles/{row['article_id']}#e{event_id}",
                                status_code=303)
    return remember(response, request, token=token, author=author)


@router.post("/api/events/{event_id}/corrections", tags=["writing"], status_code=201,
             summary="Correct an event: mark it wrong or fix its code, source or target")
def api_correct(request: Request, event_id: EventId, body: CorrectionIn, store: Db
                ) -> JSONResponse:
    check_token(request)
    correction, _ = editing.correct(store, event_id, body.field, body.value,
                                    " ".join(body.reason.split()), body.author.strip())
    row = store.event_row(event_id)
    return JSONResponse({"ok": True, "correction": correction,
                         "event": decorate(row) if row else None}, status_code=201)


# ---------------------------------------------------------------------------- re-coding


@router.post("/articles/{article_id}/recode", include_in_schema=False)
async def recode(request: Request, article_id: str) -> Response:
    """The re-code button: the article coded again, then 303 back to it."""
    form = await request.form(max_files=0, max_fields=5)
    token = clean(form.get("token"), 500)
    check_token(request, token)
    await run_in_threadpool(editing.recode, request, get_store(request), article_id)
    response = RedirectResponse(f"/articles/{article_id}", status_code=303)
    return remember(response, request, token=token)


@router.post("/api/articles/{article_id}/recode", tags=["writing"],
             summary="Code a stored article again; readers' corrections are kept")
def api_recode(request: Request, article_id: str, store: Db) -> JSONResponse:
    check_token(request)
    return JSONResponse({"ok": True, "events": editing.recode(request, store, article_id)})


# ---------------------------------------------------------------------------- images


@router.get("/articles/{article_id}/images/{block}", include_in_schema=False)
def article_image(article_id: str, block: RowNumber, store: Db) -> Response:
    """An image of a stored article."""
    return editing.article_image(store, article_id, block)


@router.get("/drafts/{draft_id}/images/{block}", include_in_schema=False)
def draft_image(request: Request, draft_id: str, block: RowNumber, store: Db) -> Response:
    """An image of a draft (the one it became once this app published the draft)."""
    return editing.draft_image(request, store, draft_id, block)
