"""The Lịch tab: the month grid, the agenda below it and their dialogs."""
