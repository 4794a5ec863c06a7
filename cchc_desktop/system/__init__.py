"""The operating system: where files live (`paths`), writing files atomically (`files`), a full disk
said in Vietnamese (`diskfull`), Windows shortcuts (`winlnk`), start at login (`autostart`) and
when Python's cycle collector runs (`collector`).

Layer: the lowest with `text`; imports only `cchc_desktop.errors` and the standard library.
"""
