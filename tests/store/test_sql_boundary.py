"""Every SQL statement lives in tracker/store: no other module builds one or runs one."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STATEMENTS = {"select", "insert", "update", "delete", "text", "func", "bindparam", "literal_column"}
RUNNERS = {"execute", "exec_driver_sql", "scalar", "scalars"}


def _outside_store() -> list[Path]:
    files = [*ROOT.joinpath("tracker").rglob("*.py"), *ROOT.joinpath("jobs").rglob("*.py")]
    store = ROOT / "tracker" / "store"
    return [p for p in files if store not in p.parents]


def _sql_uses(path: Path, root: Path = ROOT) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in {
            "sqlalchemy",
            "sqlmodel",
        }:
            found += [f"imports {a.name}" for a in node.names if a.name in STATEMENTS]
        elif (
            isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in RUNNERS
        ):
            found.append(f"calls .{node.func.attr}()")
    return [f"{path.relative_to(root)}:{use}" for use in found]


def test_no_sql_outside_the_store() -> None:
    files = _outside_store()
    assert len(files) > 40  # the walk found the packages
    assert [use for path in files for use in _sql_uses(path)] == []


def test_the_check_sees_sql(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from sqlalchemy import select, text\nconn.execute(select(x))\n", encoding="utf-8")
    assert [u.split(":", 1)[1] for u in _sql_uses(sample, tmp_path)] == [
        "imports select",
        "imports text",
        "calls .execute()",
    ]
