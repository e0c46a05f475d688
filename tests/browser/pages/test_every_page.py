"""Every page of the service has a script in tests/browser/pages/ (see registry.py), but for the
routes below, which a browser cannot show as a page of their own."""

from django.urls import reverse

from accounts.access import PUBLIC, SIGNED_IN, STAFF
from tests.browser.pages.registry import every_visit
from tests.routes import all_routes, post_only, rule_for

# Routes a browser cannot show as a page of their own, and why. Every other route with an access
# rule (accounts/access.py) must be visited by a page script; the Django admin is left to Django.
NOT_PAGES = {
    "privacy:my_export": "an attachment (everything held about the person, as a ZIP; tests/browser/test_privacy.py)",
    "privacy:request_export": "an attachment (the same ZIP, for an administrator answering a request)",
    "privacy:legal_hold_lift": "POST only (the Lift the hold button on the retention page)",
    "notifications:letters_download": "an attachment (a PDF of the letters) to print, not a page of the service",
    "notifications:provider_reports": "POST only, by the email provider (its bounce reports)",
    "mfa_download_recovery_codes": "an attachment (recovery-codes.txt)",
    "mfa_login_webauthn": "POST only (the passkey button on the sign-in page); GET redirects to sign in",
    "recruitment:equality_download": "an attachment (the person's own equality answers, as JSON)",
    "recruitment:round_audit_csv": "an attachment (a round's audit pack, as CSV)",
    "recruitment:equality_report_csv": "an attachment (a round's equality monitoring tables, as CSV)",
    "recruitment:panel_equality_csv": "an attachment (a panel's equality monitoring tables, as CSV)",
    "recruitment:equality_by_year_csv": "an attachment (a year's equality monitoring tables, as CSV)",
    "recruitment:equality_data_csv": "an attachment (the published equality data, as CSV)",
    "members:provider_export": "an attachment (the members' access needs for providers, as CSV)",
    "meetings:staff_paper": "an attachment (a meeting paper, in one of its versions)",
    "meetings:my_paper": "an attachment (a meeting paper, in one of its versions)",
    "meetings:supplier_export": "an attachment (a meeting's arrangements for suppliers, as CSV)",
    "members:my_record_csv": "an attachment (the person's own record, as CSV)",
    "members:my_record_json": "an attachment (the person's own record, as JSON)",
    "notifications:consent_receipt_pdf": "an attachment (a consent receipt as PDF; the receipt page's script gets it)",
    "members:person_record_csv": "an attachment (a person's record, as CSV, for administrators)",
    "members:person_record_json": "an attachment (a person's record, as JSON, for administrators)",
    "engagement:document": "an attachment (a document an officer brought, for the officer and staff)",
    "engagement:chair_document": "an attachment (a document an officer brought, for the panel's chair)",
    "engagement:member_document": "an attachment (a document an officer brought, for the panel's members)",
    "engagement:panel_stats_csv": "an attachment (a panel's requests by year, as CSV)",
    "payments:own_receipt": "an attachment (the receipt a person uploaded with their claim)",
    "payments:receipt": "an attachment (a receipt uploaded with a claim, for the panel's coordinators and finance)",
    "payments:statement_csv": "an attachment (a person's statement for a tax year, as CSV)",
    "payments:batch_csv": "an attachment (an export of approved claims for the finance system, as CSV)",
    "admin_login_redirect": "redirects to the service's sign-in page; signed in, it is a 403 (not an administrator)",
}


def routes_that_should_be_pages() -> set[str]:
    """Every mounted route outside the Django admin, by name (by pattern if it has none), except
    those only sent forms (POST): the page the form is on is what people see."""
    return {
        name or route
        for route, name, callback in all_routes()
        if rule_for(route, name, callback) in {PUBLIC, SIGNED_IN, STAFF} and not post_only(callback)
    }


def test_routes_only_sent_forms_are_told_apart():
    routes = {name: callback for _, name, callback in all_routes()}
    assert post_only(routes["meetings:meeting_invite"]) and post_only(routes["recruitment:application_moderate"])
    assert not post_only(routes["meetings:meeting"]) and not post_only(routes["recruitment:question_edit"])


def test_every_page_has_a_browser_test():
    visited = {visit.route for visit in every_visit() if visit.status == 200}
    visited |= {visit.opens_on for visit in every_visit() if visit.opens_on}
    missing = routes_that_should_be_pages() - visited - set(NOT_PAGES)
    assert missing == set(), f"Pages without an accessibility test in tests/browser/pages/: {sorted(missing)}"


def test_the_routes_excused_from_browser_tests_exist_and_are_not_visited():
    assert set(NOT_PAGES) <= routes_that_should_be_pages()
    assert not set(NOT_PAGES) & {visit.route for visit in every_visit()}


def test_the_routes_excused_as_redirects_only_redirect(client, db):
    for name in ["mfa_login_webauthn", "admin_login_redirect"]:
        assert client.get(reverse(name)).status_code == 302, name
