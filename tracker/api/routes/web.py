"""The web page at / (tracker/api/static: one HTML page, its script and style, and the vendored
uPlot library that draws the changes plots) and the API docs at /docs (Swagger UI, vendored too).
Every asset is served from here: no CDN."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).resolve().parent.parent / "static"

router = APIRouter(include_in_schema=False)


@router.get("/")
def index() -> FileResponse:
    return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")


@router.get("/docs")
def docs() -> HTMLResponse:
    """FastAPI's Swagger UI page, its script and style from tracker/api/static/vendor/swagger-ui."""
    vendor = "/static/vendor/swagger-ui"
    return get_swagger_ui_html(
        openapi_url="/openapi.json",
        title="tracker API",
        swagger_js_url=f"{vendor}/swagger-ui-bundle.js",
        swagger_css_url=f"{vendor}/swagger-ui.css",
        swagger_favicon_url=f"{vendor}/favicon-32x32.png",
    )


def mount(app: FastAPI) -> None:
    """The page and its assets on ``app``."""
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
