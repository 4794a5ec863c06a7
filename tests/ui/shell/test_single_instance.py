"""One window per database: a second start (a real process) brings the first forward and
exits, the agent's "Mở CCHC Desktop" does not start another window, a lock left by a killed
window is taken over; and the window reloads what other processes write."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import cchc_desktop
from cchc_desktop.store.store import Store
from ui.shell.single_instance import SingleInstance, lock_path, send

PROJECT_ROOT = Path(cchc_desktop.__file__).resolve().parents[1]


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH", "")]))
    env["PYTHONIOENCODING"] = "utf-8"
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")  # the second start's QSettings stay in tmp_path
    return env


@pytest.fixture
def guard(qapp, db_path: Path):
    g = SingleInstance(db_path)
    yield g
    g.release()


def test_a_second_start_on_the_same_database_brings_the_window_forward_and_exits(
    qtbot, guard, db_path: Path, tmp_path: Path
) -> None:
    Store.open(db_path).close()
    assert guard.claim()
    assert lock_path(db_path).is_file()
    with qtbot.waitSignal(guard.message, timeout=30_000) as asked:
        second = subprocess.Popen([sys.executable, str(PROJECT_ROOT / "main.py"), "--db", str(db_path)],
                                  env=_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert asked.args == ["show"]
    assert second.wait(timeout=30) == 0, second.stderr.read() if second.stderr else ""


def test_a_start_while_the_first_window_is_still_opening_waits_for_it(db_path: Path, tmp_path: Path) -> None:
    """A start while the first window is still opening (the officer double-clicked twice) hands
    its request over and exits, instead of opening a second window or saying the database is
    held: the first window listens from the moment it takes the database."""
    Store.open(db_path).close()
    first = subprocess.Popen([sys.executable, str(PROJECT_ROOT / "main.py"), "--db", str(db_path)],
                             env=_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not lock_path(db_path).is_file():  # the first window has taken the database
            assert first.poll() is None and time.monotonic() < deadline
            time.sleep(0.01)
        second = subprocess.run([sys.executable, str(PROJECT_ROOT / "main.py"), "--db", str(db_path)],
                                env=_env(tmp_path), capture_output=True, timeout=60)
        assert second.returncode == 0, second.stderr.decode("utf-8", "replace")
        assert first.poll() is None  # still the one window
    finally:
        first.kill()
        first.wait(timeout=30)


def test_the_same_database_cannot_be_claimed_twice_but_another_one_can(qapp, guard, tmp_path: Path) -> None:
    assert guard.claim()
    assert not SingleInstance(guard.db_path).claim()
    other = SingleInstance(tmp_path / "other.sqlite3")
    try:
        assert other.claim()
    finally:
        other.release()
    guard.release()
    again = SingleInstance(guard.db_path)
    try:
        assert again.claim()
    finally:
        again.release()


def test_a_lock_left_by_a_killed_window_is_taken_over(qapp, db_path: Path, tmp_path: Path) -> None:
    script = (
        "import sys, time\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from ui.shell.single_instance import SingleInstance\n"
        "app = QCoreApplication([])\n"
        "g = SingleInstance(sys.argv[1])\n"
        "print('claimed' if g.claim() else 'refused', flush=True)\n"
        "time.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, str(db_path)], env=_env(tmp_path),
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "claimed"  # type: ignore[union-attr]
        assert not SingleInstance(db_path).claim()
    finally:
        proc.send_signal(signal.SIGKILL) if hasattr(signal, "SIGKILL") else proc.kill()
        proc.wait(timeout=10)
    g = SingleInstance(db_path)
    try:
        assert g.claim()
    finally:
        g.release()


def test_the_agent_brings_the_running_window_forward_at_the_task(
    qtbot, guard, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.shell.agent

    started: list[object] = []
    monkeypatch.setattr(ui.shell.agent.subprocess, "Popen", lambda *a, **k: started.append(a))
    assert guard.claim()
    received: list[str] = []
    guard.message.connect(received.append)
    assert ui.shell.agent.open_window(db_path, 7)
    qtbot.waitUntil(lambda: received == ["task 7"], timeout=5000)
    assert ui.shell.agent.open_window(db_path)
    qtbot.waitUntil(lambda: received == ["task 7", "show"], timeout=5000)
    assert started == []
    guard.release()
    assert not ui.shell.agent.open_window(db_path)  # no window: the agent starts one
    assert len(started) == 1


def test_no_window_answers_when_none_runs(qapp, db_path: Path) -> None:
    began = time.monotonic()
    assert not send(db_path, wait_ms=300)
    assert time.monotonic() - began < 5


def test_the_window_comes_forward_and_opens_the_task_asked_for(window, qtbot) -> None:
    task = window.store.tasks.tasks_of_plan(window.store.plans.list()[0].id)[3]
    window.tabs.setCurrentWidget(window.plans_tab)
    window.showMinimized()
    window.handle_request(f"task {task.id}")
    assert not window.isMinimized()
    assert window.tabs.currentWidget() is window.tasks_tab
    assert window.tasks_tab.current_task().id == task.id


def test_the_window_reloads_what_another_process_wrote(window, qtbot) -> None:
    store = window.store
    window.tabs.setCurrentWidget(window.tasks_tab)
    tab = window.tasks_tab
    plan = store.plans.list()[0]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH", "")]))
    subprocess.run([sys.executable, "-m", "cchc_desktop", "--db", str(store.path), "task-add", "--plan", str(plan.id),
                    "--content", "Hội nghị tập huấn nghiệp vụ CCHC"], env=env, check=True, capture_output=True)

    def listed() -> list[str]:
        return [t.content for t in (tab.model.task_at(r) for r in range(tab.model.rowCount())) if t]

    assert "Hội nghị tập huấn nghiệp vụ CCHC" not in listed()
    qtbot.waitUntil(lambda: "Hội nghị tập huấn nghiệp vụ CCHC" in listed(), timeout=10_000)
    assert not window.check_other_processes()  # seen once, not reloaded again


def test_the_very_first_start_takes_the_lock_in_a_folder_not_made_yet(qapp, tmp_path: Path) -> None:
    db = tmp_path / "chua-co" / "cchc.sqlite3"
    g = SingleInstance(db)
    try:
        assert g.claim()
        assert lock_path(db).is_file()
        assert not SingleInstance(db).claim()
    finally:
        g.release()
    assert not lock_path(db).exists()
