"""How engagement's routes find their objects, and how a document is handed over."""

from django.http import FileResponse

from accounts.access import Lookup
from accounts.uploads import content_type_for
from engagement.models import Engagement, Officer, Request, RequestDocument
from members.models import Panel

OFFICER_AREA = "engagement.officer_area"
REQUEST = Lookup("request_", Request.objects.select_related("officer"))
DOCUMENT = Lookup("document", RequestDocument.objects.select_related("request"), on="request")
ENGAGEMENT = Lookup("engagement", Engagement.objects.select_related("request__officer__officer", "panel"))
PANEL = Lookup("panel", Panel, url_kwarg="slug", field="slug")
OFFICER = Lookup("officer", Officer.objects.select_related("user"))


def document_response(document: RequestDocument) -> FileResponse:
    name = document.file_name
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=name, content_type=content_type_for(name)
    )
