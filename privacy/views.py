import logging

from django.http import HttpResponse
from django.views.decorators.http import require_safe

from accounts.access import signed_in

from .export import access_export, export_name

logger = logging.getLogger(__name__)


@signed_in
@require_safe
def my_export(request):
    """Everything held about the signed-in person, as a ZIP (privacy.export)."""
    response = HttpResponse(access_export(request.user, pending_held_back=True), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{export_name(request.user)}"'
    logger.info("access export of person %s downloaded by them", request.user.pk)
    return response
