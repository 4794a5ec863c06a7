"""Printed documents (PDF, Word, Excel) made from the stored data, without Qt.

`layout` is the one module that knows the official layout (Nghị định 30/2020/NĐ-CP);
`fonts` picks the typeface; `settings` holds the office's document settings.
"""
