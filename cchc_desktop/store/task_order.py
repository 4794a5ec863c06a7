"""Where deleted tasks go back (undo of a deletion, redo of an addition).

A task's place in its appendix is its order among the tasks there, not the number in its
`position` column: positions are renumbered when tasks are moved (and when a move is undone), so
the number a task had when it was deleted may point, by the time it comes back, at another place.
The appendix's order is therefore kept when tasks are deleted (`TaskService.order_of`), and each
task goes back right after the task that came before it then, in the group it was in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

Order = Sequence[tuple[int, "int | None"]]
"""An appendix's tasks in printed order: (task id, group id), ungrouped first, then each group."""


def put_back(current: Order, before: Order, restored: Iterable[int]) -> list[tuple[int, int | None]]:
    """The appendix's order with the `restored` tasks back in their places of `before` (the order
    when they were deleted): each right after the task that came before it then and is there now
    (the nearest such; first of all when none is), in its group of then. The other tasks keep the
    order and groups they have now (`current`), those added since by another window included;
    `current` may list the restored tasks anywhere, or not at all."""
    back = set(restored)
    group_then = dict(before)
    present = {tid for tid, _ in current if tid not in back}
    followers: dict[int | None, list[int]] = defaultdict(list)  # the restored tasks that follow a task
    placed = set(present)
    for i, (tid, _group) in enumerate(before):
        if tid not in back:
            continue
        j = i - 1
        while j >= 0 and before[j][0] not in placed:  # the task before it then was deleted since
            j -= 1
        followers[before[j][0] if j >= 0 else None].append(tid)
        placed.add(tid)
    groups = {tid: group for tid, group in current if tid not in back}
    groups.update((tid, group_then[tid]) for tid in back if tid in group_then)
    out: list[tuple[int, int | None]] = []

    def emit(first: int | None) -> None:
        stack = list(reversed(followers.get(first, [])))
        while stack:
            tid = stack.pop()
            out.append((tid, groups[tid]))
            stack.extend(reversed(followers.get(tid, [])))

    emit(None)
    for tid, _group in current:
        if tid in present:
            out.append((tid, groups[tid]))
            emit(tid)
    return out
