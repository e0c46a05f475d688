"""Money is whole pence (int), never a float. Where a rate meets a part of an hour or a mile, the
result is rounded to the nearest penny, half a penny up: the rule every page states."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

ROUNDING_RULE = (
    "Amounts are worked out in pence. Where part of a penny is left, it is rounded to the nearest penny "
    "(half a penny rounds up)."
)


def times(pence: int, numerator: int, denominator: int = 1) -> int:
    """pence × numerator ÷ denominator, rounded to the nearest penny, half up."""
    exact = Decimal(pence) * Decimal(numerator) / Decimal(denominator)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def pounds(pence: int) -> str:
    """£12.50 for 1250; -£3.05 for -305."""
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(pence), 100)
    return f"{sign}£{whole:,}.{part:02d}"


def pounds_plain(pence: int) -> str:
    """12.50 for 1250: for spreadsheets, which want a number."""
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(pence), 100)
    return f"{sign}{whole}.{part:02d}"


def parse_pounds(text: str) -> int:
    """Pence from what a person typed: "12", "12.5", "£12.50", "1,200.00". ValueError otherwise."""
    cleaned = text.strip().replace("£", "").replace(",", "").strip()
    if not cleaned or cleaned.startswith(("-", "+")):
        raise ValueError(text)
    whole, _, part = cleaned.partition(".")
    if not whole:
        whole = "0"
    if not whole.isdigit() or (part and (not part.isdigit() or len(part) > 2)):
        raise ValueError(text)
    return int(whole) * 100 + int(part.ljust(2, "0") or 0)


def tax_year_of(day: date) -> int:
    """The UK tax year a day falls in, named by the year it starts: 6 April 2026 to 5 April 2027 is 2026."""
    return day.year if (day.month, day.day) >= (4, 6) else day.year - 1


def tax_year_bounds(year: int) -> tuple[date, date]:
    """The first and last day of a tax year."""
    return date(year, 4, 6), date(year + 1, 4, 5)


def tax_year_name(year: int) -> str:
    return f"6 April {year} to 5 April {year + 1}"
