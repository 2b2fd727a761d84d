"""tracker.store.runlog: one run found by its id, as the log lists it."""

from __future__ import annotations

from tracker.store.jobs_models import RunStatus
from tracker.store.runlog import finish_run, recent_runs, run_by_id, start_run


def test_a_run_is_found_by_its_id_in_the_shape_the_log_lists_it(engine):
    def start(job: str) -> int:
        return start_run(engine, job, source=None, trigger="api", attempt=1, host="h", pid=1)

    sync, other = start("api_sync"), start("sync")
    finish_run(engine, sync, RunStatus.OK, counts={"ok": True}, error=None)
    found = run_by_id(engine, sync, job="api_sync")
    assert found == next(r for r in recent_runs(engine, limit=0) if r["id"] == sync)
    assert found is not None and found["counts"] == {"ok": True} and found["status"] == "ok"
    assert run_by_id(engine, other, job="api_sync") is None  # another job's run is no sync run
    assert run_by_id(engine, other) is not None
    assert run_by_id(engine, other + 1000) is None
