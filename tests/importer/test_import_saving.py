"""Saving an import: the `import` command, one transaction, dry runs that touch nothing,
re-imports that show differences instead of duplicating, a recogniser that never raises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_desktop.cli import main
from cchc_desktop.importer import read_document, read_text, recognize
from cchc_desktop.importer.apply import apply_diff, diff_plan, save_new_plan
from cchc_desktop.store.store import Store


def _run(capsys, *args: str) -> tuple[int, str, str]:  # noqa: ANN001
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_dry_run_json_prints_the_plan_and_leaves_the_database_byte_identical(demo_store, db_path: Path, sample, capsys) -> None:
    demo_store.close()
    before = db_path.read_bytes()
    code, out, err = _run(capsys, "--db", str(db_path), "import", str(sample("dak_nong_2016")), "--dry-run", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert set(data) >= {"plan", "tasks", "duties"}
    assert data["plan"]["number"] == "52/QĐ-UBND" and data["plan"]["date"] == "2017-01-11"
    assert data["plan"]["signer"] == {"authority": "KT. CHỦ TỊCH", "position": "PHÓ CHỦ TỊCH", "name": "Cao Huy"}
    assert len(data["plan"]["legal_bases"]) == 4 and data["plan"]["recipients"][0] == "Như Điều 3;"
    assert len(data["tasks"]) == 20
    first = data["tasks"][0]
    assert first["lead"] == ["Văn phòng UBND tỉnh"] and first["when"] == "Năm 2017 và các năm tiếp theo" and first["source"] == [211]
    assert data["duties"][0]["when"] == "Định kỳ quý, 06 tháng, năm"
    assert db_path.read_bytes() == before
    # a dry run does not create a database that does not exist
    fresh = db_path.with_name("khong_co.sqlite3")
    code, out, err = _run(capsys, "--db", str(fresh), "import", str(sample("binh_dinh_2021")), "--dry-run")
    assert code == 0, err
    assert "Xem trước" in out and "Lâm Hải Giang" in out
    assert not fresh.exists()


def test_import_saves_plan_groups_tasks_and_new_agencies(db_path: Path, sample, capsys) -> None:
    code, out, err = _run(capsys, "--db", str(db_path), "import", str(sample("dak_nong_2016")))
    assert code == 0, err
    assert "thêm 20 nhiệm vụ" in out and "Báo Đắk Nông" in out
    store = Store.open(db_path)
    try:
        (plan,) = store.plans.list()
        assert (plan.number, plan.period_label, plan.status.value) == ("52/QĐ-UBND", "2016-2020", "issued")
        rows = store.tasks.rows(plan.id)
        assert len(rows) == 20
        assert [g.title for g in store.tasks.groups_of_plan(plan.id)][:3] == ["Văn phòng UBND tỉnh", "Sở Nội vụ", "Sở Tư pháp"]
        assert [r.stt for r in rows[:6]] == [1, 1, 2, 3, 4, 5]  # numbering restarts in each group
        bao = store.agencies.match("Báo Đắk Nông")
        assert bao is not None
        assert any(ref.agency_id == bao for r in rows for ref in r.task.lead)
        radio = next(r.task for r in rows if r.task.time_frame == "01 bản tin/ tuần")
        assert radio.lead[0].text == "Đài Phát thanh và Truyền hình"
        assert radio.lead[0].agency_id == store.agencies.match("Đài Phát thanh và Truyền hình tỉnh")
    finally:
        store.close()


def test_duties_are_added_only_when_asked(db_path: Path, sample, capsys) -> None:
    code, out, err = _run(capsys, "--db", str(db_path), "import", str(sample("vinh_long_2024")), "--with-duties")
    assert code == 0, err
    store = Store.open(db_path)
    try:
        (plan,) = store.plans.list()
        rows = store.tasks.rows(plan.id)
        duties = [r for r in rows if r.group_title == "Chế độ báo cáo"]
        assert len(rows) == 14 + len(duties) and duties
        assert any(r.task.time_frame == "Trước ngày 16/01/2024" for r in duties)
    finally:
        store.close()


def test_saving_is_one_transaction(store: Store, sample, monkeypatch: pytest.MonkeyPatch) -> None:
    result = recognize(read_document(sample("vinh_long_2024")), store)
    agencies_before = len(store.agencies.list())

    def broken(tasks):  # noqa: ANN001, ANN202
        raise RuntimeError("ổ đĩa đầy")

    monkeypatch.setattr(store.tasks, "create_many", broken)
    with pytest.raises(RuntimeError):
        save_new_plan(store, result)
    assert store.plans.list() == []
    assert len(store.agencies.list()) == agencies_before


def _edited_vinh_long(text: str) -> str:
    """The same decision, revised: one time frame changed, the last task gone, one task new."""
    text = text.replace("\tQuý IV/2024", "\tQuý III/2024")
    cut = text.index("\t14.\n")
    end = text.index("\n\n", cut)
    new = ("\t15.\n\tTổ chức tọa đàm về chuyển đổi số trong CCHC.\n\tSở Thông tin và Truyền thông\n"
           "\tCác cơ quan, đơn vị liên quan\n\tQuý II/2024")
    return text[:cut] + new + text[end:]


def test_reimport_shows_differences_and_never_duplicates(db_path: Path, sample, tmp_path: Path, capsys) -> None:
    source = sample("vinh_long_2024")
    assert _run(capsys, "--db", str(db_path), "import", str(source))[0] == 0
    code, out, err = _run(capsys, "--db", str(db_path), "import", str(source), "--plan", "1")
    assert code == 0, err
    assert "0 nhiệm vụ mới, 0 thay đổi, 14 giữ nguyên" in out
    edited = tmp_path / "sua_doi.txt"
    edited.write_text(_edited_vinh_long(source.read_text(encoding="utf-8")), encoding="utf-8")
    code, out, err = _run(capsys, "--db", str(db_path), "import", str(edited), "--plan", "1", "--dry-run", "--json")
    assert code == 0, err
    kinds = [d["kind"] for d in json.loads(out)["diff"]]
    assert kinds.count("unchanged") == 12 and kinds.count("changed") == 1
    assert kinds.count("added") == 1 and kinds.count("missing") == 1
    changed = next(d for d in json.loads(out)["diff"] if d["kind"] == "changed")
    assert changed["changes"] == ["Thời gian thực hiện"]
    store = Store.open(db_path)
    try:
        done = store.tasks.rows(1)[4].task
        store.tasks.set_status([done.id], done.status.__class__("doing"))
    finally:
        store.close()
    code, out, err = _run(capsys, "--db", str(db_path), "import", str(edited), "--plan", "1")
    assert code == 0, err
    store = Store.open(db_path)
    try:
        tasks = store.tasks.tasks_of_plan(1)
        contents = [t.content for t in tasks]
        assert len(contents) == len(set(contents)) == 15  # the missing one is kept unless asked
        updated = next(t for t in tasks if t.id == done.id)
        assert updated.time_frame == "Quý III/2024" and updated.status.value == "doing"
        assert len(store.plans.list()) == 1
        # a second identical re-import adds nothing
        result = recognize(read_document(edited), store)
        assert {d.kind for d in diff_plan(store, 1, result)} == {"unchanged", "missing"}
        diffs = diff_plan(store, 1, result)
        for d in diffs:
            d.accept = d.kind == "missing"
        report = apply_diff(store, 1, diffs, result)
        assert report.deleted_tasks == 1 and store.plans.task_count(1) == 14
    finally:
        store.close()


# --------------------------------------------------------------------------- never raises

_VOCABULARY = st.sampled_from([
    "PHỤ LỤC", "KẾ HOẠCH", "QUYẾT ĐỊNH", "Số: 12/KH-UBND", "Hà Nội, ngày 05 tháng 01 năm 2025", "\tSTT", "\tNội dung",
    "\tCơ quan chủ trì", "\tCơ quan phối hợp", "\tThời gian thực hiện", "\t1.", "\tII", "STT\tNội dung\tCơ quan chủ trì\tThời gian",
    "I\tSở Nội vụ\t\t", "1\tTập huấn\tSở Nội vụ\tQuý I/2025", "\tdòng tiếp", "I. MỤC ĐÍCH", "V. TỔ CHỨC THỰC HIỆN",
    "1. Sở Nội vụ: Định kỳ hàng quý báo cáo", "- Nhiệm vụ: Tuyên truyền", "- Cơ quan chủ trì: Sở Tư pháp", "- Thời gian thực hiện: ",
    "Nơi nhận:", "- Lưu: VT.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A", "(Kèm theo Quyết định số /QĐ-UBND ngày tháng năm )",
    "", "**", "## ", "a)", "Căn cứ", "ngày M tháng 13 năm 2025", "trước ngày 31/02 hàng năm gửi báo cáo",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_VOCABULARY, st.text(max_size=60)), max_size=40))
def test_recogniser_never_raises_on_any_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    if not text.strip():
        return
    result = recognize(read_text(text))
    json.dumps(result.to_json(), ensure_ascii=False)
    for task in result.tasks:
        assert task.source
