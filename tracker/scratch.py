"""Private scratch folders in the system's temporary folder that do not outlive a killed process.

A folder is named ``tracker-<kind>-<pid>-<random>``: the pid of the process that made it. That
process removes it when it is done; one killed before its cleanup could run (SIGKILL, the OOM killer,
a power cut) leaves it behind, and the next process that makes a folder of the same kind removes
every one whose process is gone. A folder of a live process, or of another user, is never touched.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path


def scratch_folder(kind: str) -> Path:
    """A new empty folder ``tracker-<kind>-<pid>-*`` in tempfile.gettempdir(), after sweeping the
    ones of that kind left by dead processes. ``kind`` is a plain word (import, metrics)."""
    sweep(kind)
    return Path(tempfile.mkdtemp(prefix=f"tracker-{kind}-{os.getpid()}-"))


def sweep(kind: str) -> list[Path]:
    """Remove the ``tracker-<kind>-<pid>-*`` folders whose process is gone; returns them."""
    pattern = re.compile(rf"tracker-{re.escape(kind)}-(\d+)-")
    base = Path(tempfile.gettempdir())
    removed: list[Path] = []
    try:
        candidates = list(base.iterdir())
    except OSError:
        return removed
    for path in candidates:
        match = pattern.match(path.name)
        if match is None or pid_alive(int(match.group(1))):
            continue
        try:
            if not path.is_dir() or path.is_symlink() or path.stat().st_uid != _uid():
                continue
        except OSError:
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def _uid() -> int:
    return os.getuid() if hasattr(os, "getuid") else -1


def pid_alive(pid: int) -> bool:
    """True while a process of that pid runs on this machine (a zombie counts as gone). Always True
    on Windows, where os.kill(pid, 0) would end the process: nothing is swept there."""
    if pid == os.getpid() or os.name == "nt":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    stat = Path(f"/proc/{pid}/stat")
    try:  # a killed but unreaped child is a zombie: dead for our purpose
        return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True
