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
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
