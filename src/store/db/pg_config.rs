//! Placeholder until the libpq-conventions module lands: URLs only.

use std::path::PathBuf;
use std::str::FromStr;

use crate::error::{Error, Result};

/// Where `--db` points.
#[derive(Debug, Clone)]
pub enum DbTarget {
    Sqlite(PathBuf),
    Postgres(Box<PgTarget>),
}

/// A PostgreSQL database to connect to.
#[derive(Clone)]
pub struct PgTarget {
    config: postgres::Config,
    user: String,
    shown: String,
}

impl std::fmt::Debug for PgTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.shown)
    }
}

impl PgTarget {
    pub fn config(&self) -> &postgres::Config {
        &self.config
    }

    pub fn user(&self) -> &str {
        &self.user
    }

    pub fn display(&self) -> String {
        self.shown.clone()
    }
}

/// Classifies a `--db` value.
pub fn classify(value: &str) -> Result<DbTarget> {
    let lower = value.to_ascii_lowercase();
    if !(lower.starts_with("postgresql://") || lower.starts_with("postgres://")) {
        return Ok(DbTarget::Sqlite(PathBuf::from(value)));
    }
    let config = postgres::Config::from_str(value)
        .map_err(|e| Error::PgConnect { target: "(the URL given)".into(), reason: e.to_string() })?;
    let user = config.get_user().unwrap_or("postgres").to_string();
    let shown = format!("postgresql://{user}@/{}", config.get_dbname().unwrap_or(&user));
    Ok(DbTarget::Postgres(Box::new(PgTarget { config, user, shown })))
}
