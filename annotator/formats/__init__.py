"""Readers and writers of files: pure functions from bytes and paths to core objects and back.

`spacy_docbin` imports spaCy and is therefore not imported here; load it only for a `spacy` export.
"""

from annotator.formats.decoding import DEFAULT_MAX_BYTES
from annotator.formats.readers import (
    READERS,
    SUPPORTED_EXTENSIONS,
    Reader,
    ReadResult,
    imported_folder,
    iter_input_files,
    passed_over,
    read_bytes,
    read_path,
)
from annotator.formats.tokens import simple_tokens
from annotator.formats.writers import (
    EXPORT_FORMATS,
    WRITERS,
    Writer,
    format_chunks,
    format_lines,
    prodigy_task,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "EXPORT_FORMATS",
    "READERS",
    "SUPPORTED_EXTENSIONS",
    "WRITERS",
    "ReadResult",
    "Reader",
    "Writer",
    "format_chunks",
    "format_lines",
    "imported_folder",
    "iter_input_files",
    "passed_over",
    "prodigy_task",
    "read_bytes",
    "read_path",
    "simple_tokens",
]
