"""A reportlab chart (`reportlab.graphics` Drawing) as a PNG image, for the Word report.

The PDF draws the report's charts with reportlab's graphics; Word needs a bitmap. reportlab's
own bitmap renderer needs a separate C backend (rl_renderPM or rlPyCairo with the cairo
library), so this renderer walks the same Drawing with reportlab's renderer base class and
paints it with Pillow, which reportlab already requires: one chart definition, two outputs.
It covers what the charts use: rectangles, lines, polylines and polygons (wedges and paths
made of straight segments), circles and ellipses, and text in the document font.
"""

from __future__ import annotations

import io
from functools import lru_cache
from typing import Any

from reportlab.graphics.renderbase import Renderer, getStateDelta
from reportlab.graphics.shapes import Drawing, Path
from reportlab.lib.colors import Color, toColor

from cchc_desktop.text.safetext import one_line

DPI = 200


@lru_cache(maxsize=32)
def _font(name: str, size: float) -> Any:
    from PIL import ImageFont
    from reportlab.pdfbase import pdfmetrics

    try:
        face = pdfmetrics.getFont(name).face
        path = getattr(face, "filename", None)
        if path:
            return ImageFont.truetype(str(path), max(int(round(size)), 1))
    except (KeyError, OSError, AttributeError):
        pass
    from cchc_desktop.documents.render.fonts import document_font

    family = document_font()
    faces = {family.name: 0, family.bold: 1, family.italic: 2, family.bold_italic: 3}
    return ImageFont.truetype(str(family.files[faces.get(name, 0)]), max(int(round(size)), 1))


def _rgba(color: Any, opacity: Any = None) -> tuple[int, int, int, int] | None:
    if color is None:
        return None
    c: Color = toColor(color)
    alpha = c.alpha if opacity is None else float(opacity)
    return (round(c.red * 255), round(c.green * 255), round(c.blue * 255), round(alpha * 255))


class _PillowRenderer(Renderer):
    def __init__(self, image: Any, height: float, scale: float) -> None:
        from PIL import ImageDraw

        self.image = image
        self.paint = ImageDraw.Draw(image, "RGBA")
        self.height = height
        self.scale = scale

    # ---------------------------------------------------------------- state

    def initState(self, x: float, y: float) -> None:  # noqa: N802 - reportlab API
        deltas = self._tracker._combined[-1]
        deltas["transform"] = deltas["ctm"] = (1, 0, 0, 1, x, y)
        self._tracker.push(deltas)

    def drawNode(self, node: Any) -> None:  # noqa: N802 - reportlab API
        self._tracker.push(getStateDelta(node))
        self.drawNodeDispatcher(node)
        self._tracker.pop()

    def applyStateChanges(self, delta: Any, newState: Any) -> None:  # noqa: N802,N803 - reportlab API
        pass  # the state is read from the tracker where it is needed

    def _state(self) -> dict[str, Any]:
        return self._tracker.getState()

    def _point(self, x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = self._state()["ctm"]
        px, py = a * x + c * y + e, b * x + d * y + f
        return px * self.scale, (self.height - py) * self.scale

    def _width(self) -> int:
        s = self._state()
        a, b, _c, _d, _e, _f = s["ctm"]
        return max(int(round(float(s["strokeWidth"] or 0) * (a * a + b * b) ** 0.5 * self.scale)), 1)

    def _shape(self, points: list[tuple[float, float]], closed: bool) -> None:
        s = self._state()
        fill = _rgba(s["fillColor"], s.get("fillOpacity")) if closed else None
        stroke = _rgba(s["strokeColor"], s.get("strokeOpacity")) if s["strokeWidth"] else None
        xy = [self._point(x, y) for x, y in points]
        if len(xy) < 2:
            return
        if closed and fill is not None and len(xy) >= 3:
            self.paint.polygon(xy, fill=fill)
        if stroke is not None:
            self.paint.line([*xy, xy[0]] if closed else xy, fill=stroke, width=self._width())

    # ---------------------------------------------------------------- shapes

    def drawRect(self, rect: Any) -> None:  # noqa: N802 - reportlab API
        x, y, w, h = rect.x, rect.y, rect.width, rect.height
        self._shape([(x, y), (x + w, y), (x + w, y + h), (x, y + h)], True)

    def drawLine(self, line: Any) -> None:  # noqa: N802 - reportlab API
        self._shape([(line.x1, line.y1), (line.x2, line.y2)], False)

    def drawPolyLine(self, polyline: Any) -> None:  # noqa: N802 - reportlab API
        p = polyline.points
        self._shape([(p[i], p[i + 1]) for i in range(0, len(p) - 1, 2)], False)

    def drawPolygon(self, polygon: Any) -> None:  # noqa: N802 - reportlab API
        p = polygon.points
        self._shape([(p[i], p[i + 1]) for i in range(0, len(p) - 1, 2)], True)

    def drawEllipse(self, ellipse: Any) -> None:  # noqa: N802 - reportlab API
        self._oval(ellipse.cx, ellipse.cy, ellipse.rx, ellipse.ry)

    def drawCircle(self, circle: Any) -> None:  # noqa: N802 - reportlab API
        self._oval(circle.cx, circle.cy, circle.r, circle.r)

    def _oval(self, cx: float, cy: float, rx: float, ry: float) -> None:
        import math

        steps = 48
        self._shape([(cx + rx * math.cos(2 * math.pi * i / steps), cy + ry * math.sin(2 * math.pi * i / steps))
                     for i in range(steps)], True)

    def drawPath(self, path: Path) -> None:  # noqa: N802 - reportlab API
        # straight segments only (what the charts draw); a curve is approximated by its end point
        points: list[tuple[float, float]] = []
        closed = False
        p = list(path.points)
        i = 0
        for op in path.operators:
            if op in (0, 1):  # moveTo, lineTo
                points.append((p[i], p[i + 1]))
                i += 2
            elif op == 2:  # curveTo
                points.append((p[i + 4], p[i + 5]))
                i += 6
            elif op == 3:  # closePath
                closed = True
        self._shape(points, closed or bool(getattr(path, "isClipPath", 0)))

    def drawImage(self, image: Any) -> None:  # noqa: N802 - reportlab API
        pass  # the charts hold no images

    def drawString(self, string: Any) -> None:  # noqa: N802 - reportlab API
        s = self._state()
        fill = _rgba(s["fillColor"], s.get("fillOpacity"))
        text = one_line(string.text)  # whatever the drawing was given: the text shaper refuses separators
        if fill is None or not text.strip():
            return
        a, b, _c, d, _e, _f = s["ctm"]
        size = float(s["fontSize"]) * (abs(a * d) ** 0.5 or 1.0) * self.scale
        font = _font(s["fontName"], size)
        anchor = {"start": "ls", "middle": "ms", "end": "rs"}.get(s["textAnchor"], "ls")
        self.paint.text(self._point(string.x, string.y), text, font=font, fill=fill, anchor=anchor)


class _NoCanvas:
    """What reportlab's renderer base expects of a canvas, for a renderer that paints elsewhere."""

    def saveState(self) -> None:  # noqa: N802 - reportlab API
        pass

    def restoreState(self) -> None:  # noqa: N802 - reportlab API
        pass


def drawing_png(drawing: Drawing, dpi: int = DPI) -> bytes:
    """The drawing as a PNG on a white ground at `dpi` (its size in points kept at that resolution)."""
    from PIL import Image

    scale = dpi / 72.0
    width, height = float(drawing.width), float(drawing.height)
    image = Image.new("RGB", (max(int(round(width * scale)), 1), max(int(round(height * scale)), 1)), "white")
    renderer = _PillowRenderer(image, height, scale)
    renderer.draw(drawing, _NoCanvas(), 0, 0, showBoundary=False)
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(dpi, dpi))
    return out.getvalue()
