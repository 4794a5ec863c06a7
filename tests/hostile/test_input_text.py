"""Text that no document can carry is refused where it comes in, with a Vietnamese message,
and nothing is written: U+FFFE/U+FFFF and lone surrogates (a command-line byte that was not
UTF-8). The exporters clean anything older that is already stored (test_export_fuzz)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from cchc_desktop.errors import ValidationError
from cchc_desktop.store.domain import Task


@pytest.mark.parametrize("bad", ["\ufffe", "\uffff", "\udcff", "\ud800"])
def test_services_refuse_text_no_document_can_carry(demo_store, bad: str) -> None:
    plan = demo_store.plans.list()[0]
    before = demo_store.plans.task_count(plan.id)
    with pytest.raises(ValidationError, match="ký tự không hợp lệ"):
        demo_store.tasks.create(Task(plan_id=plan.id, content=f"Tuyên truyền {bad} CCHC"))
    edited = plan
    edited.title = f"Kế hoạch {bad}"
    with pytest.raises(ValidationError, match="Trích yếu"):
        demo_store.plans.update(edited)
    assert demo_store.plans.task_count(plan.id) == before
    assert bad not in demo_store.plans.get(plan.id).title


@pytest.mark.skipif(os.name == "nt", reason="Windows passes the command line as UTF-16: no stray bytes")
def test_cli_refuses_a_byte_that_is_not_utf8(tmp_path) -> None:
    db = tmp_path / "c.sqlite3"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "LC_ALL": "C.UTF-8"}
    run = [sys.executable, "-m", "cchc_desktop", "--db", str(db)]
    subprocess.run([*run, "demo"], check=True, capture_output=True, env=env)
    done = subprocess.run([*run, "task-add", "--plan", "1", "--content", b"Tuy\xean truy\xe1\xbb\x81n"],
                          capture_output=True, env=env)
    assert done.returncode == 2, done.stderr.decode()
    err = done.stderr.decode("utf-8")
    assert "Nội dung nhiệm vụ có ký tự không hợp lệ" in err and "Lỗi không mong đợi" not in err
    listed = subprocess.run([*run, "tasks", "--plan", "1", "--json"], capture_output=True, env=env, check=True)
    assert listed.stdout.decode().count('"content"') == 14
