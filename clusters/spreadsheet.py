"""Text cells that a spreadsheet program would run as formulas, made inert: one rule for every CSV export.

Excel, LibreOffice and Google Sheets treat a cell starting with = + - @ (and a
tab or carriage return before them) as a formula, so a name like
"=HYPERLINK(...)" typed into a record would run on a partner's machine
(CSV injection, OWASP). A leading apostrophe makes the cell plain text in all
of them. The importer removes exactly this apostrophe again
(clusters.importing), so an export re-imports unchanged.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell_safe(value):
    """The value for a CSV cell: text that starts like a formula gets a leading apostrophe; None is empty."""
    if value is None:
        return ""
    if isinstance(value, str) and (value.startswith(FORMULA_STARTS) or spreadsheet_apostrophe_taken(value)):
        # Text that already starts with an apostrophe before a formula character gets one more:
        # the importer takes one off, so "'=x" comes back as "'=x" and not as "=x".
        return "'" + value
    return value


def spreadsheet_apostrophe_taken(value: str) -> bool:
    """Whether a cell starts with the apostrophe an export adds (the importer takes it off)."""
    # One apostrophe or more before a formula character: exports add one to "'=x" as to "=x".
    rest = value.lstrip("'")
    return len(rest) < len(value) and rest.startswith(FORMULA_STARTS)
