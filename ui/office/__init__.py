"""The office's own details, from the Danh mục menu: the agency registry, Thông tin cơ quan (also the
first-run step) and the document settings.

Layer: beside the tabs; imports `ui.common` and the core.
"""
