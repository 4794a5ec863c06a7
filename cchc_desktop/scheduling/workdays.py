"""Working days and days off: Vietnamese public holidays plus the office's own calendar.

Public holidays, substitute days and swapped working Saturdays come from the `holidays`
package (country VN, names in Vietnamese); the office adds its own days off and working
days in the `calendar_days` table. Deadlines that fall on a day off move to the next
working day (Bộ luật Dân sự 2015, Điều 148 khoản 5); `finish_by` gives the last working
day before it, the day an officer should aim for.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import types
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cchc_desktop.errors import ValidationError
from cchc_desktop.store.connection import marks
from cchc_desktop.text import vnformat
from cchc_desktop.text.textnorm import one_line

if TYPE_CHECKING:
    from cchc_desktop.store.store import Store

KIND_OFF = "off"
KIND_WORK = "work"
KIND_LABELS = {KIND_OFF: "Ngày nghỉ", KIND_WORK: "Ngày làm việc"}
_MAX_STEPS = 60  # no run of days off is this long; guards against a calendar of only days off


@dataclass(frozen=True)
class CalendarDay:
    """A day the office added to the calendar: an extra day off or a working weekend day."""

    day: dt.date
    kind: str  # 'off' | 'work'
    note: str = ""

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


_VIETNAM: Any = None


def _vietnam() -> Any:
    """The `holidays` package's calendar of Viet Nam, loaded when a year is first needed and
    without the 250 other countries the package's `countries` module imports (about 80 ms):
    its module is read through a bare stand-in for that package, then the stand-in is removed,
    so that anything else asking `holidays` for a country gets the package as it is."""
    global _VIETNAM
    if _VIETNAM is None:
        import holidays

        name = "holidays.countries"
        stand_in = None
        if name not in sys.modules:
            stand_in = types.ModuleType(name)
            stand_in.__path__ = [os.path.join(os.path.dirname(holidays.__file__), "countries")]
            stand_in.__package__ = name
            sys.modules[name] = stand_in
        try:
            from holidays.countries.vietnam import Vietnam
        finally:
            if stand_in is not None and sys.modules.get(name) is stand_in:
                del sys.modules[name]
        _VIETNAM = Vietnam
    return _VIETNAM


_PUBLIC_FILE = "ngay-nghi-le-vn.json"
_public: dict[int, tuple[dict[dt.date, str], set[dt.date]]] = {}


def _package_key() -> list[Any] | None:
    """What the saved public holidays were computed from: size and time of the `holidays`
    package's Viet Nam module and version file (found without importing the package)."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("holidays")
        folder = list(spec.submodule_search_locations or [])[0] if spec else None
        if not folder:
            return None
        key: list[Any] = [folder]
        for part in (("countries", "vietnam.py"), ("version.py",)):
            st = os.stat(os.path.join(folder, *part))
            key += [st.st_size, st.st_mtime_ns]
        return key
    except (OSError, ImportError, ValueError, IndexError):
        return None


def _public_year(year: int) -> tuple[dict[dt.date, str], set[dt.date]]:
    """Viet Nam's public holidays and swapped working weekend days of one year.

    Computed by the `holidays` package, whose import costs a tenth of a second; the years
    computed are kept in the data folder, for as long as the package's files are the ones they
    were computed from, so that a report or a reminder check does not import it again."""
    hit = _public.get(year)
    if hit is not None:
        return hit
    saved = _load_public()
    if str(year) in saved:
        off, work = saved[str(year)]
        hit = {dt.date.fromisoformat(d): name for d, name in off}, {dt.date.fromisoformat(d) for d in work}
    else:
        try:
            vn = _vietnam()(years=year, language="vi")
            hit = dict(vn.items()), {d for d in vn.weekend_workdays if d.year == year}
        except Exception:  # noqa: BLE001 - a year outside the package's range: weekends only
            hit = {}, set()
        saved[str(year)] = ([[d.isoformat(), name] for d, name in sorted(hit[0].items())],
                            sorted(d.isoformat() for d in hit[1]))
        _save_public(saved)
    _public[year] = hit
    return hit


def _public_path() -> Any:
    from cchc_desktop.system.paths import data_dir

    return data_dir() / _PUBLIC_FILE


def _load_public() -> dict[str, Any]:
    import json

    try:
        data = json.loads(_public_path().read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("key") == _package_key() and isinstance(data.get("years"), dict):
            return data["years"]
    except Exception:  # noqa: BLE001 - nothing saved, or unreadable: compute again
        pass
    return {}


def _save_public(years: dict[str, Any]) -> None:
    import json

    from cchc_desktop.system.files import write_atomically

    key = _package_key()
    if key is None:
        return
    text = json.dumps({"key": key, "years": years}, ensure_ascii=False)
    try:
        write_atomically(_public_path(), lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    except Exception:  # noqa: BLE001 - a folder that cannot be written: computed again next time
        pass


class _Year:
    __slots__ = ("holidays", "weekend_work", "user")

    def __init__(self, year: int, user: dict[dt.date, CalendarDay]) -> None:
        public, work = _public_year(year)
        self.holidays: dict[dt.date, str] = dict(public)
        self.weekend_work = set(work)
        self.user = user


class WorkCalendar:
    """Days off of one office, cached per year; `store` None means public holidays only."""

    def __init__(self, store: Store | None = None) -> None:
        self.store = store
        self._years: dict[int, _Year] = {}
        self._legal: dict[dt.date, dt.date] = {}
        self._finish: dict[dt.date, dt.date] = {}

    def invalidate(self) -> None:
        """Forget cached years (after the office's own days changed)."""
        self._years.clear()
        self._legal.clear()
        self._finish.clear()

    def _year(self, year: int) -> _Year:
        cached = self._years.get(year)
        if cached is None:
            cached = self._years[year] = _Year(year, self._user_days(year))
        return cached

    def _user_days(self, year: int) -> dict[dt.date, CalendarDay]:
        if self.store is None:
            return {}
        return {d.day: d for d in list_days(self.store, year)}

    def is_day_off(self, day: dt.date) -> bool:
        y = self._year(day.year)
        own = y.user.get(day)
        if own is not None:
            return own.kind == KIND_OFF
        if day in y.holidays:
            return True
        return day.weekday() >= 5 and day not in y.weekend_work

    def is_working_day(self, day: dt.date) -> bool:
        return not self.is_day_off(day)

    def holiday_name(self, day: dt.date) -> str | None:
        """The Vietnamese name of a holiday or of the office's own day off ("Tết Nguyên Đán")."""
        y = self._year(day.year)
        own = y.user.get(day)
        if own is not None:
            if own.kind == KIND_OFF:
                return own.note or "Ngày nghỉ của cơ quan"
            return None
        return y.holidays.get(day)

    def day_note(self, day: dt.date) -> str | None:
        """What a calendar cell says about a day: a holiday's name, "Làm bù" on a swapped
        Saturday, or the office's own note."""
        y = self._year(day.year)
        own = y.user.get(day)
        if own is not None:
            if own.kind == KIND_OFF:
                return own.note or "Ngày nghỉ của cơ quan"
            return own.note or ("Làm việc" if day.weekday() >= 5 else None)
        if day in y.holidays:
            return y.holidays[day]
        if day in y.weekend_work:
            return "Làm bù"
        return None

    def holidays_of(self, year: int) -> dict[dt.date, str]:
        """Every named day off of a year (public holidays and the office's own), by date."""
        y = self._year(year)
        out = {d: n for d, n in y.holidays.items() if y.user.get(d) is None or y.user[d].kind == KIND_OFF}
        for d, own in y.user.items():
            if own.kind == KIND_OFF:
                out[d] = own.note or "Ngày nghỉ của cơ quan"
        return dict(sorted(out.items()))

    def legal_deadline(self, day: dt.date) -> dt.date:
        """The deadline as the law counts it: the next working day when `day` is a day off
        (Bộ luật Dân sự 2015, Điều 148 khoản 5)."""
        return self._working_day(day, 1, self._legal)

    def finish_by(self, day: dt.date) -> dt.date:
        """The last working day on or before `day`: when the work should be finished."""
        return self._working_day(day, -1, self._finish)

    def _working_day(self, day: dt.date, step: int, cache: dict[dt.date, dt.date]) -> dt.date:
        """The first working day from `day` on, walking `step` days at a time (remembered)."""
        hit = cache.get(day)
        if hit is None:
            hit = day
            for _ in range(_MAX_STEPS):
                if not self.is_day_off(hit):
                    break
                hit += dt.timedelta(days=step)
            else:
                hit = day
            cache[day] = hit
        return hit

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days from `start` to `end`, both included (0 when end < start)."""
        count = 0
        day = start
        while day <= end:
            count += not self.is_day_off(day)
            day += dt.timedelta(days=1)
        return count


_PUBLIC = WorkCalendar(None)


def is_day_off(day: dt.date) -> bool:
    """Weekend or public holiday (swapped working Saturdays count as working days)."""
    return _PUBLIC.is_day_off(day)


def holiday_name(day: dt.date) -> str | None:
    return _PUBLIC.holiday_name(day)


def legal_deadline(day: dt.date) -> dt.date:
    return _PUBLIC.legal_deadline(day)


def finish_by(day: dt.date) -> dt.date:
    return _PUBLIC.finish_by(day)


# --------------------------------------------------------------------------- the office's own days


def list_days(store: Store, year: int | None = None) -> list[CalendarDay]:
    """The office's own days off and working days (of one year, or all), by date."""
    sql = "SELECT day, kind, note FROM calendar_days"
    params: list[str] = []
    if year is not None:
        sql += " WHERE day >= ? AND day <= ?"
        params = [f"{year:04d}-01-01", f"{year:04d}-12-31"]
    return [
        CalendarDay(dt.date.fromisoformat(d), k, n)
        for d, k, n in store.db.execute(sql + " ORDER BY day", params).fetchall()
    ]


def add_day(store: Store, day: dt.date, kind: str, note: str = "") -> CalendarDay:
    """Add (or change) one day of the office's calendar, in one transaction."""
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise ValidationError("Ngày không hợp lệ.")
    if kind not in KIND_LABELS:
        raise ValidationError("Loại ngày phải là «ngày nghỉ» hoặc «ngày làm việc».")
    if not (1945 <= day.year <= 2200):
        raise ValidationError("Năm của ngày phải từ 1945 đến 2200.")
    note = one_line(note)
    if len(note) > 200:
        raise ValidationError("Ghi chú của ngày quá dài (tối đa 200 ký tự).")
    public = WorkCalendar(None)
    if kind == KIND_OFF and public.is_day_off(day):
        name = public.holiday_name(day) or "ngày cuối tuần"
        raise ValidationError(f"Ngày {vnformat.date_table(day)} vốn đã là ngày nghỉ ({name}).")
    if kind == KIND_WORK and not public.is_day_off(day):
        raise ValidationError(f"Ngày {vnformat.date_table(day)} vốn đã là ngày làm việc.")
    with store.db.atomic():
        store.db.execute(
            "INSERT INTO calendar_days(day, kind, note) VALUES(?, ?, ?) "
            "ON CONFLICT(day) DO UPDATE SET kind = excluded.kind, note = excluded.note",
            [day.isoformat(), kind, note],
        )
    return CalendarDay(day, kind, note)


def remove_day(store: Store, day: dt.date) -> CalendarDay:
    """Remove one of the office's own days (one transaction); returns it for undo."""
    row = store.db.execute("SELECT day, kind, note FROM calendar_days WHERE day = ?", [day.isoformat()]).fetchone()
    if not row:
        raise ValidationError(f"Ngày {vnformat.date_table(day)} không có trong lịch riêng của cơ quan.")
    with store.db.atomic():
        store.db.execute("DELETE FROM calendar_days WHERE day = ?", [day.isoformat()])
    return CalendarDay(dt.date.fromisoformat(row[0]), row[1], row[2])


def remove_days(store: Store, days: Iterable[dt.date]) -> list[CalendarDay]:
    """Remove several of the office's own days in one transaction; returns those removed, for
    undo. A day already removed (in another window) is passed over: it is gone, as asked."""
    wanted = [d.isoformat() for d in days]
    with store.db.atomic():
        rows = store.db.execute(f"SELECT day, kind, note FROM calendar_days WHERE day IN ({marks(wanted)}) "
                                "ORDER BY day", wanted).fetchall() if wanted else []
        if not rows:
            raise ValidationError("Các ngày đã chọn không còn trong lịch riêng của cơ quan.")
        store.db.execute(f"DELETE FROM calendar_days WHERE day IN ({marks(wanted)})", wanted)
    return [CalendarDay(dt.date.fromisoformat(d), k, n) for d, k, n in rows]


def restore_days(store: Store, days: Iterable[CalendarDay]) -> None:
    """Put removed days back (undo), in one transaction."""
    with store.db.atomic():
        for d in days:
            store.db.execute(
                "INSERT OR REPLACE INTO calendar_days(day, kind, note) VALUES(?, ?, ?)",
                [d.day.isoformat(), d.kind, d.note],
            )
