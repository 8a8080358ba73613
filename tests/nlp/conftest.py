"""Pipelines for nlp tests: the rule fallback (cheap, always there) and the real model (marked tests only)."""

from __future__ import annotations

import pytest

from annotator.nlp import FALLBACK_NAME, LoadedPipeline, load_pipeline


@pytest.fixture(scope="session")
def rules_pipeline() -> LoadedPipeline:
    return load_pipeline(FALLBACK_NAME)


@pytest.fixture(scope="session")
def model_pipeline() -> LoadedPipeline:
    loaded = load_pipeline(None)
    assert loaded.warning is None, loaded.warning
    return loaded
