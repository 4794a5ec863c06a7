"""Documents the program writes: the PDFs in the official layout (`render/`: appendix, whole plan,
reminder list, office documents), the report and evidence documents in PDF, Word and Excel
(`report_docs`, `evidence_docs`), calendar files (`ics`), and task tables copied to and pasted from
Word and Excel (`tabular`).

Layer: above `reporting`; imports `reporting`, `scheduling`, `store`, `text`, `system`.
"""
