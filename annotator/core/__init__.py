"""The domain, in plain Python: no Qt, no SQL, no spaCy. Everything else depends on it."""
