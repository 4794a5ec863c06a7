"""The window around the tabs: the application and its start (`app`), the main window and its menus
(`main_window`), its tabs built when first shown (`lazy_tabs`), printing and the print preview, help,
backups, one window per database (`single_instance`), the reminder agent (`agent`) and Qt's own
strings in Vietnamese (`qt_vi`).

Layer: the top of `ui`; may import every tab folder, `ui.common` and the core.
"""

from ui.common import qt_import_hook

qt_import_hook.install()  # before the application's modules are imported (see qt_import_hook)
