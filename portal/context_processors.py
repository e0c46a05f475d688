from django.conf import settings


def site(request) -> dict:
    user = getattr(request, "user", None)
    return {
        "SITE_NAME": settings.SITE_NAME,
        "AUTHORITY_NAME": settings.AUTHORITY_NAME,
        "CONTACT_EMAIL": settings.CONTACT_EMAIL,
        "CONTACT_PHONE": settings.CONTACT_PHONE,
        "is_staff_person": bool(user and user.is_authenticated and user.has_perm("members.view_staff_area")),
        # Asked only by the pages that show it (a template calls it), so other pages make no query.
        "needs_second_factor": lambda: bool(
            user and user.is_authenticated and user.has_perm("portal.use_second_factor")
        ),
    }
