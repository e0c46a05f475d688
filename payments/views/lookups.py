"""How payments' routes find their objects, and how a receipt is handed over."""

from django.http import FileResponse, Http404

from accounts.access import Lookup
from accounts.uploads import content_type_for
from members.models import Panel
from payments.models import Claim, ClaimLine, ExportBatch

CLAIM = Lookup("claim", Claim.objects.select_related("person", "panel"))
LINE = Lookup("line", ClaimLine.objects.select_related("claim__person", "claim__panel"))
# A line, with the permission asked of its claim.
LINE_OF_CLAIM = Lookup("line", ClaimLine.objects.select_related("claim__person", "claim__panel"), on="claim")
PANEL = Lookup("panel", Panel, url_kwarg="slug", field="slug")
BATCH = Lookup("batch", ExportBatch)
FINANCE_AREA = "payments.finance_area"


def receipt_response(line: ClaimLine) -> FileResponse:
    name = line.receipt_name
    try:
        opened = line.receipt.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(opened, as_attachment=True, filename=name, content_type=content_type_for(name))
