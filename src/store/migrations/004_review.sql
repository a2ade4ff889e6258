-- Migration 3, for review by hand: who withdrew a commitment (a re-import whose text no longer
-- holds it, or a reviewer with `ctrack withdraw` and a reason; commitments withdrawn before this
-- migration were withdrawn by re-imports), and the paragraphs of each parsed statement.
ALTER TABLE commitment ADD COLUMN withdrawn_by TEXT
    CHECK (withdrawn_by IS NULL OR withdrawn_by = 'import' OR withdrawn_by = 'hand');
ALTER TABLE commitment ADD COLUMN withdrawn_reason TEXT
    CHECK (withdrawn_reason IS NULL OR withdrawn_by = 'hand');
UPDATE commitment SET withdrawn_by = 'import' WHERE withdrawn_at IS NOT NULL;

-- Every paragraph of a parsed statement, those without a commitment too, so that `ctrack add
-- --paragraph T.P` can attach a missed commitment to its source. Replaced by each re-import.
CREATE TABLE paragraph (
    statement_id INTEGER NOT NULL REFERENCES statement (id),
    topic_no     INTEGER NOT NULL CHECK (topic_no >= 0),
    no           INTEGER NOT NULL CHECK (no >= 1),
    text         TEXT NOT NULL,
    PRIMARY KEY (statement_id, topic_no, no)
) WITHOUT ROWID;
