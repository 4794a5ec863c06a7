"""The Nhiệm vụ tab: the task table and its model, the task form, agency input, schedules, pasting rows, and recording progress."""

COPIED_ROWS_FORMAT = "application/x-cchc-copied-rows"
"""The clipboard format of rows copied from the task list (here, so that the application can
look for it at exit without importing the task list)."""
