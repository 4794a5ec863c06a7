"""The operating system: where files live (`paths`), writing files atomically (`files`), a full disk
said in Vietnamese (`diskfull`), Windows shortcuts (`winlnk`) and start at login (`autostart`).

Layer: the lowest with `text`; imports only `cchc_desktop.errors` and the standard library.
"""
