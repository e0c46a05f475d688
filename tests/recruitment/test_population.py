"""Loading the City Region's population (recruitment/population.py) from files in the layout the
ONS publishes Census 2021 custom datasets in. The fixtures are that layout with made-up numbers."""

from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from recruitment import population, services
from recruitment.models import PopulationFigures
from recruitment.selectors.equality import questions
from recruitment.selectors.publication import population_figures

FIXTURES = Path(__file__).parent / "fixtures"


def answers():
    return {question.field: question.answers for question in questions()}


def read(name: str) -> population.Loaded:
    return population.read_ons_csv((FIXTURES / name).read_text(encoding="utf-8"), answers())


def upload(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (FIXTURES / name).read_bytes(), content_type="text/csv")


def test_the_six_areas_are_added_up_and_others_left_out():
    loaded = read("ons_sex.csv")
    assert loaded.figures == {"sex": {"female": 1250, "male": 1120}}  # Stockport is not in the City Region
    assert loaded.areas == {"halton", "knowsley", "liverpool", "sefton", "st helens", "wirral"}
    assert loaded.not_used == []


def test_a_category_that_matches_no_answer_is_listed_not_guessed():
    loaded = read("ons_ethnic_group.csv")
    assert loaded.figures["ethnicity"]["white"] == 950 and loaded.figures["ethnicity"]["black"] == 35
    assert loaded.not_used == ["Does not apply"]


HEAD = '"c","Lower tier local authorities","c","{}","Observation"\n'


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("name,count\nLiverpool,3\n", "not a file in the ONS layout"),
        (HEAD.format("Hair colour (3 categories)") + '"x","Liverpool","1","Red","3"', "not one of the monitoring"),
        (HEAD.format("Sex (2 categories)") + '"x","Stockport","1","Female","3"', "none of the City Region's six"),
        (HEAD.format("Sex (2 categories)") + '"x","Wirral","1","Female","lots"', "not a whole number"),
        (HEAD.format("Sex (2 categories)") + '"x","Wirral","1","Female","6²"', "not a whole number"),
        (HEAD.format("Sex (2 categories)") + '"x","Wirral","1","Female","3"\nSource: ONS', "no figures for Halton"),
        (HEAD.format("Sex (2 categories)") + '"x","' + "W" * 200_000 + '"', "could not be read"),
    ],
)
def test_a_file_that_is_not_usable_says_why(text, words):
    with pytest.raises(ValidationError, match=words):
        population.read_ons_csv(text, answers())


@pytest.mark.django_db
def test_the_service_ships_no_figures_until_some_are_loaded(administrator, coordinator):
    assert population.shipped()["figures"] == {} and population_figures()["figures"] == {}
    with pytest.raises(PermissionDenied):
        services.population_figures_load(
            actor=coordinator, source="ONS", source_date=date(2022, 11, 2), files=[upload("ons_sex.csv")]
        )
    figures, not_used = services.population_figures_load(
        actor=administrator,
        source="ONS Census 2021: TS008 Sex, TS021 Ethnic group",
        source_date=date(2022, 11, 2),
        files=[upload("ons_sex.csv"), upload("ons_ethnic_group.csv")],
    )
    assert set(figures.figures) == {"sex", "ethnicity"} and not_used == ["Does not apply"]
    assert population_figures()["source"] == "ONS Census 2021: TS008 Sex, TS021 Ethnic group"


@pytest.mark.django_db
def test_a_file_that_is_not_text_is_refused_with_its_name(administrator):
    picture = SimpleUploadedFile("sex.csv", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, content_type="text/csv")
    with pytest.raises(ValidationError) as refused:
        services.population_figures_load(
            actor=administrator, source="ONS", source_date=date(2022, 11, 2), files=[picture]
        )
    assert "sex.csv must be a CSV file" in str(refused.value)
    assert not PopulationFigures.objects.exists()


@pytest.mark.django_db
def test_the_loading_command_reads_ons_files():
    call_command(
        "load_population_figures",
        str(FIXTURES / "ons_sex.csv"),
        "--source",
        "ONS Census 2021: TS008",
        "--date",
        "2022-11-02",
    )
    assert PopulationFigures.objects.get().figures == {"sex": {"female": 1250, "male": 1120}}
