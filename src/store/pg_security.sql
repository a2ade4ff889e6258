-- ctrack on PostgreSQL: who may write what, enforced by the database rather than by the CLI.
--
-- `ctrack init` runs this after schema-postgres.sql, as the role that owns the tables (the
-- role that ran init: the "owner"). It is idempotent and converges: running it again restores
-- exactly the privileges below, whatever was granted by hand in between, and recreates the
-- triggers. Two inits at once on one database are serialised by the advisory lock; two on
-- different databases of one server may both try to create the group roles, and the loser's
-- "already exists" is ignored.
--
-- Roles (group roles: NOLOGIN; give people login roles that are members, e.g.
-- `CREATE ROLE alice LOGIN PASSWORD '…' IN ROLE ctrack_writer`):
-- * ctrack_reader reads every table and view.
-- * ctrack_writer reads everything and records progress, as the issue puts it: "record
--   entries, evidence, owners and retractions". It may INSERT entries, evidence links, owners
--   and assignment periods, and UPDATE only the columns that mark something: an entry's
--   retraction (retracted_at, retract_reason), an evidence link's removal (removed_at,
--   removed_reason) and the end of an assignment period (valid_to, ended_recorded_at).
--   No DELETE and no TRUNCATE anywhere. Statements, topics, commitments, paragraphs,
--   commitment changes and rounds (imports, `edit`, `withdraw`, `add`, `round close`) are
--   the owner's alone: shaping what is tracked is the secretariat's job, not a member
--   office's.
-- * The identity sequences need no grant: an identity column's default draws from its
--   sequence without a privilege check, so writers cannot call nextval/setval by hand.
--
-- Triggers, which bind everyone, the owner and superusers included:
-- * entry: the author is the database user who wrote it (session_user), whatever the INSERT
--   says, so nobody writes in another's name. An entry is never changed or deleted: the only
--   UPDATE allowed is its retraction (retracted_at and retract_reason from NULL to a value,
--   every other column unchanged); a retraction is never changed or undone.
-- * evidence: likewise, the only UPDATE allowed is its removal (removed_at, removed_reason
--   from NULL to a value); no DELETE.
-- * assignment_period: the only UPDATE allowed is ending an open period (valid_to,
--   ended_recorded_at from NULL to a value); no DELETE.
-- * TRUNCATE of any of the three is refused.
-- The owner can still get round the triggers, by design and only deliberately: `ALTER TABLE
-- entry DISABLE TRIGGER USER` inside a transaction, which is what `ctrack copy` does to keep
-- the authors of the entries it copies into an empty database.
--
-- Every refusal by a trigger has SQLSTATE CT001 (class CT is not used by PostgreSQL) and a
-- message that is one plain sentence naming the row and the ctrack command to use instead;
-- the Rust side recognises CT001 and shows the message as it is. An init whose role may not
-- create the group roles stops with CT002 and a sentence saying what an administrator runs.
-- A write without the privilege fails before any trigger, with PostgreSQL's SQLSTATE 42501
-- (insufficient_privilege).

SELECT pg_advisory_xact_lock(1668575851);

-- The group roles, created when absent. Creating a role needs CREATEROLE; an owner without it
-- can have an administrator create the two roles once, after which init needs nothing more.
DO $$
DECLARE
    role_name text;
BEGIN
    FOREACH role_name IN ARRAY ARRAY['ctrack_reader', 'ctrack_writer'] LOOP
        IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = role_name) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
            EXCEPTION
                -- Created meanwhile by an init on another database of this server.
                WHEN duplicate_object OR unique_violation THEN NULL;
                WHEN insufficient_privilege THEN
                    RAISE EXCEPTION USING ERRCODE = 'CT002', MESSAGE = format(
                        'role %s may not create the group roles ctrack_reader and ctrack_writer: '
                        'run ctrack init as a role with CREATEROLE, or have an administrator run '
                        '"CREATE ROLE ctrack_reader NOLOGIN; CREATE ROLE ctrack_writer NOLOGIN" once',
                        current_user);
            END;
        END IF;
    END LOOP;
END $$;

-- Both roles must be able to look into the schema that holds the tables (PUBLIC normally may;
-- an owner who may not grant it leaves it to the administrator).
DO $$
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO ctrack_reader, ctrack_writer', current_schema());
EXCEPTION
    WHEN insufficient_privilege THEN NULL;
END $$;

-- Start from nothing, so that running init again restores the policy.
REVOKE ALL ON ctrack_meta, statement, topic, commitment, commitment_change, owner, entry, evidence,
              assignment_period, round, paragraph,
              assignment, commitment_view, current_status, progress_view
    FROM ctrack_reader, ctrack_writer;

GRANT SELECT ON ctrack_meta, statement, topic, commitment, commitment_change, owner, entry, evidence,
                assignment_period, round, paragraph,
                assignment, commitment_view, current_status, progress_view
    TO ctrack_reader, ctrack_writer;

GRANT INSERT ON entry, evidence, owner, assignment_period TO ctrack_writer;
GRANT UPDATE (retracted_at, retract_reason) ON entry TO ctrack_writer;
GRANT UPDATE (removed_at, removed_reason) ON evidence TO ctrack_writer;
GRANT UPDATE (valid_to, ended_recorded_at) ON assignment_period TO ctrack_writer;

-- The author of an entry is whoever is logged in to the database.
CREATE OR REPLACE FUNCTION ctrack_entry_author() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.author := session_user;
    RETURN NEW;
END $$;

-- Only a retraction: retracted_at and retract_reason go from NULL to a value, nothing else moves.
CREATE OR REPLACE FUNCTION ctrack_entry_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION USING ERRCODE = 'CT001', MESSAGE =
            'ctrack entries are append-only: the entry table cannot be truncated; a mistaken entry is retracted with `ctrack retract ID --reason TEXT`';
    ELSIF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION USING ERRCODE = 'CT001', MESSAGE = format(
            'entry %s cannot be deleted: ctrack entries are append-only; retract it with `ctrack retract %s --reason TEXT`',
            OLD.id, OLD.id);
    ELSIF OLD.retracted_at IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CT001', MESSAGE = format(
            'entry %s is retracted for good: a retraction cannot be changed or undone; record a new entry with `ctrack log`',
            OLD.id);
    ELSIF NEW.retracted_at IS NULL
          OR pg_catalog.to_jsonb(NEW) - 'retracted_at' - 'retract_reason'
             IS DISTINCT FROM pg_catalog.to_jsonb(OLD) - 'retracted_at' - 'retract_reason' THEN
        RAISE EXCEPTION USING ERRCODE = 'CT001', MESSAGE = format(
            'entry %s cannot be changed: ctrack entries are append-only; retract it with `ctrack retract %s --reason TEXT` and log a new one',
            OLD.id, OLD.id);
    END IF;
    RETURN NEW;
END $$;

-- Only a removal: removed_at and removed_reason go from NULL to a value, nothing else moves.
CREATE OR REPLACE FUNCTION ctrack_evidence_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION USING ERRCODE = 'CT001', MESSAGE =
            'ctrack keeps the history of evidence: the evidence table cannot be truncated; a wrong link is taken out with `ctrack evidence remove ID --reason TEXT`';
    ELSIF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION USING ERRCODE = 'CT001', MESSAGE = format(
            'evidence link %s cannot be deleted: ctrack keeps the history of evidence; take it out with `ctrack evidence remove %s --reason TEXT`',
            OLD.id, OLD.id);
    ELSIF OLD.removed_at IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CT001', MESSAGE = format(
            'evidence link %s is removed for good: a removal cannot be changed or undone; add the link again with `ctrack evidence add`',
            OLD.id);
    ELSIF NEW.removed_at IS NULL
          OR pg_catalog.to_jsonb(NEW) - 'removed_at' - 'removed_reason'
             IS DISTINCT FROM pg_catalog.to_jsonb(OLD) - 'removed_at' - 'removed_reason' THEN
        RAISE EXCEPTION USING ERRCODE = 'CT001', MESSAGE = format(
            'evidence link %s cannot be changed: ctrack keeps the history of evidence; take it out with `ctrack evidence remove %s --reason TEXT` and add the right one',
            OLD.id, OLD.id);
    END IF;
    RETURN NEW;
END $$;

-- Only the end of an open period: valid_to and ended_recorded_at go from NULL to a value.
CREATE OR REPLACE FUNCTION ctrack_assignment_period_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION USING ERRCODE = 'CT001', MESSAGE =
            'ctrack keeps the history of owners: the assignment_period table cannot be truncated; an owner is taken off with `ctrack unassign ID OWNER`';
    ELSIF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION USING ERRCODE = 'CT001', MESSAGE = format(
            'assignment period %s cannot be deleted: ctrack keeps the history of owners; end it with `ctrack unassign ID OWNER`',
            OLD.id);
    ELSIF OLD.valid_to IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CT001', MESSAGE = format(
            'assignment period %s has ended for good: its end cannot be changed or undone; assign the owner again with `ctrack assign ID OWNER`',
            OLD.id);
    ELSIF NEW.valid_to IS NULL
          OR pg_catalog.to_jsonb(NEW) - 'valid_to' - 'ended_recorded_at'
             IS DISTINCT FROM pg_catalog.to_jsonb(OLD) - 'valid_to' - 'ended_recorded_at' THEN
        RAISE EXCEPTION USING ERRCODE = 'CT001', MESSAGE = format(
            'assignment period %s cannot be changed: ctrack keeps the history of owners; end it with `ctrack unassign ID OWNER` and assign again',
            OLD.id);
    END IF;
    RETURN NEW;
END $$;

-- Dropped and created rather than CREATE OR REPLACE TRIGGER, which needs PostgreSQL 14.
DROP TRIGGER IF EXISTS ctrack_entry_author ON entry;
CREATE TRIGGER ctrack_entry_author BEFORE INSERT ON entry
    FOR EACH ROW EXECUTE FUNCTION ctrack_entry_author();
DROP TRIGGER IF EXISTS ctrack_entry_guard ON entry;
CREATE TRIGGER ctrack_entry_guard BEFORE UPDATE OR DELETE ON entry
    FOR EACH ROW EXECUTE FUNCTION ctrack_entry_guard();
DROP TRIGGER IF EXISTS ctrack_entry_no_truncate ON entry;
CREATE TRIGGER ctrack_entry_no_truncate BEFORE TRUNCATE ON entry
    FOR EACH STATEMENT EXECUTE FUNCTION ctrack_entry_guard();

DROP TRIGGER IF EXISTS ctrack_evidence_guard ON evidence;
CREATE TRIGGER ctrack_evidence_guard BEFORE UPDATE OR DELETE ON evidence
    FOR EACH ROW EXECUTE FUNCTION ctrack_evidence_guard();
DROP TRIGGER IF EXISTS ctrack_evidence_no_truncate ON evidence;
CREATE TRIGGER ctrack_evidence_no_truncate BEFORE TRUNCATE ON evidence
    FOR EACH STATEMENT EXECUTE FUNCTION ctrack_evidence_guard();

DROP TRIGGER IF EXISTS ctrack_assignment_period_guard ON assignment_period;
CREATE TRIGGER ctrack_assignment_period_guard BEFORE UPDATE OR DELETE ON assignment_period
    FOR EACH ROW EXECUTE FUNCTION ctrack_assignment_period_guard();
DROP TRIGGER IF EXISTS ctrack_assignment_period_no_truncate ON assignment_period;
CREATE TRIGGER ctrack_assignment_period_no_truncate BEFORE TRUNCATE ON assignment_period
    FOR EACH STATEMENT EXECUTE FUNCTION ctrack_assignment_period_guard();
