"""Tasks written in a batch (an import): the same rows as one at a time, search keys as `fold`
makes them of the whole text, a wrong place refused for every task of the batch."""

from __future__ import annotations

import pytest

from cchc_desktop.errors import ValidationError
from cchc_desktop.store.domain import AgencyRef, Plan, Task
from cchc_desktop.text.textnorm import fold

# texts a key could be folded apart wrongly: nothing left once folded (a lone combining mark),
# Greek final sigma, spaces and bars inside, Vietnamese letters, an empty field
TEXTS = ["Tuyên truyền cải cách hành chính", "\u0301", "ΟΔΟΣ", "Σ", "a | b", "  Sở   Nội vụ ", "", "Đài PT-TH tỉnh",
         "Thường xuyên", "ΑΣ|Β"]


def test_search_keys_are_fold_of_the_whole_text(store) -> None:
    plan = store.plans.create(Plan(title="Kế hoạch", period_start=2025, period_end=2025))
    agency = store.agencies.match("Sở Nội vụ")
    tasks = []
    for i in range(len(TEXTS) * 3):
        pick = [TEXTS[(i * k) % len(TEXTS)] for k in (1, 3, 7, 2)]
        lead = [AgencyRef(text="Sở Nội vụ", agency_id=agency)] if i % 2 else [AgencyRef(text=pick[3] or "Sở Y tế")]
        tasks.append(Task(plan_id=plan.id, content=pick[0].strip() or "Nội dung", time_frame=pick[1], notes=pick[2],
                          output=pick[3], lead=lead))
    store.tasks.create_many(tasks)
    names = store.agencies.names_by_id()
    rows = store.db.execute("SELECT id, search_key FROM tasks ORDER BY id").fetchall()
    assert len(rows) == len(tasks)
    for (tid, key) in rows:
        t = store.tasks.get(tid)
        parts = [t.content, t.time_frame, t.output, t.funding, t.notes, t.officer]
        for ref in [*t.lead, *t.partners]:
            parts.append(ref.text)
            if ref.agency_id in names:
                parts.extend(names[ref.agency_id])
        assert key == fold(" | ".join(p for p in parts if p))


def test_a_batch_with_an_appendix_of_another_plan_is_refused(store) -> None:
    one = store.plans.create(Plan(title="Một", period_start=2025, period_end=2025))
    other = store.plans.create(Plan(title="Hai", period_start=2025, period_end=2025))
    good = Task(plan_id=one.id, appendix_id=one.appendices[0].id, content="Đúng chỗ")
    wrong = Task(plan_id=one.id, appendix_id=other.appendices[0].id, content="Sai chỗ")
    with pytest.raises(ValidationError):
        store.tasks.create_many([good, good, wrong])
    assert store.db.execute("SELECT count(*) FROM tasks").fetchone()[0] == 0
    store.tasks.create_many([good, good])
    assert store.db.execute("SELECT count(*) FROM tasks").fetchone()[0] == 2
