"""Scoring an import against the hand-written reading of a document (`NN_name.expected.json`
beside the outside plans in ../shared/samples/outside/), shared by the scoring test and
bench/bench_import.py.

A task of the reading is *found* when an imported task (appendix row, labelled prose,
reporting duty or a duty assigned to an agency) starts with its first words; it is *right*
when its lead agency and its time frame are those of the reading as well. Comparisons ignore
case, diacritics, punctuation and the conjunction "và" (a list of agencies is written with
commas, semicolons or "và"). A task the reading leaves without a time of its own may carry
the plan-wide time frame (`when_plan`) or none.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from cchc_desktop.importer import read_document, recognize
from cchc_desktop.importer.model import DraftTask, ImportResult
from cchc_desktop.text.textnorm import fold


def words(text: str | None) -> list[str]:
    """The words of a text for comparison: folded, without punctuation and "và"."""
    return [w for w in re.findall(r"\w+", fold(text or "").lower()) if w != "va"]


def _starts(content: str, start: str) -> bool:
    got, want = words(content), words(start)
    return bool(want) and got[: len(want)] == want


def _lead_of(expected: dict) -> list[str]:
    return words(", ".join(expected.get("lead") or []))


def _when_ok(task: DraftTask, expected: dict) -> bool:
    got = words(task.time_frame)
    allowed = [words(expected.get("when"))] if expected.get("when") else [[]]
    if expected.get("when_plan") and not expected.get("when"):
        allowed.append(words(expected["when_plan"]))
    return got in allowed


@dataclass
class DocScore:
    name: str
    kind: str  # "docx" or "pdf"
    expected: int
    found: int = 0
    right: int = 0  # found with the right lead and time frame
    metadata: dict[str, bool] = field(default_factory=dict)
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)

    @property
    def metadata_right(self) -> int:
        return sum(self.metadata.values())


def all_tasks(result: ImportResult) -> list[DraftTask]:
    return [*result.tasks, *result.duties, *getattr(result, "assignments", [])]


def score(result: ImportResult, expected: dict, name: str, kind: str, seconds: float = 0.0) -> DocScore:
    out = DocScore(name=name, kind=kind, expected=len(expected["tasks"]), seconds=seconds)
    tasks = all_tasks(result)
    used: set[int] = set()
    for want in expected["tasks"]:
        candidates = [i for i, t in enumerate(tasks) if i not in used and _starts(t.content, want["content_start"])]
        if not candidates:
            out.misses.append(f"not found: {want['content_start']}")
            continue
        out.found += 1
        good = [i for i in candidates if words(tasks[i].lead) == _lead_of(want) and _when_ok(tasks[i], want)]
        pick = (good or candidates)[0]
        used.add(pick)
        if good:
            out.right += 1
        else:
            t = tasks[pick]
            out.misses.append(f"wrong: {want['content_start'][:40]} | lead {t.lead!r} vs {want.get('lead')} | when {t.time_frame!r} vs {want.get('when')!r}")
    plan = result.plan
    out.metadata = {
        "number": plan.number == expected["number"],
        "date": (plan.issue_date.isoformat() if plan.issue_date else None) == expected["date"],
        "signer": plan.signer_name == (expected.get("signer") or ""),
        "issuer": plan.issuer == expected["issuer"],
    }
    return out


def expected_of(md: Path) -> dict:
    return json.loads(md.with_name(md.stem + ".expected.json").read_text(encoding="utf-8"))


def build_docx(md: Path, out_dir: Path, tools: Path) -> Path:
    target = out_dir / (md.stem + ".docx")
    if not target.exists():
        subprocess.run([sys.executable, str(tools / "md_to_docx.py"), str(md), str(target)], check=True, capture_output=True)
    return target


def build_pdfs(docx_files: list[Path], out_dir: Path, soffice: str) -> list[Path]:
    """Print the .docx files to PDF with LibreOffice, in one run (each takes a second)."""
    missing = [d for d in docx_files if not (out_dir / (d.stem + ".pdf")).exists()]
    if missing:
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{out_dir / 'lo-profile'}",
                        "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, missing)],
                       check=True, capture_output=True, timeout=600)
    return [out_dir / (d.stem + ".pdf") for d in docx_files]


def import_and_score(path: Path, expected: dict, name: str) -> DocScore:
    started = time.perf_counter()
    result = recognize(read_document(path))
    seconds = time.perf_counter() - started
    return score(result, expected, name, path.suffix.lstrip("."), seconds)
