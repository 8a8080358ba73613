"""A stored suggestion model is untrusted input: every check `load_classifier` makes, one by one.

A project file can come from anyone's laptop. The model row is never unpickled;
its JSON settings and float32 weights are checked for format, sizes, types and
ranges before any array is built, and a bad one is one line (`ModelFormatError`).
"""

from __future__ import annotations

import json
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from annotator.nlp import claim_classifier
from annotator.nlp.claim_classifier import (
    ARCHITECTURE,
    ClaimClassifier,
    ModelFormatError,
    fit_classifier,
    load_classifier,
)


@pytest.fixture(scope="module")
def model() -> ClaimClassifier:
    texts, labels, groups = [], [], []
    for g in range(6):
        for i in range(4):
            opinion = i % 2 == 1
            texts.append(f"What a shameful idea ({g}{i})." if opinion else f"Police arrested {g}{i} people.")
            labels.append("opinion" if opinion else "factual")
            groups.append(g)
    return fit_classifier(texts, labels, groups, ["factual", "opinion"])


class _Boom:
    """Unpickling this would write a file: the proof that nothing unpickles a model."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Callable[..., Any], tuple[str]]:
        return (os.system, (f"touch {self.path}",))


def _config(model: ClaimClassifier, **changes: Any) -> str:
    data = json.loads(model.to_config())
    for key, value in changes.items():
        if value is _DELETE:
            del data[key]
        else:
            data[key] = value
    return json.dumps(data)


_DELETE = object()


def test_a_good_model_loads(model: ClaimClassifier) -> None:
    again = load_classifier(model.to_config(), model.to_weights(), architecture=ARCHITECTURE)
    assert again.labels == model.labels


def test_a_pickle_in_the_weights_is_refused_and_never_run(model: ClaimClassifier, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    payload = pickle.dumps(_Boom(str(marker)))
    with pytest.raises(ModelFormatError, match="weights have"):
        load_classifier(model.to_config(), payload, architecture=ARCHITECTURE)
    with pytest.raises(ModelFormatError):
        load_classifier(payload, model.to_weights(), architecture=ARCHITECTURE)
    assert not marker.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"format": "spacy.TextCatBOW.v3"}, "another format"),
        ({"version": 2}, "another format"),
        ({"extra": 1}, "expected fields"),
        ({"bias": _DELETE}, "expected fields"),
        ({"labels": ["factual", "rm -rf"]}, "labels"),
        ({"labels": ["factual", "factual"]}, "labels"),
        ({"labels": "factual"}, "labels"),
        ({"vocabularies": [["a", "a"], []]}, "repeats"),
        ({"vocabularies": [[1, 2], []]}, "short text"),
        ({"vocabularies": [["x" * 1000], []]}, "short text"),
        ({"vocabularies": [[]]}, "two vocabularies"),
        ({"idf": [[], []]}, "idf table"),
        ({"scale": True}, "scale"),
        ({"scale": -1}, "scale"),
        ({"scale": "1"}, "scale"),
        ({"bias": [0.0, "x"]}, "not a number"),
        ({"bias": [0.0]}, "bias"),
        ({"train_priors": [1.5, -0.5]}, "priors"),
        ({"confusion": [[1.0, 0.0]]}, "square"),
        ({"confusion": [[2.0, -1.0], [0.0, 1.0]]}, "probabilities"),
    ],
)
def test_a_malformed_setting_is_refused_with_one_line(
    model: ClaimClassifier, changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(ModelFormatError, match=message) as caught:
        load_classifier(_config(model, **changes), model.to_weights(), architecture=ARCHITECTURE)
    text = str(caught.value)
    assert "\n" not in text and "suggestions are off until you train again" in text


def test_non_finite_numbers_are_refused(model: ClaimClassifier) -> None:
    config = _config(model, bias=[float("nan"), 0.0])
    with pytest.raises(ModelFormatError, match="not finite"):
        load_classifier(config, model.to_weights(), architecture=ARCHITECTURE)
    weights = bytearray(model.to_weights())
    weights[0:4] = b"\x00\x00\xc0\x7f"  # float32 NaN
    with pytest.raises(ModelFormatError, match="finite"):
        load_classifier(model.to_config(), bytes(weights), architecture=ARCHITECTURE)


def test_sizes_are_checked_before_anything_is_built(
    model: ClaimClassifier, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ModelFormatError, match="weights have"):
        load_classifier(model.to_config(), model.to_weights()[:-4], architecture=ARCHITECTURE)
    with pytest.raises(ModelFormatError, match="weights have"):
        load_classifier(model.to_config(), model.to_weights() + b"\0" * 4, architecture=ARCHITECTURE)
    monkeypatch.setattr(claim_classifier, "MAX_FEATURES", 10)
    with pytest.raises(ModelFormatError, match="more than 10 features"):
        load_classifier(model.to_config(), model.to_weights(), architecture=ARCHITECTURE)
    monkeypatch.setattr(claim_classifier, "MAX_CONFIG_BYTES", 100)
    with pytest.raises(ModelFormatError, match="too large"):
        load_classifier(model.to_config(), model.to_weights(), architecture=ARCHITECTURE)


def test_garbage_settings_are_refused(model: ClaimClassifier) -> None:
    for config in ("", "not json", "[" * 100_000, '"a string"', "null", b"\xff\xfe"):
        with pytest.raises(ModelFormatError):
            load_classifier(config, model.to_weights(), architecture=ARCHITECTURE)


def test_another_architecture_is_refused(model: ClaimClassifier) -> None:
    with pytest.raises(ModelFormatError, match="another version"):
        load_classifier(model.to_config(), model.to_weights(), architecture="spacy.TextCatBOW.v3")
