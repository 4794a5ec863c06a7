"""The first table of an HTML fragment, as Word and Excel put a copied table on the clipboard
(`tabular.parse_html_table`)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from cchc_desktop.text.textnorm import one_line

_HTML_SPACE = re.compile(r"\s+")


class _TableParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self._depth = 0
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._depth += 1
            if self._depth == 1:
                self.tables.append([])
        elif self._depth == 1 and tag == "tr":
            self._row = []
        elif self._depth == 1 and tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif self._cell is not None and tag in ("br", "p", "div", "li") and self._cell:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._depth -= 1
        elif self._depth == 1 and tag in ("td", "th") and self._cell is not None and self._row is not None:
            text = "".join(self._cell)
            lines = [one_line(line) for line in text.split("\n")]
            self._row.append("\n".join(line for line in lines if line))
            self._cell = None
        elif self._depth == 1 and tag == "tr" and self._row is not None:
            self.tables[-1].append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None and self._depth == 1:
            # In HTML a line break in the source is a space (Word wraps long lines there);
            # only <br> and new paragraphs break a cell's lines.
            self._cell.append(_HTML_SPACE.sub(" ", data))


def first_table(markup: str) -> list[list[str]]:
    """Rows of the first table in an HTML fragment (Word/Excel clipboard): each cell's text on one
    line per paragraph or line break, white space folded as a browser shows it."""
    parser = _TableParser()
    parser.feed(markup)
    parser.close()
    tables = [t for t in parser.tables if t]
    return tables[0] if tables else []
