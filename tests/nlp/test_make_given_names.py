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


def test_a_name_tells_a_gender_only_when_far_more_common_for_it(tmp_path: Path) -> None:
    (tmp_path / "dist.female.first").write_text(
        "LINDA          1.035  4.736      3\n"
        "JEAN           0.315 33.000     60\n"
        "ROSE           0.296 34.691     65\n"
        "ANDREA         0.236 38.893     81\n",
        encoding="ascii",
    )
    (tmp_path / "dist.male.first").write_text(
        "JAMES          3.318  3.318      1\n"
        "THOMAS         1.380 21.000      6\n"
        "JEAN           0.035 80.000    300\n"
        "LINDA          0.009 90.000    900\n",
        encoding="ascii",
    )

    namespace: dict[str, object] = {}
    exec(make_given_names.build(tmp_path, {"rose", "thomas"}, {"Thomas"}), namespace)

    # "Jean" is a tenth as common for men as for women, so tells neither; "Linda" for men is
    # under a tenth. A word stays out ("Rose") unless the hand list holds it as a name
    # ("Thomas"); "Andrea" is a man's name in Italy.
    assert namespace["FEMALE_GIVEN_NAMES"] == {"Linda"}
    assert namespace["MALE_GIVEN_NAMES"] == {"James", "Thomas"}
    assert namespace["CENSUS_GIVEN_NAMES"] == {"Linda", "Jean", "Andrea", "James"}


def test_the_gender_sets_hold_common_names_of_one_gender_only() -> None:
    assert {"Mary", "Maria", "Eleanor", "Margaret"} <= given_names.FEMALE_GIVEN_NAMES
    assert {"John", "James", "Thomas"} <= given_names.MALE_GIVEN_NAMES
    assert not given_names.FEMALE_GIVEN_NAMES & given_names.MALE_GIVEN_NAMES
    assert not {"Jean", "Kelly", "Andrea", "Will", "Rose"} & (
        given_names.FEMALE_GIVEN_NAMES | given_names.MALE_GIVEN_NAMES
    )
