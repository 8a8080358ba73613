"""The given-name generator on a few hand-written census lines: what it keeps and leaves out,
and that what it writes is the module the entity fixes import."""

from __future__ import annotations

from pathlib import Path

from annotator.nlp.lang.en import entities, given_names, make_given_names


def test_given_names_keep_frequent_names_but_no_words_places_or_company_starters(tmp_path: Path) -> None:
    (tmp_path / "dist.female.first").write_text(
        "LINDA          1.035  4.736      3\n"
        "ROSE           0.296 34.691     65\n"
        "GEORGIA        0.100 40.000     90\n"
        "VICTORIA       0.180 46.235    116\n"
        "CANDACE        0.051 68.742    343\n",
        encoding="ascii",
    )
    (tmp_path / "dist.male.first").write_text(
        "JAMES          3.318  3.318      1\n" + "GRANT          0.036 80.450    343\n",
        encoding="ascii",
    )

    namespace: dict[str, object] = {}
    exec(make_given_names.build(tmp_path, {"rose", "grant"}), namespace)  # plain literals

    # A word ("Rose"), a state ("Georgia"), a company starter ("Victoria Police") are left out,
    # and so are the male names past the kept number of the most frequent.
    assert namespace["CENSUS_GIVEN_NAMES"] == {"Linda", "Candace", "James"}


def test_the_census_names_join_the_hand_list_without_its_exclusions() -> None:
    assert {"Candace", "Melinda"} <= given_names.CENSUS_GIVEN_NAMES <= entities.GIVEN_NAMES
    assert not {"Will", "May", "Grant", "Morgan", "Christian", "Victoria", "Austin"} & entities.GIVEN_NAMES
