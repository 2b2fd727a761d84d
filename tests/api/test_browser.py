"""The web page in a real headless browser (Debian's chromium and chromedriver, driven by
Selenium): search a name in Cyrillic, read the explanation, open the entry and its history, open
the changes page and see the plots; no horizontal scrolling at phone width.

Skips when chromium, chromedriver or selenium is missing, except under CI=true (.ci/run installs
them), where that is a failure."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from tests.api.support import serving

WAIT = 30  # seconds for a page step on a loaded machine (each normally takes well under one)


def _need(what: str, found: object) -> None:
    if not found:
        message = (
            f"{what} is not installed (apt-get install -y chromium chromium-driver; pip install selenium)"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def browser() -> Iterator[Any]:
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        webdriver = None
    _need("selenium", webdriver)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    _need("chromium", chromium)
    _need("chromedriver", driver_path)
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,900",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def site(stored, settings) -> Iterator[str]:
    env = {
        "TRACKER_DATA_DIR": str(settings.data_dir),
        "TRACKER_DATABASE_URL": settings.resolved_database_url,
        "TRACKER_MAX_LIST_AGE_DAYS": "0",
    }
    with serving(env) as base:
        yield base


def _fits(driver: Any) -> bool:
    return bool(driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1"))


def _drawn(driver: Any, selector: str) -> int:
    """How many pixels of the plot's canvas are painted (0 for an empty or missing plot)."""
    return int(
        driver.execute_script(
            """
            const canvas = document.querySelector(arguments[0]);
            if (!canvas || !canvas.width) return 0;
            const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            let painted = 0;
            for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
            return painted;
            """,
            selector,
        )
    )


def test_search_entry_history_and_changes_plot_in_a_browser(browser, site, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, WAIT)
    browser.get(site + "/")
    box = wait.until(ec.element_to_be_clickable((By.ID, "q")))
    box.send_keys("Андрій Деркач", Keys.ENTER)
    wait.until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, "#results .result .name"), "DERKACH"))
    result = browser.find_element(By.CSS_SELECTOR, "#results .result")
    assert result.find_element(By.CSS_SELECTOR, ".name").text == "DERKACH, Andrii Leonidovych"
    assert result.find_element(By.CSS_SELECTOR, ".explanation").text.strip()
    assert "toy 2020-11-02" in browser.find_element(By.ID, "checked").text
    assert _fits(browser)
    browser.save_screenshot(str(tmp_path / "search.png"))

    result.find_element(By.CSS_SELECTOR, ".name").click()
    wait.until(ec.text_to_be_present_in_element((By.ID, "entity-name"), "DERKACH, Andrii Leonidovych"))
    events = browser.find_elements(By.CSS_SELECTOR, "#timeline li.event")
    assert [e.find_element(By.CSS_SELECTOR, ".what").text.lower() for e in events] == [
        "first seen",
        "amended",
    ]
    assert "UKRAINE-EO13660" in events[1].text
    assert "null" not in browser.find_element(By.ID, "view").text
    browser.save_screenshot(str(tmp_path / "entry.png"))

    browser.find_element(By.ID, "nav-changes").click()
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#size-plot .uplot canvas")))
    wait.until(lambda d: _drawn(d, "#size-plot canvas") > 500)
    assert "toy" in browser.find_element(By.CSS_SELECTOR, "#size-plot .u-legend").text
    wait.until(lambda d: _drawn(d, "#month-plot canvas") > 100)
    link = browser.find_element(By.ID, "diff-link").get_attribute("href")
    assert link.endswith("/diff?format=csv")
    browser.save_screenshot(str(tmp_path / "changes.png"))

    browser.set_window_size(390, 844)  # a phone's width
    browser.refresh()
    wait.until(lambda d: _drawn(d, "#size-plot canvas") > 500)
    assert _fits(browser), "the changes page scrolls sideways at phone width"
    browser.get(site + "/#/?q=Derkach")
    wait.until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, "#results .result .name"), "DERKACH"))
    assert _fits(browser), "the search page scrolls sideways at phone width"
    browser.save_screenshot(str(tmp_path / "phone.png"))
