//! PostgreSQL for tests: the throw-away server named by `$CTRACK_TEST_PG` (a superuser's libpq
//! connection string; `eval "$(.ci/pg start)"` sets it), a fresh database per test, dropped
//! when the test ends, and login roles for the privilege tests.
//!
//! A test that needs the server starts with
//! `let Some(server) = pg::server() else { return };`: without `$CTRACK_TEST_PG` it prints
//! "skipped: NAME needs PostgreSQL (set CTRACK_TEST_PG)" and passes, except under `CI=true`,
//! where a missing server fails the test.

use std::str::FromStr;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use postgres::config::Host;
use postgres::{Client, Config, NoTls};

/// The environment variable naming the test server.
pub const SERVER_VAR: &str = "CTRACK_TEST_PG";

/// The PostgreSQL schema and the roles, privileges and triggers `ctrack init` applies after it.
pub const SCHEMA: &str = include_str!("../../schema-postgres.sql");
pub const SECURITY: &str = include_str!("../../src/store/pg_security.sql");

/// The test server's connection string, or `None` (after saying so on stderr) when
/// `$CTRACK_TEST_PG` is unset. Panics instead when `CI=true`: CI must run every test.
pub fn server() -> Option<String> {
    if let Ok(server) = std::env::var(SERVER_VAR)
        && !server.trim().is_empty()
    {
        return Some(server);
    }
    // libtest names each test's thread after the test.
    let thread = std::thread::current();
    let name = thread.name().unwrap_or("this test");
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("{name} needs PostgreSQL and CI=true: set {SERVER_VAR} (`eval \"$(.ci/pg start)\"` does)");
    }
    // Straight to stderr: libtest would swallow eprintln! from a passing test.
    let skipped = format!("skipped: {name} needs PostgreSQL (set {SERVER_VAR})\n");
    let _ = std::io::Write::write_all(&mut std::io::stderr(), skipped.as_bytes());
    None
}

/// The login role the suite runs ctrack as on PostgreSQL: the tests' `$USER`, so that entries
/// have the same author on both backends (on PostgreSQL the author is the database user). A
/// superuser, as the one who runs `ctrack init` for an office usually owns the database.
pub const TESTER: &str = "tester";

/// A fresh database for one test of the suite run with `CTRACK_TEST_BACKEND=postgres`, on the
/// server in `$CTRACK_TEST_PG`, with the role [`TESTER`] existing. Asking for PostgreSQL without
/// a server is a mistake, not a reason to skip, so it panics.
pub fn suite_db() -> TempDb {
    let server = std::env::var(SERVER_VAR).unwrap_or_default();
    assert!(
        !server.trim().is_empty(),
        "CTRACK_TEST_BACKEND=postgres runs the tests on the server in {SERVER_VAR}, which is unset: `eval \"$(.ci/pg start)\"` sets it"
    );
    let db = TempDb::new(&server);
    ensure_tester(&db);
    db
}

/// Creates the role [`TESTER`] on `db`'s server unless it exists.
pub fn ensure_tester(db: &TempDb) {
    ensure_login(db, TESTER);
}

/// Creates the login role `name` (a superuser, like [`TESTER`]) on `db`'s server unless it
/// exists; it stays for the server's life, as the group roles do. Parallel tests may be
/// creating it at the same moment: the loser's "already exists" is ignored.
pub fn ensure_login(db: &TempDb, name: &str) {
    static CREATED: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let mut created = CREATED.lock().unwrap_or_else(|e| e.into_inner());
    if created.iter().any(|done| done == name) {
        return;
    }
    let literal = format!("'{}'", name.replace('\'', "''"));
    let create = format!(
        "DO $$ BEGIN \
             IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = {literal}) THEN \
                 EXECUTE format('CREATE ROLE %I LOGIN SUPERUSER', {literal}); \
             END IF; \
         EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
    );
    connect(&db.server).batch_execute(&create).unwrap_or_else(|e| panic!("creating the role {name}: {e}"));
    created.push(name.to_string());
}

/// How ctrack names `db` when connected as `role` (socket folder and port, no password): what
/// it prints where it would print a SQLite file's path.
pub fn shown_as(db: &TempDb, role: &str) -> String {
    let url = db.url_as(role);
    let param = |name: &str| {
        url.split(&format!("{name}=")).nth(1).and_then(|rest| rest.split('&').next()).map(str::to_string)
    };
    match param("host") {
        Some(host) if host.starts_with('/') => format!(
            "postgresql://{role}@/{}?host={host}&port={}",
            db.name(),
            param("port").unwrap_or_else(|| "5432".into())
        ),
        _ => {
            let authority = url.trim_start_matches("postgresql://").split('/').next().unwrap_or_default();
            let port = db.server.get_ports().first().copied().unwrap_or(5432);
            format!("postgresql://{role}@{authority}:{port}/{}", db.name())
        }
    }
}

/// Which group role a test login role joins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Reader,
    Writer,
}

impl Group {
    pub fn role(self) -> &'static str {
        match self {
            Group::Reader => "ctrack_reader",
            Group::Writer => "ctrack_writer",
        }
    }
}

/// A fresh, uniquely named database on the test server, dropped (with any connections still
/// open, and the login roles made for it) when this value is dropped.
pub struct TempDb {
    /// The server as `$CTRACK_TEST_PG` names it (its maintenance database).
    server: Config,
    name: String,
    roles: Mutex<Vec<String>>,
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A name no other test process or earlier run has used: process id, clock, counter.
fn unique_name(prefix: &str) -> String {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("{prefix}_{}_{}_{n}", std::process::id(), nanos % 1_000_000_000_000)
}

fn connect(config: &Config) -> Client {
    // The connection string is not printed: it may hold a password.
    config
        .connect(NoTls)
        .unwrap_or_else(|e| panic!("cannot connect to the PostgreSQL test server ({SERVER_VAR}): {e}"))
}

impl TempDb {
    /// Creates the database on `server` (a connection string from [`server`]).
    pub fn new(server: &str) -> TempDb {
        let server = Config::from_str(server)
            .unwrap_or_else(|e| panic!("{SERVER_VAR} is not a libpq connection string: {e}"));
        let name = unique_name("ctrack_t");
        // template0: CREATE DATABASE from template1 fails while anyone is connected to it.
        connect(&server)
            .batch_execute(&format!("CREATE DATABASE {name} TEMPLATE template0"))
            .unwrap_or_else(|e| panic!("creating test database {name}: {e}"));
        TempDb { server, name, roles: Mutex::new(Vec::new()) }
    }

    /// The database's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The database as the server's (super)user, as a libpq URL for `ctrack --db`.
    pub fn url(&self) -> String {
        let user = self.server.get_user().unwrap_or("postgres").to_string();
        self.url_as(&user)
    }

    /// The database as `role`, as a libpq URL: `postgresql:///NAME?host=/socket/dir&user=ROLE`
    /// for a Unix socket. No password, except the server's own for its own user: `.ci/pg`'s
    /// cluster trusts local connections.
    pub fn url_as(&self, role: &str) -> String {
        let mut query = Vec::new();
        let mut authority = String::new();
        match self.server.get_hosts().first() {
            Some(Host::Unix(dir)) => query.push(format!("host={}", encode(&dir.to_string_lossy()))),
            Some(Host::Tcp(host)) if host.contains(':') => authority = format!("[{host}]"),
            Some(Host::Tcp(host)) => authority = encode(host),
            None => {}
        }
        if let Some(port) = self.server.get_ports().first() {
            query.push(format!("port={port}"));
        }
        query.push(format!("user={}", encode(role)));
        if role == self.server.get_user().unwrap_or_default()
            && let Some(password) = self.server.get_password()
        {
            query.push(format!("password={}", encode(&String::from_utf8_lossy(password))));
        }
        format!("postgresql://{authority}/{}?{}", self.name, query.join("&"))
    }

    /// A connection to the database as the server's (super)user.
    pub fn client(&self) -> Client {
        connect(&Config::from_str(&self.url()).expect("TempDb::url is a connection string"))
    }

    /// A connection to the database as `role`, through [`TempDb::url_as`], so that every test
    /// also checks the URL it would give ctrack.
    pub fn client_as(&self, role: &str) -> Client {
        connect(&Config::from_str(&self.url_as(role)).expect("TempDb::url_as is a connection string"))
    }

    /// Applies the schema and the security SQL, as `ctrack init` does, as the server's user.
    pub fn init(&self) {
        let mut client = self.client();
        client.batch_execute(SCHEMA).unwrap_or_else(|e| panic!("applying schema-postgres.sql: {e}"));
        client.batch_execute(SECURITY).unwrap_or_else(|e| panic!("applying pg_security.sql: {e}"));
    }

    /// Creates a login role that is a member of `group` (which `init` creates); returns its
    /// name. The role is dropped with the database.
    pub fn login_role(&self, group: Group) -> String {
        let role = unique_name(match group {
            Group::Reader => "reader",
            Group::Writer => "writer",
        });
        self.create_role(&format!("CREATE ROLE {role} LOGIN IN ROLE {}", group.role()), &role);
        role
    }

    /// Creates a login role in `group` that must give `password` (which must need no quoting)
    /// to connect: `.ci/pg`'s cluster asks members of `ctrack_password_auth` for one and trusts
    /// everyone else. `None`, with a skip line, on a server without that role; under `CI=true`
    /// a failure, as a missing server is.
    pub fn password_role(&self, group: Group, password: &str, test: &str) -> Option<String> {
        let marked: i64 = connect(&self.server)
            .query_one("SELECT count(*) FROM pg_catalog.pg_roles WHERE rolname = 'ctrack_password_auth'", &[])
            .unwrap_or_else(|e| panic!("looking for the role ctrack_password_auth: {e}"))
            .get(0);
        if marked == 0 {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "{test} needs a server that asks members of ctrack_password_auth for a password (.ci/pg start makes one)"
            );
            eprintln!(
                "skipped: {test} needs a server that asks members of ctrack_password_auth for a password (.ci/pg start makes one)"
            );
            return None;
        }
        let role = unique_name("pwriter");
        let create = format!(
            "CREATE ROLE {role} LOGIN PASSWORD '{password}' IN ROLE {}, ctrack_password_auth",
            group.role()
        );
        self.create_role(&create, &role);
        Some(role)
    }

    /// [`TempDb::url_as`] with a password.
    pub fn url_with_password(&self, role: &str, password: &str) -> String {
        format!("{}&password={}", self.url_as(role), encode(password))
    }

    /// Runs `create` (a CREATE ROLE statement for `role`) as the server's user, and drops the
    /// role with the database.
    pub fn create_role(&self, create: &str, role: &str) {
        connect(&self.server).batch_execute(create).unwrap_or_else(|e| panic!("creating role {role}: {e}"));
        self.roles.lock().unwrap_or_else(|e| e.into_inner()).push(role.to_string());
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        // Never panic here: a failing test is already unwinding, and its message matters more.
        let Ok(mut client) = self.server.connect(NoTls) else { return };
        // One statement per call: DROP DATABASE refuses to run inside a (multi-statement) transaction.
        let drop_db = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
        let roles = std::mem::take(&mut *self.roles.lock().unwrap_or_else(|e| e.into_inner()));
        let drop_roles = roles.iter().map(|role| format!("DROP ROLE IF EXISTS {role}"));
        for sql in std::iter::once(drop_db).chain(drop_roles) {
            if let Err(e) = client.batch_execute(&sql) {
                eprintln!("warning: {sql} failed: {e}");
            }
        }
    }
}

/// Percent-encodes `text` for a URL, keeping what libpq and rust-postgres read literally
/// (`/` too, so a socket directory stays readable).
fn encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
