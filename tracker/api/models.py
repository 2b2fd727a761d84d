"""Request bodies of the API and the shapes of its main answers (for the OpenAPI schema)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tracker.matching.query import MAX_QUERY_CHARS
from tracker.screening.columns import query_field

_OWN_KEYS = frozenset(("name", "dob", "country", "type", "id", "identifiers"))
_PARTS = ("given", "middle", "surname")


class MatchQuery(BaseModel):
    """One person or entity to screen (the fields of a `tracker search --batch` JSON line)."""

    model_config = ConfigDict(extra="forbid")

    # Optional so that one query without a name gets its own error (or an identifier-only search)
    # instead of a 422 for the whole batch.
    # No max_length: a name too long is the 400 of a bad query (tracker.api.routes.search), as in
    # GET /search and as the README says, not FastAPI's 422 for an unreadable request.
    name: str | None = Field(
        default=None,
        description=f"The name as written, any script (at most {MAX_QUERY_CHARS} characters); may be "
        "left out when `identifiers` are given.",
    )
    dob: str | None = Field(default=None, max_length=40, description="Date of birth YYYY[-MM[-DD]].")
    country: str | None = Field(default=None, max_length=100, description="ISO code or country name.")
    type: str | None = Field(
        default=None, max_length=40, description="person, entity, vessel, aircraft or any."
    )
    id: str | None = Field(default=None, max_length=200, description="Your reference, copied to the answer.")
    identifiers: list[Annotated[str, Field(max_length=100)]] = Field(
        default_factory=list,
        max_length=20,
        description="Passport, national id, registration, IMO, BIC ... numbers: an entry listing one "
        "(letters and digits compared, at least 5) is a result of score 1.0, match_kind identifier.",
    )

    @model_validator(mode="before")
    @classmethod
    def _read_spellings(cls, data: Any) -> Any:
        """The keys a user sends read as a batch JSON line's are (trial 3: ``full_name``,
        ``fullName`` and ``"dob": 1967`` were a 422): ``full_name`` / ``Full Name`` / ``fullName``
        is the name, ``date_of_birth`` / ``birthDate`` the dob, ``nationality`` the country,
        ``first_name`` + ``last_name`` a name in parts; a number is read as the text of a dob or
        an id. A key read as nothing stays, and is refused by name (422), never ignored."""
        if not isinstance(data, dict):
            return data
        read: dict[str, Any] = {}
        parts: dict[str, Any] = {}
        seen: dict[str, str] = {}
        for key, value in data.items():
            field = key if key in _OWN_KEYS else query_field(key) if isinstance(key, str) else None
            if field is None:
                read[key] = value
                continue
            if field in seen:
                raise ValueError(f"two keys for one field ({seen[field]}, {key}): give one")
            seen[field] = key
            if field in ("dob", "id") and isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            if field in _PARTS:
                parts[field] = value
            else:
                read[field] = value
        if parts:
            named = ", ".join(seen[field] for field in ("name", *_PARTS) if field in seen)
            if "name" in read:
                raise ValueError(f"both a name and name parts ({named}): give the full name or its parts")
            if "surname" not in parts or "given" not in parts:
                raise ValueError(
                    f"only part of a name ({named}): give a surname with a given name, or the full name "
                    "(one part alone would match nobody, a false all clear)"
                )
            if not all(value is None or isinstance(value, str) for value in parts.values()):
                raise ValueError(f"the name parts ({named}) must be text")
            words = [parts[field].strip() for field in _PARTS if isinstance(parts.get(field), str)]
            read["name"] = " ".join(word for word in words if word) or None
        return read


class MatchRequest(BaseModel):
    """A batch of queries: one answer per query, in order."""

    model_config = ConfigDict(extra="forbid")

    queries: list[MatchQuery] = Field(description="The queries (at most TRACKER_API_MAX_MATCH_QUERIES).")
    limit: int = Field(default=5, ge=1, le=100)
    threshold: float | None = Field(default=None, ge=0.0, le=1.0, allow_inf_nan=False)
    source: list[str] | None = Field(default=None, description="Only these lists.")
    as_of: str | None = Field(default=None, description="The lists as they stood on YYYY-MM-DD.")
    mentions: int = Field(default=0, ge=0, le=10, description="News mentions per result.")


class FtmQuery(BaseModel):
    """A yente / FollowTheMoney example entity: the schema and its properties (name, birthDate,
    nationality, country, ...). Properties other than names, dates and countries are accepted and
    ignored. A number is read as its text (a client's ``"birthDate": [1967]``: FtM values are
    strings, and a 422 for a year is no answer)."""

    model_config = ConfigDict(extra="allow", coerce_numbers_to_str=True)

    schema_: str = Field(default="Thing", alias="schema")
    properties: dict[str, list[str] | str] = Field(default_factory=dict)


class YenteMatchRequest(BaseModel):
    """yente's /match request: named example entities."""

    model_config = ConfigDict(extra="allow")

    queries: dict[str, FtmQuery]


class Answer(BaseModel):
    """One screening answer (as `tracker search --json`): status match / no_match / error, the
    results best first, and every list snapshot it was checked against."""

    model_config = ConfigDict(extra="allow")

    status: str
    query: str | None = None
    hits: int | None = None
    results: list[dict[str, Any]] | None = None
    checked_against: list[dict[str, Any]]
    error: str | None = None
    not_checked: list[str] | None = None  # stored lists with no snapshot yet at as_of
    warnings: list[str] | None = None


class MatchAnswer(BaseModel):
    """One answer per query, in the order asked."""

    responses: list[Answer]
