-- ctrack schema, migration 2: owners over time.
--
-- An assignment becomes a period: an owner holds a role on a commitment from valid_from
-- (inclusive) to valid_to (exclusive; NULL while it lasts). recorded_at is when ctrack learnt
-- of the period, ended_recorded_at when it learnt of its end, so a report can be reproduced as
-- known at any moment (rounds, --known-at). Periods are never deleted; `assignment` becomes a
-- view of the open ones, so readers of the old table see today's owners as before.

CREATE TABLE assignment_period (
    id                INTEGER PRIMARY KEY,
    commitment_id     INTEGER NOT NULL REFERENCES commitment (id),
    owner_id          INTEGER NOT NULL REFERENCES owner (id),
    role              TEXT NOT NULL CHECK (role IN ('lead', 'support')),
    valid_from        TEXT NOT NULL
                      CHECK (valid_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    valid_to          TEXT CHECK (valid_to IS NULL
                                  OR (valid_to GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                                      AND valid_to >= valid_from)),
    recorded_at       TEXT NOT NULL,
    ended_recorded_at TEXT,
    CHECK ((valid_to IS NULL) = (ended_recorded_at IS NULL))
);
-- One open period per owner and commitment.
CREATE UNIQUE INDEX assignment_period_open ON assignment_period (commitment_id, owner_id)
    WHERE valid_to IS NULL;
CREATE INDEX assignment_period_by_commitment ON assignment_period (commitment_id, role, valid_from);
CREATE INDEX assignment_period_by_owner ON assignment_period (owner_id);

-- Existing assignments start on the day they were recorded.
INSERT INTO assignment_period (commitment_id, owner_id, role, valid_from, recorded_at)
SELECT commitment_id, owner_id, role, substr(assigned_at, 1, 10), assigned_at
FROM assignment
ORDER BY commitment_id, owner_id;

DROP INDEX IF EXISTS assignment_by_owner;
DROP TABLE assignment;

-- Today's owners: the open periods.
CREATE VIEW assignment AS
SELECT commitment_id, owner_id, role, valid_from AS assigned_at
FROM assignment_period
WHERE valid_to IS NULL;

-- Reporting rounds: a reporting date and the moment the round was closed, so its reports can
-- be reproduced with what was known then.
CREATE TABLE round (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64 AND trim(name) = name),
    as_of     TEXT NOT NULL CHECK (as_of GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    closed_at TEXT NOT NULL,
    note      TEXT NOT NULL DEFAULT ''
);
