"""The web page at /: served by the app with every asset local (no CDN)."""

from __future__ import annotations

import re


def test_page_and_its_assets_are_served_locally(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assets = re.findall(r'(?:src|href)="([^"#]+)"', page.text)
    assert assets and all(a.startswith("/") and not a.startswith("//") for a in assets), assets
    for asset in assets:
        if asset.startswith("/static/"):
            assert client.get(asset).status_code == 200, asset
    script = client.get("/static/app.js").text
    # list text reaches the page as text only: no innerHTML anywhere in the script
    assert "innerHTML" not in script and "http://" not in script and "https://" not in script
    assert client.get("/static/vendor/uPlot.LICENSE").text.startswith("The MIT License")


def test_api_docs_load_only_local_assets(client):
    page = client.get("/docs")
    assert page.status_code == 200
    assets = re.findall(r"(?:src|href|url)[=:] ?['\"]([^'\"]+)['\"]", page.text)
    assert "/openapi.json" in assets
    assert all(a.startswith("/") for a in assets), assets
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
    assert client.get("/redoc").status_code == 404
