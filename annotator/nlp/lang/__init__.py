"""Language data for the rules: word lists kept apart from rule code, as spaCy keeps `lang/en/*.py`.

The rule modules (`quotes`, `speakers`, `entities`) say what to do with a word; these modules
say which words. Every module here is part of the analysis cache key
(`annotator.nlp.pipeline.RULES_VERSION`), so editing a list redoes cached analyses.
"""
