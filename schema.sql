-- ctrack schema, migration 1: the whole data model of PRODUCT.md.
--
-- This file is the one source of the schema; ctrack loads it with include_str! and records how
-- many migrations ran in PRAGMA user_version. It is idempotent (IF NOT EXISTS everywhere), so
-- running it twice changes nothing. Other tools (sqlite3, Datasette) may read every table and
-- view; only ctrack should write, because it keeps history append-only.
--
-- Conventions: dates are TEXT 'YYYY-MM-DD'; timestamps are TEXT RFC 3339 UTC
-- ('2024-03-01T09:30:00Z'); closed sets are TEXT with a CHECK listing every value.

-- One source document (a chair's statement, a declaration, an action plan).
CREATE TABLE IF NOT EXISTS statement (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE
                CHECK (length(key) BETWEEN 1 AND 64 AND key NOT GLOB '*[^a-z0-9_-]*'),
    title       TEXT NOT NULL,
    date        TEXT CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    source_file TEXT,
    -- SHA-256 (hex) of the statement's text after decoding (BOM and CR removed).
    sha256      TEXT,
    granularity TEXT NOT NULL CHECK (granularity IN ('clause', 'paragraph', 'curated')),
    imported_at TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- A numbered or titled section of a statement; topic 0 is "General".
CREATE TABLE IF NOT EXISTS topic (
    id           INTEGER PRIMARY KEY,
    statement_id INTEGER NOT NULL REFERENCES statement (id),
    no           INTEGER NOT NULL CHECK (no >= 0),
    title        TEXT NOT NULL,
    UNIQUE (statement_id, no)
);

-- One discrete action a statement commits to. Its stable id is KEY:T.P.C, made of the statement
-- key and (ref_topic, ref_paragraph, ref_clause), fixed when the commitment is created: an id never
-- changes, even if the commitment later moves to another topic.
CREATE TABLE IF NOT EXISTS commitment (
    id            INTEGER PRIMARY KEY,
    statement_id  INTEGER NOT NULL REFERENCES statement (id),
    ref_topic     INTEGER NOT NULL CHECK (ref_topic >= 0),
    ref_paragraph INTEGER NOT NULL CHECK (ref_paragraph >= 0),
    ref_clause    INTEGER NOT NULL CHECK (ref_clause >= 1),
    topic_id      INTEGER NOT NULL REFERENCES topic (id),
    text          TEXT NOT NULL CHECK (trim(text) <> ''),
    -- The paragraph the commitment came from (NULL for commitments added by hand).
    paragraph     TEXT,
    due           TEXT CHECK (due IS NULL OR due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    -- 1 when the due date was inferred from the text ("by 2027"), 0 when given explicitly.
    due_inferred  INTEGER NOT NULL DEFAULT 0 CHECK (due_inferred IN (0, 1)),
    origin        TEXT NOT NULL CHECK (origin IN ('parsed', 'curated', 'added')),
    created_at    TEXT NOT NULL,
    -- Set when a revised statement no longer contains the commitment; its history is kept.
    withdrawn_at  TEXT,
    UNIQUE (statement_id, ref_topic, ref_paragraph, ref_clause),
    CHECK (due IS NOT NULL OR due_inferred = 0)
);
CREATE INDEX IF NOT EXISTS commitment_by_topic ON commitment (topic_id);
CREATE INDEX IF NOT EXISTS commitment_by_ref ON commitment (ref_topic, ref_paragraph, ref_clause);

-- What `ctrack edit` and re-imports changed on a commitment: the previous values, kept for `show`.
CREATE TABLE IF NOT EXISTS commitment_change (
    id            INTEGER PRIMARY KEY,
    commitment_id INTEGER NOT NULL REFERENCES commitment (id),
    field         TEXT NOT NULL CHECK (field IN ('text', 'due', 'topic', 'withdrawn')),
    old_value     TEXT,
    new_value     TEXT,
    source        TEXT NOT NULL CHECK (source IN ('edit', 'reimport')),
    changed_at    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS commitment_change_by_commitment ON commitment_change (commitment_id, id);

-- An organisation or person. `key` is the case-folded, trimmed name: "ITU" and "itu " are one owner.
CREATE TABLE IF NOT EXISTS owner (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (name <> '' AND trim(name) = name),
    key  TEXT NOT NULL UNIQUE
);

-- Who owns a commitment, in which role.
CREATE TABLE IF NOT EXISTS assignment (
    commitment_id INTEGER NOT NULL REFERENCES commitment (id),
    owner_id      INTEGER NOT NULL REFERENCES owner (id),
    role          TEXT NOT NULL CHECK (role IN ('lead', 'support')),
    assigned_at   TEXT NOT NULL,
    PRIMARY KEY (commitment_id, owner_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS assignment_by_owner ON assignment (owner_id);

-- Append-only progress entries. An entry is never edited or deleted: a mistake is retracted,
-- which keeps it here, marked, and out of every status.
CREATE TABLE IF NOT EXISTS entry (
    id             INTEGER PRIMARY KEY,
    commitment_id  INTEGER NOT NULL REFERENCES commitment (id),
    -- The date the entry describes (may be back-dated); recorded_at is when it was written.
    as_of          TEXT NOT NULL CHECK (as_of GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    recorded_at    TEXT NOT NULL,
    -- Written as comparisons, not IN (...): SQLite builds a temporary table for an IN list on
    -- every insert, which costs a bulk import about a tenth of its time.
    status         TEXT NOT NULL CHECK (status = 'not-started' OR status = 'in-progress'
                                        OR status = 'stalled' OR status = 'partial' OR status = 'done'
                                        OR status = 'abandoned' OR status = 'unclear'),
    percent        INTEGER CHECK (percent BETWEEN 0 AND 100),
    note           TEXT NOT NULL DEFAULT '',
    author         TEXT NOT NULL DEFAULT '',
    retracted_at   TEXT,
    retract_reason TEXT,
    CHECK ((retracted_at IS NULL) = (retract_reason IS NULL))
);
-- Makes "latest entry per commitment as of a date" an index seek. retracted_at and status ride
-- along, so skipping retracted entries and counting statuses need no visit to the table.
CREATE INDEX IF NOT EXISTS entry_latest ON entry (commitment_id, as_of, id, retracted_at, status);

-- Evidence links: on a commitment, and on the entry they were logged with (entry_id) if any.
CREATE TABLE IF NOT EXISTS evidence (
    id            INTEGER PRIMARY KEY,
    commitment_id INTEGER NOT NULL REFERENCES commitment (id),
    entry_id      INTEGER REFERENCES entry (id),
    url           TEXT NOT NULL CHECK (url GLOB 'http://?*' OR url GLOB 'https://?*'),
    title         TEXT,
    stance        TEXT CHECK (stance = 'supports' OR stance = 'contradicts' OR stance = 'context'),
    added_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS evidence_once
    ON evidence (commitment_id, ifnull(entry_id, 0), url);
CREATE INDEX IF NOT EXISTS evidence_by_entry ON evidence (entry_id) WHERE entry_id IS NOT NULL;

-- Views for other tools. ctrack's own queries take the as-of date as a parameter; these views
-- answer for today (UTC).

-- Every commitment with its full id, statement and topic.
CREATE VIEW IF NOT EXISTS commitment_view AS
SELECT c.id AS pk,
       s.key || ':' || c.ref_topic || '.' || c.ref_paragraph || '.' || c.ref_clause AS commitment,
       s.key AS statement,
       t.no AS topic_no,
       t.title AS topic,
       c.text,
       c.due,
       c.due_inferred,
       c.origin,
       c.withdrawn_at
FROM commitment c
JOIN statement s ON s.id = c.statement_id
JOIN topic t ON t.id = c.topic_id;

-- Current status of each commitment that is not withdrawn: its latest non-retracted entry with
-- as_of <= today (ties broken by entry id), or 'unassessed'.
CREATE VIEW IF NOT EXISTS current_status AS
SELECT v.commitment,
       v.statement,
       v.topic_no,
       v.topic,
       v.text,
       v.due,
       ifnull(e.status, 'unassessed') AS status,
       e.percent,
       e.as_of,
       e.id AS entry
FROM commitment_view v
LEFT JOIN entry e ON e.id = (
    SELECT x.id FROM entry x
    WHERE x.commitment_id = v.pk AND x.retracted_at IS NULL AND x.as_of <= date('now')
    ORDER BY x.as_of DESC, x.id DESC
    LIMIT 1)
WHERE v.withdrawn_at IS NULL;

-- Every progress entry with its commitment's full id and its evidence URLs.
CREATE VIEW IF NOT EXISTS progress_view AS
SELECT e.id AS entry,
       v.commitment,
       e.as_of,
       e.status,
       e.percent,
       e.note,
       e.author,
       (SELECT group_concat(url, ' ') FROM (
            SELECT ev.url FROM evidence ev WHERE ev.entry_id = e.id ORDER BY ev.id)) AS evidence,
       e.recorded_at,
       e.retracted_at IS NOT NULL AS retracted,
       e.retract_reason
FROM entry e
JOIN commitment_view v ON v.pk = e.commitment_id;
