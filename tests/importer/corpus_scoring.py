"""Scoring an import against a hand reading, counting what it invents as well as what it finds,
for every document the office may receive: the samples, the outside plans and the corpus
(../shared/samples/), shared by bench/bench_corpus.py and the corpus tests.

Readings: outside/<name>.expected.json beside the outside plans, and
tests/importer/readings/corpus/<id>.expected.json (same schema, see the README there). A reading
with no task is a document that assigns none (an article, a regulation): every task imported
from it is invented.

- found / right: as in `outside_scoring` (first words; lead and time frame too), each task of
  the reading answered by at most one imported task;
- invented: tasks the import would save (ticked) that answer no task of the reading. A task the
  reading marks `optional` (a duty the document names in passing, outside its list of tasks) may
  be taken or left: it is neither found nor invented;
- metadata: number, date, signer, issuer (a reading's null is the importer's empty value);
- for a document without a reading: lines that look like tasks (a numbered or bulleted line
  naming an agency, a table row with an agency cell) that no imported task came from.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from outside_scoring import _lead_of, _starts, _when_ok, all_tasks, words

from cchc_desktop.importer import read_document, recognize
from cchc_desktop.importer.model import DraftTask, ImportResult
from cchc_desktop.importer.readers import SourceDocument

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT.parent / "shared" / "samples"
TOOLS = ROOT.parent / "shared" / "tools"
READINGS = Path(__file__).resolve().parent / "readings" / "corpus"


@dataclass
class Document:
    name: str
    source: Path  # the .md or .txt as kept in samples/
    folder: str  # "samples", "outside", "corpus"
    reading: dict | None


def documents() -> list[Document]:
    """Every document of samples/, outside/ and corpus/, each with its reading where there is one."""
    out: list[Document] = []
    for txt in sorted(SAMPLES.glob("*.txt")):
        out.append(Document(txt.stem, txt, "samples", None))
    for md in sorted((SAMPLES / "outside").glob("[0-9]*.md")):
        expected = md.with_name(md.stem + ".expected.json")
        out.append(Document(md.stem, md, "outside", json.loads(expected.read_text(encoding="utf-8")) if expected.is_file() else None))
    for md in sorted((SAMPLES / "corpus").glob("*.md")):
        if md.name == "README.md":
            continue
        reading = READINGS / (md.stem + ".expected.json")
        out.append(Document(md.stem, md, "corpus", json.loads(reading.read_text(encoding="utf-8")) if reading.is_file() else None))
    return out


def build_docx(doc: Document, out_dir: Path) -> Path:
    """The .docx an office receives: Markdown through md_to_docx.py, a converted sample through
    the test builder (its tab-separated tables become Word tables)."""
    target = out_dir / (doc.name + ".docx")
    if target.exists():
        return target
    if doc.source.suffix == ".md":
        subprocess.run([sys.executable, str(TOOLS / "md_to_docx.py"), str(doc.source), str(target)], check=True, capture_output=True)
    else:
        from builders import text_to_docx

        text_to_docx(doc.source.read_text(encoding="utf-8"), target)
    return target


@dataclass
class Score:
    name: str
    kind: str
    read: bool
    expected: int = 0
    found: int = 0
    right_lead: int = 0
    right_when: int = 0
    right: int = 0
    imported: int = 0  # ticked tasks the import would save
    invented: int = 0
    metadata: dict[str, bool] = field(default_factory=dict)
    untaken: int = 0  # unread documents: task-like lines no task came from
    seconds: float = 0.0
    error: str = ""
    misses: list[str] = field(default_factory=list)
    inventions: list[str] = field(default_factory=list)

    @property
    def metadata_right(self) -> int:
        return sum(self.metadata.values())


def _same_lead(task: DraftTask, want: dict) -> bool:
    return words(task.lead) == _lead_of(want)


def score_reading(result: ImportResult, reading: dict, score: Score) -> None:
    tasks = all_tasks(result)
    used: set[int] = set()
    required = [t for t in reading["tasks"] if not t.get("optional")]
    optional = [t for t in reading["tasks"] if t.get("optional")]
    score.expected = len(required)
    for want in [*required, *optional]:
        candidates = [i for i, t in enumerate(tasks) if i not in used and _starts(t.content, want["content_start"])]
        if not candidates:
            if not want.get("optional"):
                score.misses.append(f"not found: {want['content_start']}")
            continue
        # what the import would save answers first: an unticked offer only where nothing ticked does
        candidates.sort(key=lambda i: not tasks[i].include)
        good = [i for i in candidates if _same_lead(tasks[i], want) and _when_ok(tasks[i], want)]
        lead_ok = [i for i in candidates if _same_lead(tasks[i], want)]
        when_ok = [i for i in candidates if _when_ok(tasks[i], want)]
        pick = (good or lead_ok or when_ok or candidates)[0]
        used.add(pick)
        if want.get("optional"):
            continue
        score.found += 1
        score.right += bool(good)
        score.right_lead += _same_lead(tasks[pick], want)
        score.right_when += _when_ok(tasks[pick], want)
        if not good:
            t = tasks[pick]
            score.misses.append(f"wrong: {want['content_start'][:40]} | lead {t.lead!r} vs {want.get('lead')} | when {t.time_frame!r} vs {want.get('when')!r}")
    for i, t in enumerate(tasks):
        if t.include and i not in used:
            score.invented += 1
            score.inventions.append(f"{t.source[:1]} {t.content[:70]!r} | {t.lead[:40]!r}")
    plan = result.plan
    score.metadata = {
        "number": (plan.number or "") == (reading.get("number") or ""),
        "date": (plan.issue_date.isoformat() if plan.issue_date else "") == (reading.get("date") or ""),
        "signer": (plan.signer_name or "") == (reading.get("signer") or ""),
        "issuer": (plan.issuer or "") == (reading.get("issuer") or ""),
    }


AGENCY = re.compile(
    r"\b(Sở|Bộ|Ban|Ủy ban|Uỷ ban|UBND|Văn phòng|Công an|Trung tâm|Đài|Báo|Viện|Hội|Tập đoàn|Cục|Chi cục|Kho bạc|Tòa án|Viện kiểm sát|"
    r"Đoàn|Mặt trận|các cơ quan|các sở|các bộ|Các cơ quan|Các sở|Các bộ)\b")
MARKER = re.compile(r"^\s*(\d+(\.\d+)*[.)]|[a-zđ]\)|[-+•–])\s+\S")


def task_like_lines(doc: SourceDocument) -> list[int]:
    """Line numbers of what looks like a task: a numbered or bulleted line of some length that
    names an agency, or a table row of three cells or more with a cell naming an agency."""
    found: list[int] = []
    for line in doc.lines:
        if line.cells is not None:
            cells = [c for c in line.cells if c.strip()]
            if len(cells) >= 3 and any(AGENCY.search(c) and len(c) < 200 for c in cells[1:]):
                found.append(line.number)
        elif MARKER.match(line.text) and len(line.text) >= 40 and AGENCY.search(line.text):
            found.append(line.number)
    return found


def import_and_score(doc: Document, path: Path) -> Score:
    kind = path.suffix.lstrip(".")
    score = Score(doc.name, kind, read=doc.reading is not None)
    started = time.perf_counter()
    try:
        source = read_document(path)
        result = recognize(source)
    except Exception as exc:  # noqa: BLE001 - a refusal is a result of the benchmark
        score.error = f"{type(exc).__name__}: {exc}"[:200]
        score.seconds = time.perf_counter() - started
        if doc.reading is not None:
            score.expected = len([t for t in doc.reading["tasks"] if not t.get("optional")])
        return score
    score.seconds = time.perf_counter() - started
    score.imported = len(result.included)
    if doc.reading is not None:
        score_reading(result, doc.reading, score)
    else:
        taken = {n for t in all_tasks(result) for n in t.source}
        score.untaken = sum(1 for n in task_like_lines(source) if n not in taken)
    return score
