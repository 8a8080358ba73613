"""spaCy pre-annotation: the only package that imports spaCy."""
