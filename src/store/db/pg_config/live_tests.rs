//! Connections to a real server: `CTRACK_TEST_PG` names a superuser on a throw-away cluster,
//! which creates a role with a password; the role then connects through a URL with a socket
//! folder (or TCP host), and through PGHOST/PGPORT/PGUSER/PGDATABASE with a password file. The
//! role joins `ctrack_password_auth` when the server has it: `.ci/pg`'s cluster asks its members
//! for their password. When the server trusts the role anyway, the wrong-password check cannot
//! fail: the test says so, and fails under CI=true.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::PermissionsExt;

use postgres::config::Host as PgHost;
use postgres::{Client, NoTls};

use super::*;

/// The superuser's configuration, or `None` (with the skip line on stderr) when CTRACK_TEST_PG
/// is unset outside CI.
fn superuser(test: &str) -> Option<postgres::Config> {
    let Some(text) = std::env::var("CTRACK_TEST_PG").ok().filter(|t| !t.is_empty()) else {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "{test} needs PostgreSQL: set CTRACK_TEST_PG");
        eprintln!("skipped: {test} needs PostgreSQL (set CTRACK_TEST_PG)");
        return None;
    };
    Some(match classify(&text) {
        DbTarget::Postgres(url) => {
            url.resolve_from_process().expect("CTRACK_TEST_PG resolves").config().clone()
        }
        DbTarget::Sqlite(_) => text.parse().expect("CTRACK_TEST_PG is a libpq connection string"),
    })
}

/// Drops the test role when the test ends, however it ends.
struct Role<'a> {
    admin: &'a postgres::Config,
    name: String,
}

impl Drop for Role<'_> {
    fn drop(&mut self) {
        if let Ok(mut admin) = self.admin.connect(NoTls) {
            let sql = admin.query_one("select format('drop role if exists %I', $1::text)", &[&self.name]);
            if let Ok(sql) = sql {
                let _ = admin.batch_execute(&sql.get::<_, String>(0));
            }
        }
    }
}

fn current_user(target: &PgTarget) -> String {
    let mut client: Client =
        target.config().connect(NoTls).unwrap_or_else(|e| panic!("connect to {target}: {e}"));
    client.query_one("select current_user::text", &[]).expect("select current_user").get(0)
}

#[test]
fn a_role_with_a_password_connects_by_url_and_by_environment() {
    let Some(admin_config) = superuser("a_role_with_a_password_connects_by_url_and_by_environment") else {
        return;
    };
    let mut admin = admin_config.connect(NoTls).expect("connect as CTRACK_TEST_PG");
    let role = Role { admin: &admin_config, name: format!("ctrack_pgconfig_{}", std::process::id()) };
    // A colon and a backslash, which the password file must escape.
    let secret = format!("Pw:{}\\Zq", std::process::id());
    let create: String = admin
        .query_one(
            "select format('create role %I login password %L', $1::text, $2::text)",
            &[&role.name, &secret],
        )
        .expect("format create role")
        .get(0);
    admin.batch_execute(&create).expect("create the test role");
    // .ci/pg's cluster asks the members of ctrack_password_auth for their password.
    let asks = admin
        .query_one("select count(*) from pg_catalog.pg_roles where rolname = 'ctrack_password_auth'", &[])
        .expect("look for ctrack_password_auth")
        .get::<_, i64>(0)
        > 0;
    if asks {
        admin
            .batch_execute(&format!("grant ctrack_password_auth to \"{}\"", role.name))
            .expect("grant ctrack_password_auth");
    }
    let dbname: String = admin.query_one("select current_database()::text", &[]).expect("database").get(0);
    drop(admin);

    let host = admin_config.get_hosts().first().cloned().unwrap_or(PgHost::Unix(DEFAULT_SOCKET_DIR.into()));
    let port = admin_config.get_ports().first().copied().unwrap_or(DEFAULT_PORT);
    let host_text = match &host {
        PgHost::Unix(folder) => folder.to_str().expect("UTF-8 socket folder").to_string(),
        PgHost::Tcp(name) => name.clone(),
    };
    let url_for = |password: Option<&str>| {
        let userinfo = match password {
            Some(password) => format!("{}:{}", role.name, encode(password, "")),
            None => role.name.clone(),
        };
        match &host {
            PgHost::Unix(_) => {
                format!("postgresql://{userinfo}@/{dbname}?host={}&port={port}", encode(&host_text, "/"))
            }
            PgHost::Tcp(name) if name.contains(':') => {
                format!("postgresql://{userinfo}@[{name}]:{port}/{dbname}")
            }
            PgHost::Tcp(name) => format!("postgresql://{userinfo}@{name}:{port}/{dbname}"),
        }
    };
    let bare = PgEnv { vars: BTreeMap::new(), home: None, os_user: Some("nobody-in-particular".into()) };

    // (a) The URL alone, password included.
    let DbTarget::Postgres(url) = classify(&url_for(Some(&secret))) else { panic!("not a URL") };
    let target = url.resolve(&bare, read_passfile).expect("resolves");
    assert_eq!(target.password_source(), Some(&PasswordSource::Url));
    assert!(!target.display().contains(&secret));
    assert_eq!(current_user(&target), role.name);

    // (b) PGHOST, PGPORT, PGUSER and PGDATABASE, with the password from a real ~/.pgpass.
    let home = tempfile::tempdir().expect("temp home");
    let escape = |field: &str| field.replace('\\', "\\\\").replace(':', "\\:");
    let line = format!(
        "{}:{port}:{}:{}:{}\n",
        escape(&host_text),
        escape(&dbname),
        escape(&role.name),
        escape(&secret)
    );
    let pgpass = home.path().join(".pgpass");
    fs::write(&pgpass, format!("# ctrack test\nother:1:x:y:z\n{line}")).expect("write .pgpass");
    fs::set_permissions(&pgpass, fs::Permissions::from_mode(0o600)).expect("chmod 0600");
    let port_text = port.to_string();
    let vars =
        [("PGHOST", &host_text), ("PGPORT", &port_text), ("PGUSER", &role.name), ("PGDATABASE", &dbname)];
    let env = PgEnv {
        vars: vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        home: Some(home.path().to_path_buf()),
        os_user: Some("nobody-in-particular".into()),
    };
    let DbTarget::Postgres(url) = classify("postgresql://") else { panic!("not a URL") };
    let target = url.resolve(&env, read_passfile).expect("resolves");
    assert_eq!(target.password_source(), Some(&PasswordSource::PassFile(pgpass.clone())));
    assert_eq!(current_user(&target), role.name);

    // The same file open to others is ignored, with libpq's warning.
    fs::set_permissions(&pgpass, fs::Permissions::from_mode(0o644)).expect("chmod 0644");
    let target = url.resolve(&env, read_passfile).expect("resolves");
    assert_eq!(target.password_source(), None);
    assert_eq!(target.warnings().len(), 1, "{:?}", target.warnings());

    // (c) A wrong password is refused, and the refusal does not show it.
    let wrong = "Wr0ngHorseBattery";
    let DbTarget::Postgres(url) = classify(&url_for(Some(wrong))) else { panic!("not a URL") };
    let target = url.resolve(&bare, read_passfile).expect("resolves");
    match target.config().connect(NoTls) {
        Ok(_) => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "{target} accepted a wrong password: CI's cluster (.ci/pg) must ask members of ctrack_password_auth for one"
            );
            eprintln!(
                "note: {target} trusts this connection, so the wrong-password refusal was not exercised (use scram-sha-256 in pg_hba.conf)"
            )
        }
        Err(e) => {
            // postgres::Error's Display is only "db error"; the server's sentence is in its DbError.
            let db = e.as_db_error().unwrap_or_else(|| panic!("not a server error: {e:?}"));
            assert_eq!(db.code(), &postgres::error::SqlState::INVALID_PASSWORD, "{db:?}");
            assert_eq!(db.message(), format!("password authentication failed for user \"{}\"", role.name));
            let shown = format!("{e} {e:?} {db} {target} {target:?}");
            assert!(!shown.contains(wrong) && !shown.contains(&secret), "{shown}");
        }
    }
}
