"""Text as the documents write it: Unicode normal forms, diacritic-free folding for search
(`textnorm`), Vietnamese dates and numbers (`vnformat`), agency names and lists (`agencies`), and the
one sanitiser for text leaving the program (`safetext`).

Layer: the lowest with `system`; imports only `cchc_desktop.errors` and the standard library.
"""
