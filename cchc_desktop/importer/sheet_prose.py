"""Whether a sheet's cells, read as prose, can give anything.

Every document's lines are also read as prose (`recognize.Recognizer.run`): a spreadsheet's cell
may hold a labelled task ("Cơ quan chủ trì: ..."), a section or an appendix heading. From prose
the reading takes only what starts at a paragraph of one of these kinds:

- a Roman heading ("II. TỔ CHỨC THỰC HIỆN": sections, duties, assignments);
- an appendix heading ("PHỤ LỤC ...": appendix titles and the fragments under them);
- a labelled line ("Thời gian thực hiện: ...", or "Thời gian thực hiện trong ..." without its
  colon), the only start of a labelled task;
- a line ending with a colon (the sentence that introduces a list of tasks or of orders).

A paragraph is one or more cells joined (a cell that starts in lower case goes on the one
before), so each cell is tested for what it could bring to a paragraph: its start, its end, and
the words before its first colon. When no cell can, the sheet's prose gives nothing, and reading
it is skipped (a 4,999-row sheet: 30,000 cells)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from cchc_desktop.importer.lines import plain_cell
from cchc_desktop.importer.prose import marker
from cchc_desktop.importer.readers import SourceLine
from cchc_desktop.text.textnorm import fold, fold_initial

# the start of a Roman heading or numbering: `lines._ROMAN_HEAD`, `prose._MARKER`'s "II."
_ROMAN_START = re.compile(r"^[IVXL]{1,6}\s*[.)]")
# the first word of a time label written without its colon (`prose._BARE_TIME_LABEL`: four words
# and the word after them), same case rule
_TIME_WORD = re.compile(r"thời", re.I)
_APPENDIX = "phu luc"


_ALWAYS, _IF_JOINED, _NEVER = 2, 1, 0


def _may_start_something(text: str) -> int:
    """Whether this cell (one line of it, as `lines._paras` reads it) could make its paragraph a
    heading, an appendix, a label or an introduction: `_ALWAYS`, `_NEVER`, or `_IF_JOINED` when
    only if the next cell goes on its paragraph (starting in lower case or with a digit)."""
    if text.isdigit():
        return _NEVER  # a number (the STT column): none of the starts below
    if _ROMAN_START.match(text) or text.endswith(":"):
        return _ALWAYS
    if _TIME_WORD.match(text) or _TIME_WORD.match(marker(text)[1]):
        # the label starts a paragraph's text after its numbering; a column title "Thời gian thực
        # hiện" with no word after it, in this cell or the next, is no such label
        if len(text.split()) > 4:
            return _ALWAYS
        joined = _IF_JOINED
    else:
        joined = _NEVER
    if fold_initial(text) in ("", "p"):
        key = fold(text)  # "Phụ lục", or "Phụ" with "lục ..." in the next cell
        if key.startswith(_APPENDIX) or _APPENDIX.startswith(key):
            return _ALWAYS
    if ":" in text:
        # A label is what stands before a paragraph's first colon, folded and without its remarks
        # in brackets (`prose.field_of_label`): every label ends with a letter ("chủ trì",
        # "Thời gian thực hiện"), so words before this colon that end otherwise ("Nhiệm vụ 1")
        # cannot end one, whatever cells stand before them in the paragraph.
        before = text.split(":", 1)[0]
        if ")" in before:
            return _ALWAYS
        if "0" <= before.rstrip()[-1:] <= "9":
            return joined  # a number ends it ("Nhiệm vụ 12"): its key ends with that digit
        tail = fold(before).replace("/", " ").replace(",", " ").rstrip(" .-*")
        if not tail or "a" <= tail[-1] <= "z":
            return _ALWAYS
    return joined


def prose_gives_nothing(lines: Sequence[SourceLine]) -> bool:
    """True when no paragraph the lines make can start a task, a section, a duty or an appendix:
    their reading as prose would give nothing (`tests/importer/test_sheet_prose.py` compares).

    Each distinct text is tested once (a sheet repeats its agencies, time frames and numbers);
    the texts are walked in order only after one that needs the next text to go on its paragraph."""
    parts = [part for line in lines for part in _parts(line)]
    kinds = {part: _kind(part) for part in set(parts)}
    if _ALWAYS in kinds.values():
        return False
    joined = {part for part, kind in kinds.items() if kind == _IF_JOINED}
    if not joined:
        return True
    for k, part in enumerate(parts):
        if part in joined:
            after = ""
            for later in range(k + 1, len(parts)):  # the next text, past the empty ones
                after = _text(parts[later])[:1]
                if after:
                    break
            if after.islower() or after.isdigit():
                return False
    return True


def _parts(line: SourceLine) -> list[str]:
    """The texts of a line as `lines._paras` reads them: the line, or each line of each cell."""
    if line.cells is None:
        return [line.text]
    return [piece for cell in line.cells for piece in (cell.split("\n") if "\n" in cell else (cell,))]


def _text(part: str) -> str:
    return plain_cell(part.replace("\t", " "))


def _kind(part: str) -> int:
    text = _text(part)
    return _may_start_something(text) if text else _NEVER
