"""A Ctrl-C between a snapshot's commit and the line that reports it: held until the line is out.

``tracker import`` reports each file once it is applied. The commit and that line are two steps;
a Ctrl-C between them kept a stored snapshot unreported. Around each file (``reported_commit``), a
Ctrl-C before the commit begins still raises at once (the transaction rolls back); from the commit
on (``committing``, said by tracker.landing) it is held, and raised once the file is reported.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

_committing = False


def committing() -> None:
    """The snapshot's transaction commits now: a Ctrl-C from here waits for the report (a no-op
    outside ``reported_commit``)."""
    global _committing
    _committing = True


@contextmanager
def reported_commit() -> Iterator[None]:
    """Apply and report one file inside: a Ctrl-C after ``committing`` is raised at the end. Only
    in the main thread, and only where Python's own handler is in place (otherwise: no change)."""
    global _committing
    _committing = False
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    ):
        yield
        return
    held = False

    def handler(signum: int, frame: FrameType | None) -> None:
        nonlocal held
        if not _committing:
            raise KeyboardInterrupt
        held = True

    signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        _committing = False
    if held:
        raise KeyboardInterrupt
