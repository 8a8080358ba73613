"""Readers and writers of files: pure functions from bytes/paths to core objects and back."""
