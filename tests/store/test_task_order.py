"""Where deleted tasks go back among the tasks of their appendix (`task_order.put_back`): after
the task that came before them, whatever the position numbers say now."""

from __future__ import annotations

from cchc_desktop.store.task_order import put_back

G = 7  # a group's id


def test_each_task_goes_back_after_the_one_before_it_then() -> None:
    before = [(1, None), (2, None), (3, G), (4, G), (5, G)]
    current = [(2, None), (4, G)]  # 1, 3 and 5 deleted
    assert put_back(current, before, {1, 3, 5}) == before


def test_a_predecessor_deleted_since_is_passed_over() -> None:
    before = [(1, None), (2, None), (3, None), (4, None)]
    current = [(1, None), (4, None)]  # 3 is put back; 2 was deleted elsewhere meanwhile
    assert put_back(current, before, {3}) == [(1, None), (3, None), (4, None)]


def test_a_task_first_of_its_group_goes_back_first_in_it_in_its_group_of_then() -> None:
    before = [(1, None), (2, G), (3, G)]
    current = [(1, None), (3, G), (2, None)]  # 2 listed anywhere (just inserted), with no group
    assert put_back(current, before, {2}) == before


def test_tasks_added_since_keep_their_place_after_the_task_put_back() -> None:
    before = [(1, None), (2, None), (3, None)]
    current = [(1, None), (9, None), (3, None)]  # 9 added after 1 by another window while 2 was gone
    assert put_back(current, before, {2}) == [(1, None), (2, None), (9, None), (3, None)]


def test_with_no_task_of_then_left_the_tasks_go_back_in_their_order() -> None:
    before = [(1, None), (2, G), (3, G)]
    assert put_back([], before, {1, 2, 3}) == before
