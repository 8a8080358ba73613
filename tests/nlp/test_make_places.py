"""The place-name generator on a few hand-written GeoNames records: what it keeps, folds and
leaves out, and that what it writes is the module the entity fixes import."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.nlp.lang.en import make_places, places


def test_places_keeps_countries_states_and_large_cities_with_their_ascii_spelling(tmp_path: Path) -> None:
    (tmp_path / "countries.json").write_text(
        json.dumps({"HU": {"name": "Hungary"}, "VA": {"name": "Vatican"}}), encoding="utf-8"
    )
    (tmp_path / "us_states.json").write_text(json.dumps({"OR": {"name": "Oregon"}}), encoding="utf-8")
    cities = {
        "1": {"name": "Poznań", "population": 536_151},
        "2": {"name": "Zakopane", "population": 27_000},
        "3": {"name": "les Escaldes", "population": 150_000},
    }
    (tmp_path / "cities15000.json").write_text(json.dumps(cities), encoding="utf-8")

    namespace: dict[str, object] = {}
    exec(make_places.build(tmp_path), namespace)  # the generated module is plain literals

    assert namespace["COUNTRIES"] == {"Hungary", "Oregon"} | make_places.COUNTRY_FORMS
    # Vatican names an institution too; towns under 100,000 and lowercase names are left out.
    assert namespace["CITIES"] == {"Poznań", "Poznan"}


def test_the_shipped_lists_hold_what_the_rules_rely_on() -> None:
    assert {"Hungary", "Slovakia", "United States", "U.S.", "Britain"} <= places.COUNTRIES
    assert {"Omsk", "Erbil", "Poznan", "Toyota"} <= places.CITIES
    assert "Vatican" not in places.COUNTRIES
    assert not places.COUNTRIES & places.CITIES
