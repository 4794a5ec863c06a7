"""Time: a time frame as written read into a schedule (`timeframe`), the occurrences and states of a
task's schedule (`schedule`), working days and Vietnamese public holidays (`workdays`), lunar dates
(`lunar`), and the officer's reminders and the digest of what is due (`reminders`).

Layer: above `store`; imports `store`, `text`, `system`, never `reporting` and above.
"""
