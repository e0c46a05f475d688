"""PDFs of our own pages (the access summary, consent receipts, letters), drawn by WeasyPrint from
HTML we render. It lives in the lowest layer so every app can print."""


def pdf_from_html(html: str) -> bytes:
    # Imported here: WeasyPrint loads pango and cairo, which only PDFs need.
    from weasyprint import HTML

    return HTML(string=html).write_pdf()
