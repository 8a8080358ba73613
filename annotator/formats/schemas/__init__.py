"""JSON Schemas for the JSONL exports, shipped so other tools can validate what we write."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

TASK_SCHEMA = "export-task.schema.json"
CLAIM_SCHEMA = "export-claim.schema.json"


def load_schema(name: str) -> dict[str, Any]:
    """A schema by file name (`TASK_SCHEMA`, `CLAIM_SCHEMA`)."""
    data: dict[str, Any] = json.loads(resources.files(__package__).joinpath(name).read_text("utf-8"))
    return data
