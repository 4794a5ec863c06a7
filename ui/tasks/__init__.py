"""The Nhiệm vụ tab: the task table and its model, the task form, agency input, schedules, pasting rows, and recording progress."""
