"""Bytes of a page or file -> article text, title, date and language.

HTML goes through trafilatura (main text, title, date); plain text is taken as it is (first line =
title). Encodings: BOM, then the declared charset, then UTF-8, then charset-normalizer's best guess.
Binary files (PDF, images, archives, anything with NUL bytes) and files over the size cap are refused
with one clear line: a news article is never tens of megabytes, and reading such a file whole would
only burn memory.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tracker.errors import ParseError
from tracker.names.scripts import script_counts

MAX_ARTICLE_BYTES = 10 * 1024 * 1024
MAX_TITLE_CHARS = 300  # a text file's first line as its title: a headline, not a paragraph
SNIFF_BYTES = 8192

_BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or Office document)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
    b"\xd0\xcf\x11\xe0": "an old Office document",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<article|<div|<p[ >])", re.IGNORECASE)
# An RSS / Atom / RDF feed document (after an XML declaration and comments): a feed, not an article.
_FEED_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<\?[^>]*\?>\s*)*<(?:rss|feed|rdf:RDF)[\s>]",
    re.DOTALL,
)
_HTML_LANG = re.compile(r"""<html[^>]*\blang\s*=\s*["']?([A-Za-z]{2,3})""", re.IGNORECASE)
_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_LATIN_WORD = re.compile(r"[a-zà-ÿ]+")

# Month names as datelines write them (English, German, French; Russian and Ukrainian genitive).
_MONTH_WORDS = {
    word: number
    for number, words in enumerate(
        (
            "january jan januar janvier января січня",
            "february feb februar février fevrier февраля лютого",
            "march mar märz mars марта березня",
            "april apr avril апреля квітня",
            "may mai мая травня",
            "june jun juni juin июня червня",
            "july jul juli juillet июля липня",
            "august aug août aout августа серпня",
            "september sep sept septembre сентября вересня",
            "october oct oktober octobre октября жовтня",
            "november nov novembre ноября листопада",
            "december dec dezember décembre decembre декабря грудня",
        ),
        start=1,
    )
    for word in words.split()
}
_DATE_WRITTEN = (
    r"(?:(?P<d1>\d{1,2})\.?\s+(?P<m1>[^\W\d_]{3,9})\.?,?\s+(?P<y1>\d{4})"  # 10 September 2020
    r"|(?P<m2>[^\W\d_]{3,9})\.?\s+(?P<d2>\d{1,2}),?\s+(?P<y2>\d{4})"  # Sept. 10, 2020
    r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})"  # 2020-09-10
    r"|(?P<d4>\d{1,2})\.(?P<m4>\d{1,2})\.(?P<y4>\d{4}))"  # 10.09.2020
    r"(?:\s*(?:г|р)(?:ода|оку)?\.?)?"  # Russian "г." / Ukrainian "р."
)
# A dateline opens a line of the article's head: the place (words, no digits: "KYIV, Ukraine", maybe
# a weekday), a comma, the date, then an agency in brackets and a dash, or the end of the line ("WASHINGTON, Sept. 10, 2020
# (Reuters) - ..."; "МОСКВА, 10 сентября 2020 г. —"). A date anywhere else in a sentence is what the
# story tells of, not when it was written.
_DATELINE = re.compile(
    rf"[^\W\d_][^\d\n]{{0,40}}?,\s*{_DATE_WRITTEN}"
    r"\s*(?:\([^()\n]{1,40}\)\s*)?(?:[-–—:]|$)"
)
_DATELINE_LINES = 6  # non-empty lines of the head where a dateline may stand (title, byline, photo credit)

# A few very frequent function words per language: enough to label Latin-script news.
_STOPWORDS = {
    "en": "the of and to in is that for on was with said by from",
    "de": "der die und das ist nicht mit den von sich auf für dem des",
    "fr": "le la les des et est une dans pour que qui sur par du",
    "es": "el la los las del que en por con una para según fue",
    "it": "il che della per con del una sono gli alla nel",
    "pl": "i w na nie się z że do jest to przez oraz",
    "pt": "o os da do que em para com uma não pelo",
}
_STOPWORD_SETS = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}
# The language of a text written mostly in one of these scripts (Cyrillic and Latin are told apart
# further by letters and function words).
_SCRIPT_LANGUAGES = {"Arab": "ar", "Hani": "zh", "Grek": "el", "Hebr": "he", "Hang": "ko", "Jpan": "ja"}


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    title: str | None
    published_at: datetime | None
    language: str | None


def check_size(size: int, label: str, limit: int = MAX_ARTICLE_BYTES) -> None:
    if size > limit:
        raise ParseError(
            f"{label} is {size / 1e6:.1f} MB; an article may be at most {limit / 1e6:.0f} MB "
            "(split it, or scan the pages it came from)"
        )


def read_file(path: Path, limit: int = MAX_ARTICLE_BYTES) -> bytes:
    """A local article file, refused before reading when it is over the cap."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ParseError(f"cannot read {path}: {exc.strerror or exc}") from exc
    check_size(size, path.name, limit)
    return path.read_bytes()


def check_not_binary(data: bytes, label: str) -> None:
    head = data[:SNIFF_BYTES]
    for magic, what in _BINARY_MAGIC.items():
        if head.startswith(magic):
            raise ParseError(f"{label} is {what}, not an article (text or HTML)")
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ParseError(f"{label} is a binary file, not an article (text or HTML)")


def decode(data: bytes, label: str, declared: str | None = None) -> str:
    """Bytes -> text: BOM, declared / <meta> charset, UTF-8, then charset-normalizer's guess."""
    check_not_binary(data, label)
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    meta = _META_CHARSET.search(data[:4096])
    for charset in (declared, meta.group(1).decode("ascii") if meta else None, "utf-8"):
        if not charset:
            continue
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 1024 * 1024]).best()
    if best is None or best.encoding is None:
        raise ParseError(f"{label}: cannot tell the text encoding; it may be a binary file")
    return data.decode(best.encoding, errors="replace")


def is_html(data: bytes | str, name: str = "", content_type: str | None = None) -> bool:
    if content_type and "html" in content_type.lower():
        return True
    if name.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    head = data[:1024]
    if isinstance(head, str):
        head = head.encode("utf-8", errors="ignore")
    return bool(_HTML_START.search(head))


def extract(
    data: bytes,
    *,
    label: str,
    url: str | None = None,
    content_type: str | None = None,
    charset: str | None = None,
) -> Extracted:
    """Article text, title, date and language from the bytes of an HTML page or a text file."""
    check_size(len(data), label)
    if _FEED_START.match(data[:SNIFF_BYTES]):  # trial 4: its XML markup was scanned as the text
        raise ParseError(f"{label} is an RSS or Atom feed, not an article: scan it with --feed URL")
    text = decode(data, label, charset)
    if is_html(data, label, content_type):
        return extract_html(text, label=label, url=url)
    return extract_text(text, label=label)


def extract_html(html: str, *, label: str, url: str | None = None) -> Extracted:
    try:
        import trafilatura
    except ImportError as exc:  # trafilatura needs lxml_html_clean with lxml >= 5.2
        raise ParseError(f"cannot extract HTML ({exc}); install trafilatura and lxml_html_clean") from exc
    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, favor_recall=True
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        text = _plain_text(html)  # short snippets (feed summaries) are below trafilatura's minimum
    if not text:
        raise ParseError(f"{label}: no article text found in the HTML page")
    lang_match = _HTML_LANG.search(html[:4096])
    language = getattr(document, "language", None) or (lang_match.group(1).lower() if lang_match else None)
    return Extracted(
        text=text,
        title=getattr(document, "title", None),
        # a dateline first: with no date in the page's metadata, trafilatura guesses one from any year
        # in the text ("2020" -> 2020-01-01)
        published_at=dateline_date(text) or parse_date(getattr(document, "date", None)),
        language=language or detect_language(text),
    )


def _plain_text(html: str) -> str:
    from lxml import html as lxml_html

    try:
        root = lxml_html.fromstring(html)
    except (ValueError, SyntaxError):
        return ""
    for element in root.xpath("//script|//style|//noscript"):
        element.drop_tree()
    return "\n".join(line.strip() for line in root.text_content().splitlines() if line.strip())


def extract_text(text: str, *, label: str) -> Extracted:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ParseError(f"{label} is empty")
    title = next((line.strip() for line in text.splitlines() if line.strip()), None)
    match = _DATE_IN_NAME.search(Path(label).name)
    published = None
    if match:
        try:
            published = datetime(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            published = None
    if published is None:
        published = dateline_date(text)
    return Extracted(
        text=text,
        title=short_title(title) if title else None,
        published_at=published,
        language=detect_language(text),
    )


def short_title(text: str, limit: int = MAX_TITLE_CHARS) -> str:
    """``text`` when at most ``limit`` characters, else cut at the last word boundary before the
    limit with an ellipsis ("..."), never mid-word; a single word longer than the limit is cut."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if text[limit - 1].isalnum() and head[-1].isalnum():  # the cut falls inside a word: drop it
        cut = head.rstrip()
        space = max(cut.rfind(" "), cut.rfind("\t"))
        head = cut[:space] if space > 0 else head
    return head.rstrip(" \t,;:-") + "\u2026"


def dateline_date(text: str) -> datetime | None:
    """The date of a dateline opening one of the first lines ("MOSCOW, Sept. 10, 2020 (Reuters) -"),
    for an article that gives no date otherwise; None without one or when its date is no real day."""
    lines = (line.strip() for line in text.splitlines())
    for line in [line for line in lines if line][:_DATELINE_LINES]:
        match = _DATELINE.match(line)
        if match is None:
            continue
        parts = {key[0]: value for key, value in match.groupdict().items() if value}
        month = parts["m"]
        number = int(month) if month.isdigit() else _MONTH_WORDS.get(month.casefold())
        if number is None:
            continue
        try:
            return datetime(int(parts["y"]), number, int(parts["d"]))
        except ValueError:
            continue
    return None


def parse_date(value: str | None) -> datetime | None:
    """ISO date or date-time (any offset) -> naive UTC datetime; None when absent or unreadable."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        from datetime import UTC

        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


def detect_language(text: str) -> str | None:
    """ISO 639-1 code from the script, and for Latin script from frequent function words."""
    sample = text[:20000]
    letters = script_counts(sample)
    if not letters:
        return None
    kana = letters.pop("Hira", 0) + letters.pop("Kana", 0)
    if kana:  # counted as one script: a Japanese text mixes both kana with Han
        letters["Jpan"] = kana
    script = max(letters, key=letters.__getitem__)
    if script == "Cyrl":
        return "uk" if re.search("[іїєґІЇЄҐ]", sample) else "ru"
    if script != "Latn":
        return _SCRIPT_LANGUAGES.get(script)
    words = Counter(_LATIN_WORD.findall(sample.lower()))
    scores = {lang: sum(words[w] for w in stop) for lang, stop in _STOPWORD_SETS.items()}
    lang, best = max(scores.items(), key=lambda item: item[1])
    return lang if best >= 3 else None
