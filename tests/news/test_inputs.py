"""Reading articles: HTML/text extraction, encodings, binary and oversized files, feeds, HTTP errors."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import httpx
import pytest

from tracker.errors import FetchError, ParseError
from tracker.news.extract import MAX_ARTICLE_BYTES, extract, read_file
from tracker.news.feeds import fetch_feed, get, parse_feed
from tracker.news.inputs import Failures, from_path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "news"


def test_html_article_text_title_date_language() -> None:
    content = extract(read_file(FIXTURES / "article.html"), label="article.html")
    assert content.title == "Treasury sanctions Ukrainian lawmaker"
    assert content.published_at == datetime(2020, 9, 10)
    assert content.language == "en"
    assert "imposed sanctions on Andrii Derkach" in content.text
    assert "Copyright" not in content.text and "Home" not in content.text


def test_text_file_title_and_date_from_name() -> None:
    content = extract(read_file(FIXTURES / "ru-derkach-2020-09-11.txt"), label="ru-derkach-2020-09-11.txt")
    assert content.title is not None and content.title.startswith("Минфин США")
    assert content.published_at == datetime(2020, 9, 11)
    assert content.language == "ru"


@pytest.mark.parametrize(
    ("text", "published"),
    [
        (
            "Treasury acts\nWASHINGTON, Sept. 10, 2020 (Reuters) - The Treasury listed...",
            datetime(2020, 9, 10),
        ),
        ("Минфин США\n\nМОСКВА, 10 сентября 2020 г. — Министерство...", datetime(2020, 9, 10)),
        ("Мінфін США\nКИЇВ, 11 вересня 2020 р. — Міністерство...", datetime(2020, 9, 11)),
        ("Strike\nKYIV, Ukraine, March 3, 2022 (AP) — Russian forces...", datetime(2022, 3, 3)),
        ("Sanktionen\nBerlin, 10. März 2022 – Die Regierung...", datetime(2022, 3, 10)),
        ("Sanctions\nParis, 2 mars 2022\nLe gouvernement...", datetime(2022, 3, 2)),
        # no dateline: a date the story tells of, a dateline without a year, a day that does not exist
        ("Lavrov speaks\nLavrov said on March 3, 2022 that talks would go on.", None),
        ("Lavrov speaks\nMOSCOW, March 3 (Reuters) - Lavrov said...", None),
        ("Lavrov speaks\nMOSCOW, 31 February 2022 - Lavrov said...", None),
    ],
)
def test_a_text_without_a_date_in_its_name_takes_its_datelines_date(
    text: str, published: datetime | None
) -> None:
    """Trial: an article whose dateline gave the date said "listed then: unknown" for every mention."""
    assert extract(text.encode(), label="article.txt").published_at == published


def test_the_file_names_date_wins_over_a_dateline() -> None:
    text = "Treasury acts\nWASHINGTON, Sept. 10, 2020 (Reuters) - The Treasury listed..."
    assert extract(text.encode(), label="treasury-2020-09-12.txt").published_at == datetime(2020, 9, 12)


def test_an_html_page_without_a_date_takes_its_datelines_date() -> None:
    page = (
        "<html><body><article><h1>Treasury acts</h1><p>WASHINGTON, Sept. 10, 2020 (Reuters) - The Treasury"
        " listed a lawmaker on Thursday.</p></article></body></html>"
    )
    assert extract(page.encode(), label="page.html").published_at == datetime(2020, 9, 10)


def test_a_long_first_line_is_a_title_cut_at_a_word_with_an_ellipsis() -> None:
    """The trial: a text file whose first line is a paragraph was stored with its title cut mid-word
    at 300 characters."""
    from tracker.news.extract import MAX_TITLE_CHARS, extract_text

    words = "Минфин США ввёл санкции против депутата Андрия Деркача, которого обвиняют во вмешательстве "
    paragraph = (words * 5).strip()  # 450 characters, a word across the 300th
    title = extract_text(paragraph + "\nMore text.\n", label="a.txt").title
    assert title is not None and len(title) <= MAX_TITLE_CHARS and title.endswith("…")
    assert paragraph.startswith(title[:-1]) and paragraph[len(title) - 1] in " ,"  # whole words only
    assert title == paragraph[: len(title) - 1] + "…" and len(title) > 250
    assert extract_text("x" * 400, label="b.txt").title == "x" * 299 + "…"  # one word: cut
    assert extract_text("A short headline\nbody", label="c.txt").title == "A short headline"


def test_legacy_encoding_is_detected(tmp_path: Path) -> None:
    text = "Министерство финансов США ввело санкции против Андрея Деркача. " * 5
    path = tmp_path / "cp1251.txt"
    path.write_bytes(text.encode("cp1251"))
    assert "Андрея Деркача" in extract(read_file(path), label=path.name).text


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"ELF?\x00\x01\x02\x03\x00\x00binary", "a binary file"),
    ],
)
def test_binary_files_are_refused(tmp_path: Path, data: bytes, what: str) -> None:
    path = tmp_path / "thing.txt"
    path.write_bytes(data)
    with pytest.raises(ParseError, match=f"thing.txt is {what}, not an article"):
        extract(read_file(path), label=path.name)


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>t</title>',
        b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- generator -->\n<feed xmlns="http://www.w3.org/2005/Atom">',
        b'<?xml version="1.0"?><?xml-stylesheet href="s.xsl"?><rdf:RDF xmlns:rdf="x">',
        b"<rss>\n<channel>",
    ],
)
def test_a_feed_is_refused_as_an_article_not_scanned_as_markup(data: bytes) -> None:
    """Trial 4: `news scan --file feed.xml` stored the feed's XML as one article's text, its title
    '<?xml version="1.0" ...'; a feed is scanned with --feed."""
    item = b"<item><title>Andrii Derkach</title></item>"
    with pytest.raises(
        ParseError, match=r"^feed.xml is an RSS or Atom feed, not an article: scan it with --feed URL$"
    ):
        extract(data + item, label="feed.xml")


def test_an_article_that_speaks_of_a_feed_is_still_an_article() -> None:
    """The near miss: text or HTML naming <rss> or <feed> below its start is read as an article."""
    text = b"Feeds and you\n\nA <rss> element starts a feed; Andrii Derkach spoke."
    assert "Andrii Derkach" in extract(text, label="a.txt").text
    html = b"<html><body><p>See <feed> and <rss> tags. Andrii Derkach spoke.</p></body></html>"
    assert "Andrii Derkach" in extract(html, label="a.html").text
    xml = b'<?xml version="1.0"?>\n<html><body><p>Andrii Derkach spoke.</p></body></html>'
    assert "Andrii Derkach" in extract(xml, label="a.xhtml").text


def test_50_mb_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # sparse: costs no disk and proves nothing is read
        fh.truncate(50 * 1024 * 1024)
    with pytest.raises(ParseError, match=r"huge.txt is 52.4 MB; an article may be at most 10 MB"):
        read_file(path)
    failures = Failures()
    assert list(from_path(path, failures)) == []
    assert failures.items == [
        "huge.txt is 52.4 MB; an article may be at most 10 MB (split it, or scan the pages it came from)"
    ]


def test_folder_scan_reports_bad_files_and_keeps_going(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("A title\n\nArtem Lifshits spoke.")
    (tmp_path / "bad.html").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    failures = Failures()
    docs = list(from_path(tmp_path, failures))
    assert [Path(d.location).name for d in docs] == ["good.txt"]
    assert len(failures.items) == 1 and "bad.html is a PNG image" in failures.items[0]
    assert len(failures.notes) == 1 and "skipped 1 files" in failures.notes[0]


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("  \n")
    with pytest.raises(ParseError, match="empty.txt is empty"):
        extract(read_file(path), label=path.name)


def test_feed_items() -> None:
    result = parse_feed((FIXTURES / "feed.xml").read_bytes(), label="feed.xml")
    assert result.title == "Example World News"
    assert [i.link for i in result.items] == [
        "https://news.example.org/derkach",
        "https://news.example.org/wheat",
    ]
    assert result.items[0].published_at == datetime(2020, 9, 10, 18, 30)
    assert result.warning is None


def test_malformed_feed_is_a_clear_error() -> None:
    with pytest.raises(ParseError, match="malformed-feed.xml: not an RSS or Atom feed"):
        parse_feed((FIXTURES / "malformed-feed.xml").read_bytes(), label="malformed-feed.xml")


def test_truncated_feed_keeps_what_it_can_read() -> None:
    data = (FIXTURES / "feed.xml").read_bytes()
    truncated = data[: data.index(b"<title>Wheat")]
    result = parse_feed(truncated, label="feed.xml")
    assert [i.link for i in result.items][0] == "https://news.example.org/derkach"
    assert result.warning is not None and "malformed but readable" in result.warning


def client_for(handler: httpx.MockTransport) -> httpx.Client:
    return httpx.Client(transport=handler)


def test_http_error_is_a_clear_fetch_error() -> None:
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url)
        return httpx.Response(404)

    with pytest.raises(FetchError, match=r"https://news.example.org/feed: HTTP 404 Not Found"):
        fetch_feed("https://news.example.org/feed", client=client_for(httpx.MockTransport(handler)))
    assert len(calls) == 1  # a 404 is not retried


def test_server_errors_are_retried_then_reported() -> None:
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url)
        return httpx.Response(503)

    with pytest.raises(FetchError, match=r"HTTP 503 Service Unavailable \(after 2 attempts\)"):
        get("https://news.example.org/a", client=client_for(httpx.MockTransport(handler)), retries=1)
    assert len(calls) == 2


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (httpx.ConnectError("[Errno 111] Connection refused"), "cannot connect: connection refused"),
        (httpx.ConnectError("[Errno -2] Name or service not known"), "cannot connect: host name not found"),
        (httpx.RemoteProtocolError("Server disconnected"), "connection failed: Server disconnected"),
    ],
)
def test_a_transport_failure_is_said_in_words_not_the_exception_name(error: Exception, said: str) -> None:
    """Trial 1: a refused news URL said 'ConnectError: [Errno 111] Connection refused'."""

    def handler(request: httpx.Request) -> httpx.Response:
        raise error

    with pytest.raises(FetchError) as caught:
        get("https://news.example.org/a", client=client_for(httpx.MockTransport(handler)), retries=0)
    assert str(caught.value).startswith(f"https://news.example.org/a: {said}")
    assert "Error" not in str(caught.value)


def test_timeouts_are_reported() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    with pytest.raises(FetchError, match="timed out"):
        get(
            "https://news.example.org/a",
            client=client_for(httpx.MockTransport(handler)),
            retries=0,
            timeout=1,
        )


def test_conditional_get_uses_validators() -> None:
    seen: dict[str, str] = {}

    def handler(request: httpx.Request) -> httpx.Response:
        seen.update(request.headers)
        return httpx.Response(304)

    result = fetch_feed(
        "https://news.example.org/feed",
        client=client_for(httpx.MockTransport(handler)),
        etag='"abc"',
        last_modified="Thu, 10 Sep 2020 18:30:00 GMT",
    )
    assert result.status == "not_modified" and result.items == []
    assert seen["if-none-match"] == '"abc"'
    assert seen["if-modified-since"] == "Thu, 10 Sep 2020 18:30:00 GMT"


def test_download_size_cap() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"x" * 2048)

    with pytest.raises(FetchError, match="cap"):
        get("https://news.example.org/a", client=client_for(httpx.MockTransport(handler)), max_bytes=1024)
    assert MAX_ARTICLE_BYTES == 10 * 1024 * 1024
