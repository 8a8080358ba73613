"""Schema and forward migrations, versioned with PRAGMA user_version.

Each migration is a list of statements that takes a file from version N-1 to N.
Old versions stay here for ever: they are how a file made by an older release
gets upgraded, and how tests build such a file.
"""

from __future__ import annotations

SCHEMA_VERSION = 9

_V1 = [
    """CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    """CREATE TABLE annotators (
        name TEXT PRIMARY KEY,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL,
        meta TEXT NOT NULL DEFAULT '{}',
        status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_progress', 'done')),
        origin TEXT NOT NULL DEFAULT '',
        encoding TEXT NOT NULL DEFAULT 'utf-8',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE analyses (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        pipeline_name TEXT NOT NULL,
        pipeline_version TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE entities (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        label TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'suggested'
            CHECK (status IN ('suggested', 'accepted', 'rejected', 'added')),
        model TEXT NOT NULL DEFAULT '',
        CHECK (0 <= start AND start < "end")
    )""",
    "CREATE INDEX entities_article ON entities(article_id, start)",
    """CREATE TABLE quotes (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        kind TEXT NOT NULL DEFAULT 'direct' CHECK (kind IN ('direct', 'scare')),
        speaker_start INTEGER,
        speaker_end INTEGER,
        speaker_name TEXT,
        model TEXT NOT NULL DEFAULT '',
        CHECK (0 <= start AND start < "end")
    )""",
    "CREATE INDEX quotes_article ON quotes(article_id, start)",
    """CREATE TABLE candidates (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        score REAL NOT NULL,
        reasons TEXT NOT NULL DEFAULT '[]',
        model TEXT NOT NULL DEFAULT '',
        CHECK (0 <= start AND start < "end")
    )""",
    "CREATE INDEX candidates_article ON candidates(article_id, start)",
    """CREATE TABLE claims (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        label TEXT NOT NULL CHECK (label IN ('factual', 'opinion', 'questionable')),
        annotator TEXT NOT NULL REFERENCES annotators(name),
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (0 <= start AND start < "end")
    )""",
    "CREATE INDEX claims_article ON claims(article_id, start)",
    "CREATE INDEX claims_annotator ON claims(annotator)",
]

# v2: a cache of analyses keyed by text and pipeline, so re-importing a text or
# reopening a project never runs the model again; and who decided a gold label.
_V2 = [
    """CREATE TABLE analysis_cache (
        content_hash TEXT NOT NULL,
        pipeline_name TEXT NOT NULL,
        pipeline_version TEXT NOT NULL,
        payload TEXT NOT NULL,
        PRIMARY KEY (content_hash, pipeline_name, pipeline_version)
    )""",
    "ALTER TABLE claims ADD COLUMN decided_by TEXT NOT NULL DEFAULT ''",
    "CREATE INDEX articles_status ON articles(status)",
]

# v3: adjudication decisions that are not a label ("no claim here"), so a reviewed
# disagreement stays resolved; gold labels themselves are claims of the `gold` annotator.
_V3 = [
    """CREATE TABLE gold_no_claim (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        decided_by TEXT NOT NULL DEFAULT '',
        decided_at TEXT NOT NULL,
        PRIMARY KEY (article_id, start, "end")
    )""",
]

# v4: trained claim classifiers (config + weights as bytes, with their held-out
# evaluation) and the label each suggests per candidate span. Suggestions live in
# their own table, never in `claims`, so no export can mistake one for a label.
_V4 = [
    """CREATE TABLE claim_models (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        labels TEXT NOT NULL,
        architecture TEXT NOT NULL,
        spacy_version TEXT NOT NULL,
        config TEXT NOT NULL,
        weights BLOB,
        evaluation TEXT NOT NULL,
        info TEXT NOT NULL DEFAULT '{}'
    )""",
    """CREATE TABLE claim_suggestions (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        model_id INTEGER NOT NULL REFERENCES claim_models(id) ON DELETE CASCADE,
        label TEXT NOT NULL CHECK (label IN ('factual', 'opinion', 'questionable')),
        confidence REAL NOT NULL,
        uncertainty REAL NOT NULL,
        scores TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (article_id, start, "end")
    )""",
    "CREATE INDEX claim_suggestions_uncertainty ON claim_suggestions(uncertainty)",
]

# v5: a third quotation kind, "partial": an attributed quotation woven into the writer's own
# sentence. SQLite cannot alter a CHECK constraint, so the quotes table is rebuilt; the step
# stands alone (new table, copy, drop, rename, index) and keeps every row and id.
_V5 = [
    """CREATE TABLE quotes_v5 (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        kind TEXT NOT NULL DEFAULT 'direct' CHECK (kind IN ('direct', 'partial', 'scare')),
        speaker_start INTEGER,
        speaker_end INTEGER,
        speaker_name TEXT,
        model TEXT NOT NULL DEFAULT '',
        CHECK (0 <= start AND start < "end")
    )""",
    'INSERT INTO quotes_v5(id, article_id, start, "end", kind, speaker_start, speaker_end, speaker_name,'
    ' model) SELECT id, article_id, start, "end", kind, speaker_start, speaker_end, speaker_name, model'
    " FROM quotes",
    "DROP TABLE quotes",
    "ALTER TABLE quotes_v5 RENAME TO quotes",
    "CREATE INDEX quotes_article ON quotes(article_id, start)",
]

# v6: the tokens of each text as spaCy's tokenizer split it (`core.tokens.TokenSpans.encode`),
# stored the first time a text is tokenised (pre-annotation or export), so an export with
# tokens never loads spaCy or tokenises again. Keyed like `analysis_cache`, by text and by
# what tokenised it (the spaCy version), so re-imported texts reuse them and a new
# tokenizer is never mistaken for the old one. A cache: deleting rows loses no work.
_V6 = [
    """CREATE TABLE token_cache (
        content_hash TEXT NOT NULL,
        tokenizer TEXT NOT NULL,
        tokens BLOB NOT NULL,
        PRIMARY KEY (content_hash, tokenizer)
    )""",
]

# v7: what pre-annotation had said of a quotation a person checked (corrected, confirmed,
# removed) or added: its kind ('missed' when the finder missed it) and speaker name. NULL on
# suggestions, imported quotations and rows checked before v7. The project's own measure of
# how often its pre-annotation is right (`services.statistics.preannotation_checks`).
_V7 = [
    "ALTER TABLE quotes ADD COLUMN suggested_kind TEXT"
    " CHECK (suggested_kind IS NULL OR suggested_kind IN ('direct', 'partial', 'scare', 'missed'))",
    "ALTER TABLE quotes ADD COLUMN suggested_speaker TEXT",
]

# v8: the label a trained model suggested for a span, with the confidence shown, recorded when
# a person makes a claim there with the suggestion shown (`AddClaim.shown`): the project's own
# measure of how often label suggestions are right and whether "82%" means 82 %
# (`services.statistics.preannotation_checks`). Keyed like a
# claim (article, span, annotator), so merges carry it with the claim; a row whose claim is gone
# counts nowhere.
_V8 = [
    """CREATE TABLE label_checks (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        annotator TEXT NOT NULL,
        label TEXT NOT NULL CHECK (label IN ('factual', 'opinion', 'questionable')),
        confidence REAL NOT NULL CHECK (0 <= confidence AND confidence <= 1),
        PRIMARY KEY (article_id, start, "end", annotator)
    )""",
]

# v9: the people renamed in the project (`core.commands.RenameAnnotator`), each old name with the
# name it became: a later merge of a file that still carries the old name (a copy handed out
# before the rename) brings its labels in under the new one, not as a second person again. Kept
# flat: every `new` is a name the project uses now, never another row's `old`.
_V9 = [
    """CREATE TABLE renames (
        old TEXT PRIMARY KEY,
        new TEXT NOT NULL,
        CHECK (old != new)
    )""",
]

MIGRATIONS: dict[int, list[str]] = {
    1: _V1,
    2: _V2,
    3: _V3,
    4: _V4,
    5: _V5,
    6: _V6,
    7: _V7,
    8: _V8,
    9: _V9,
}
"""Statements that bring a file to the version of the key from the one before it."""

APP_TABLES = frozenset(
    {"meta", "annotators", "articles", "analyses", "entities", "quotes", "candidates", "claims"}
)
