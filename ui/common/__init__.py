"""What every tab and dialog of the window shares: the controller through which every edit passes as
an undoable service call (`controller`), form helpers (`forms`), messages (`messages`), the
application's icon (`icon`) and a quicker PySide6 import check (`qt_import_hook`).

Layer: the lowest of `ui`; imports the core, never another folder of `ui`.
"""
