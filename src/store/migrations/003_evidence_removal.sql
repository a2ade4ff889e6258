-- ctrack schema, migration 3: evidence links can be taken out (`ctrack evidence remove ID
-- --reason T`). A removed link stays in the table, marked with when and why, and stops counting
-- everywhere: exports, reports, `show`, the views below. Runs once (user_version says so).

ALTER TABLE evidence ADD COLUMN removed_at TEXT;
ALTER TABLE evidence ADD COLUMN removed_reason TEXT
    CHECK ((removed_at IS NULL) = (removed_reason IS NULL));

-- A link removed from a commitment may be added again: only standing links are unique.
DROP INDEX IF EXISTS evidence_once;
CREATE UNIQUE INDEX evidence_once
    ON evidence (commitment_id, ifnull(entry_id, 0), url) WHERE removed_at IS NULL;

-- Every progress entry with its commitment's full id and its standing evidence URLs.
DROP VIEW IF EXISTS progress_view;
CREATE VIEW progress_view AS
SELECT e.id AS entry,
       v.commitment,
       e.as_of,
       e.status,
       e.percent,
       e.note,
       e.author,
       (SELECT group_concat(url, ' ') FROM (
            SELECT ev.url FROM evidence ev
            WHERE ev.entry_id = e.id AND ev.removed_at IS NULL ORDER BY ev.id)) AS evidence,
       e.recorded_at,
       e.retracted_at IS NOT NULL AS retracted,
       e.retract_reason
FROM entry e
JOIN commitment_view v ON v.pk = e.commitment_id;
