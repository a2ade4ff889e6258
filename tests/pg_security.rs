//! Security in the database (src/store/pg_security.sql), on a real server (`$CTRACK_TEST_PG`;
//! skipped without it, except under `CI=true`): the group roles ctrack_reader and
//! ctrack_writer, their privileges, and the triggers that keep entries, evidence and assignment
//! periods append-only and make the database user the author of every entry. Refusals are
//! checked by SQLSTATE and message: 42501 for a missing privilege, CT001 for a trigger.

mod common;

use common::pg::{self, Group, SCHEMA, SECURITY, TempDb};

/// ctrack's application id ("ctrk"), in ctrack_meta.
const APPLICATION_ID: i64 = 0x6374_726b;

/// The SQLSTATE and message of a statement the database refused.
fn refusal<T: std::fmt::Debug>(result: Result<T, postgres::Error>) -> (String, String) {
    let err = result.expect_err("the database should have refused the statement");
    let db = err.as_db_error().unwrap_or_else(|| panic!("not a refusal by the database: {err}"));
    (db.code().code().to_string(), db.message().to_string())
}

fn denied(table: &str) -> (String, String) {
    ("42501".to_string(), format!("permission denied for table {table}"))
}

fn ct001(message: &str) -> (String, String) {
    ("CT001".to_string(), message.to_string())
}

/// A database after `init`, holding one statement, topic and commitment (the owner's work).
fn initialised(server: &str) -> TempDb {
    let db = TempDb::new(server);
    db.init();
    db.client()
        .batch_execute(
            "INSERT INTO statement (key, title, granularity, imported_at, updated_at)
             VALUES ('wsis', 'WSIS', 'curated', 't', 't');
             INSERT INTO topic (statement_id, no, title) VALUES (1, 1, 'Access');
             INSERT INTO commitment (statement_id, ref_topic, ref_paragraph, ref_clause, topic_id, text, origin, created_at)
             VALUES (1, 1, 1, 1, 1, 'Connect schools', 'curated', 't');
             INSERT INTO paragraph (statement_id, topic_no, no, text) VALUES (1, 1, 1, 'Connect schools.');",
        )
        .expect("the owner's data");
    db
}

const LOG: &str = "INSERT INTO entry (commitment_id, as_of, recorded_at, status, note, author)
                   VALUES (1, '2024-05-01', '2024-05-01T10:00:00Z', 'partial', 'half way', 'someone-else')
                   RETURNING id, author";

#[test]
fn a_writer_records_and_retracts_but_never_rewrites_or_deletes() {
    let Some(server) = pg::server() else { return };
    let db = initialised(&server);
    let writer = db.login_role(Group::Writer);
    let mut w = db.client_as(&writer);

    let row = w.query_one(LOG, &[]).expect("a writer records an entry");
    let (id, author): (i64, String) = (row.get(0), row.get(1));
    assert_eq!(author, writer, "the author is the database user, not the name the INSERT gave");

    let changed = w.execute("UPDATE entry SET note = 'all done' WHERE id = $1", &[&id]);
    assert_eq!(refusal(changed), denied("entry"));
    assert_eq!(refusal(w.execute("DELETE FROM entry WHERE id = $1", &[&id])), denied("entry"));
    assert_eq!(refusal(w.batch_execute("TRUNCATE entry CASCADE")), denied("entry"));

    let retract =
        "UPDATE entry SET retracted_at = '2024-05-02T08:00:00Z', retract_reason = 'wrong commitment'
                   WHERE id = $1 AND retracted_at IS NULL";
    assert_eq!(w.execute(retract, &[&id]).expect("a writer retracts"), 1);
    assert_eq!(w.execute(retract, &[&id]).unwrap(), 0, "retracting twice finds nothing to retract");
    let for_good = format!(
        "entry {id} is retracted for good: a retraction cannot be changed or undone; record a new entry with `ctrack log`"
    );
    let undo = w.execute("UPDATE entry SET retracted_at = NULL, retract_reason = NULL WHERE id = $1", &[&id]);
    assert_eq!(refusal(undo), ct001(&for_good));
    let reword = w.execute("UPDATE entry SET retract_reason = 'typo' WHERE id = $1", &[&id]);
    assert_eq!(refusal(reword), ct001(&for_good));
    let kept = w.query_one("SELECT note, retract_reason FROM entry WHERE id = $1", &[&id]).unwrap();
    assert_eq!(
        (kept.get::<_, String>(0), kept.get::<_, String>(1)),
        ("half way".into(), "wrong commitment".into())
    );

    // Evidence: added, and taken out by marking only.
    let link: i64 = w
        .query_one(
            "INSERT INTO evidence (commitment_id, entry_id, url, added_at) VALUES (1, $1, 'https://a.example', 't')
             ON CONFLICT DO NOTHING RETURNING id",
            &[&id],
        )
        .expect("a writer adds evidence")
        .get(0);
    let moved = w.execute("UPDATE evidence SET url = 'https://b.example' WHERE id = $1", &[&link]);
    assert_eq!(refusal(moved), denied("evidence"));
    assert_eq!(refusal(w.execute("DELETE FROM evidence WHERE id = $1", &[&link])), denied("evidence"));
    let remove = "UPDATE evidence SET removed_at = 't2', removed_reason = 'dead link' WHERE id = $1";
    assert_eq!(w.execute(remove, &[&link]).expect("a writer removes a link"), 1);

    // Owners: new owners, assignment periods, and their end.
    w.batch_execute("INSERT INTO owner (name, key) VALUES ('ITU', 'itu') ON CONFLICT (key) DO NOTHING")
        .expect("a writer adds an owner");
    w.batch_execute("INSERT INTO owner (name, key) VALUES ('ITU', 'itu') ON CONFLICT (key) DO NOTHING")
        .expect("adding an existing owner does nothing");
    let period: i64 = w
        .query_one(
            "INSERT INTO assignment_period (commitment_id, owner_id, role, valid_from, recorded_at)
             VALUES (1, 1, 'lead', '2024-01-01', 't') RETURNING id",
            &[],
        )
        .expect("a writer assigns an owner")
        .get(0);
    let end = "UPDATE assignment_period SET valid_to = '2024-06-01', ended_recorded_at = 't3' WHERE id = $1";
    assert_eq!(w.execute(end, &[&period]).expect("a writer ends an assignment"), 1);
    let reopen = w.execute(
        "UPDATE assignment_period SET valid_to = NULL, ended_recorded_at = NULL WHERE id = $1",
        &[&period],
    );
    let ended = format!(
        "assignment period {period} has ended for good: its end cannot be changed or undone; assign the owner again with `ctrack assign ID OWNER`"
    );
    assert_eq!(refusal(reopen), ct001(&ended));
    assert_eq!(refusal(w.execute("DELETE FROM assignment_period", &[])), denied("assignment_period"));
    assert_eq!(refusal(w.execute("UPDATE owner SET name = 'I.T.U.'", &[])), denied("owner"));

    // What is tracked is the owner's: statements, commitments, paragraphs, changes, rounds.
    let owners_only = [
        (
            "statement",
            "INSERT INTO statement (key, title, granularity, imported_at, updated_at) VALUES ('x', 'X', 'curated', 't', 't')",
        ),
        (
            "commitment",
            "UPDATE commitment SET withdrawn_at = 't', withdrawn_by = 'hand', withdrawn_reason = 'no'",
        ),
        ("commitment", "UPDATE commitment SET text = 'Connect every school'"),
        (
            "commitment_change",
            "INSERT INTO commitment_change (commitment_id, field, source, changed_at) VALUES (1, 'text', 'edit', 't')",
        ),
        ("paragraph", "DELETE FROM paragraph"),
        ("round", "INSERT INTO round (name, as_of, closed_at) VALUES ('Q2', '2024-06-30', 't')"),
        ("topic", "UPDATE topic SET title = 'Schools'"),
        ("ctrack_meta", "UPDATE ctrack_meta SET schema_version = 99"),
    ];
    for (table, sql) in owners_only {
        assert_eq!(refusal(w.batch_execute(sql)), denied(table), "{sql}");
    }
    let (code, message) = refusal(w.batch_execute("SELECT setval('entry_id_seq', 1000)"));
    assert_eq!((code.as_str(), message.as_str()), ("42501", "permission denied for sequence entry_id_seq"));
}

#[test]
fn the_triggers_bind_the_owner_too() {
    let Some(server) = pg::server() else { return };
    let db = initialised(&server);
    let mut owner = db.client();
    let me: String = owner.query_one("SELECT session_user::text", &[]).unwrap().get(0);
    let row = owner.query_one(LOG, &[]).unwrap();
    let (id, author): (i64, String) = (row.get(0), row.get(1));
    assert_eq!(author, me, "the owner cannot write in another's name either");

    let changed = format!(
        "entry {id} cannot be changed: ctrack entries are append-only; retract it with `ctrack retract {id} --reason TEXT` and log a new one"
    );
    for sql in [
        "UPDATE entry SET note = 'all done' WHERE id = $1",
        "UPDATE entry SET author = 'someone-else' WHERE id = $1",
        // A retraction that also rewrites is no retraction.
        "UPDATE entry SET retracted_at = 't', retract_reason = 'r', status = 'done' WHERE id = $1",
        "UPDATE entry SET id = 1000 WHERE id = $1",
    ] {
        assert_eq!(refusal(owner.execute(sql, &[&id])), ct001(&changed), "{sql}");
    }
    let deleted = format!(
        "entry {id} cannot be deleted: ctrack entries are append-only; retract it with `ctrack retract {id} --reason TEXT`"
    );
    assert_eq!(refusal(owner.execute("DELETE FROM entry WHERE id = $1", &[&id])), ct001(&deleted));
    let (code, _) = refusal(owner.batch_execute("TRUNCATE entry CASCADE"));
    assert_eq!(code, "CT001");

    let link: i64 = owner
        .query_one(
            "INSERT INTO evidence (commitment_id, entry_id, url, added_at) VALUES (1, $1, 'https://a.example', 't') RETURNING id",
            &[&id],
        )
        .unwrap()
        .get(0);
    let changed = format!(
        "evidence link {link} cannot be changed: ctrack keeps the history of evidence; take it out with `ctrack evidence remove {link} --reason TEXT` and add the right one"
    );
    let moved = owner.execute("UPDATE evidence SET url = 'https://b.example' WHERE id = $1", &[&link]);
    assert_eq!(refusal(moved), ct001(&changed));
    let deleted = format!(
        "evidence link {link} cannot be deleted: ctrack keeps the history of evidence; take it out with `ctrack evidence remove {link} --reason TEXT`"
    );
    assert_eq!(refusal(owner.execute("DELETE FROM evidence WHERE id = $1", &[&link])), ct001(&deleted));
    assert_eq!(
        refusal(owner.batch_execute("TRUNCATE evidence")),
        ct001(
            "ctrack keeps the history of evidence: the evidence table cannot be truncated; a wrong link is taken out with `ctrack evidence remove ID --reason TEXT`"
        )
    );
    owner
        .execute("UPDATE evidence SET removed_at = 't', removed_reason = 'dead' WHERE id = $1", &[&link])
        .unwrap();
    let restore =
        owner.execute("UPDATE evidence SET removed_at = NULL, removed_reason = NULL WHERE id = $1", &[&link]);
    assert_eq!(
        refusal(restore),
        ct001(&format!(
            "evidence link {link} is removed for good: a removal cannot be changed or undone; add the link again with `ctrack evidence add`"
        ))
    );

    owner.batch_execute("INSERT INTO owner (name, key) VALUES ('ITU', 'itu')").unwrap();
    let period: i64 = owner
        .query_one(
            "INSERT INTO assignment_period (commitment_id, owner_id, role, valid_from, recorded_at)
             VALUES (1, 1, 'lead', '2024-01-01', 't') RETURNING id",
            &[],
        )
        .unwrap()
        .get(0);
    let promote = owner.execute("UPDATE assignment_period SET role = 'support' WHERE id = $1", &[&period]);
    assert_eq!(
        refusal(promote),
        ct001(&format!(
            "assignment period {period} cannot be changed: ctrack keeps the history of owners; end it with `ctrack unassign ID OWNER` and assign again"
        ))
    );
    let deleted = owner.execute("DELETE FROM assignment_period WHERE id = $1", &[&period]);
    assert_eq!(
        refusal(deleted),
        ct001(&format!(
            "assignment period {period} cannot be deleted: ctrack keeps the history of owners; end it with `ctrack unassign ID OWNER`"
        ))
    );
}

#[test]
fn the_owner_can_lift_the_triggers_only_deliberately_for_a_copy() {
    let Some(server) = pg::server() else { return };
    let db = initialised(&server);
    let mut owner = db.client();
    // What `ctrack copy` does to keep authors: the triggers are off inside its transaction only.
    let mut copy = owner.transaction().unwrap();
    copy.batch_execute(
        "ALTER TABLE entry DISABLE TRIGGER USER;
         INSERT INTO entry (id, commitment_id, as_of, recorded_at, status, author, retracted_at, retract_reason)
         VALUES (41, 1, '2024-01-01', 't', 'done', 'alice', 't2', 'typo');
         ALTER TABLE entry ENABLE TRIGGER USER;
         ALTER TABLE entry ALTER COLUMN id RESTART WITH 42;",
    )
    .unwrap();
    copy.commit().unwrap();
    let author: String = owner.query_one("SELECT author FROM entry WHERE id = 41", &[]).unwrap().get(0);
    assert_eq!(author, "alice");
    let next: i64 = owner.query_one(LOG, &[]).unwrap().get(0);
    assert_eq!(next, 42, "the identity continues after the copied ids");
    let (code, _) = refusal(owner.execute("DELETE FROM entry WHERE id = 41", &[]));
    assert_eq!(code, "CT001", "the triggers are back after the copy");
}

#[test]
fn a_reader_reads_everything_and_writes_nothing() {
    let Some(server) = pg::server() else { return };
    let db = initialised(&server);
    db.client().query_one(LOG, &[]).unwrap();
    let reader = db.login_role(Group::Reader);
    let mut r = db.client_as(&reader);
    for relation in [
        "ctrack_meta",
        "statement",
        "topic",
        "commitment",
        "commitment_change",
        "owner",
        "entry",
        "evidence",
        "assignment_period",
        "round",
        "paragraph",
        "assignment",
        "commitment_view",
        "current_status",
        "progress_view",
    ] {
        r.query(&format!("SELECT * FROM {relation}"), &[])
            .unwrap_or_else(|e| panic!("reading {relation}: {e}"));
    }
    let writes = [
        (
            "entry",
            "INSERT INTO entry (commitment_id, as_of, recorded_at, status) VALUES (1, '2024-05-01', 't', 'done')",
        ),
        ("entry", "UPDATE entry SET retracted_at = 't', retract_reason = 'r'"),
        (
            "evidence",
            "INSERT INTO evidence (commitment_id, url, added_at) VALUES (1, 'https://a.example', 't')",
        ),
        ("owner", "INSERT INTO owner (name, key) VALUES ('ITU', 'itu')"),
        (
            "assignment_period",
            "INSERT INTO assignment_period (commitment_id, owner_id, role, valid_from, recorded_at) VALUES (1, 1, 'lead', '2024-01-01', 't')",
        ),
        ("commitment", "UPDATE commitment SET text = 'x'"),
    ];
    for (table, sql) in writes {
        assert_eq!(refusal(r.batch_execute(sql)), denied(table), "{sql}");
    }
}

#[test]
fn init_again_changes_nothing_and_restores_the_privileges() {
    let Some(server) = pg::server() else { return };
    let db = initialised(&server);
    let writer = db.login_role(Group::Writer);
    let mut owner = db.client();
    // An administrator loosens the policy by hand; init puts it back.
    owner.batch_execute("GRANT DELETE, UPDATE ON entry TO ctrack_writer").unwrap();
    let id: i64 = db.client_as(&writer).query_one(LOG, &[]).unwrap().get(0);
    db.init();
    let mut w = db.client_as(&writer);
    assert_eq!(refusal(w.execute("DELETE FROM entry WHERE id = $1", &[&id])), denied("entry"));
    assert_eq!(refusal(w.execute("UPDATE entry SET note = 'x' WHERE id = $1", &[&id])), denied("entry"));

    let meta = owner.query("SELECT application_id, schema_version FROM ctrack_meta", &[]).unwrap();
    let meta: Vec<(i64, i64)> = meta.iter().map(|r| (r.get(0), r.get(1))).collect();
    assert_eq!(meta, [(APPLICATION_ID, 4)], "still one row after a second init");
    let (code, _) = refusal(owner.batch_execute("INSERT INTO ctrack_meta VALUES (1668575851, 4)"));
    assert_eq!(code, "23505", "ctrack_meta holds one row");
    let counts = owner
        .query_one("SELECT (SELECT count(*) FROM entry), (SELECT count(*) FROM commitment)", &[])
        .unwrap();
    assert_eq!((counts.get::<_, i64>(0), counts.get::<_, i64>(1)), (1, 1), "the data is untouched");
}

#[test]
fn eight_inits_at_once_on_one_database_all_succeed() {
    let Some(server) = pg::server() else { return };
    let db = TempDb::new(&server);
    std::thread::scope(|scope| {
        for _ in 0..8 {
            scope.spawn(|| db.init());
        }
    });
    let rows: i64 = db.client().query_one("SELECT count(*) FROM ctrack_meta", &[]).unwrap().get(0);
    assert_eq!(rows, 1);
}

#[test]
fn an_owner_who_is_not_a_superuser_can_init() {
    let Some(server) = pg::server() else { return };
    let db = TempDb::new(&server);
    let mut admin = db.client();
    // The group roles exist once per server: an administrator made them, or an earlier init.
    admin
        .batch_execute(
            "DO $$ BEGIN CREATE ROLE ctrack_reader NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
             DO $$ BEGIN CREATE ROLE ctrack_writer NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;",
        )
        .unwrap();
    let secretariat = format!("{}_owner", db.name());
    db.create_role(&format!("CREATE ROLE {secretariat} LOGIN NOCREATEROLE"), &secretariat);
    admin.batch_execute(&format!("ALTER DATABASE {} OWNER TO {secretariat}", db.name())).unwrap();

    let mut owner = db.client_as(&secretariat);
    owner.batch_execute(SCHEMA).expect("the schema, as the database owner");
    owner.batch_execute(SECURITY).expect("the security, as the database owner");
    let tables: i64 = owner
        .query_one("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tableowner = session_user", &[])
        .unwrap()
        .get(0);
    assert_eq!(tables, 11, "ctrack_meta and the ten tables belong to the owner");
    owner
        .batch_execute(
            "INSERT INTO statement (key, title, granularity, imported_at, updated_at) VALUES ('wsis', 'WSIS', 'curated', 't', 't');
             INSERT INTO topic (statement_id, no, title) VALUES (1, 1, 'Access');
             INSERT INTO commitment (statement_id, ref_topic, ref_paragraph, ref_clause, topic_id, text, origin, created_at)
             VALUES (1, 1, 1, 1, 1, 'Connect schools', 'curated', 't');",
        )
        .unwrap();
    let writer = db.login_role(Group::Writer);
    let row = db.client_as(&writer).query_one(LOG, &[]).expect("a writer logs");
    let (id, author): (i64, String) = (row.get(0), row.get(1));
    assert_eq!(author, writer);
    let (code, _) = refusal(owner.execute("UPDATE entry SET note = 'x' WHERE id = $1", &[&id]));
    assert_eq!(code, "CT001", "the owner is refused by the trigger");
}

#[test]
fn an_owner_who_may_not_create_the_group_roles_is_told_what_an_administrator_runs() {
    let Some(server) = pg::server() else { return };
    let db = TempDb::new(&server);
    let secretariat = format!("{}_owner", db.name());
    db.create_role(&format!("CREATE ROLE {secretariat} LOGIN NOCREATEROLE"), &secretariat);
    db.client().batch_execute(&format!("ALTER DATABASE {} OWNER TO {secretariat}", db.name())).unwrap();
    // The group roles are the server's, and other tests have made them: this init looks for
    // roles of its own names instead, which do not exist.
    let (reader, writer) = (format!("{}_r", db.name()), format!("{}_w", db.name()));
    let groups = "ARRAY['ctrack_reader', 'ctrack_writer']";
    assert!(SECURITY.contains(groups), "pg_security.sql creates the group roles from {groups}");
    let security = SECURITY.replacen(groups, &format!("ARRAY['{reader}', '{writer}']"), 1);

    let mut owner = db.client_as(&secretariat);
    owner.batch_execute(SCHEMA).expect("the schema, as the database owner");
    assert_eq!(
        refusal(owner.batch_execute(&security)),
        (
            "CT002".to_string(),
            format!(
                "role {secretariat} may not create the group roles ctrack_reader and ctrack_writer: run ctrack init as a role with CREATEROLE, or have an administrator run \"CREATE ROLE ctrack_reader NOLOGIN; CREATE ROLE ctrack_writer NOLOGIN\" once"
            )
        )
    );
    let made: i64 = db
        .client()
        .query_one("SELECT count(*) FROM pg_roles WHERE rolname IN ($1, $2)", &[&reader, &writer])
        .unwrap()
        .get(0);
    assert_eq!(made, 0);
}
