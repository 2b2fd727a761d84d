"""`tracker search`: find a name across every stored list, explained, and say what it was checked
against; `--batch` screens a file of names (tracker.screening.batch).

Exit codes (tracker.cli.app): 0 screened; 1 a match with --fail-on-hit; 2 a bad query, option or
batch line (every such line is named on stderr; the readable lines are still answered); 4 no data
(no list stored for the selection, or lists last confirmed current longer ago than --max-age).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from tracker.cli.app import (
    EXIT_FAILED,
    EXIT_NO_DATA,
    EXIT_OK,
    EXIT_USAGE,
    app,
    describe_mention,
    get_engine,
    get_settings,
    parse_date,
)
from tracker.cli.term import (
    console,
    data_stdout,
    err,
    err_console,
    error,
    flat,
    is_unicode,
    json_text,
    out,
    out_indented,
    print_json,
    quoted,
    styled,
    warning,
    without_escapes,
)
from tracker.dates import read_dob, refuse_future_day, take_dates
from tracker.errors import TrackerError, UsageError
from tracker.screening.answers import AnswerWriter, answer
from tracker.screening.batch import INPUT_FORMATS, OUTPUT_FORMATS, BadLine, columns_message, read_batch
from tracker.screening.coverage import Coverage
from tracker.sources.registry import get_source

# The options of `tracker search`, declared here so the command reads as its steps.
QueryArg = Annotated[str | None, typer.Argument(help='A name, e.g. "Andrei Derkach" or "Андрій Деркач".')]
LimitOpt = Annotated[int, typer.Option(min=1, max=1000, help="At most this many results per name.")]
ThresholdOpt = Annotated[
    float | None,
    typer.Option(
        min=0.0,
        max=1.0,
        # The value is written out (tracker.matching stays unimported until a search runs);
        # tests/cli/test_search.py checks it against DEFAULT_THRESHOLD.
        help="Only results scoring at least this (0 shows every candidate; default 0.80, the "
        "evaluated threshold).",
    ),
]
SourceOpt = Annotated[list[str] | None, typer.Option("--source", help="Only these lists (repeatable).")]
TypeOpt = Annotated[str, typer.Option("--type", help="person, entity, vessel, aircraft or any.")]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", help="Search the lists as they stood on YYYY-MM-DD.")]
DobOpt = Annotated[
    str | None,
    typer.Option(
        help="Date of birth YYYY[-MM[-DD]] (also 19.08.1967, 1967/08/19, 19 Aug 1967): raises or lowers scores."
    ),
]
CountryOpt = Annotated[str | None, typer.Option(help="Country (ISO code or name): raises or lowers scores.")]
BatchOpt = Annotated[
    Path | None,
    typer.Option(
        help="Screen a file of names ('-' for stdin): plain lines, JSON lines (name, dob, country, id, "
        "type) or CSV with a name column (name, full_name, Customer Name ...); one answer per name."
    ),
]
InputFormatOpt = Annotated[
    str, typer.Option("--input-format", help=f"--batch file format: {', '.join(INPUT_FORMATS)}.")
]
NameColumnOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--name-column",
        metavar="COLUMN",
        help="--batch: screen this CSV column or JSON key as a name too (repeatable); Director, "
        "Spouse, UBO, AKA ... are screened without it, each answer naming its column.",
    ),
]
SkipColumnOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--skip-column",
        metavar="COLUMN",
        help="--batch: this column or key holds no names (repeatable): not read, and no row is "
        "answered 'not screened' for it.",
    ),
]
OutputFormatOpt = Annotated[
    str, typer.Option("--output-format", help=f"--batch answers as {' or '.join(OUTPUT_FORMATS)}.")
]
MaxAgeOpt = Annotated[
    int | None,
    typer.Option(
        "--max-age",
        min=0,
        help="Exit 4 when a list was last confirmed current more than this many days ago "
        "(default TRACKER_MAX_LIST_AGE_DAYS, 7; 0: no limit).",
    ),
]
FailOnHitOpt = Annotated[bool, typer.Option("--fail-on-hit", help="Exit 1 when any name matches.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable JSON on stdout.")]


@app.command()
def search(
    query: QueryArg = None,
    limit: LimitOpt = 10,
    threshold: ThresholdOpt = None,
    source: SourceOpt = None,
    entity_type: TypeOpt = "any",
    as_of: AsOfOpt = None,
    dob: DobOpt = None,
    country: CountryOpt = None,
    batch: BatchOpt = None,
    input_format: InputFormatOpt = "auto",
    output_format: OutputFormatOpt = "jsonl",
    name_column: NameColumnOpt = None,
    skip_column: SkipColumnOpt = None,
    max_age: MaxAgeOpt = None,
    fail_on_hit: FailOnHitOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Search a name across all lists, in any script and spelling, with the reason for each match.

    Transliteration- and typo-tolerant; each answer says the list snapshots it was checked against."""
    from tracker.matching import DEFAULT_THRESHOLD
    from tracker.matching.query import check_country, check_dob, check_entity_type

    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    if (query is None) == (batch is None):
        raise UsageError('give a QUERY or --batch FILE (e.g. tracker search "Andrei Derkach")')
    if batch is None and (name_column or skip_column):
        raise UsageError("--name-column and --skip-column go with --batch FILE")
    if batch is None and (input_format != "auto" or output_format != "jsonl"):
        raise UsageError("--input-format and --output-format go with --batch FILE (one QUERY: --json)")
    if batch is not None and (dob or country):  # trial 4: they were ignored, every row screened without
        raise UsageError(
            "--dob and --country go with one QUERY: in a --batch FILE give them as columns (dob, country)"
        )
    if output_format not in OUTPUT_FORMATS:
        raise UsageError(f"unknown --output-format {output_format!r} (use {' or '.join(OUTPUT_FORMATS)})")
    if input_format not in INPUT_FORMATS:
        raise UsageError(f"unknown --input-format {input_format!r} (use one of: {', '.join(INPUT_FORMATS)})")
    for name in source or []:
        get_source(name)
    # a bad filter is a usage error (exit 2) even before the store is opened or found empty
    dob = check_dob(read_dob(dob))
    check_country(country)
    check_entity_type(entity_type)
    if query is not None:
        # a date written in the name: the rule a batch line follows (take_dates)
        taken = take_dates(without_escapes(query), dob)
        query, dob = taken.name, taken.dob
        if taken.note is not None:
            warning(taken.note)
    settings = get_settings()
    when = parse_date(as_of, end_of_day=True, option="--as-of")
    refuse_future_day(when, "--as-of")
    options = dict(limit=limit, threshold=threshold, sources=source or None, entity_type=entity_type)
    screening = _open(
        settings, when, source, settings.max_list_age_days if max_age is None else max_age, options
    )
    if batch is not None:
        columns = (name_column or [], skip_column or [])
        code = _batch(screening, batch, input_format, output_format, fail_on_hit, columns)
    else:
        assert query is not None
        code = _single(screening, query, dob=dob, country=country, as_json=as_json, fail_on_hit=fail_on_hit)
    raise typer.Exit(code)


def _open(settings: Any, when: Any, sources: list[str] | None, max_age: int, options: dict[str, Any]) -> Any:
    """The screening over the lists selected; exits 4 when there is no list to screen against."""
    from tracker.screening.screen import Screening, lists_checked
    from tracker.search import load_index
    from tracker.store.models import utcnow

    engine = get_engine(settings)
    checked = lists_checked(engine, sources=sources, as_of=when, max_age_days=max_age, now=utcnow())
    if checked.empty:
        which = f" from {', '.join(sources)}" if sources else ""
        at = f" as of {when:%Y-%m-%d}" if when is not None else ""
        error(
            f"no list{which} stored{at}: nothing to screen against (run `tracker sync` or `tracker import`)"
        )
        raise typer.Exit(EXIT_NO_DATA)
    with err_console.status("loading the name index"):
        loaded = load_index(engine, settings, as_of=when)
    return Screening(engine, loaded, checked, options)


def _stale_code(checked: Coverage) -> int:
    """Warn of each stale list and of the lists not checked (--as-of before their first snapshot);
    EXIT_NO_DATA when there is one: a "no match" says nothing of them."""
    for c in checked.stale:
        warning(
            f"{c.source}: list of {c.date}, last confirmed current {c.age_days} days ago (limit "
            f"{checked.max_age_days}, --max-age / TRACKER_MAX_LIST_AGE_DAYS): run `tracker sync {c.source}`"
        )
    missing = checked.not_checked_warning(err_console.width - len("warning: "))  # one line
    if missing:
        warning(missing)
    return EXIT_NO_DATA if checked.incomplete else EXIT_OK


def _single(
    screening: Any, query: str, *, dob: str | None, country: str | None, as_json: bool, fail_on_hit: bool
) -> int:
    query = without_escapes(query)  # a name pasted with its terminal colours
    results = screening.run(query, dob=dob, country=country)
    _attach_mentions(screening.engine, results)
    checked: Coverage = screening.coverage
    as_of = checked.as_of.date().isoformat() if checked.as_of else None
    asked = {"query": query, "dob": dob, "country": country, "as_of": as_of}
    if as_json:
        print_json(answer(asked, results, checked))
    else:
        print_results(results, query, screening.options["threshold"], checked)
    stale = _stale_code(checked)
    return EXIT_FAILED if fail_on_hit and results else stale


def print_results(results: list[dict[str, Any]], query: str, threshold: float, checked: Coverage) -> None:
    """Each result as a block that fits 80 columns, then the lists checked and the best one's news."""
    if not results:
        out(f"no match at or above {threshold:.2f} for {quoted(query)}")
    from tracker.matching.query import split_query_notes

    name, notes = split_query_notes(query)
    if notes:  # said once, with or without results: what was searched for
        noted = ", ".join(quoted(n) for n in notes)
        out(f"searched for the name {quoted(name)}; {noted} read as a note, not as name words")
    for rank, r in enumerate(results, start=1):
        head = f"{rank:>2}. {r['score']:.2f}  "
        key = f"{r['source']}:{r['source_id']}"  # what `show` takes: printed whole, never wrapped
        if len(head) + len(flat(r["name"])) + 2 + len(key) <= console.width:
            out((head, "bold"), (flat(r["name"]), "bold"), f"  {key}")
        else:
            out_indented(10, (head, "bold"), (flat(r["name"]), "bold"), first=0)
            console.print(styled(" " * 10, key), soft_wrap=True)
        for line in result_lines(r):
            if line:  # a row without a date or snapshot: no line of indent alone
                out_indented(10, line)
    out_indented(0, ("checked against: ", "dim"), checked.label)  # no trailing space where it wraps
    if results:
        for mention in results[0].get("mentions", [])[:3]:
            out_indented(2, describe_mention(mention))


def result_lines(r: dict[str, Any]) -> list[str]:
    """The lines under a result's name: matched name, why, the facts that tell namesakes apart,
    since when, and the snapshot checked."""
    flags = [
        flag
        for flag in ("weak alias" if r.get("weak_alias") else "", r.get("match_kind"))
        if flag and flag != "name"
    ]
    matched = flat(r["matched_name"]) + (f" ({', '.join(flags)})" if flags else "")
    facts = []
    if r.get("birth_dates"):
        facts.append("born " + ", ".join(r["birth_dates"]))
    if r.get("nationalities"):
        facts.append("nationality " + ", ".join(r["nationalities"]))
    if r.get("programs"):
        facts.append("programmes " + ", ".join(r["programs"]))
    if not facts:
        facts.append(f"{r['entity_type']}; no birth date or nationality listed")
    status = r.get("since") or ""
    snapshot = r.get("snapshot")
    if snapshot:
        status += f"; checked: {snapshot['source']} list of {snapshot['date']}"
    return [f"matched {matched}", f"why: {flat(r['explanation'])}", "; ".join(facts), status.strip("; ")]


def _batch(
    screening: Any,
    path: Path,
    input_format: str,
    output_format: str,
    fail_on_hit: bool,
    columns: tuple[list[str], list[str]] = ([], []),
) -> int:
    """One answer per query of the file; every unreadable line named on stderr (exit 2 at the end).
    A row with text in a column that may hold names and was not screened is answered error too,
    and named once per column at the end (exit 2): never a "no match"."""
    label = "stdin" if str(path) == "-" else str(path)
    hits = bad = 0
    unscreened: dict[str, int] = {}  # column -> rows with text in it, not screened
    with _binary_input(path) as stream:
        queries = read_batch(stream, label, input_format, warning, *columns)
        first = next(queries, None)  # refuses a binary or empty file before any output
        if first is None:
            raise UsageError(f"{label} holds no names")
        with data_stdout() as sink, err_console.status("screening") as status:
            writer = AnswerWriter(
                sink,
                output_format,
                lambda body: json_text(body, indent=None, ascii_only=not is_unicode(sink)),
            )
            answered, line = 0, 0
            try:
                for count, item in enumerate(_chain(first, queries), start=1):
                    body = _answer_one(screening, item)
                    if isinstance(item, BadLine) and item.unscreened and item.column is not None:
                        unscreened[item.column] = unscreened.get(item.column, 0) + 1  # said once, below
                    elif body["status"] == "error":
                        bad += 1
                        error(f"{label}: {body['error']}")
                    hits += body["status"] == "match"
                    writer.write(body)
                    answered, line = count, item.line
                    if count % 100 == 0:
                        status.update(f"screened {count:,} lines")
            except KeyboardInterrupt:
                # the answers written are a part of the file: say which part (trial 2)
                err(
                    f"{label}: stopped after {answered:,} answer(s), up to line {line:,}: the rest is not screened"
                )
                raise
    for column, rows in unscreened.items():
        error(
            f"{label}: not screened: column {column} ({rows} row(s) with text there, answered error: "
            f"it may hold names; give --name-column {column!r} to screen it, or --skip-column "
            f"{column!r} if it holds no names)"
        )
    if bad:
        err(f"{bad} line(s) of {label} could not be screened (named above; their answers say error)")
    if bad or unscreened:
        return EXIT_USAGE
    stale = _stale_code(screening.coverage)
    return EXIT_FAILED if fail_on_hit and hits else stale


def _chain(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    yield first
    yield from rest


def _answer_one(screening: Any, item: Any) -> dict[str, Any]:
    if isinstance(item, BadLine):
        asked = {"line": item.line, "id": item.id, "query": item.query}
        if item.column is not None:
            asked["column"] = item.column
        return answer(
            asked,
            None,
            screening.coverage,
            f"line {item.line}: {item.message}",
        )
    try:
        rows = screening.run(item.name, dob=item.dob, country=item.country, entity_type=item.type)
    except TrackerError as exc:
        return answer(item.as_json(), None, screening.coverage, f"line {item.line}: {exc}")
    if not rows and item.columns:  # no all clear for a line that may hold the name in a column
        return answer(item.as_json(), None, screening.coverage, f"line {item.line}: {columns_message(item)}")
    return answer(item.as_json(), rows, screening.coverage)


@contextlib.contextmanager
def _binary_input(path: Path) -> Iterator[IO[bytes]]:
    import sys

    if str(path) == "-":
        yield sys.stdin.buffer
        return
    if path.is_dir():
        raise UsageError(f"{path} is a folder: give a file of names")
    try:
        stream = path.open("rb")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    with stream:
        yield stream


def _attach_mentions(engine: Any, results: list[dict[str, Any]]) -> None:
    """The latest news mentions of each result (empty until `tracker news scan` has run)."""
    from tracker.store.news import recent_mentions

    with engine.connect() as conn:
        for result in results:
            result["mentions"] = recent_mentions(conn, result["source"], result["source_id"], limit=3)
