//! How ctrack reads a `--db` value (or `$CTRACK_DB`): a `postgresql://` or `postgres://` URL
//! names a PostgreSQL database, anything else a SQLite file. A URL is resolved as libpq resolves
//! a connection string: what the URL says, then libpq's environment variables (PGHOST, PGPORT,
//! PGUSER, PGDATABASE, PGPASSWORD, PGSSLMODE, …) for what it leaves out, then libpq's defaults
//! (the Unix socket in /var/run/postgresql, port 5432, the login name as user and database),
//! then the password file. Pure: the environment and the password file come in as parameters;
//! [`PgEnv::from_process`] and [`read_passfile`] read the real ones.
//!
//! ctrack connects without TLS, so a setting that needs TLS (`sslmode=require`, `verify-ca`,
//! `verify-full`, `channel_binding=require`) is refused over TCP with a sentence saying so; over
//! a Unix socket libpq ignores sslmode, and so does ctrack.

mod endpoints;
mod env;
mod pgpass;
mod settings;
mod uri;

#[cfg(test)]
mod live_tests;
#[cfg(test)]
mod tests;

use std::fmt;
use std::path::{Path, PathBuf};

use endpoints::{Endpoint, Host, add_endpoints, endpoints};
use settings::{Settings, encryption, session, tcp};

pub use env::{PassFile, PgEnv, read_passfile};

/// Where libpq looks for the server's Unix socket when nothing names a host: the folder
/// Debian's libpq is compiled with (`DEFAULT_PGSOCKET_DIR`).
pub const DEFAULT_SOCKET_DIR: &str = "/var/run/postgresql";

/// libpq's default port.
pub const DEFAULT_PORT: u16 = 5432;

/// The `application_name` the server shows (in `pg_stat_activity`) when neither the URL nor
/// PGAPPNAME names one, as psql sets "psql".
const APPLICATION_NAME: &str = "ctrack";

/// The database a `--db` value names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbTarget {
    /// A SQLite file.
    Sqlite(PathBuf),
    /// A PostgreSQL database, not yet resolved against the environment.
    Postgres(PgUrl),
}

/// Tells a PostgreSQL URL from a SQLite path. A value is PostgreSQL when it starts with
/// `postgresql://` or `postgres://`, in any case (URL schemes are case-insensitive; libpq itself
/// only knows them in lower case); everything else is a SQLite file path, taken as written (no
/// `sqlite:` prefix is needed, and none is stripped).
///
/// A libpq key=value string (`host=/tmp dbname=x`) is a file path here: `a=b` is a legal file
/// name, and treating every value with an `=` as a connection string would make such files
/// unreachable. A PostgreSQL database is always written as a URL, e.g.
/// `postgresql:///x?host=/tmp`.
pub fn classify(value: &str) -> DbTarget {
    match scheme_len(value) {
        Some(scheme) => DbTarget::Postgres(PgUrl { text: value.to_string(), scheme }),
        None => DbTarget::Sqlite(PathBuf::from(value)),
    }
}

fn scheme_len(value: &str) -> Option<usize> {
    ["postgresql://", "postgres://"].into_iter().find_map(|scheme| {
        let head = value.get(..scheme.len())?;
        head.eq_ignore_ascii_case(scheme).then_some(scheme.len())
    })
}

/// A PostgreSQL URL as the user wrote it, which may hold a password: its `Debug` shows it
/// with the password replaced by `***`.
#[derive(Clone, PartialEq, Eq)]
pub struct PgUrl {
    text: String,
    /// The length of the scheme and `//`.
    scheme: usize,
}

impl PgUrl {
    /// The target this URL names in the environment `env`, reading the password file through
    /// `read_passfile` only when no password was given (as libpq does).
    pub fn resolve(
        &self,
        env: &PgEnv,
        read_passfile: impl FnOnce(&Path) -> PassFile,
    ) -> Result<PgTarget, PgConfigError> {
        let settings = Settings { params: uri::parse(&self.text[self.scheme..])?, env };
        settings.refuse_unsupported()?;
        let endpoints = endpoints(&settings)?;
        let user = settings.given("user").map(|(user, _)| user.to_string());
        let user =
            user.or_else(|| env.os_user.clone().filter(|u| !u.is_empty())).ok_or(PgConfigError::NoUser)?;
        let dbname = settings.given("dbname").map_or_else(|| user.clone(), |(db, _)| db.to_string());

        let mut config = postgres::Config::new();
        add_endpoints(&mut config, &endpoints);
        config.user(&user).dbname(&dbname);
        encryption(&settings, &endpoints, &mut config)?;
        session(&settings, &mut config)?;
        tcp(&settings, &mut config)?;
        let (password, warnings) = pgpass::password(&settings, &endpoints, &user, &dbname, read_passfile);
        let password_source = password.map(|(password, source)| {
            config.password(password);
            source
        });
        let display = display(&user, &dbname, &endpoints);
        Ok(PgTarget { config, display, password_source, warnings })
    }

    /// [`PgUrl::resolve`] in this process's environment, with its password file.
    pub fn resolve_from_process(&self) -> Result<PgTarget, PgConfigError> {
        self.resolve(&PgEnv::from_process(), read_passfile)
    }

    /// The URL as written, with any password (in the user info or a `password=` parameter)
    /// replaced by `***`.
    pub fn redacted(&self) -> String {
        let (scheme, rest) = self.text.split_at(self.scheme);
        let userinfo_end = rest.find(['/', '?']).unwrap_or(rest.len());
        let mut out = scheme.to_string();
        let mut tail = rest;
        if let Some(at) = rest[..userinfo_end].find('@') {
            let userinfo = &rest[..at];
            match userinfo.split_once(':') {
                Some((user, _)) => out.push_str(&format!("{user}:***@")),
                None => out.push_str(&format!("{userinfo}@")),
            }
            tail = &rest[at + 1..];
        }
        let Some((before, query)) = tail.split_once('?') else {
            return out + tail;
        };
        let pairs = query.split('&').map(|pair| match pair.split_once('=') {
            // A name that does not decode might be "password": hide its value too.
            Some((key, _)) if uri::decode_key(key).is_none_or(|k| k == "password") => format!("{key}=***"),
            _ => pair.to_string(),
        });
        format!("{out}{before}?{}", pairs.collect::<Vec<_>>().join("&"))
    }
}

impl fmt::Debug for PgUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("PgUrl").field(&self.redacted()).finish()
    }
}

/// A resolved PostgreSQL connection: a `postgres::Config` ready to connect (without TLS), and
/// how to name it to the user without its password.
#[derive(Clone)]
pub struct PgTarget {
    config: postgres::Config,
    display: String,
    password_source: Option<PasswordSource>,
    warnings: Vec<String>,
}

impl PgTarget {
    /// The configuration to connect with: `config().connect(postgres::NoTls)`.
    pub fn config(&self) -> &postgres::Config {
        &self.config
    }

    /// The target as shown in errors and logs, `postgresql://user@host:port/dbname` (socket
    /// folders as `postgresql://user@/dbname?host=/path&port=N`), never with a password; it is
    /// itself a URL libpq and ctrack accept.
    pub fn display(&self) -> String {
        self.display.clone()
    }

    /// Where the password came from, for an error when the server refuses it; `None` when no
    /// password was found (the server may not ask for one).
    pub fn password_source(&self) -> Option<&PasswordSource> {
        self.password_source.as_ref()
    }

    /// What libpq would print as a WARNING while resolving (an ignored password file), one
    /// sentence each, for the caller to show on stderr.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }
}

impl fmt::Display for PgTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display)
    }
}

// By hand, so that no future field or dependency can print the password.
impl fmt::Debug for PgTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PgTarget")
            .field("target", &self.display)
            .field("password", &self.password_source.as_ref().map(ToString::to_string))
            .field("ssl_mode", &self.config.get_ssl_mode())
            .field("warnings", &self.warnings)
            .finish()
    }
}

/// Where a password came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasswordSource {
    /// The URL's user info or its `password=` parameter.
    Url,
    /// PGPASSWORD.
    Env,
    /// A line of this password file.
    PassFile(PathBuf),
}

impl fmt::Display for PasswordSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PasswordSource::Url => f.write_str("the database URL"),
            PasswordSource::Env => f.write_str("PGPASSWORD"),
            PasswordSource::PassFile(path) => write!(f, "the password file {}", path.display()),
        }
    }
}

/// Where a setting came from, for error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The URL (its authority, path or a query parameter).
    Url,
    /// This environment variable.
    Env(&'static str),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Url => f.write_str("in the database URL"),
            Origin::Env(var) => write!(f, "in {var}"),
        }
    }
}

/// Why a PostgreSQL URL cannot be used; each message names the value and the fix, and none
/// shows a password.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PgConfigError {
    #[error("{0}")]
    BadUrl(String),
    #[error(
        "{keyword:?} in the database URL is not a PostgreSQL connection parameter; remove it, or check its spelling against libpq's (host, port, dbname, user, password, sslmode, application_name, connect_timeout, …)"
    )]
    UnknownParameter { keyword: String },
    #[error("{keyword} {origin} is not supported: {why}; {}", remove(origin))]
    Unsupported { keyword: &'static str, origin: Origin, why: &'static str },
    #[error("invalid {keyword} {value:?} {origin}; expected {expected}")]
    BadValue { keyword: &'static str, value: String, origin: Origin, expected: &'static str },
    #[error("{keyword}={value} {origin} needs {what}, and ctrack connects without it; {fix}")]
    NeedsEncryption {
        keyword: &'static str,
        value: String,
        origin: Origin,
        what: &'static str,
        fix: &'static str,
    },
    #[error("the connection settings name {hosts} hosts but {count} {what}; {fix}")]
    CountMismatch { hosts: usize, count: usize, what: &'static str, fix: &'static str },
    #[error(
        "cannot tell which PostgreSQL user to connect as: the database URL names none, PGUSER is not set, and this process has no login name; write the user into the URL (postgresql://USER@…) or set PGUSER"
    )]
    NoUser,
}

fn remove(origin: &Origin) -> String {
    match origin {
        Origin::Url => "remove it from the database URL".into(),
        Origin::Env(var) => format!("unset {var}"),
    }
}

/// `postgresql://user@host:port,host:port/dbname`, or with socket folders
/// `postgresql://user@/dbname?host=/folder&port=N`: a URL that names the same database, without
/// the password.
fn display(user: &str, dbname: &str, endpoints: &[Endpoint]) -> String {
    let (user, dbname) = (encode(user, ""), encode(dbname, ""));
    if endpoints.iter().any(|e| matches!(e.host, Some(Host::Socket(_)))) {
        let hosts: Vec<String> = endpoints.iter().map(|e| encode(&e.name(), "/")).collect();
        let mut ports: Vec<String> = endpoints.iter().map(|e| e.port.to_string()).collect();
        if ports.iter().all(|port| *port == ports[0]) {
            ports.truncate(1);
        }
        return format!("postgresql://{user}@/{dbname}?host={}&port={}", hosts.join(","), ports.join(","));
    }
    let hosts: Vec<String> = endpoints
        .iter()
        .map(|e| {
            let name = e.name();
            let host = if name.contains(':') { format!("[{name}]") } else { encode(&name, "") };
            format!("{host}:{}", e.port)
        })
        .collect();
    format!("postgresql://{user}@{}/{dbname}", hosts.join(","))
}

/// Percent-encodes all but RFC 3986's unreserved characters and those in `keep`.
fn encode(text: &str, keep: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) || keep.as_bytes().contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
