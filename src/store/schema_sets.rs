//! Tests that the schema's CHECK constraints and the closed sets' one spelling agree, both
//! ways: the CHECK accepts every member's spelling, and every value it names is a member.

use rusqlite::Connection;

use super::migrate::migrate;
use crate::domain::{ChangeSource, ClosedSet, Field, Origin, Role, SourceKind, Stance, Status};

/// The definition of `column` in the `CREATE TABLE` of `table`, up to the comma that ends it.
fn column_definition(conn: &Connection, table: &str, column: &str) -> String {
    let sql: String = conn
        .query_row("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1", [table], |r| r.get(0))
        .unwrap();
    let start = sql
        .lines()
        .scan(0, |offset, line| {
            let here = *offset;
            *offset += line.len() + 1;
            Some((here, line))
        })
        .find(|(_, line)| line.trim_start().starts_with(&format!("{column} ")))
        .map(|(here, line)| here + line.len() - line.trim_start().len())
        .unwrap_or_else(|| panic!("no column {column} in {table}"));
    let mut depth = 0;
    let end = sql[start..]
        .char_indices()
        .find(|(_, c)| {
            match c {
                '(' => depth += 1,
                ')' if depth == 0 => return true,
                ')' => depth -= 1,
                ',' if depth == 0 => return true,
                _ => {}
            }
            false
        })
        .map_or(sql.len(), |(i, _)| start + i);
    sql[start..end].to_string()
}

/// The quoted values in a column definition.
fn quoted_values(definition: &str) -> Vec<String> {
    definition.split('\'').skip(1).step_by(2).map(str::to_string).collect()
}

/// Checks one set against its column; `stored` are the members that may be stored there.
fn check<T: ClosedSet + std::fmt::Debug>(conn: &Connection, table: &str, column: &str, stored: &[T]) {
    let definition = column_definition(conn, table, column).replace("NOT NULL", "");
    let probe = format!("probe_{table}_{column}");
    conn.execute_batch(&format!("CREATE TEMP TABLE {probe} ({definition})")).unwrap();
    let insert = |value: &str| conn.execute(&format!("INSERT INTO {probe} VALUES (?1)"), [value]);
    for member in stored {
        assert!(insert(member.as_str()).is_ok(), "{table}.{column} refuses {member:?}");
        let upper = member.as_str().to_uppercase();
        assert!(insert(&upper).is_err(), "{table}.{column} accepts {upper}: the database keeps one spelling");
    }
    let named = quoted_values(&definition);
    let mut spellings: Vec<&str> = stored.iter().map(|m| m.as_str()).collect();
    spellings.sort_unstable();
    let mut named_sorted: Vec<&str> = named.iter().map(String::as_str).collect();
    named_sorted.sort_unstable();
    assert_eq!(named_sorted, spellings, "{table}.{column}: the CHECK and {} disagree", T::KIND);
    for value in &named {
        assert_eq!(T::parse(value).map(T::as_str).ok(), Some(value.as_str()));
    }
    assert!(insert("no-such-value").is_err(), "{table}.{column} accepts anything");
}

#[test]
fn schema_checks_match_the_closed_sets() {
    let mut conn = Connection::open_in_memory().unwrap();
    migrate(&mut conn, None).unwrap();
    let conn = &conn;
    let recordable: Vec<Status> = Status::ALL.into_iter().filter(|s| s.offered()).collect();
    check(conn, "entry", "status", &recordable);
    check(conn, "assignment_period", "role", &Role::ALL);
    check(conn, "evidence", "stance", &Stance::ALL);
    check(conn, "commitment", "origin", &Origin::ALL);
    check(conn, "commitment_change", "field", &Field::ALL);
    check(conn, "commitment_change", "source", ChangeSource::ALL);
    check(conn, "statement", "granularity", &SourceKind::ALL);
}
