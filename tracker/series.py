"""What `tracker import` reads: list files, folders of dated files and archives, as one series of
files to import, each with the date its name gives.

* a list file (``.gz`` too) or a folder the list's parser reads as one snapshot (OFAC's CSV set):
  one item;
* a folder whose entries carry dates in their names (``2021-04-25/``, ``sdn_20210818T0939Z.csv``):
  one item per dated entry, oldest first;
* a ``.tar``, ``.tar.gz`` / ``.tgz``, ``.tar.xz`` / ``.txz``, ``.tar.bz2`` archive, or a ``.zip`` whose
  members carry dates in their names: one item per dated member (or dated folder of members), in the
  archive's order. A ``.zip`` without dated members is one list file (OFAC's CONS_ENHANCED.ZIP).

Inside a series, an entry with no date in its name (an index, a README) and a file that cannot be
read are skipped, each named in ``skipped``; the date in a name is used when the file states none.
Archive members are extracted one item at a time, just before they are parsed, into a private
temporary folder, and deleted once applied: disk use stays a few list files, not the archive's
879 MB (the 308 OFAC daily CSVs). The folder is removed when the import ends, or, when the import
was killed before it could remove it, by the next import (tracker.scratch).
"""

from __future__ import annotations

import re
import shutil
import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import IO

from tracker.errors import UsageError
from tracker.scratch import scratch_folder

TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz2")
ZIP_SUFFIXES = (".zip",)
# More members than any real history archive holds (OFAC's daily history: 309): a bound on the
# listing kept in memory for a hostile archive of millions of empty members.
MAX_MEMBERS = 100_000
_COPY_BLOCK = 1 << 20

_NAME_DATES = (
    re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?Z?"),  # 20210818T0939Z
    re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):?(\d{2}))?"),  # 2021-04-25, 2021-04-25T18:50
    re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)()()"),  # 20240513-FULL-1_1.xml (EU)
)


def date_in_text(name: str) -> datetime | None:
    """The date (and time) in a name: ``2021-04-25``, ``2021-04-25T18:50``, ``20210425T1850Z``,
    ``20240513`` (eight digits alone, years 1900-2099)."""
    for pattern in _NAME_DATES:
        for match in pattern.finditer(name):
            year, month, day, hour, minute = (int(g) if g else 0 for g in match.groups()[:5])
            try:
                return datetime(year, month, day, hour, minute)
            except ValueError:
                continue
    return None


def date_in_name(path: Path) -> datetime | None:
    """The date in a file's name, else in its folder's name (``2021-04-25/sdn.csv``)."""
    return date_in_text(path.name) or date_in_text(path.parent.name)


@dataclass
class SeriesItem:
    """One file (or folder) to import: where it is now, the date its name gives, and how to name it
    to the user and in the store (``archive.tar.xz:member.csv`` for an archive member)."""

    path: Path
    published: datetime | None
    label: str
    temporary: bool = False  # extracted from an archive: deleted once applied

    def discard(self) -> None:
        """Delete an extracted copy (nothing for the user's own files)."""
        if self.temporary:
            if self.path.is_dir():
                shutil.rmtree(self.path, ignore_errors=True)
            else:
                self.path.unlink(missing_ok=True)


@dataclass
class _Plan:
    """One input expanded: either items ready now, or an archive to extract lazily."""

    items: list[SeriesItem] = field(default_factory=list)
    archive: Path | None = None
    groups: list[tuple[str, datetime]] = field(default_factory=list)  # archive: dated prefix, date
    sizes: dict[str, int] = field(default_factory=dict)  # archive member -> bytes


class ImportSeries:
    """The files of one `tracker import`, in import order. Iterate once; ``close()`` removes what was
    extracted. ``total`` is known before the first file is read (for "N of M" progress)."""

    def __init__(self, plans: list[_Plan], skipped: list[str], max_member_bytes: int) -> None:
        self._plans = plans
        self.skipped = skipped
        self._max_member_bytes = max_member_bytes
        self._workdir: Path | None = None
        self.total = sum(len(p.groups) if p.archive else len(p.items) for p in plans)

    def __len__(self) -> int:
        return self.total

    def __iter__(self) -> Iterator[SeriesItem]:
        for plan in self._plans:
            if plan.archive is None:
                yield from plan.items
            elif zipfile.is_zipfile(plan.archive) and plan.archive.name.lower().endswith(ZIP_SUFFIXES):
                yield from self._zip_items(plan)
            else:
                yield from self._tar_items(plan)

    def close(self) -> None:
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None

    def __enter__(self) -> ImportSeries:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- archives: extracted one item at a time ---------------------------------------------------

    def _target(self, index: int, prefix: str) -> Path:
        if self._workdir is None:
            self._workdir = scratch_folder("import")  # swept by the next import if this one is killed
        return self._workdir / str(index) / PurePosixPath(prefix).name

    def _tar_items(self, plan: _Plan) -> Iterator[SeriesItem]:
        assert plan.archive is not None
        dates = dict(plan.groups)
        pending = {prefix: _members_under(plan.sizes, prefix) for prefix in dates}
        roots: dict[str, Path] = {}
        with tarfile.open(plan.archive, mode="r:*") as tar:  # members in order: seeks only forward
            for member in tar:
                prefix = _group_of(member.name, dates)
                if prefix is None or not member.isreg() or member.name not in pending[prefix]:
                    continue  # undated, not a file, or a second copy of a name already read
                root = roots.get(prefix) or roots.setdefault(prefix, self._target(len(roots) + 1, prefix))
                source = tar.extractfile(member)
                assert source is not None
                with source:
                    self._copy(source, root, prefix, member.name, plan.archive)
                pending[prefix].discard(member.name)
                if not pending[prefix]:
                    yield SeriesItem(root, dates[prefix], f"{plan.archive.name}:{prefix}", temporary=True)

    def _zip_items(self, plan: _Plan) -> Iterator[SeriesItem]:
        assert plan.archive is not None
        with zipfile.ZipFile(plan.archive) as archive:
            names = [info.filename for info in archive.infolist() if not info.is_dir()]
            for index, (prefix, when) in enumerate(plan.groups, 1):
                root = self._target(index, prefix)
                for name in _members_under(dict.fromkeys(names, 0), prefix):
                    with archive.open(name) as source:
                        self._copy(source, root, prefix, name, plan.archive)
                yield SeriesItem(root, when, f"{plan.archive.name}:{prefix}", temporary=True)

    def _copy(self, source: IO[bytes], root: Path, prefix: str, name: str, archive: Path) -> None:
        """Copy one member under ``root`` (the dated file itself, or the dated folder), refusing one
        larger than the size cap (a zip's stated size is not trusted: the bytes are counted)."""
        target = root.joinpath(*_parts(name)[len(_parts(prefix)) :])
        target.parent.mkdir(parents=True, exist_ok=True)
        written = 0
        with target.open("wb") as out:
            while block := source.read(_COPY_BLOCK):
                written += len(block)
                if written > self._max_member_bytes:
                    raise UsageError(
                        f"{archive.name}:{name} unpacks to more than {self._max_member_bytes:,} bytes "
                        "(TRACKER_MAX_DOWNLOAD_BYTES); not a list file"
                    )
                out.write(block)


def _parts(name: str) -> list[str]:
    """A member's path as safe parts: no root, no ``..`` (nothing is written outside the work folder)."""
    return [p for p in PurePosixPath(name).parts if p not in ("/", ".", "..")]


def _members_under(sizes: dict[str, int], prefix: str) -> set[str]:
    return {name for name in sizes if _parts(name)[: len(_parts(prefix))] == _parts(prefix)}


def _group_of(name: str, dates: dict[str, datetime]) -> str | None:
    """The dated prefix (a planned group) a member belongs to, or None."""
    parts = _parts(name)
    for i in range(1, len(parts) + 1):
        prefix = "/".join(parts[:i])
        if prefix in dates:
            return prefix
    return None


# --- planning: what each input is ---------------------------------------------------------------------


def plan_imports(
    paths: list[Path],
    *,
    published: datetime | None = None,
    date_from_name: bool = False,
    max_member_bytes: int = 512 * 1024 * 1024,
    reads_folders: bool = True,
) -> ImportSeries:
    """The series of files the given inputs hold (module docstring), before any is extracted.

    ``published`` dates a single list file that states no date; ``date_from_name`` takes the date of
    a given file from its name (inside a folder series or an archive, names always date the files).
    Without ``reads_folders`` (a source whose parser reads one file, not a folder), a folder stands
    for the one list file it holds (``un/2018-06-07/consolidated.xml.gz``); a dated folder holding
    none or several is skipped, a given folder holding none or several is refused.
    Raises UsageError for a missing or unreadable input, an archive that cannot be read or holds no
    dated file, a member over ``max_member_bytes``.
    """
    plans: list[_Plan] = []
    skipped: list[str] = []
    for path in paths:
        if not path.exists():
            raise UsageError(f"no such file or folder: {path}")
        if path.is_dir():
            plan = _plan_folder(path, published, date_from_name, skipped)
            if not reads_folders:
                plan.items = _files_for_folders(plan.items, path, skipped)
            plans.append(plan)
        elif _is_archive(path):
            plans.append(_plan_archive(path, skipped, max_member_bytes))
        else:
            _check_readable(path)
            when = date_in_name(path) if date_from_name else None
            plans.append(_Plan(items=[SeriesItem(path, when or published, str(path))]))
    return ImportSeries(plans, skipped, max_member_bytes)


def _is_archive(path: Path) -> bool:
    name = path.name.lower()
    if name.endswith(TAR_SUFFIXES):
        return True
    if name.endswith(ZIP_SUFFIXES) and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:  # a zip of dated files; else one list file
            return any(_dated_prefix(i.filename) for i in archive.infolist() if not i.is_dir())
    return False


def _check_readable(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            fh.read(1)
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from exc


def _plan_folder(folder: Path, published: datetime | None, date_from_name: bool, skipped: list[str]) -> _Plan:
    """A folder of dated entries is a series; any other folder is one snapshot (its parser reads it)."""
    try:
        children = sorted(folder.iterdir())
    except OSError as exc:
        raise UsageError(f"cannot read the folder {folder}: {exc.strerror or exc}") from exc
    dated = [(date_in_text(child.name), child) for child in children]
    if not any(when for when, _ in dated):
        when = date_in_name(folder) if date_from_name else None
        return _Plan(items=[SeriesItem(folder, when or published, str(folder))])
    items = []
    for when, child in dated:
        if when is None:
            skipped.append(f"{child} (no date in its name)")
            continue
        try:
            if child.is_file():
                _check_readable(child)
            else:
                next(child.iterdir(), None)
        except (OSError, UsageError) as exc:
            skipped.append(f"{child} ({_reason(exc)})")
            continue
        items.append(SeriesItem(child, when, str(child)))
    items.sort(key=lambda item: (item.published or datetime.min, item.label))
    return _Plan(items=items)


def _files_for_folders(items: list[SeriesItem], given: Path, skipped: list[str]) -> list[SeriesItem]:
    """Each folder item as the one list file it holds, dated as the folder was; UsageError when the
    folder the user gave is itself not one (a user mistake, not a rejected snapshot)."""
    out = []
    for item in items:
        if not item.path.is_dir():
            out.append(item)
            continue
        files = [p for p in sorted(item.path.iterdir()) if p.is_file() and not p.name.startswith(".")]
        if len(files) == 1:
            out.append(SeriesItem(files[0], item.published, str(files[0])))
            continue
        why = f"holds {len(files)} files; this source reads one list file: name it"
        if item.path == given:
            raise UsageError(f"{given} is a folder that {why}" if files else f"{given}: no list file in it")
        skipped.append(f"{item.path} ({why})")
    return out


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return f"cannot read it: {exc.strerror or exc}"
    return str(exc)


def _dated_prefix(name: str) -> tuple[str, datetime] | None:
    """The first part of a member's path that carries a date, with everything before it."""
    parts = _parts(name)
    for i, part in enumerate(parts):
        when = date_in_text(part)
        if when is not None:
            return "/".join(parts[: i + 1]), when
    return None


def _plan_archive(path: Path, skipped: list[str], max_member_bytes: int) -> _Plan:
    """List an archive's members (one streaming pass) and group them by their dated prefix."""
    sizes: dict[str, int] = {}
    try:
        if path.name.lower().endswith(ZIP_SUFFIXES):
            with zipfile.ZipFile(path) as archive:
                listing = [(i.filename, i.file_size) for i in archive.infolist() if not i.is_dir()]
        else:
            with tarfile.open(path, mode="r:*") as tar:  # not "r|*": its buffer copies are quadratic
                listing = []
                for member in tar:
                    if member.isreg():
                        listing.append((member.name, member.size))
                    if len(listing) > MAX_MEMBERS:
                        break
    except (tarfile.TarError, zipfile.BadZipFile, EOFError, OSError) as exc:
        raise UsageError(f"{path}: not a readable archive ({type(exc).__name__}: {exc})") from exc
    if len(listing) > MAX_MEMBERS:
        raise UsageError(f"{path}: more than {MAX_MEMBERS:,} files; not a list history archive")
    groups: dict[str, datetime] = {}
    for name, size in listing:
        dated = _dated_prefix(name)
        if dated is None:
            skipped.append(f"{path.name}:{name} (no date in its name)")
            continue
        if size > max_member_bytes:
            raise UsageError(
                f"{path.name}:{name} is {size:,} bytes, over {max_member_bytes:,} "
                "(TRACKER_MAX_DOWNLOAD_BYTES); not a list file"
            )
        sizes[name] = size
        groups.setdefault(*dated)
    if not groups:
        raise UsageError(
            f"{path}: no file in it has a date in its name (e.g. sdn_20210818T0939Z.csv, 2021-04-25/); "
            "unpack it and import the files with --published"
        )
    return _Plan(archive=path, groups=list(groups.items()), sizes=sizes)
