"""The public equality data page and the administrators' pages behind it, in Chromium. How the page
scripts work: tests/browser/pages/registry.py."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from recruitment import services
from tests.browser.conftest import assert_accessible
from tests.browser.pages.registry import Pages
from tests.recruitment.test_equality_data import members_answering

pytestmark = pytest.mark.browser

page = Pages()
FIXTURES = Path(__file__).parents[2] / "recruitment" / "fixtures"


def panels_of_twelve(visitor) -> None:
    """Two panels of twelve members, who gave their sex and age when they applied."""
    race, gender = visitor.person("race_panel"), visitor.person("gender_panel")
    members_answering(visitor.person("coordinator"), race, 12, sex="female", age_band="25_34")
    members_answering(visitor.person("gender_coordinator"), gender, 6, sex="male", age_band="45_54")
    members_answering(visitor.person("gender_coordinator"), gender, 6, sex="female", age_band="55_64")


@page("recruitment:equality_data")
def the_published_equality_data(visitor):
    panels_of_twelve(visitor)
    services.equality_publication_publish(actor=visitor.person("administrator"))
    visitor.open("/")
    visitor.follow("Equality data")
    sex = visitor.page.get_by_role("table", name="Sex: numbers and shares")
    expect(sex.get_by_role("row", name="Female")).to_contain_text("18")
    expect(sex.get_by_role("row", name="Female")).to_contain_text("75%")
    expect(visitor.page.get_by_text("figures are not loaded yet")).to_be_visible()


@page("recruitment:equality_data_published")
def an_earlier_equality_data_page(visitor):
    panels_of_twelve(visitor)
    services.equality_publication_publish(actor=visitor.person("administrator"))
    members_answering(visitor.person("coordinator"), visitor.person("race_panel"), 2, sex="male")
    services.equality_publication_publish(actor=visitor.person("administrator"))
    visitor.open("/equality-data/")
    visitor.page.get_by_role("link", name="Published").first.click()
    expect(visitor.page.get_by_text("24 people on the panels")).to_be_visible()
    expect(visitor.page.get_by_text("(this page)")).to_be_visible()


@page("recruitment:equality_data_preview")
def previewing_the_equality_data_with_population_figures(visitor):
    panels_of_twelve(visitor)
    visitor.sign_in(visitor.person("administrator"))
    visitor.open("/staff/")
    visitor.follow("Preview and publish the public equality data page")
    visitor.follow("Load the City Region's population figures")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Load the figures")
    expect(visitor.page.get_by_role("link", name="Choose at least one file downloaded from the ONS")).to_be_visible()
    assert_accessible(visitor.page, "with errors")
    visitor.page.get_by_label("What the figures are").fill("ONS Census 2021: TS008 Sex")
    visitor.page.get_by_label("Day").fill("2")
    visitor.page.get_by_label("Month").fill("11")
    visitor.page.get_by_label("Year").fill("2022")
    visitor.page.get_by_label("Files from the ONS").set_input_files(str(FIXTURES / "ons_sex.csv"))
    visitor.press("Load the figures")
    expect(visitor.page.get_by_text("The figures are loaded.")).to_be_visible()
    sex = visitor.page.get_by_role("table", name="Sex: numbers and shares")
    expect(sex.get_by_role("row", name="Female")).to_contain_text("53%")


@page("recruitment:population_figures_load", opens_on="recruitment:population_figures_load")
def loading_a_file_that_is_not_from_the_ons(visitor):
    visitor.sign_in(visitor.person("administrator"))
    visitor.open("/staff/equality-data/population/")
    visitor.page.get_by_label("What the figures are").fill("Something else")
    visitor.page.get_by_label("Day").fill("2")
    visitor.page.get_by_label("Month").fill("11")
    visitor.page.get_by_label("Year").fill("2022")
    visitor.page.get_by_label("Files from the ONS").set_input_files(
        {"name": "sums.csv", "mimeType": "text/csv", "buffer": b"name,count\nLiverpool,3\n"}
    )
    visitor.press("Load the figures")
    expect(
        visitor.page.get_by_role("link", name="sums.csv: This is not a file in the ONS layout", exact=False)
    ).to_be_visible()


@page("recruitment:panel_questions", opens_on="recruitment:panel_questions")
def choosing_a_panels_equality_questions(visitor):
    visitor.sign_in(visitor.person("administrator"))
    visitor.open("/staff/panels/gender/")
    visitor.follow("Equality questions this panel asks")
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_label("Sexual orientation", exact=True).check()
    visitor.press("Save the questions")
    expect(visitor.page.get_by_text("The Gender Panel's questions are saved.")).to_be_visible()
    visitor.follow("Equality questions this panel asks")
    expect(visitor.page.get_by_label("Sexual orientation", exact=True)).to_be_checked()


test_every_page_is_accessible = page.test()
