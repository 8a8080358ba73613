"""A behavioural test of the speaker rules (CheckList-style, Ribeiro et al. 2020) against the
conventions of issue 14, to find systematic failures the tuning batches are too small to show.

    .venv/bin/python benchmarks/checklist_speakers.py [--pipeline NAME] [--per-template N]
                                                      [--seed 0] [--json]

Each template is one convention (or one word order of it): an attributed quotation of any length
has its speaker, given as the fullest name of the referent in the article, whether the text names
it by pronoun, title or surname; a quotation nobody is said to have said has none; an appositive
or relative clause does not move the speaker; a place, a medium or a document never speaks, and
a document or report gives its owner; organisations speak. Templates are filled from small lists
(person names of varied origin, two and three words, some with particles; titles; organisations;
speech verbs; places, media, documents) into short made-up articles of two to four sentences,
each with the resolved name expected for every quotation in it (None: no speaker).

The cases are drawn with a fixed seed, so a "before" and an "after" run score the same texts.
The texts go through `analyse_texts`, as in `eval_quotes.py`, and names are compared as its
scorer compares them (`name_key`). A case fails when the quotations found are not the ones the
template wrote, or when any of them has another speaker than expected. The output gives each
template's failure rate and up to three failing cases; `--json` prints the same as one object.
No network: the installed model only.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_quotes import name_key, speaker_rules

from annotator.nlp import analyse_texts, load_pipeline


@dataclass(frozen=True, slots=True)
class Person:
    full: str
    surname: str
    pronoun: str  # "he" / "she"


@dataclass(frozen=True, slots=True)
class Org:
    name: str
    """As it stands in a sentence ("the Syrian Democratic Forces", "YouTube")."""
    resolved: str
    """The name the speaker should resolve to."""


PEOPLE = [
    Person("Eleanor Shaw", "Shaw", "she"),
    Person("Thomas Whitfield", "Whitfield", "he"),
    Person("Margaret Ann Collins", "Collins", "she"),
    Person("Carlos Mendoza", "Mendoza", "he"),
    Person("María José de la Cruz", "de la Cruz", "she"),
    Person("Jorge Ramírez Ortega", "Ramírez", "he"),
    Person("Khalid al-Rashid", "al-Rashid", "he"),
    Person("Fatima Hassan", "Hassan", "she"),
    Person("Omar Abdel Aziz", "Aziz", "he"),
    Person("Wang Lei", "Wang", "he"),
    Person("Zhang Xiaomei", "Zhang", "she"),
    Person("Priya Raghavan", "Raghavan", "she"),
    Person("Arvind Kumar Sharma", "Sharma", "he"),
    Person("Chinedu Okafor", "Okafor", "he"),
    Person("Amina Mohammed", "Mohammed", "she"),
    Person("Kwame Mensah Boateng", "Boateng", "he"),
    Person("Dmitri Volkov", "Volkov", "he"),
    Person("Katarzyna Nowak", "Nowak", "she"),
    Person("Oleksandr Petrenko", "Petrenko", "he"),
    Person("Pieter van der Berg", "van der Berg", "he"),
    Person("Anke van Dijk", "van Dijk", "she"),
]

# A title before a name, and the role noun that later stands for the person.
TITLES = [
    ("Health Minister", "minister"),
    ("Archbishop", "archbishop"),
    ("Mayor", "mayor"),
    ("Professor", "professor"),
    ("Governor", "governor"),
    ("Judge", "judge"),
    ("Senator", "senator"),
    ("General", "general"),
]

ORGS = [
    Org("YouTube", "YouTube"),
    Org("Greenpeace", "Greenpeace"),
    Org("the Syrian Democratic Forces", "Syrian Democratic Forces"),
    Org("Amnesty International", "Amnesty International"),
    Org("the NBA", "NBA"),
    Org("the RIAA", "RIAA"),
    Org("Siemens", "Siemens"),
    Org("the World Health Organization", "World Health Organization"),
    Org("Oxfam", "Oxfam"),
    Org("the International Monetary Fund", "International Monetary Fund"),
]

VERBS = ["said", "added", "argued", "warned", "insisted", "wrote", "explained", "stressed"]
PLACES = ["Cambridge", "Nairobi", "Lima", "Warsaw", "Manila", "Lagos", "Leeds", "Pune"]
MEDIA = ["Twitter", "Facebook", "Instagram", "local radio", "state television"]
OUTLETS = ["the BBC", "Reuters", "Al Jazeera", "The Guardian", "CNN"]
INSTITUTIONS = ["the University of Cambridge", "Nairobi Hospital", "the Lima Institute", "Warsaw University"]

LEADS = [
    "The council met on Tuesday to discuss the new budget.",
    "Flooding closed several roads in the region last week.",
    "The talks ended late on Thursday without an agreement.",
    "Prices of fuel rose sharply over the summer.",
    "Hundreds of people gathered outside the court on Monday.",
]
EVENTS = [
    "visited the flooded villages on Monday",
    "spoke at a conference on Wednesday",
    "met local officials on Friday",
    "arrived for the hearing early on Tuesday",
]
QUOTES = [
    "We will not back down.",
    "The situation is under control.",
    "This is a difficult day for everyone.",
    "Our priority is the safety of residents.",
    "Nobody expected the damage to be this bad.",
    "We have asked for an independent inquiry.",
]
SECONDS = [
    "We will keep working until the job is done.",
    "Families deserve answers.",
    "There is still much to do.",
    "I am confident we can fix this.",
]
PARTIALS = [
    "unjust",
    "heightened alert",
    "political maneuver",
    "a betrayal of voters",
    "deeply worrying",
    "reckless",
]
TERMS = ["Green Corridor", "smart city", "zero tolerance", "Safe Streets", "open door"]
WORKS = ["The Long Road Home", "Winter in Lima", "Songs of the River", "A Quiet Year"]


def _unquote(q: str) -> str:
    return q.rstrip(".")


Case = tuple[str, list[str | None]]
Template = Callable[[random.Random], Case]


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _person(r: random.Random) -> Person:
    return r.choice(PEOPLE)


def _q(r: random.Random) -> str:
    return r.choice(QUOTES)


def t_name_said_quote(r: random.Random) -> Case:
    p = _person(r)
    return f'{r.choice(LEADS)} {p.full} {r.choice(VERBS)}, "{_q(r)}"', [p.full]


def t_quote_name_said(r: random.Random) -> Case:
    p = _person(r)
    q = _unquote(_q(r))
    return f'{r.choice(LEADS)} "{q}," {p.full} {r.choice(VERBS)}.', [p.full]


def t_quote_said_name(r: random.Random) -> Case:
    p = _person(r)
    q = _unquote(_q(r))
    return f'{r.choice(LEADS)} "{q}," {r.choice(VERBS)} {p.full}.', [p.full]


def t_speaker_inside(r: random.Random) -> Case:
    p = _person(r)
    q = _unquote(_q(r))
    return f'{r.choice(LEADS)} "{q}," {p.full} {r.choice(VERBS)}. "{r.choice(SECONDS)}"', [p.full, p.full]


def t_speaker_inside_comma(r: random.Random) -> Case:
    p = _person(r)
    q = _unquote(_q(r))
    s = r.choice(SECONDS)
    return f'{r.choice(LEADS)} "{q}," {p.full} said, "{s[:1].lower() + s[1:]}"', [p.full, p.full]


def t_colon_told_reporters(r: random.Random) -> Case:
    p = _person(r)
    return f'{r.choice(LEADS)} {p.full} told reporters: "{_q(r)}"', [p.full]


def t_pronoun_next_sentence(r: random.Random) -> Case:
    p = _person(r)
    q = _unquote(_q(r))
    return f'{p.full} {r.choice(EVENTS)}. "{q}," {p.pronoun} {r.choice(VERBS)}.', [p.full]


def t_pronoun_told_reporters(r: random.Random) -> Case:
    p = _person(r)
    return (
        f"{p.full} {r.choice(EVENTS)}. {_cap(p.pronoun)} told reporters the work would take months. "
        f'"{_q(r)}"',
        [p.full],
    )


def t_pronoun_colon(r: random.Random) -> Case:
    p = _person(r)
    return f'{p.full} {r.choice(EVENTS)}. {_cap(p.pronoun)} told reporters: "{_q(r)}"', [p.full]


def t_surname_later(r: random.Random) -> Case:
    p = _person(r)
    q = _unquote(_q(r))
    return f'{p.full} {r.choice(EVENTS)}. "{q}," {p.surname} {r.choice(VERBS)}.', [p.full]


def t_surname_first(r: random.Random) -> Case:
    p = _person(r)
    return f'{p.full} {r.choice(EVENTS)}. {_cap(p.surname)} said: "{_q(r)}"', [p.full]


def t_title_later(r: random.Random) -> Case:
    p = _person(r)
    title, role = r.choice(TITLES)
    q = _unquote(_q(r))
    return f'{title} {p.full} {r.choice(EVENTS)}. "{q}," the {role} said.', [p.full]


def t_title_subject_later(r: random.Random) -> Case:
    p = _person(r)
    title, role = r.choice(TITLES)
    return f'{title} {p.full} {r.choice(EVENTS)}. The {role} {r.choice(VERBS)} that "{_q(r)}"', [p.full]


def t_two_people_surname(r: random.Random) -> Case:
    a, b = r.sample(PEOPLE, 2)
    q = _unquote(_q(r))
    return f'{a.full} met {b.full} in {r.choice(PLACES)} on Monday. "{q}," {b.surname} said.', [b.full]


def t_partial_called(r: random.Random) -> Case:
    p = _person(r)
    return f'{r.choice(LEADS)} {p.full} called the decision "{r.choice(PARTIALS)}."', [p.full]


def t_partial_said_that(r: random.Random) -> Case:
    p = _person(r)
    return f"{r.choice(LEADS)} {p.full} said the army was on '{r.choice(PARTIALS)}'.", [p.full]


def t_partial_described_as(r: random.Random) -> Case:
    p = _person(r)
    return f'{r.choice(LEADS)} {p.full} described the move as a "{r.choice(PARTIALS)}".', [p.full]


def t_partial_pronoun(r: random.Random) -> Case:
    p = _person(r)
    return (
        f'{p.full} {r.choice(EVENTS)}. {_cap(p.pronoun)} called the plan "{r.choice(PARTIALS)}" '
        f"and asked for a vote.",
        [p.full],
    )


def t_scare_so_called(r: random.Random) -> Case:
    place = r.choice(PLACES)
    return f'{r.choice(LEADS)} The so-called "{r.choice(TERMS)}" plan was debated in {place}.', [None]


def t_scare_title(r: random.Random) -> Case:
    p = _person(r)
    return f'{r.choice(LEADS)} The film "{r.choice(WORKS)}" by {p.full} opened on Friday.', [None]


def t_scare_beside_speaker(r: random.Random) -> Case:
    p = _person(r)
    q = _unquote(_q(r))
    return (
        f'The "{r.choice(TERMS)}" policy began in {r.choice(PLACES)} in 2019. "{q}," {p.full} said.',
        [None, p.full],
    )


def t_appositive_place(r: random.Random) -> Case:
    p = _person(r)
    return f'{r.choice(LEADS)} {p.full}, a researcher at {r.choice(INSTITUTIONS)}, said: "{_q(r)}"', [p.full]


def t_relative_who_told_me(r: random.Random) -> Case:
    p = _person(r)
    return (
        f'I spoke to {p.full}, a researcher at {r.choice(INSTITUTIONS)}, who told me: "{_q(r)}"',
        [p.full],
    )


def t_appositive_after_quote(r: random.Random) -> Case:
    p = _person(r)
    q = _unquote(_q(r))
    return f'{r.choice(LEADS)} "{q}," said {p.full}, a doctor in {r.choice(PLACES)}.', [p.full]


def t_medium_on_twitter(r: random.Random) -> Case:
    p = _person(r)
    return f'{r.choice(LEADS)} {p.full} wrote on {r.choice(MEDIA[:3])}: "{_q(r)}"', [p.full]


def t_medium_fronted(r: random.Random) -> Case:
    p = _person(r)
    return f'{r.choice(LEADS)} On {r.choice(MEDIA)}, {p.full} said: "{_q(r)}"', [p.full]


def t_tweeted(r: random.Random) -> Case:
    p = _person(r)
    q = _unquote(_q(r))
    return f'{r.choice(LEADS)} "{q}," {p.full} tweeted.', [p.full]


def t_told_outlet(r: random.Random) -> Case:
    p = _person(r)
    q = _unquote(_q(r))
    return f'{r.choice(LEADS)} "{q}," {p.full} told {r.choice(OUTLETS)}.', [p.full]


def t_place_dateline(r: random.Random) -> Case:
    p = _person(r)
    return f'In {r.choice(PLACES)}, {p.full} told a crowd: "{_q(r)}"', [p.full]


def t_org_said(r: random.Random) -> Case:
    o = r.choice(ORGS)
    q = _unquote(_q(r))
    return f'{r.choice(LEADS)} "{q}," {o.name} said.', [o.resolved]


def t_org_subject_colon(r: random.Random) -> Case:
    o = r.choice(ORGS)
    return f'{r.choice(LEADS)} {_cap(o.name)} said: "{_q(r)}"', [o.resolved]


def t_org_in_statement(r: random.Random) -> Case:
    o = r.choice(ORGS)
    return f'{r.choice(LEADS)} In a statement, {o.name} said: "{_q(r)}"', [o.resolved]


def t_org_statement_said(r: random.Random) -> Case:
    o = r.choice(ORGS)
    q = _unquote(_q(r))
    return f'{r.choice(LEADS)} "{q}," {o.name} said in a statement.', [o.resolved]


def t_org_possessive_document(r: random.Random) -> Case:
    o = r.choice(ORGS)
    doc = r.choice(["notice", "statement", "letter", "press release"])
    return f'{r.choice(LEADS)} {_cap(o.name)}\'s {doc} stated: "{_q(r)}"', [o.resolved]


def t_document_later(r: random.Random) -> Case:
    o = r.choice(ORGS)
    doc = r.choice(["statement", "letter", "report"])
    q = _unquote(_q(r))
    return f'{_cap(o.name)} sent a {doc} to residents on Monday. "{q}," the {doc} said.', [o.resolved]


def t_org_partial(r: random.Random) -> Case:
    o = r.choice(ORGS)
    return f'{r.choice(LEADS)} {_cap(o.name)} said the plan was "{r.choice(PARTIALS)}".', [o.resolved]


def t_according_to_person(r: random.Random) -> Case:
    p = _person(r)
    return f'{r.choice(LEADS)} According to {p.full}, "{_q(r)}"', [p.full]


def t_according_to_report_by(r: random.Random) -> Case:
    o = r.choice(ORGS)
    return (
        f'{r.choice(LEADS)} According to the report by {o.name}, the region is "{r.choice(PARTIALS)}".',
        [o.resolved],
    )


def t_next_paragraph(r: random.Random) -> Case:
    # A quotation going on into the next paragraph leaves the first one open: one quotation.
    p = _person(r)
    return (
        f'{r.choice(LEADS)} {p.full} {r.choice(VERBS)}: "{_q(r)}\n\n"{r.choice(SECONDS)}"',
        [p.full],
    )


def t_continues_next_sentence(r: random.Random) -> Case:
    p = _person(r)
    q = _unquote(_q(r))
    return f'"{q}," {p.full} said. "{r.choice(SECONDS)}"\n\n"{r.choice(SECONDS)}"', [p.full, p.full, p.full]


def t_role_apposition_inverted(r: random.Random) -> Case:
    p = _person(r)
    title, _ = r.choice(TITLES)
    q = _unquote(_q(r))
    return f'{r.choice(LEADS)} "{q}," said {title.lower()} {p.full}.', [p.full]


def t_interview(r: random.Random) -> Case:
    p = _person(r)
    return (
        f'((WN)) What happened that day?\n\n(({p.full})) I was at home. We said, "{_q(r)}"',
        [p.full],
    )


def t_pronoun_gender(r: random.Random) -> Case:
    he = r.choice([p for p in PEOPLE if p.pronoun == "he"])
    she = r.choice([p for p in PEOPLE if p.pronoun == "she"])
    first, second = (he, she) if r.random() < 0.5 else (she, he)
    speaker = r.choice([he, she])
    q = _unquote(_q(r))
    return f'{first.full} and {second.full} met on Monday. "{q}," {speaker.pronoun} said.', [speaker.full]


def t_told_person(r: random.Random) -> Case:
    a, b = r.sample(PEOPLE, 2)
    return f'{r.choice(LEADS)} {a.full} told {b.full}: "{_q(r)}"', [a.full]


def t_relative_clause_subject(r: random.Random) -> Case:
    p = _person(r)
    return f'{r.choice(LEADS)} {p.full}, who {r.choice(EVENTS)}, said: "{_q(r)}"', [p.full]


def t_inverted_role_after(r: random.Random) -> Case:
    p = _person(r)
    _, role = r.choice(TITLES)
    q = _unquote(_q(r))
    return f'{r.choice(LEADS)} "{q}," said {p.full}, the {role} of {r.choice(PLACES)}.', [p.full]


def t_role_appositive_then_role(r: random.Random) -> Case:
    p = _person(r)
    _, role = r.choice(TITLES)
    q = _unquote(_q(r))
    return (
        f'{p.full}, the {role} of {r.choice(PLACES)}, {r.choice(EVENTS)}. "{q}," the {role} said.',
        [p.full],
    )


def t_org_the_company(r: random.Random) -> Case:
    o = r.choice(ORGS)
    noun = r.choice(["organisation", "group"])
    q = _unquote(_q(r))
    return f'{_cap(o.name)} published new figures on Monday. "{q}," the {noun} said.', [o.resolved]


def t_org_acronym(r: random.Random) -> Case:
    long, short = r.choice(
        [
            ("the World Health Organization", "WHO"),
            ("the International Monetary Fund", "IMF"),
            ("the Syrian Democratic Forces", "SDF"),
            ("the Recording Industry Association of America", "RIAA"),
        ]
    )
    q = _unquote(_q(r))
    return (
        f'{_cap(long)} ({short}) published new figures on Monday. "{q}," the {short} said.',
        [long.removeprefix("the ")],
    )


def t_org_posted_on_medium(r: random.Random) -> Case:
    o = r.choice(ORGS)
    return f'{r.choice(LEADS)} {_cap(o.name)} posted on {r.choice(MEDIA[:3])}: "{_q(r)}"', [o.resolved]


def t_org_its_press_release(r: random.Random) -> Case:
    o = r.choice(ORGS)
    return (
        f'{_cap(o.name)} published new figures on Monday. In its press release, it said: "{_q(r)}"',
        [o.resolved],
    )


def t_letter_signed_by(r: random.Random) -> Case:
    p = _person(r)
    return f'{r.choice(LEADS)} The letter, signed by {p.full}, said: "{_q(r)}"', [p.full]


def t_person_in_a_letter(r: random.Random) -> Case:
    p = _person(r)
    return f'{r.choice(LEADS)} In a letter to the council, {p.full} wrote: "{_q(r)}"', [p.full]


def t_quote_according_to(r: random.Random) -> Case:
    p = _person(r)
    q = _unquote(_q(r))
    return f'{r.choice(LEADS)} "{q}," according to {p.full}.', [p.full]


def t_according_to_statement_from(r: random.Random) -> Case:
    o = r.choice(ORGS)
    return (
        f'{r.choice(LEADS)} According to a statement from {o.name}, "{_q(r)}"',
        [o.resolved],
    )


def t_partial_insisted_that(r: random.Random) -> Case:
    p = _person(r)
    return f'{r.choice(LEADS)} {p.full} insisted that the law was "{r.choice(PARTIALS)}".', [p.full]


def t_multi_sentence_quote(r: random.Random) -> Case:
    p = _person(r)
    q1, q2 = r.sample(QUOTES, 2)
    return f'{r.choice(LEADS)} {p.full} said: "{q1} {q2} {r.choice(SECONDS)}"', [p.full]


def t_she_told_reporters_quote_first(r: random.Random) -> Case:
    p = _person(r)
    q = _unquote(_q(r))
    return f'{p.full} {r.choice(EVENTS)}. "{q}," {p.pronoun} told reporters.', [p.full]


def t_wrote_in_a_letter(r: random.Random) -> Case:
    p = _person(r)
    q = _unquote(_q(r))
    return f'{r.choice(LEADS)} "{q}," {p.full} wrote in a letter to residents of {r.choice(PLACES)}.', [
        p.full
    ]


def t_person_document_read(r: random.Random) -> Case:
    p = _person(r)
    doc = r.choice(["letter", "statement", "post"])
    return f'{r.choice(LEADS)} {p.full}\'s {doc} read: "{_q(r)}"', [p.full]


def t_sign_on_a_door(r: random.Random) -> Case:
    return f'{r.choice(LEADS)} A sign on a door of the town hall read: "{_q(r)}"', [None]


def t_interview_with_outlet(r: random.Random) -> Case:
    p = _person(r)
    q = _unquote(_q(r))
    return f'{r.choice(LEADS)} "{q}," {p.full} said in an interview with {r.choice(OUTLETS)}.', [p.full]


def t_outlet_quoted_as_saying(r: random.Random) -> Case:
    p = _person(r)
    outlet = r.choice(OUTLETS)
    return f'{r.choice(LEADS)} {_cap(outlet)} quoted {p.full} as saying: "{_q(r)}"', [p.full]


def t_outlet_reported(r: random.Random) -> Case:
    outlet = r.choice(OUTLETS)
    return (
        f'{r.choice(LEADS)} {_cap(outlet)} reported that the situation was "{r.choice(PARTIALS)}".',
        [outlet.removeprefix("the ")],
    )


def t_told_outlet_that_partial(r: random.Random) -> Case:
    p = _person(r)
    return (
        f'{r.choice(LEADS)} {p.full} told {r.choice(OUTLETS)} that the plan was "{r.choice(PARTIALS)}".',
        [p.full],
    )


def t_we_in_interview(r: random.Random) -> Case:
    p = _person(r)
    return (
        f"((WN)) Why did you leave?\n\n(({p.full})) We had no choice. "
        f'We told them, "{_q(r)}" And they agreed.',
        [p.full],
    )


TEMPLATES: dict[str, Template] = {
    name[2:]: fn for name, fn in globals().items() if name.startswith("t_") and callable(fn)
}


def cases(seed: int, per_template: int) -> list[tuple[str, str, list[str | None]]]:
    rng = random.Random(seed)
    out = []
    for name, template in TEMPLATES.items():
        seen: set[str] = set()
        for _ in range(per_template * 5):
            text, expected = template(rng)
            if text not in seen:
                seen.add(text)
                out.append((name, text, expected))
            if len(seen) == per_template:
                break
    return out


@dataclass(slots=True)
class Tally:
    cases: int = 0
    failed: int = 0
    wrong: int = 0
    """Failed cases with a speaker other than the expected one (or one where none is expected)."""
    missing: int = 0
    """Failed cases with no speaker where one is expected, and none wrong."""
    spans: int = 0
    """Failed cases whose quotations are not the ones the template wrote."""
    examples: list[dict[str, object]] = field(default_factory=list)


def run(pipeline_name: str | None, seed: int, per_template: int) -> tuple[str, dict[str, Tally]]:
    """Each template's tally, and the pipeline's name and version."""
    pipeline = load_pipeline(pipeline_name)
    all_cases = cases(seed, per_template)
    texts = [text for _, text, _ in all_cases]
    rules = speaker_rules(pipeline, texts)
    tallies: dict[str, Tally] = {}
    for (name, text, expected), analysis, rule_list in zip(
        all_cases, analyse_texts(texts, pipeline=pipeline), rules, strict=True
    ):
        tally = tallies.setdefault(name, Tally())
        tally.cases += 1
        quotes = list(analysis.quotes)
        got = [q.speaker.name if q.speaker else None for q in quotes]
        if len(got) == len(expected) and all(
            (g is None) == (e is None) and (g is None or e is None or name_key(g) == name_key(e))
            for g, e in zip(got, expected, strict=True)
        ):
            continue
        tally.failed += 1
        if len(got) != len(expected):
            tally.spans += 1
        elif any(
            g is not None and (e is None or name_key(g) != name_key(e))
            for g, e in zip(got, expected, strict=True)
        ):
            tally.wrong += 1
        else:
            tally.missing += 1
        if len(tally.examples) < 3:
            tally.examples.append(
                {
                    "text": text,
                    "expected": expected,
                    "got": got,
                    "mentions": [
                        text[q.speaker.start : q.speaker.end] if q.speaker else None for q in quotes
                    ],
                    "rules": rule_list,
                    "quotes": [text[q.start : q.end] for q in quotes],
                }
            )
    return f"{pipeline.info.name} {pipeline.info.version}", tallies


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pipeline", default=None)
    parser.add_argument("--per-template", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print the tallies as one JSON object")
    args = parser.parse_args()
    pipeline, tallies = run(args.pipeline, args.seed, args.per_template)
    total = sum(t.cases for t in tallies.values())
    failed = sum(t.failed for t in tallies.values())
    if args.json:
        out = {"pipeline": pipeline, "cases": total, "failed": failed, "templates": {}}
        out["wrong"] = sum(t.wrong for t in tallies.values())
        out["missing"] = sum(t.missing for t in tallies.values())
        out["templates"] = {name: asdict(t) for name, t in tallies.items()}
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return
    wrong = sum(t.wrong for t in tallies.values())
    missing = sum(t.missing for t in tallies.values())
    print(
        f"pipeline {pipeline}; {total} cases, {failed} failed ({wrong} wrong speaker, {missing} no speaker)"
    )
    for name, tally in sorted(tallies.items(), key=lambda kv: (-kv[1].failed, kv[0])):
        print(
            f"{name:<34} {tally.failed:>3}/{tally.cases:<3} {tally.failed / max(1, tally.cases):>4.0%}"
            f"  wrong {tally.wrong}, none {tally.missing}, other quotations {tally.spans}"
        )
        for ex in tally.examples:
            print(f"    {ex['text']!r}")
            print(f"      expected {ex['expected']}, got {ex['got']}")
            print(f"      mentions {ex['mentions']}, rules {ex['rules']}")


if __name__ == "__main__":
    main()
