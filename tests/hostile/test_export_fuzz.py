"""Every non-PDF exporter is total: generated hostile texts (all planes, controls, markup, huge)
never make an export fail, and every file written opens again. `bench/bench_fuzz.py` runs the
same property over 10,000 texts."""

from __future__ import annotations

from export_fuzz import TEXTS_PER_EXAMPLE, Counts, build_store, example, run_example
from hypothesis import HealthCheck, given, settings


def test_hostile_texts_never_break_an_export(tmp_path) -> None:
    store = build_store(tmp_path / "fuzz.sqlite3")
    out = tmp_path / "out"
    out.mkdir()
    counts = Counts()
    surrogates: list[bool] = []

    @settings(max_examples=6, deadline=None, database=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(example)
    def push(ex: dict) -> None:
        surrogates.append(any(0xD800 <= ord(c) <= 0xDFFF for t in ex["report_texts"] for c in t))
        run_example(store, ex, counts, out)
        assert counts.failures == [], counts.failures[:3]
        assert counts.formulas == 0

    try:
        push()
    finally:
        store.close()
    assert counts.exports == 6 * counts.texts // TEXTS_PER_EXAMPLE > 0
    assert any(surrogates), "no lone surrogate was generated"
