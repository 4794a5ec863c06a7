"""The database and everything kept in it: the domain records (`domain`), opening the file with its
pragmas and numbered migrations (`db`), integrity checks (`integrity`), backups (`backup`),
attachment files (`attachments`), and the services the rest of the program calls, one file each
around the `Store` (`store`): plans, tasks, agencies, settings, progress history, the demo plan.

Layer: above `text` and `system`; imports nothing from `scheduling`, `reporting`, `documents`,
`importer` or `cli`, and never Qt.
"""

from __future__ import annotations

from cchc_desktop.store.store import Store

__all__ = ["Store"]
