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
    CUES,
    WORDS_ONLY_ARCHITECTURE,
    ClaimClassifier,
    ModelFormatError,
    fit_classifier,
    load_classifier,
)


def _toy_model(*, per_article: int, opinion_every: int) -> ClaimClassifier:
    """Six articles of `per_article` sentences, one in `opinion_every` an opinion."""
    texts, labels, groups = [], [], []
    for g in range(6):
        for i in range(per_article):
            opinion = i % opinion_every == opinion_every - 1
            texts.append(f"What a shameful idea ({g}{i})." if opinion else f"Police arrested {g}{i} people.")
            labels.append("opinion" if opinion else "factual")
            groups.append(g)
    return fit_classifier(texts, labels, groups, ["factual", "opinion"])


@pytest.fixture(scope="module")
def model() -> ClaimClassifier:
    return _toy_model(per_article=4, opinion_every=2)


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
        ({"version": 1}, "another format"),
        ({"format": WORDS_ONLY_ARCHITECTURE}, "another format"),
        ({"cues": _DELETE}, "expected fields"),
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
        ({"calibrated_for": _DELETE}, "expected fields"),
        ({"calibrated_for": [0.5]}, "calibration balance"),
        ({"calibrated_for": [0.5, "0.5"]}, "not a number"),
        ({"calibrated_for": [1.5, -0.5]}, "calibration balance is not probabilities"),
        ({"calibrated_for": [0.0, 1.0]}, "calibration balance is not probabilities"),
        ({"calibrated_for": [0.3, 0.3]}, "calibration balance is not probabilities"),
        ({"calibrated_for": {"factual": 0.5}}, "calibration balance"),
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


def _cues(model: ClaimClassifier, **changes: Any) -> str:
    data = json.loads(model.to_config())
    data["cues"].update(changes)
    return json.dumps(data)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"names": [*CUES[:-1], "__import__('os')"]}, "not the ones this version reads"),
        ({"names": list(reversed(CUES))}, "not the ones this version reads"),
        ({"names": list(CUES[:-1])}, "not the ones this version reads"),
        ({"mean": [0.0] * (len(CUES) - 1)}, "cue centres"),
        ({"mean": [1e300] * len(CUES)}, "cue centre is out of range"),
        ({"sd": [0.0] * len(CUES)}, "cue spread is out of range"),
        ({"sd": [-1.0] * len(CUES)}, "cue spread is out of range"),
        ({"sd": ["1"] * len(CUES)}, "not a number"),
        ({"scale": 1e9}, "cue weight"),
        ({"scale": None}, "cue weight"),
        ({"extra": 1}, "cues do not have the expected fields"),
    ],
)
def test_a_malformed_cue_model_is_refused_with_one_line(
    model: ClaimClassifier, changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(ModelFormatError, match=message) as caught:
        load_classifier(_cues(model, **changes), model.to_weights(), architecture=ARCHITECTURE)
    assert "\n" not in str(caught.value)


def test_the_cue_weights_are_counted_and_checked(model: ClaimClassifier) -> None:
    """The cue model's weights follow the word model's; a file without them, or a NaN there, is refused."""
    cue_bytes = (len(CUES) + 1) * len(model.labels) * 4
    with pytest.raises(ModelFormatError, match="weights have"):
        load_classifier(model.to_config(), model.to_weights()[:-cue_bytes], architecture=ARCHITECTURE)
    weights = bytearray(model.to_weights())
    weights[-4:] = b"\x00\x00\xc0\x7f"  # float32 NaN in the cue model's last weight
    with pytest.raises(ModelFormatError, match="finite"):
        load_classifier(model.to_config(), bytes(weights), architecture=ARCHITECTURE)


def test_a_first_version_model_without_cues_still_loads_and_suggests(model: ClaimClassifier) -> None:
    """Projects trained before the cues keep their suggestions until they train again."""
    import dataclasses

    old = dataclasses.replace(model, cues=None, calibrated_for=None)
    data = json.loads(old.to_config())
    assert data["format"] == WORDS_ONLY_ARCHITECTURE and "cues" not in data
    again = load_classifier(old.to_config(), old.to_weights(), architecture=WORDS_ONLY_ARCHITECTURE)
    texts = ["What a shameful idea.", "Police arrested 12 people."]
    assert again.cues is None
    assert again.probabilities(texts) == pytest.approx(old.probabilities(texts), abs=1e-6)
    # ... and a new model's settings under the old name are refused, not half-read
    with pytest.raises(ModelFormatError, match="expected fields"):
        load_classifier(model.to_config(), model.to_weights(), architecture=WORDS_ONLY_ARCHITECTURE)


def test_a_second_version_model_calibrated_for_the_training_balance_still_loads(
    model: ClaimClassifier,
) -> None:
    """Models trained before the balanced calibration keep suggesting, with the balance they assume."""
    import dataclasses

    import numpy as np

    old = dataclasses.replace(model, calibrated_for=None)
    data = json.loads(old.to_config())
    assert data["format"] == claim_classifier.TRAIN_BALANCE_ARCHITECTURE and "calibrated_for" not in data
    again = load_classifier(old.to_config(), old.to_weights(), architecture=old.architecture)
    texts = ["What a shameful idea.", "Police arrested 12 people."]
    assert again.calibrated_for is None
    balanced = np.full(2, 0.5)
    assert again.probabilities(texts, priors=balanced) == pytest.approx(
        old.probabilities(texts, priors=balanced), abs=1e-6
    )
    with pytest.raises(ModelFormatError, match="expected fields"):
        load_classifier(model.to_config(), model.to_weights(), architecture=old.architecture)


def test_the_calibration_balance_is_kept_and_used() -> None:
    """A model calibrated for balanced labels gives those probabilities as they are, and shifts
    them to the training balance (here 3 factual : 1 opinion) by the ratio of the balances."""
    import numpy as np

    model = _toy_model(per_article=8, opinion_every=4)
    again = load_classifier(model.to_config(), model.to_weights(), architecture=ARCHITECTURE)
    assert again.calibrated_for is not None and again.calibrated_for.tolist() == [0.5, 0.5]
    assert again.train_priors.tolist() == [0.75, 0.25]
    probe = ["What a shameful idea.", "Police arrested 12 people.", "Nothing in common here."]
    balanced = again.probabilities(probe, priors=np.full(2, 0.5))
    shifted = balanced * (again.train_priors / 0.5)
    training = again.probabilities(probe)
    assert training == pytest.approx(shifted / shifted.sum(axis=1, keepdims=True))
    assert (training[:, 0] > balanced[:, 0]).all()  # the training balance favours factual


# The sha256 of the feature code for each FEATURES_VERSION (see `_feature_source_digest`).
FEATURE_DIGESTS = {1: "6709ce06b49b10b9d88b88caf7bf5aefd143ccd9e3d237c0a76c7662be786881"}


def _feature_source_digest() -> str:
    """The "features" section of claim_classifier.py and the word lists it reads, hashed."""
    import hashlib

    import annotator.nlp.lang.en.lexicons as lexicons
    import annotator.nlp.lang.en.subjectivity as subjectivity

    def text(module: Any) -> str:
        return Path(module.__file__).read_text(encoding="utf-8").replace("\r\n", "\n")

    lines = text(claim_classifier).split("\n")
    start = lines.index("# " + "=" * 69 + " features")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("# " + "=" * 69))
    digest = hashlib.sha256()
    for part in ("\n".join(lines[start:end]), text(subjectivity), text(lexicons)):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


def test_the_features_version_changes_with_the_feature_code() -> None:
    """A model's weights mean something only for the features it was trained on: after an edit
    to the feature code or a word list, older models must be refused, not score differently."""
    assert max(FEATURE_DIGESTS) == claim_classifier.FEATURES_VERSION
    assert _feature_source_digest() == FEATURE_DIGESTS[claim_classifier.FEATURES_VERSION], (
        "the claim classifier's features changed: raise FEATURES_VERSION and add the new digest "
        "to FEATURE_DIGESTS (models trained before will ask to be trained again)"
    )


def test_a_model_trained_on_other_features_is_refused(
    model: ClaimClassifier, monkeypatch: pytest.MonkeyPatch
) -> None:
    current = claim_classifier.FEATURES_VERSION
    assert json.loads(model.to_config())["features"] == current
    config, weights = model.to_config(), model.to_weights()
    unrecorded = _config(model, features=_DELETE)  # stored before the version was recorded
    assert load_classifier(unrecorded, weights, architecture=ARCHITECTURE).labels == model.labels
    with pytest.raises(ModelFormatError, match="newer version of annotator; update annotator"):
        load_classifier(_config(model, features=current + 1), weights, architecture=ARCHITECTURE)
    for odd in ("1", True, 1.0, None):
        with pytest.raises(ModelFormatError, match="features version is not a number"):
            load_classifier(_config(model, features=odd), weights, architecture=ARCHITECTURE)

    monkeypatch.setattr(claim_classifier, "FEATURES_VERSION", current + 1)  # annotator upgraded
    for old in (config, unrecorded):
        with pytest.raises(ModelFormatError, match="trained with an older version of annotator") as caught:
            load_classifier(old, weights, architecture=ARCHITECTURE)
        assert "suggestions are off until you train again" in str(caught.value)
