//! The database behind the store: which one a `--db` value names (SQLite file or PostgreSQL).

// Used once the store opens PostgreSQL databases (issue 14); until then only its tests use it.
#[allow(dead_code)]
pub(crate) mod pg_config;
