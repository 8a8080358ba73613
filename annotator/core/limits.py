"""How long a value of a project may be, in characters.

Apart from `core.validate` (which needs the domain model) because the store's checks at open
use them before the window's first paint, which loads no more than it must
(`tests/ui/test_quick_start.py`).
"""

from __future__ import annotations

MAX_TEXT_CHARS = 20 * 1024 * 1024
"""An article's text (the import size limit's default, in characters)."""

MAX_FIELD_CHARS = 100_000
"""Titles, sources, names, notes, labels, dates: generous for people, small for a crafted file."""

MAX_ENTITY_LABEL_CHARS = 200
"""An entity's type (PERSON, ORG, or a type a person or another tool named): a word or two."""

MAX_META_CHARS = 1_000_000
"""An article's metadata as JSON."""

MAX_JSON_DEPTH = 100
"""How deep JSON from a file may nest (metadata): real metadata nests a few levels; reading
back 1,000 levels runs out of Python's stack, sooner in the window than on the command line."""
