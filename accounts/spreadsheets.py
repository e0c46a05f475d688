"""CSV for people to open in a spreadsheet. Every export writes through here, so that a cell
someone typed (a name, a need in their own words) can never run as a formula when opened: a cell
starting with = + - @, a tab or a carriage return gets a leading apostrophe, as OWASP advises
against CSV injection."""

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value as a spreadsheet should show it: text that a spreadsheet would run is quoted."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Writer:
    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row):
        return self._writer.writerow([safe_cell(value) for value in row])


class _DictWriter:
    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row: dict):
        return self._writer.writerow({key: safe_cell(value) for key, value in row.items()})


def writer(out) -> _Writer:
    """`csv.writer` for an export."""
    return _Writer(csv.writer(out))


def dict_writer(out, fieldnames) -> _DictWriter:
    """`csv.DictWriter` for an export."""
    return _DictWriter(csv.DictWriter(out, fieldnames=fieldnames))
