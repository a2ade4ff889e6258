//! The PostgreSQL schema (schema-postgres.sql) against SQLite's at the current version, on a
//! real server: `$CTRACK_TEST_PG`, which `eval "$(.ci/pg start)"` sets. Without it every test
//! here says it is skipped and passes, except under `CI=true`. Who may write what is tested in
//! pg_security.rs.
//!
//! The SQLite side is built the way ctrack builds it, from schema.sql and every file in
//! src/store/migrations in order, so a migration added on one side only fails these tests.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::pg::{self, TempDb};
use postgres::types::Type;

/// ctrack's application id ("ctrk"), in PRAGMA application_id and ctrack_meta.
const APPLICATION_ID: i64 = 0x6374_726b;

/// SQLite at the current schema version, with foreign keys on as ctrack opens it; and the
/// version (how many scripts ran).
fn sqlite() -> (rusqlite::Connection, i64) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut migrations: Vec<_> = fs::read_dir(root.join("src/store/migrations"))
        .expect("src/store/migrations")
        .map(|entry| entry.expect("migration file").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "sql"))
        .collect();
    migrations.sort();
    let scripts: Vec<_> = std::iter::once(root.join("schema.sql")).chain(migrations).collect();
    let conn = rusqlite::Connection::open_in_memory().expect("in-memory SQLite");
    conn.execute_batch("PRAGMA foreign_keys = ON").expect("foreign keys");
    for script in &scripts {
        let sql = fs::read_to_string(script).expect("schema script");
        conn.execute_batch(&sql).unwrap_or_else(|e| panic!("{}: {e}", script.display()));
    }
    (conn, scripts.len() as i64)
}

// ---------------------------------------------------------------------------------------------
// The shape: tables, views, columns, keys and indexes.

/// Relation name -> (kind, [(column, type)]), types in PostgreSQL's words.
type Shape = BTreeMap<String, (String, Vec<(String, String)>)>;

/// The PostgreSQL type of each view column that SQLite computes and so leaves untyped.
const COMPUTED: &[(&str, &str, &str)] = &[
    ("commitment_view", "commitment", "text"),
    ("current_status", "commitment", "text"),
    ("current_status", "status", "text"),
    ("progress_view", "commitment", "text"),
    ("progress_view", "evidence", "text"),
    ("progress_view", "retracted", "bigint"),
];

fn sqlite_shape(conn: &rusqlite::Connection) -> Shape {
    let mut relations = conn
        .prepare("SELECT name, type FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'")
        .unwrap();
    let relations: Vec<(String, String)> =
        relations.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
    let mut shape = Shape::new();
    for (name, kind) in relations {
        let mut columns = conn.prepare("SELECT name, type FROM pragma_table_info(?1) ORDER BY cid").unwrap();
        let columns = columns
            .query_map([&name], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .map(|(column, decl)| {
                let pg_type = match decl.as_str() {
                    "INTEGER" => "bigint".to_string(),
                    "TEXT" => "text".to_string(),
                    "" => COMPUTED
                        .iter()
                        .find(|(v, c, _)| *v == name && *c == column)
                        .map(|(_, _, t)| t.to_string())
                        .unwrap_or_else(|| {
                            panic!("{name}.{column} is computed: add its PostgreSQL type to COMPUTED")
                        }),
                    other => panic!("{name}.{column} has SQLite type {other}: map it to a PostgreSQL type"),
                };
                (column, pg_type)
            })
            .collect();
        shape.insert(name, (kind, columns));
    }
    shape
}

fn pg_shape(client: &mut postgres::Client) -> Shape {
    let rows = client
        .query(
            "SELECT c.table_name::text, t.table_type::text, c.column_name::text, c.data_type::text
             FROM information_schema.columns c
             JOIN information_schema.tables t USING (table_schema, table_name)
             WHERE c.table_schema = current_schema() AND c.table_name <> 'ctrack_meta'
             ORDER BY c.table_name, c.ordinal_position",
            &[],
        )
        .unwrap();
    let mut shape = Shape::new();
    for row in rows {
        let kind = match row.get::<_, &str>(1) {
            "BASE TABLE" => "table",
            "VIEW" => "view",
            other => panic!("unexpected relation type {other}"),
        };
        let entry = shape.entry(row.get(0)).or_insert_with(|| (kind.to_string(), Vec::new()));
        entry.1.push((row.get(2), row.get(3)));
    }
    shape
}

/// Keys and indexes as comparable lines: "table pk (a, b)", "table unique (a)",
/// "table index NAME unique? partial? (a, <expr>)".
fn sqlite_keys(conn: &rusqlite::Connection) -> Vec<String> {
    let query = |sql: &str| -> Vec<String> {
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    let mut keys = query(
        "SELECT m.name || ' pk (' || (SELECT group_concat(name, ', ') FROM
                  (SELECT name FROM pragma_table_info(m.name) WHERE pk > 0 ORDER BY pk)) || ')'
         FROM sqlite_schema m WHERE m.type = 'table'",
    );
    keys.extend(query(
        "SELECT m.name || ' unique (' || (SELECT group_concat(name, ', ') FROM
                  (SELECT name FROM pragma_index_info(il.name) ORDER BY seqno)) || ')'
         FROM sqlite_schema m, pragma_index_list(m.name) il
         WHERE m.type = 'table' AND il.origin = 'u'",
    ));
    keys.extend(query(
        "SELECT m.name || ' index ' || il.name
                || CASE il.\"unique\" WHEN 1 THEN ' unique' ELSE '' END
                || CASE il.partial WHEN 1 THEN ' partial' ELSE '' END
                || ' (' || (SELECT group_concat(coalesce(name, '<expr>'), ', ') FROM
                  (SELECT name FROM pragma_index_info(il.name) ORDER BY seqno)) || ')'
         FROM sqlite_schema m, pragma_index_list(m.name) il
         WHERE m.type = 'table' AND il.origin = 'c'",
    ));
    keys.sort();
    keys
}

fn pg_keys(client: &mut postgres::Client) -> Vec<String> {
    let columns = "(SELECT string_agg(coalesce(a.attname::text, '<expr>'), ', ' ORDER BY k.i)
                    FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, i)
                    LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum)";
    let sql = format!(
        "SELECT t.relname || CASE
                    WHEN k.contype = 'p' THEN ' pk'
                    WHEN k.contype = 'u' THEN ' unique'
                    ELSE ' index ' || x.relname
                         || CASE WHEN i.indisunique THEN ' unique' ELSE '' END
                         || CASE WHEN i.indpred IS NOT NULL THEN ' partial' ELSE '' END
                END || ' (' || {columns} || ')'
         FROM pg_index i
         JOIN pg_class x ON x.oid = i.indexrelid
         JOIN pg_class t ON t.oid = i.indrelid
         LEFT JOIN pg_constraint k ON k.conindid = i.indexrelid AND k.contype IN ('p', 'u')
         WHERE t.relnamespace = current_schema()::regnamespace AND t.relname <> 'ctrack_meta'"
    );
    let mut keys: Vec<String> = client.query(&sql, &[]).unwrap().iter().map(|r| r.get(0)).collect();
    keys.sort();
    keys
}

#[test]
fn tables_views_columns_and_indexes_are_sqlites() {
    let Some(server) = pg::server() else { return };
    let db = TempDb::new(&server);
    db.init();
    let mut client = db.client();
    let (conn, version) = sqlite();

    let (sqlite, postgres) = (sqlite_shape(&conn), pg_shape(&mut client));
    assert_eq!(
        sqlite.keys().collect::<Vec<_>>(),
        postgres.keys().collect::<Vec<_>>(),
        "the same tables and views"
    );
    for (name, sqlite) in &sqlite {
        assert_eq!(Some(sqlite), postgres.get(name), "{name}: kind, columns in order, types");
    }
    assert_eq!(sqlite_keys(&conn), pg_keys(&mut client), "primary keys, unique constraints, indexes");

    let meta = client.query("SELECT application_id, schema_version FROM ctrack_meta", &[]).unwrap();
    let meta: Vec<(i64, i64)> = meta.iter().map(|r| (r.get(0), r.get(1))).collect();
    assert_eq!(meta, [(APPLICATION_ID, version)], "one row: ctrack's id and the SQLite schema version");
}

// ---------------------------------------------------------------------------------------------
// Behaviour: the same data gives the same view rows; the CHECKs accept and refuse the same values.

/// The same rows, in portable SQL with explicit ids; `AUTHOR` is replaced by the PostgreSQL
/// session user, whom the database writes as the author of every entry anyway.
const DATA: &str = "
INSERT INTO statement (id, key, title, date, granularity, imported_at, updated_at)
VALUES (1, 'wsis', 'WSIS', '2024-01-01', 'curated', '2024-01-02T00:00:00Z', '2024-01-02T00:00:00Z');
INSERT INTO topic (id, statement_id, no, title) VALUES (1, 1, 0, 'General'), (2, 1, 3, 'Access');
INSERT INTO commitment (id, statement_id, ref_topic, ref_paragraph, ref_clause, topic_id, text, due, due_inferred,
                        origin, created_at)
VALUES (1, 1, 3, 1, 1, 2, 'Connect schools', '2027-12-31', 1, 'curated', 't0'),
       (2, 1, 3, 1, 2, 1, 'Train teachers', NULL, 0, 'curated', 't0'),
       (3, 1, 0, 2, 1, 1, 'Publish data', '2026-01-01', 0, 'parsed', 't0');
UPDATE commitment SET withdrawn_at = 't9', withdrawn_by = 'hand', withdrawn_reason = 'duplicate' WHERE id = 3;
INSERT INTO owner (id, name, key)
VALUES (1, 'ITU', 'itu'), (2, 'UNDP', 'undp'), (3, 'abc', 'abc'), (4, 'Zed', 'zed'), (5, 'Émile', 'émile'),
       (6, 'a b', 'a b'), (7, 'a-c', 'a-c');
INSERT INTO assignment_period (id, commitment_id, owner_id, role, valid_from, valid_to, recorded_at, ended_recorded_at)
VALUES (1, 1, 1, 'lead', '2024-01-01', NULL, 't1', NULL),
       (2, 1, 2, 'support', '2024-01-01', NULL, 't1', NULL),
       (3, 2, 2, 'lead', '2024-02-01', NULL, 't1', NULL);
UPDATE assignment_period SET valid_to = '2024-03-01', ended_recorded_at = 't2' WHERE id = 2;
INSERT INTO entry (id, commitment_id, as_of, recorded_at, status, percent, note, author)
VALUES (1, 1, '2024-02-01', 't1', 'in-progress', 20, 'started', 'AUTHOR'),
       (2, 1, '2024-03-01', 't2', 'partial', 50, '', 'AUTHOR'),
       (3, 1, '2024-03-01', 't3', 'stalled', NULL, 'same day: the higher id wins', 'AUTHOR'),
       (4, 1, '2999-01-01', 't4', 'done', 100, 'in the future', 'AUTHOR'),
       (5, 1, '2024-04-01', 't5', 'done', 100, 'typo', 'AUTHOR'),
       (6, 2, '2024-02-01', 't6', 'done', NULL, 'wrong commitment', 'AUTHOR'),
       (7, 3, '2024-02-01', 't7', 'done', NULL, 'withdrawn commitment', 'AUTHOR');
UPDATE entry SET retracted_at = 't8', retract_reason = 'typo' WHERE id = 5;
UPDATE entry SET retracted_at = 't8', retract_reason = 'meant 1' WHERE id = 6;
INSERT INTO evidence (id, commitment_id, entry_id, url, title, stance, added_at)
VALUES (1, 1, 2, 'https://b.example/2', NULL, NULL, 't2'),
       (2, 1, 2, 'https://a.example/1', 'A', 'supports', 't2'),
       (3, 1, 3, 'https://c.example/x', NULL, NULL, 't3'),
       (4, 1, 3, 'https://c.example/y', NULL, NULL, 't3'),
       (5, 1, NULL, 'https://d.example', NULL, 'context', 't3');
UPDATE evidence SET removed_at = 't9', removed_reason = 'dead link' WHERE id = 3;
";

/// SQLite and PostgreSQL holding DATA (PostgreSQL initialised as `ctrack init` does).
fn both(db: &TempDb) -> (rusqlite::Connection, postgres::Client) {
    let mut client = db.client();
    db.init();
    let me: String = client.query_one("SELECT session_user::text", &[]).unwrap().get(0);
    let data = DATA.replace("AUTHOR", &me);
    let (conn, _) = sqlite();
    conn.execute_batch(&data).expect("data on SQLite");
    client.batch_execute(&data).expect("data on PostgreSQL");
    // Explicit ids leave the identities behind, as after `ctrack copy`: move them past.
    client
        .batch_execute(
            "DO $$
             DECLARE t text;
             BEGIN
                 FOREACH t IN ARRAY ARRAY['statement', 'topic', 'commitment', 'commitment_change', 'owner',
                                          'entry', 'evidence', 'assignment_period', 'round'] LOOP
                     EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, ''id''), coalesce(max(id), 0) + 1, false) FROM %I', t, t);
                 END LOOP;
             END $$",
        )
        .expect("identities moved past the copied ids");
    (conn, client)
}

/// Each row rendered as "i:1 | t:text | NULL", sorted (the views have no ORDER BY).
fn sqlite_rows(conn: &rusqlite::Connection, sql: &str) -> Vec<String> {
    let mut rows = sqlite_rows_in_order(conn, sql);
    rows.sort();
    rows
}

fn pg_rows(client: &mut postgres::Client, sql: &str) -> Vec<String> {
    let mut rows = pg_rows_in_order(client, sql);
    rows.sort();
    rows
}

/// Each row rendered as "i:1 | t:text | NULL", in the order the query returns them.
fn sqlite_rows_in_order(conn: &rusqlite::Connection, sql: &str) -> Vec<String> {
    use rusqlite::types::ValueRef;
    let mut stmt = conn.prepare(sql).unwrap();
    let width = stmt.column_count();
    stmt.query_map([], |row| {
        let cells: Vec<String> = (0..width)
            .map(|i| match row.get_ref(i).unwrap() {
                ValueRef::Null => "NULL".to_string(),
                ValueRef::Integer(n) => format!("i:{n}"),
                ValueRef::Text(t) => format!("t:{}", String::from_utf8_lossy(t)),
                other => panic!("unexpected SQLite value {other:?}"),
            })
            .collect();
        Ok(cells.join(" | "))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

fn pg_rows_in_order(client: &mut postgres::Client, sql: &str) -> Vec<String> {
    client
        .query(sql, &[])
        .unwrap()
        .iter()
        .map(|row| {
            let cells: Vec<String> = (0..row.len())
                .map(|i| match *row.columns()[i].type_() {
                    Type::INT8 => row.get::<_, Option<i64>>(i).map_or("NULL".into(), |n| format!("i:{n}")),
                    Type::TEXT => row.get::<_, Option<String>>(i).map_or("NULL".into(), |t| format!("t:{t}")),
                    ref other => {
                        panic!("{sql}: column {} is {other}, not bigint or text", row.columns()[i].name())
                    }
                })
                .collect();
            cells.join(" | ")
        })
        .collect()
}

#[test]
fn views_answer_as_on_sqlite() {
    let Some(server) = pg::server() else { return };
    let db = TempDb::new(&server);
    let (conn, mut client) = both(&db);
    for view in ["assignment", "commitment_view", "current_status", "progress_view"] {
        let sql = format!("SELECT * FROM {view}");
        let (sqlite, postgres) = (sqlite_rows(&conn, &sql), pg_rows(&mut client, &sql));
        assert_eq!(sqlite, postgres, "{view}");
        assert!(!sqlite.is_empty(), "{view} has rows to compare");
    }
    // Text sorts by code point on both, whatever the server's locale (.ci/pg's is ICU English).
    let sorted = "SELECT name FROM owner ORDER BY name";
    let in_order = sqlite_rows_in_order(&conn, sorted);
    assert_eq!(in_order, pg_rows_in_order(&mut client, sorted), "ORDER BY on text");
    assert_eq!(in_order, ["t:ITU", "t:UNDP", "t:Zed", "t:a b", "t:a-c", "t:abc", "t:Émile"]);
    // The cases the data was built for, stated once.
    let status = pg_rows(&mut client, "SELECT commitment, status, entry FROM current_status");
    assert_eq!(status, ["t:wsis:3.1.1 | t:stalled | i:3", "t:wsis:3.1.2 | t:unassessed | NULL"]);
    let evidence =
        pg_rows(&mut client, "SELECT entry, evidence, retracted FROM progress_view WHERE entry <= 3");
    assert_eq!(
        evidence,
        [
            "i:1 | NULL | i:0",
            "i:2 | t:https://b.example/2 https://a.example/1 | i:0",
            "i:3 | t:https://c.example/y | i:0"
        ]
    );
}

/// A value bound to a probe.
#[derive(Debug, Clone)]
enum V {
    T(Option<String>),
    I(Option<i64>),
}

fn t(text: &str) -> V {
    V::T(Some(text.to_string()))
}

/// Values for a date column: the one valid form and near misses.
fn dates() -> Vec<V> {
    [
        "2024-01-31",
        "2024-1-31",
        "2024-01-31x",
        "x2024-01-31",
        "2024-01-31\n",
        "２０２４-01-31",
        "abcd-ef-gh",
        "9999-99-99",
    ]
    .into_iter()
    .map(t)
    .collect()
}

/// Each statement (SQL with ?1) with the values to try in it, one at a time.
fn probes() -> Vec<(&'static str, Vec<V>)> {
    let texts = |values: &[&str]| values.iter().map(|v| t(v)).collect::<Vec<_>>();
    let ints = |values: &[i64]| values.iter().map(|v| V::I(Some(*v))).collect::<Vec<_>>();
    let mut dates_and_null = dates();
    dates_and_null.push(V::T(None));
    let x = |n: usize| "x".repeat(n);
    let e = |n: usize| "é".repeat(n);
    vec![
        (
            "INSERT INTO statement (key, title, granularity, imported_at, updated_at) VALUES (?1, 'T', 'curated', 't', 't')",
            [texts(&["a", "a-b_c9", "A", "a b", "", "é", "a.b", "wsis"]), vec![t(&x(64)), t(&x(65))]].concat(),
        ),
        (
            "INSERT INTO statement (key, title, date, granularity, imported_at, updated_at)
             VALUES ('p', 'T', ?1, 'curated', 't', 't')",
            dates_and_null.clone(),
        ),
        (
            "INSERT INTO statement (key, title, granularity, imported_at, updated_at) VALUES ('p', 'T', ?1, 't', 't')",
            texts(&["clause", "paragraph", "curated", "Clause", ""]),
        ),
        ("INSERT INTO topic (statement_id, no, title) VALUES (1, ?1, 'T')", ints(&[-1, 0, 3, 7])),
        (
            "INSERT INTO commitment (statement_id, ref_topic, ref_paragraph, ref_clause, topic_id, text, origin, created_at)
             VALUES (1, ?1, 9, 9, 1, 'x', 'added', 't')",
            ints(&[-1, 0, 3]),
        ),
        (
            "INSERT INTO commitment (statement_id, ref_topic, ref_paragraph, ref_clause, topic_id, text, origin, created_at)
             VALUES (1, 9, ?1, 9, 1, 'x', 'added', 't')",
            ints(&[-1, 0]),
        ),
        (
            "INSERT INTO commitment (statement_id, ref_topic, ref_paragraph, ref_clause, topic_id, text, origin, created_at)
             VALUES (1, 3, 1, ?1, 1, 'x', 'added', 't')",
            ints(&[0, 1, 3]),
        ),
        (
            "INSERT INTO commitment (statement_id, ref_topic, ref_paragraph, ref_clause, topic_id, text, origin, created_at)
             VALUES (1, 9, 9, 9, ?1, 'x', 'added', 't')",
            ints(&[2, 99]),
        ),
        (
            "INSERT INTO commitment (statement_id, ref_topic, ref_paragraph, ref_clause, topic_id, text, origin, created_at)
             VALUES (1, 9, 9, 9, 1, ?1, 'added', 't')",
            texts(&["", " ", "  x ", "\t"]),
        ),
        (
            "INSERT INTO commitment (statement_id, ref_topic, ref_paragraph, ref_clause, topic_id, text, due, origin, created_at)
             VALUES (1, 9, 9, 9, 1, 'x', ?1, 'added', 't')",
            dates_and_null.clone(),
        ),
        (
            "INSERT INTO commitment (statement_id, ref_topic, ref_paragraph, ref_clause, topic_id, text, due, due_inferred,
                                     origin, created_at)
             VALUES (1, 9, 9, 9, 1, 'x', NULL, ?1, 'added', 't')",
            ints(&[0, 1]),
        ),
        (
            "INSERT INTO commitment (statement_id, ref_topic, ref_paragraph, ref_clause, topic_id, text, due, due_inferred,
                                     origin, created_at)
             VALUES (1, 9, 9, 9, 1, 'x', '2027-01-01', ?1, 'added', 't')",
            ints(&[0, 1, 2, -1]),
        ),
        (
            "INSERT INTO commitment (statement_id, ref_topic, ref_paragraph, ref_clause, topic_id, text, origin, created_at)
             VALUES (1, 9, 9, 9, 1, 'x', ?1, 't')",
            texts(&["parsed", "curated", "added", "hand", ""]),
        ),
        (
            "INSERT INTO commitment (statement_id, ref_topic, ref_paragraph, ref_clause, topic_id, text, origin, created_at,
                                     withdrawn_at, withdrawn_by)
             VALUES (1, 9, 9, 9, 1, 'x', 'added', 't', 't', ?1)",
            [texts(&["import", "hand", "robot"]), vec![V::T(None)]].concat(),
        ),
        (
            "INSERT INTO commitment (statement_id, ref_topic, ref_paragraph, ref_clause, topic_id, text, origin, created_at,
                                     withdrawn_at, withdrawn_by, withdrawn_reason)
             VALUES (1, 9, 9, 9, 1, 'x', 'added', 't', 't', 'import', ?1)",
            vec![V::T(None), t("why")],
        ),
        (
            "INSERT INTO commitment_change (commitment_id, field, old_value, new_value, source, changed_at)
             VALUES (1, ?1, NULL, NULL, 'edit', 't')",
            texts(&["text", "due", "topic", "withdrawn", "owner"]),
        ),
        (
            "INSERT INTO commitment_change (commitment_id, field, old_value, new_value, source, changed_at)
             VALUES (1, 'text', NULL, NULL, ?1, 't')",
            texts(&["edit", "reimport", "import"]),
        ),
        ("INSERT INTO owner (name, key) VALUES (?1, 'k9')", texts(&["", " a", "a ", "a", "a b"])),
        ("INSERT INTO owner (name, key) VALUES ('x', ?1)", texts(&["itu", "new"])),
        (
            "INSERT INTO entry (commitment_id, as_of, recorded_at, status) VALUES (1, ?1, 't', 'done')",
            dates_and_null.clone(),
        ),
        (
            "INSERT INTO entry (commitment_id, as_of, recorded_at, status) VALUES (1, '2024-01-01', 't', ?1)",
            texts(&[
                "not-started",
                "in-progress",
                "stalled",
                "partial",
                "done",
                "abandoned",
                "unclear",
                "unassessed",
                "Done",
                "",
            ]),
        ),
        (
            "INSERT INTO entry (commitment_id, as_of, recorded_at, status, percent) VALUES (1, '2024-01-01', 't', 'done', ?1)",
            [ints(&[-1, 0, 100, 101]), vec![V::I(None)]].concat(),
        ),
        (
            "INSERT INTO entry (commitment_id, as_of, recorded_at, status) VALUES (?1, '2024-01-01', 't', 'done')",
            ints(&[1, 99]),
        ),
        (
            "INSERT INTO entry (commitment_id, as_of, recorded_at, status, retracted_at, retract_reason)
             VALUES (1, '2024-01-01', 't', 'done', ?1, NULL)",
            vec![V::T(None), t("t")],
        ),
        (
            "INSERT INTO entry (commitment_id, as_of, recorded_at, status, retracted_at, retract_reason)
             VALUES (1, '2024-01-01', 't', 'done', 't', ?1)",
            vec![V::T(None), t("why")],
        ),
        (
            "INSERT INTO evidence (commitment_id, entry_id, url, added_at) VALUES (1, NULL, ?1, 't')",
            texts(&[
                "http://",
                "http://x",
                "https://x",
                "https://",
                "ftp://x",
                "HTTP://x",
                "http:/x",
                "http://\n",
                " https://x",
                "https://d.example",
            ]),
        ),
        (
            // A removed link may come back; a standing one is there once per commitment and entry.
            "INSERT INTO evidence (commitment_id, entry_id, url, added_at) VALUES (1, 3, ?1, 't')",
            texts(&["https://c.example/x", "https://c.example/y", "https://b.example/2"]),
        ),
        (
            "INSERT INTO evidence (commitment_id, entry_id, url, added_at) VALUES (1, ?1, 'https://b.example/2', 't')",
            [ints(&[1, 2, 99]), vec![V::I(None)]].concat(),
        ),
        (
            "INSERT INTO evidence (commitment_id, url, stance, added_at) VALUES (1, 'https://e.example', ?1, 't')",
            [texts(&["supports", "contradicts", "context", "Supports", ""]), vec![V::T(None)]].concat(),
        ),
        (
            "INSERT INTO evidence (commitment_id, url, added_at, removed_at, removed_reason)
             VALUES (1, 'https://e.example', 't', ?1, NULL)",
            vec![V::T(None), t("t")],
        ),
        (
            "INSERT INTO assignment_period (commitment_id, owner_id, role, valid_from, recorded_at)
             VALUES (2, 1, ?1, '2024-02-01', 't')",
            texts(&["lead", "support", "owner"]),
        ),
        (
            "INSERT INTO assignment_period (commitment_id, owner_id, role, valid_from, recorded_at)
             VALUES (2, 1, 'lead', ?1, 't')",
            dates(),
        ),
        (
            "INSERT INTO assignment_period (commitment_id, owner_id, role, valid_from, valid_to, recorded_at, ended_recorded_at)
             VALUES (2, 1, 'lead', '2024-02-01', ?1, 't', 't')",
            [texts(&["2024-01-31", "2024-02-01", "2024-2-02"]), dates()].concat(),
        ),
        (
            "INSERT INTO assignment_period (commitment_id, owner_id, role, valid_from, valid_to, recorded_at, ended_recorded_at)
             VALUES (2, 1, 'lead', '2024-02-01', NULL, 't', ?1)",
            vec![V::T(None), t("t")],
        ),
        (
            // One open period per owner and commitment: ITU's is open, UNDP's has ended.
            "INSERT INTO assignment_period (commitment_id, owner_id, role, valid_from, recorded_at)
             VALUES (1, ?1, 'lead', '2024-05-01', 't')",
            ints(&[1, 2]),
        ),
        (
            "INSERT INTO round (name, as_of, closed_at) VALUES (?1, '2024-06-30', 't')",
            [texts(&["", " q", "q ", "Q2"]), vec![t(&x(64)), t(&x(65)), t(&e(64)), t(&e(65))]].concat(),
        ),
        ("INSERT INTO round (name, as_of, closed_at) VALUES ('Q2', ?1, 't')", dates()),
        ("INSERT INTO paragraph (statement_id, topic_no, no, text) VALUES (1, ?1, 1, 'p')", ints(&[-1, 0])),
        ("INSERT INTO paragraph (statement_id, topic_no, no, text) VALUES (1, 0, ?1, 'p')", ints(&[0, 1])),
    ]
}

/// Whether `sql` with `value` is accepted, undone either way.
fn sqlite_accepts(conn: &rusqlite::Connection, sql: &str, value: &V) -> bool {
    let value = match value {
        V::T(text) => rusqlite::types::Value::from(text.clone()),
        V::I(n) => rusqlite::types::Value::from(*n),
    };
    conn.execute_batch("SAVEPOINT probe").unwrap();
    let accepted = conn.execute(sql, [value]).is_ok();
    conn.execute_batch("ROLLBACK TO probe; RELEASE probe").unwrap();
    accepted
}

fn pg_accepts(client: &mut postgres::Client, sql: &str, value: &V) -> bool {
    let sql = sql.replace("?1", "$1");
    let mut tx = client.transaction().unwrap();
    let accepted = match value {
        V::T(text) => tx.execute(&sql, &[text]),
        V::I(n) => tx.execute(&sql, &[n]),
    }
    .is_ok();
    tx.rollback().unwrap();
    accepted
}

#[test]
fn checks_accept_and_refuse_what_sqlite_does() {
    let Some(server) = pg::server() else { return };
    let db = TempDb::new(&server);
    let (conn, mut client) = both(&db);
    let mut differences = Vec::new();
    let (mut accepted, mut refused) = (0, 0);
    for (sql, values) in probes() {
        for value in values {
            let on_sqlite = sqlite_accepts(&conn, sql, &value);
            if on_sqlite != pg_accepts(&mut client, sql, &value) {
                differences.push(format!("{value:?} in {sql}: SQLite accepts it: {on_sqlite}"));
            }
            if on_sqlite { accepted += 1 } else { refused += 1 }
        }
    }
    assert!(differences.is_empty(), "the backends disagree:\n{}", differences.join("\n"));
    assert!(accepted > 40 && refused > 40, "both kinds probed: {accepted} accepted, {refused} refused");
}
