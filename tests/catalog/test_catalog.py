"""Catalogue data: life domain sets (R5) and the intervention catalogue import (R13)."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from regie.catalog.models import Intervention, LifeDomain, LifeDomainSet, RecognitionLevel
from regie.catalog.services import (
    import_interventions,
    import_interventions_csv,
    load_domain_sets,
    load_example_interventions,
)

DEFAULT_DOMAINS = [
    "Lichamelijke gezondheid",
    "Psychische gezondheid",
    "Financiën",
    "Participatie (school, werk)",
    "Dagelijks functioneren",
    "Veiligheid",
    "Opvoeding",
    "Sociaal netwerk",
]

HEADER = "code,name,summary,target_group,recognition_level,source_url,is_example\n"


def write_csv(tmp_path: Path, text: str, name: str = "catalogus.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- Life domains (R5) -------------------------------------------------------------------


@pytest.mark.django_db
def test_r5_loading_domain_sets_twice_is_idempotent() -> None:
    first = load_domain_sets()
    assert first == 8 + 13
    sets_before = LifeDomainSet.objects.count()
    domains_before = LifeDomain.objects.count()

    second = load_domain_sets()

    assert second == 0
    assert LifeDomainSet.objects.count() == sets_before == 2
    assert LifeDomain.objects.count() == domains_before == 21


@pytest.mark.django_db
def test_r5_default_set_has_the_eight_domains_in_order() -> None:
    load_domain_sets()

    default = LifeDomainSet.objects.get(is_default=True)
    assert default.slug == "samen-beslissen-8"
    assert not default.is_scored
    assert list(default.domains.order_by("order").values_list("name", flat=True)) == (
        DEFAULT_DOMAINS
    )
    assert all(domain.description for domain in default.domains.all())


@pytest.mark.django_db
def test_r5_zrm_has_13_domains_scored_1_to_5() -> None:
    load_domain_sets()

    zrm = LifeDomainSet.objects.get(slug="zelfredzaamheid-matrix-13")
    assert not zrm.is_default
    assert zrm.is_scored
    assert (zrm.score_min, zrm.score_max) == (1, 5)
    names = list(zrm.domains.order_by("order").values_list("name", flat=True))
    assert len(names) == 13
    assert names[0] == "Financiën"
    assert names[-1] == "Justitie"
    assert {"Middelengebruik", "Basale ADL", "Instrumentele ADL"} <= set(names)


@pytest.mark.django_db
def test_r5_loading_a_default_set_clears_the_previous_default() -> None:
    LifeDomainSet.objects.create(slug="eigen-set", name="Eigen set", is_default=True)

    load_domain_sets()

    assert list(LifeDomainSet.objects.filter(is_default=True).values_list("slug", flat=True)) == [
        "samen-beslissen-8"
    ]


@pytest.mark.django_db
def test_r5_reload_restores_order_and_keeps_domains_added_by_administrator() -> None:
    load_domain_sets()
    default = LifeDomainSet.objects.get(slug="samen-beslissen-8")
    default.domains.filter(name="Veiligheid").update(order=99)
    LifeDomain.objects.create(domain_set=default, name="Huisvesting", order=9)

    assert load_domain_sets() == 0

    assert default.domains.get(name="Veiligheid").order == 6
    assert default.domains.filter(name="Huisvesting").exists()


@pytest.mark.django_db
def test_r5_load_life_domains_command_prints_count() -> None:
    out = StringIO()
    call_command("load_life_domains", stdout=out)
    assert "21" in out.getvalue()


# --- Intervention catalogue (R13) --------------------------------------------------------


@pytest.mark.django_db
def test_r13_csv_import_creates_then_updates_by_code(tmp_path: Path) -> None:
    first = write_csv(
        tmp_path,
        HEADER
        + "gezin-a,Gezinsaanpak A,Eerste versie,Gezinnen,well_described,,nee\n"
        + "gezin-b,Gezinsaanpak B,,Ouders,effective_good,https://example.org/b,0\n",
    )
    result = import_interventions_csv(first)
    assert (result.created, result.updated, result.errors) == (2, 0, [])

    second = write_csv(
        tmp_path,
        HEADER + "gezin-a,Gezinsaanpak A (nieuw),Tweede versie,Gezinnen,well_founded,,ja\n",
        name="update.csv",
    )
    result = import_interventions_csv(second)
    assert (result.created, result.updated, result.errors) == (0, 1, [])

    assert Intervention.objects.count() == 2
    updated = Intervention.objects.get(code="gezin-a")
    assert updated.name == "Gezinsaanpak A (nieuw)"
    assert updated.summary == "Tweede versie"
    assert updated.recognition_level == RecognitionLevel.WELL_FOUNDED
    assert updated.is_example is True
    assert Intervention.objects.get(code="gezin-b").source_url == "https://example.org/b"


@pytest.mark.django_db
def test_r13_csv_with_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_text(HEADER + "met-bom,Met BOM,,,well_described,,false\n", encoding="utf-8-sig")

    result = import_interventions_csv(path)

    assert result.errors == []
    assert Intervention.objects.filter(code="met-bom").exists()


@pytest.mark.django_db
def test_r13_bad_recognition_level_gives_dutch_error_and_skips_only_that_row(
    tmp_path: Path,
) -> None:
    path = write_csv(
        tmp_path,
        HEADER
        + "goed-1,Goede regel 1,,,well_described,,nee\n"
        + "fout-2,Foute regel,,,heel_effectief,,nee\n"
        + "goed-3,Goede regel 3,,,effective_strong,,nee\n",
    )

    result = import_interventions_csv(path)

    assert result.created == 2
    assert len(result.errors) == 1
    error = result.errors[0]
    # The bad row is the second data row, i.e. line 3 of the file (line 1 is the header).
    assert "Regel 3" in error
    assert "erkenningsniveau" in error
    assert "heel_effectief" in error
    for level in RecognitionLevel.values:
        assert level in error
    assert set(Intervention.objects.values_list("code", flat=True)) == {"goed-1", "goed-3"}


@pytest.mark.django_db
def test_r13_row_errors_for_code_name_and_is_example() -> None:
    rows = [
        {"code": "", "name": "Zonder code", "recognition_level": "well_described"},
        {"code": "geen spaties", "name": "Ongeldige code", "recognition_level": "well_described"},
        {"code": "zonder-naam", "name": " ", "recognition_level": "well_described"},
        {
            "code": "raar-vinkje",
            "name": "Raar vinkje",
            "recognition_level": "well_described",
            "is_example": "misschien",
        },
        {"code": "in-orde", "name": "In orde", "recognition_level": "not_assessed"},
    ]

    result = import_interventions(rows)

    assert result.created == 1
    assert [error.split(":")[0] for error in result.errors] == [
        "Regel 2",
        "Regel 3",
        "Regel 4",
        "Regel 5",
    ]
    assert list(Intervention.objects.values_list("code", flat=True)) == ["in-orde"]


@pytest.mark.django_db
def test_r13_missing_column_refuses_the_whole_file(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "code,name,summary\n" + "a,Interventie A,Tekst\n" + "b,Interventie B,Tekst\n",
    )

    result = import_interventions_csv(path)

    assert (result.created, result.updated) == (0, 0)
    assert len(result.errors) == 1
    assert "recognition_level" in result.errors[0]
    assert "niets geïmporteerd" in result.errors[0]
    assert not Intervention.objects.exists()


@pytest.mark.django_db
def test_r13_example_set_is_flagged_and_clearly_invented() -> None:
    result = load_example_interventions()

    assert result.errors == []
    assert result.created == 8
    interventions = list(Intervention.objects.all())
    assert len(interventions) == 8
    assert all(item.is_example for item in interventions)
    assert all(item.name.startswith("Voorbeeld:") for item in interventions)
    assert all(item.source_url == "" for item in interventions)
    levels = {item.recognition_level for item in interventions}
    assert levels == set(RecognitionLevel.values) - {RecognitionLevel.NOT_ASSESSED}

    again = load_example_interventions()
    assert (again.created, again.updated) == (0, 8)


@pytest.mark.django_db
def test_r13_import_command_example_and_errors(tmp_path: Path) -> None:
    out = StringIO()
    call_command("import_interventions", "--example", stdout=out)
    assert "8 nieuw" in out.getvalue()

    bad = write_csv(tmp_path, HEADER + "fout,Fout,,,onbekend,,nee\n")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_interventions", str(bad), stdout=StringIO(), stderr=err)
    assert "Regel 2" in err.getvalue()

    with pytest.raises(CommandError):
        call_command("import_interventions", stdout=StringIO())
