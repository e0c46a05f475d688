import pytest

from members.models import Panel
from tests.factories import PanelFactory

pytestmark = pytest.mark.django_db


def test_the_home_page_introduces_the_three_panels_in_plain_english(client):
    page = client.get("/").content.decode()
    for name in ["Disabled People Panel", "Race Panel", "Gender Panel"]:
        assert name in page
    assert "Have your say on equality" in page


def test_a_panel_added_by_an_administrator_appears_without_code(client):
    PanelFactory(name="Older People's Panel", slug="older-people", summary="People over 50 who advise.")
    assert "Older People&#x27;s Panel" in client.get("/").content.decode()
    page = client.get("/panels/older-people/").content.decode()
    assert "People over 50 who advise." in page


def test_an_inactive_panel_is_not_shown(client):
    Panel.objects.filter(slug="gender").update(is_active=False)
    assert "Gender Panel" not in client.get("/").content.decode()
    assert client.get("/panels/gender/").status_code == 404


def test_each_panel_has_an_easy_read_page(client):
    page = client.get("/panels/disabled-people/easy-read/").content.decode()
    assert "This panel is a group of disabled people." in page


def test_every_page_links_to_the_accessibility_statement_and_privacy_notice(client):
    for url in ["/", "/panels/race/", "/accounts/login/", "/does-not-exist/"]:
        page = client.get(url).content.decode()
        assert 'href="/accessibility/"' in page and 'href="/privacy/"' in page


def test_the_privacy_notice_says_what_why_the_lawful_basis_how_long_and_how_to_ask(client):
    page = client.get("/privacy/").content.decode()
    for words in ["What we collect", "lawful basis", "How long we keep it", "ask for a copy", "public task"]:
        assert words in page


def test_a_missing_page_gets_a_helpful_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert 'href="/"' in response.content.decode()


def test_a_guessed_panel_slug_gets_a_404(client):
    assert client.get("/panels/no-such-panel/").status_code == 404
