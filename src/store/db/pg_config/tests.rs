//! Table-driven tests of URL parsing, environment fallbacks, the password file and the rule that
//! no password is ever shown. The environment is built by hand; nothing reads the real one.

use std::cell::Cell;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use postgres::config::{ChannelBinding, Host as PgHost, SslMode, TargetSessionAttrs};

use super::*;

const SECRET: &str = "Sup3rS3cret";

fn env(vars: &[(&str, &str)]) -> PgEnv {
    PgEnv {
        vars: vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        home: Some(PathBuf::from("/home/alice")),
        os_user: Some("alice".into()),
    }
}

fn url(text: &str) -> PgUrl {
    match classify(text) {
        DbTarget::Postgres(url) => url,
        DbTarget::Sqlite(path) => panic!("{text} was taken for the SQLite file {}", path.display()),
    }
}

fn no_file(_: &Path) -> PassFile {
    PassFile::Absent
}

fn resolve_in(text: &str, env: &PgEnv) -> Result<PgTarget, PgConfigError> {
    url(text).resolve(env, no_file)
}

fn resolve(text: &str) -> PgTarget {
    resolve_in(text, &env(&[])).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn error(text: &str, vars: &[(&str, &str)]) -> String {
    match resolve_in(text, &env(vars)) {
        Ok(target) => panic!("{text} resolved to {target}"),
        Err(e) => e.to_string(),
    }
}

fn with_pgpass(text: &str, vars: &[(&str, &str)], pgpass: &str, mode: u32) -> PgTarget {
    let file = |_: &Path| PassFile::Plain { mode, text: pgpass.to_string() };
    url(text).resolve(&env(vars), file).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn tcp(name: &str) -> PgHost {
    PgHost::Tcp(name.to_string())
}

fn socket(folder: &str) -> PgHost {
    PgHost::Unix(PathBuf::from(folder))
}

fn password(target: &PgTarget) -> Option<&str> {
    target.config().get_password().map(|p| std::str::from_utf8(p).expect("UTF-8 password"))
}

#[test]
fn urls_are_postgres_and_everything_else_a_file() {
    for text in
        ["postgresql://h/db", "postgres://h/db", "POSTGRESQL://h/db", "Postgres:///db", "postgresql://"]
    {
        assert!(matches!(classify(text), DbTarget::Postgres(_)), "{text}");
    }
    for text in [
        "ctrack.db",
        "/var/lib/ctrack/ctrack.db",
        "host=/tmp dbname=x",
        "sqlite:ctrack.db",
        "postgresql:/x",
        "postgresql",
        "postgres.db",
        "",
    ] {
        assert_eq!(classify(text), DbTarget::Sqlite(PathBuf::from(text)), "{text}");
    }
}

#[test]
fn a_full_url() {
    let target = resolve("postgresql://u:p@h:5433/db?sslmode=disable");
    let config = target.config();
    assert_eq!(config.get_hosts(), [tcp("h")]);
    assert_eq!(config.get_ports(), [5433]);
    assert_eq!(config.get_user(), Some("u"));
    assert_eq!(config.get_dbname(), Some("db"));
    assert_eq!(config.get_password(), Some(&b"p"[..]));
    assert_eq!(config.get_ssl_mode(), SslMode::Disable);
    assert_eq!(config.get_application_name(), Some("ctrack"));
    assert_eq!(target.password_source(), Some(&PasswordSource::Url));
    assert_eq!(target.display(), "postgresql://u@h:5433/db");
    assert!(target.warnings().is_empty());
}

#[test]
fn socket_folders_in_the_query_or_percent_encoded_in_the_authority() {
    let cases: &[(&str, PgHost, u16)] = &[
        ("postgres:///db?host=/tmp/sock", socket("/tmp/sock"), 5432),
        ("postgres:///db?host=%2Ftmp%2Fsock", socket("/tmp/sock"), 5432),
        ("postgresql://%2Ftmp%2Fsock/db", socket("/tmp/sock"), 5432),
        ("postgresql://%2ftmp%2fsock:55432/db", socket("/tmp/sock"), 55432),
        ("postgresql:///db?host=/tmp/sock&port=55432", socket("/tmp/sock"), 55432),
        // A query parameter replaces what the authority said, as in libpq.
        ("postgresql://localhost:5433/db?host=/tmp/sock", socket("/tmp/sock"), 5433),
    ];
    for (text, host, port) in cases {
        let target = resolve(text);
        assert_eq!(target.config().get_hosts(), std::slice::from_ref(host), "{text}");
        assert_eq!(target.config().get_ports(), [*port], "{text}");
        assert_eq!(target.config().get_dbname(), Some("db"), "{text}");
        assert_eq!(target.config().get_user(), Some("alice"), "{text}: the login name");
    }
    assert_eq!(
        resolve("postgres:///db?host=/tmp/sock").display(),
        "postgresql://alice@/db?host=/tmp/sock&port=5432"
    );
}

#[test]
fn percent_encoded_user_password_and_dbname() {
    let target = resolve("postgresql://al%40ice:p%40ss%3Aw%2Fd%25@h/my%20db");
    assert_eq!(target.config().get_user(), Some("al@ice"));
    assert_eq!(password(&target), Some("p@ss:w/d%"));
    assert_eq!(target.config().get_dbname(), Some("my db"));
    assert_eq!(target.display(), "postgresql://al%40ice@h:5432/my%20db");
    // '+' is a plus, not a space, and a password may hold '=' and '&' when encoded.
    assert_eq!(password(&resolve("postgresql://u:a+b%3D%26@h/db")), Some("a+b=&"));
}

#[test]
fn ipv6_hosts() {
    let target = resolve("postgresql://u@[::1]:5433/db");
    assert_eq!(target.config().get_hosts(), [tcp("::1")]);
    assert_eq!(target.config().get_ports(), [5433]);
    assert_eq!(target.display(), "postgresql://u@[::1]:5433/db");
    let target = resolve("postgresql://[2001:db8::7],h2:6000/db");
    assert_eq!(target.config().get_hosts(), [tcp("2001:db8::7"), tcp("h2")]);
    assert_eq!(target.config().get_ports(), [5432, 6000]);
    assert_eq!(target.display(), "postgresql://alice@[2001:db8::7]:5432,h2:6000/db");
}

#[test]
fn several_hosts_pair_with_ports_as_in_libpq() {
    // (URL, environment, hosts, ports)
    type Case =
        (&'static str, &'static [(&'static str, &'static str)], &'static [&'static str], &'static [u16]);
    let cases: &[Case] = &[
        ("postgresql://h1:5433,h2/db", &[], &["h1", "h2"], &[5433, 5432]),
        // The authority's port list "," is stored, so PGPORT does not apply (libpq does this).
        ("postgresql://h1,h2/db", &[("PGPORT", "6000")], &["h1", "h2"], &[5432, 5432]),
        ("postgresql:///db?host=h1,h2&port=6000", &[], &["h1", "h2"], &[6000, 6000]),
        ("postgresql:///db", &[("PGHOST", "h1,h2"), ("PGPORT", "1,2")], &["h1", "h2"], &[1, 2]),
        ("postgresql:///db?host=h1,h2&port=,7", &[], &["h1", "h2"], &[5432, 7]),
    ];
    for (text, vars, hosts, ports) in cases {
        let target = resolve_in(text, &env(vars)).unwrap_or_else(|e| panic!("{text}: {e}"));
        let expected: Vec<PgHost> = hosts.iter().map(|h| tcp(h)).collect();
        assert_eq!(target.config().get_hosts(), expected, "{text}");
        assert_eq!(target.config().get_ports(), *ports, "{text}");
    }
    assert_eq!(
        error("postgresql://h1,h2/db?hostaddr=192.0.2.1,192.0.2.2,192.0.2.3", &[]),
        "the connection settings name 2 hosts but 3 hostaddr values; give one hostaddr per host"
    );
    assert_eq!(
        error("postgresql:///db?host=/a,/b,/c&port=1,2", &[]),
        "the connection settings name 3 hosts but 2 ports; give one port for all hosts or one per host"
    );
}

#[test]
fn a_bare_url_takes_libpq_defaults() {
    let target = resolve("postgresql://");
    assert_eq!(target.config().get_hosts(), [socket(DEFAULT_SOCKET_DIR)]);
    assert_eq!(target.config().get_ports(), [5432]);
    assert_eq!(target.config().get_user(), Some("alice"));
    assert_eq!(target.config().get_dbname(), Some("alice"), "the database defaults to the user");
    assert_eq!(target.config().get_password(), None);
    assert_eq!(target.config().get_ssl_mode(), SslMode::Prefer);
    assert_eq!(target.display(), "postgresql://alice@/alice?host=/var/run/postgresql&port=5432");
    // An empty user or dbname is no user or dbname.
    assert_eq!(resolve("postgresql://@h/").config().get_user(), Some("alice"));
    assert_eq!(resolve("postgresql://bob@h/").config().get_dbname(), Some("bob"));
}

#[test]
fn the_environment_fills_what_the_url_leaves_out() {
    let vars = [
        ("PGHOST", "/tmp/sock"),
        ("PGPORT", "55432"),
        ("PGUSER", "bob"),
        ("PGDATABASE", "ctrack"),
        ("PGPASSWORD", SECRET),
        ("PGSSLMODE", "disable"),
        ("PGAPPNAME", "nightly"),
        ("PGCONNECT_TIMEOUT", "7"),
        ("PGOPTIONS", "-c search_path=ct"),
        ("PGTARGETSESSIONATTRS", "read-write"),
        ("PGCHANNELBINDING", "disable"),
    ];
    let target = resolve_in("postgresql://", &env(&vars)).expect("resolves");
    let config = target.config();
    assert_eq!(config.get_hosts(), [socket("/tmp/sock")]);
    assert_eq!(config.get_ports(), [55432]);
    assert_eq!(config.get_user(), Some("bob"));
    assert_eq!(config.get_dbname(), Some("ctrack"));
    assert_eq!(password(&target), Some(SECRET));
    assert_eq!(target.password_source(), Some(&PasswordSource::Env));
    assert_eq!(config.get_ssl_mode(), SslMode::Disable);
    assert_eq!(config.get_application_name(), Some("nightly"));
    assert_eq!(config.get_connect_timeout(), Some(&Duration::from_secs(7)));
    assert_eq!(config.get_options(), Some("-c search_path=ct"));
    assert_eq!(config.get_target_session_attrs(), TargetSessionAttrs::ReadWrite);
    assert_eq!(config.get_channel_binding(), ChannelBinding::Disable);
    assert_eq!(target.display(), "postgresql://bob@/ctrack?host=/tmp/sock&port=55432");

    // Whatever the URL says wins.
    let target = resolve_in("postgresql://carol:pw@db.example:6000/other?application_name=app", &env(&vars))
        .expect("resolves");
    let config = target.config();
    assert_eq!(config.get_hosts(), [tcp("db.example")]);
    assert_eq!(config.get_ports(), [6000]);
    assert_eq!(config.get_user(), Some("carol"));
    assert_eq!(config.get_dbname(), Some("other"));
    assert_eq!(password(&target), Some("pw"));
    assert_eq!(target.password_source(), Some(&PasswordSource::Url));
    assert_eq!(config.get_application_name(), Some("app"));

    // A TCP host from PGHOST; an empty variable is no variable; an empty URL value keeps the
    // variable out and means libpq's default.
    assert_eq!(
        resolve_in("postgresql:///d", &env(&[("PGHOST", "db.example")])).unwrap().config().get_hosts(),
        [tcp("db.example")]
    );
    assert_eq!(
        resolve_in("postgresql:///d", &env(&[("PGHOST", "")])).unwrap().config().get_hosts(),
        [socket(DEFAULT_SOCKET_DIR)]
    );
    let target = resolve_in("postgresql:///?dbname=", &env(&[("PGDATABASE", "ctrack")])).unwrap();
    assert_eq!(target.config().get_dbname(), Some("alice"));
}

#[test]
fn query_parameters() {
    let target =
        resolve("postgresql:///db?host=/tmp/s&user=me@corp.example&fallback_application_name=fb&tty=x");
    assert_eq!(target.config().get_user(), Some("me@corp.example"));
    assert_eq!(target.config().get_application_name(), Some("fb"));
    let target = resolve(
        "postgresql://h/db?hostaddr=192.0.2.7&keepalives=0&keepalives_idle=30&keepalives_count=4&tcp_user_timeout=2500",
    );
    let config = target.config();
    assert_eq!(config.get_hosts(), [tcp("h")]);
    assert_eq!(config.get_hostaddrs(), ["192.0.2.7".parse::<IpAddr>().unwrap()]);
    assert!(!config.get_keepalives());
    assert_eq!(config.get_keepalives_idle(), Duration::from_secs(30));
    assert_eq!(config.get_keepalives_retries(), Some(4));
    assert_eq!(
        config.get_tcp_user_timeout(),
        Some(&Duration::from_millis(2500)),
        "libpq counts milliseconds"
    );
    let target = resolve("postgresql:///db?hostaddr=::1");
    assert_eq!(target.config().get_hosts(), [tcp("::1")], "the address also names the host");
    assert_eq!(target.display(), "postgresql://alice@[::1]:5432/db");
    // libpq's minimum wait is 2 seconds; 0 means none.
    let timeout = |t: &str| {
        resolve(&format!("postgresql://h/db?connect_timeout={t}")).config().get_connect_timeout().copied()
    };
    assert_eq!(timeout("1"), Some(Duration::from_secs(2)));
    assert_eq!(timeout("10"), Some(Duration::from_secs(10)));
    assert_eq!(timeout("0"), None);
}

#[test]
fn malformed_urls_name_the_part_and_the_fix() {
    let cases: &[(&str, &str)] = &[
        (
            "postgresql://u%zz@h/db",
            "the user name in the database URL has an invalid %-escape \"%zz\"; write a literal % as %25",
        ),
        (
            "postgresql://h/d%4",
            "the database name in the database URL has an invalid %-escape \"%4\"; write a literal % as %25",
        ),
        (
            "postgresql://h/db%00",
            "the database name in the database URL contains %00, which PostgreSQL does not allow; remove it",
        ),
        (
            "postgresql://u@h/db?foo=1",
            "\"foo\" in the database URL is not a PostgreSQL connection parameter; remove it, or check its spelling against libpq's (host, port, dbname, user, password, sslmode, application_name, connect_timeout, …)",
        ),
        (
            "postgresql://h/db?sslmode",
            "the parameter \"sslmode\" in the database URL has no `=`; write parameters as name=value, joined by &",
        ),
        (
            "postgresql://h/db?options=a=b",
            "the parameter \"options\" in the database URL has more than one `=`; write an = inside a value as %3D",
        ),
        (
            "postgresql://[::1/db",
            "the host in the database URL opens an IPv6 address with [ but does not close it; write it as [::1]",
        ),
        (
            "postgresql://[]/db",
            "the database URL has an empty IPv6 address []; put the address between the brackets, e.g. [::1]",
        ),
        (
            "postgresql://[::1]x/db",
            "the database URL has 'x' right after the IPv6 address [::1]; expected :port, /dbname, ?parameters or a comma",
        ),
        (
            "postgresql://h:54x/db",
            "invalid port \"54x\" in the database URL; expected a port number from 1 to 65535",
        ),
        (
            "postgresql://h:0/db",
            "invalid port \"0\" in the database URL; expected a port number from 1 to 65535",
        ),
        (
            "postgresql://h:70000/db",
            "invalid port \"70000\" in the database URL; expected a port number from 1 to 65535",
        ),
        (
            "postgresql://h/db?hostaddr=localhost",
            "invalid hostaddr \"localhost\" in the database URL; expected a numeric IPv4 or IPv6 address such as 192.0.2.7 or ::1",
        ),
        (
            "postgresql://h/db?connect_timeout=soon",
            "invalid connect_timeout \"soon\" in the database URL; expected a whole number",
        ),
        (
            "postgresql:///db?host=@abstract",
            "invalid host \"@abstract\" in the database URL; expected a host name, an IP address or a socket folder starting with / (ctrack cannot use abstract sockets)",
        ),
        (
            "postgresql://h/db?target_session_attrs=primary",
            "invalid target_session_attrs \"primary\" in the database URL; expected any, read-write or read-only (ctrack cannot check primary, standby or prefer-standby)",
        ),
        (
            "postgresql://h/db?sslrootcert=/etc/ca.pem",
            "sslrootcert in the database URL is not supported: ctrack connects without TLS, so TLS files and settings do not apply; remove it from the database URL",
        ),
        (
            "postgresql://h/db?client_encoding=LATIN1",
            "client_encoding in the database URL is not supported: ctrack always talks UTF-8 to the server; remove it from the database URL",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(error(text, &[]), *expected, "{text}");
    }
    assert_eq!(
        error("postgresql://h/db", &[("PGPORT", "abc")]),
        "invalid port \"abc\" in PGPORT; expected a port number from 1 to 65535"
    );
    assert_eq!(
        error("postgresql://h/db", &[("PGSERVICE", "prod")]),
        "service in PGSERVICE is not supported: ctrack does not read pg_service.conf, so write host, port, dbname and user into the URL; unset PGSERVICE"
    );
    let no_login = PgEnv { os_user: None, ..env(&[]) };
    assert_eq!(resolve_in("postgresql://h/db", &no_login).unwrap_err(), PgConfigError::NoUser);
    assert_eq!(
        resolve_in(
            "postgresql://h/db",
            &PgEnv { vars: [("PGUSER".into(), "bob".into())].into(), ..no_login }
        )
        .unwrap()
        .config()
        .get_user(),
        Some("bob")
    );
}

#[test]
fn sslmode_without_tls() {
    let mode = |text: &str| resolve(text).config().get_ssl_mode();
    assert_eq!(
        mode("postgresql://h/db"),
        SslMode::Prefer,
        "libpq's default; without TLS it connects in the clear"
    );
    assert_eq!(mode("postgresql://h/db?sslmode=prefer"), SslMode::Prefer);
    assert_eq!(mode("postgresql://h/db?sslmode=allow"), SslMode::Disable);
    assert_eq!(mode("postgresql://h/db?sslmode=disable"), SslMode::Disable);
    // Over a Unix socket libpq ignores sslmode, even verify-full (checked with psql 15).
    for value in ["require", "verify-ca", "verify-full"] {
        assert_eq!(
            mode(&format!("postgresql:///db?host=/tmp/s&sslmode={value}")),
            SslMode::Disable,
            "{value}"
        );
        assert_eq!(
            mode(&format!("postgresql:///db?sslmode={value}")),
            SslMode::Disable,
            "default socket, {value}"
        );
    }
    let fix = "use sslmode=prefer or disable (through an SSH tunnel if the network is not trusted), or connect through a Unix socket with host=/path";
    for value in ["require", "verify-ca", "verify-full"] {
        assert_eq!(
            error(&format!("postgresql://db.example/db?sslmode={value}"), &[]),
            format!("sslmode={value} in the database URL needs TLS, and ctrack connects without it; {fix}")
        );
    }
    assert_eq!(
        error("postgresql://db.example/db", &[("PGSSLMODE", "verify-full")]),
        format!("sslmode=verify-full in PGSSLMODE needs TLS, and ctrack connects without it; {fix}")
    );
    assert!(
        error("postgresql:///db?host=/tmp/s,db.example&sslmode=require", &[])
            .starts_with("sslmode=require in the database URL needs TLS")
    );
    assert!(
        error("postgresql://h/db?ssl=true", &[]).starts_with("sslmode=require in the database URL needs TLS"),
        "JDBC's ssl=true"
    );
    assert!(
        error("postgresql://h/db?hostaddr=127.0.0.1&host=/tmp/s&sslmode=require", &[]).contains("needs TLS"),
        "hostaddr is TCP"
    );
    assert_eq!(
        error("postgresql://h/db?sslmode=on", &[]),
        "invalid sslmode \"on\" in the database URL; expected disable, allow, prefer, require, verify-ca or verify-full"
    );
    assert_eq!(
        error("postgresql:///db?channel_binding=require", &[]),
        "channel_binding=require in the database URL needs TLS, and ctrack connects without it; use channel_binding=prefer or disable"
    );
    assert_eq!(
        error("postgresql://h/db?gssencmode=require", &[]),
        "gssencmode=require in the database URL needs GSSAPI encryption, and ctrack connects without it; use gssencmode=prefer or disable"
    );
    assert!(
        error("postgresql://h/db?sslnegotiation=direct", &[])
            .starts_with("sslnegotiation=direct in the database URL needs TLS")
    );
}

#[test]
fn pgpass_lines_match_field_by_field() {
    let file = "\
# hostname:port:database:username:password
db.example:5432:ctrack:bob:first
db.example:5432:ctrack:bob:second
*:5432:*:carol:wild
other:*:ctrack:*:anyport
";
    let pw = |text: &str| password(&with_pgpass(text, &[], file, 0o600)).map(str::to_string);
    assert_eq!(
        pw("postgresql://bob@db.example/ctrack").as_deref(),
        Some("first"),
        "the first matching line wins"
    );
    assert_eq!(pw("postgresql://carol@anywhere/any").as_deref(), Some("wild"));
    assert_eq!(pw("postgresql://carol@anywhere:5433/any"), None, "the port must match");
    assert_eq!(pw("postgresql://zed@other:9999/ctrack").as_deref(), Some("anyport"));
    assert_eq!(pw("postgresql://bob@db.example/other"), None);
    assert_eq!(pw("postgresql://db.example/ctrack"), None, "the user defaults to the login name, alice");
    let target = with_pgpass("postgresql://bob@db.example/ctrack", &[], file, 0o600);
    assert_eq!(
        target.password_source(),
        Some(&PasswordSource::PassFile(PathBuf::from("/home/alice/.pgpass")))
    );
    assert!(target.warnings().is_empty());
}

#[test]
fn pgpass_escapes_wildcards_comments_and_line_ends() {
    let cases: &[(&str, &str, Option<&str>)] = &[
        ("h:5432:db:u:pa\\:ss\\\\word", "postgresql://u@h/db", Some("pa:ss\\word")),
        ("h:5432:db:u:pw:extra:fields", "postgresql://u@h/db", Some("pw")),
        ("h:5432:db:u:trailing\\", "postgresql://u@h/db", Some("trailing\\")),
        ("\\:\\:1:5432:db:u:v6", "postgresql://u@[::1]/db", Some("v6")),
        ("h:5432:d\\:b:u:colon", "postgresql://u@h/d%3Ab", Some("colon")),
        ("h:5432:db:u\\\\x:bs", "postgresql://u%5Cx@h/db", Some("bs")),
        ("*x:5432:db:u:nope", "postgresql://u@h/db", None),
        ("\\*:5432:db:u:literal", "postgresql://u@h/db", None),
        ("\\*:5432:db:u:literal", "postgresql://u@*/db", Some("literal")),
        ("h:5432:db:u", "postgresql://u@h/db", None),
        ("h:5432:db:u:", "postgresql://u@h/db", None),
        ("#h:5432:db:u:comment", "postgresql://u@%23h/db", None),
        ("h:5432:db:u:crlf\r\n", "postgresql://u@h/db", Some("crlf")),
        ("\n\nh:5432:db:u:after-blank", "postgresql://u@h/db", Some("after-blank")),
        ("H:5432:db:u:case", "postgresql://u@h/db", None),
        ("h:05432:db:u:zero", "postgresql://u@h/db", None),
    ];
    for (file, text, expected) in cases {
        assert_eq!(password(&with_pgpass(text, &[], file, 0o600)), *expected, "{file:?} for {text}");
    }
}

#[test]
fn pgpass_localhost_is_the_default_socket_only() {
    let file = "localhost:5432:db:u:local\n/tmp/sock:55432:db:u:socket\n";
    let pw = |text: &str, vars: &[(&str, &str)]| {
        password(&with_pgpass(text, vars, file, 0o600)).map(str::to_string)
    };
    assert_eq!(pw("postgresql://u@/db", &[]).as_deref(), Some("local"));
    assert_eq!(pw("postgresql://u@/db?host=/var/run/postgresql", &[]).as_deref(), Some("local"));
    assert_eq!(pw("postgresql://u@localhost/db", &[]).as_deref(), Some("local"));
    assert_eq!(
        pw("postgresql://u@/db?host=/run/postgresql", &[]),
        None,
        "libpq compares the folder as written"
    );
    assert_eq!(pw("postgresql://u@/db?host=/tmp/sock", &[]), None, "wrong port");
    assert_eq!(
        pw("postgresql://u@/db", &[("PGHOST", "/tmp/sock"), ("PGPORT", "55432")]).as_deref(),
        Some("socket")
    );
    assert_eq!(pw("postgresql://u@/db?host=127.0.0.1", &[]), None);
    assert_eq!(pw("postgresql://u@/db?hostaddr=127.0.0.1", &[]), None, "no host: the hostaddr is looked up");
    let by_addr = "127.0.0.1:5432:db:u:by-address\n";
    assert_eq!(
        password(&with_pgpass("postgresql://u@/db?hostaddr=127.0.0.1", &[], by_addr, 0o600)),
        Some("by-address")
    );
    assert_eq!(
        password(&with_pgpass("postgresql://u@h/db?hostaddr=127.0.0.1", &[], by_addr, 0o600)),
        None,
        "the host name is"
    );
}

#[test]
fn pgpass_location_and_when_it_is_read() {
    let seen = Cell::new(None);
    let record = |path: &Path| {
        seen.set(Some(path.to_path_buf()));
        PassFile::Plain { mode: 0o600, text: "*:*:*:*:from-file".into() }
    };
    let target =
        url("postgresql://h/db").resolve(&env(&[("PGPASSFILE", "/etc/ctrack/pgpass")]), record).unwrap();
    assert_eq!(seen.take(), Some(PathBuf::from("/etc/ctrack/pgpass")));
    assert_eq!(password(&target), Some("from-file"));
    url("postgresql://h/db?passfile=/srv/pw")
        .resolve(&env(&[("PGPASSFILE", "/etc/ctrack/pgpass")]), record)
        .unwrap();
    assert_eq!(seen.take(), Some(PathBuf::from("/srv/pw")), "the URL's passfile wins");

    let never = |path: &Path| -> PassFile { panic!("read {} although a password was given", path.display()) };
    assert_eq!(password(&url("postgresql://u:given@h/db").resolve(&env(&[]), never).unwrap()), Some("given"));
    assert_eq!(
        password(&url("postgresql://h/db").resolve(&env(&[("PGPASSWORD", "env")]), never).unwrap()),
        Some("env")
    );
    let homeless = PgEnv { home: None, ..env(&[]) };
    assert_eq!(url("postgresql://h/db").resolve(&homeless, never).unwrap().config().get_password(), None);
    assert_eq!(url("postgresql://h/db").resolve(&env(&[]), no_file).unwrap().config().get_password(), None);
}

#[test]
fn pgpass_open_to_others_is_ignored_with_a_warning() {
    let file = format!("*:*:*:*:{SECRET}\n");
    for mode in [0o600, 0o400, 0o700] {
        assert_eq!(password(&with_pgpass("postgresql://h/db", &[], &file, mode)), Some(SECRET), "{mode:o}");
    }
    for mode in [0o640, 0o644, 0o604, 0o610, 0o601, 0o666] {
        let target = with_pgpass("postgresql://h/db", &[], &file, mode);
        assert_eq!(target.config().get_password(), None, "{mode:o}");
        assert_eq!(
            target.warnings(),
            [format!(
                "the password file /home/alice/.pgpass can be read or written by others (permissions {mode:04o}), so it was ignored; run chmod 0600 /home/alice/.pgpass"
            )]
        );
    }
    let target = url("postgresql://h/db").resolve(&env(&[]), |_| PassFile::NotPlain).unwrap();
    assert_eq!(
        target.warnings(),
        ["the password file /home/alice/.pgpass is not a plain file, so it was ignored"]
    );
}

#[test]
fn pgpass_with_several_hosts() {
    let file = "h2:5432:db:u:two\nh3:5432:db:u:three\n";
    let target = with_pgpass("postgresql://u@h1,h2,h3/db", &[], file, 0o600);
    assert_eq!(password(&target), Some("two"), "the first host with a line");
    assert_eq!(
        target.warnings(),
        [
            "the password file /home/alice/.pgpass gives h2 and h3 different passwords; ctrack uses the one for h2 with every host"
        ]
    );
}

#[test]
fn no_password_is_ever_shown() {
    let file = format!("*:*:*:*:{SECRET}\n");
    let targets = [
        url(&format!("postgresql://u:{SECRET}@h:5433/db")).resolve(&env(&[]), no_file),
        url(&format!("postgresql:///db?host=/tmp/s&password={SECRET}")).resolve(&env(&[]), no_file),
        url("postgresql://h/db").resolve(&env(&[("PGPASSWORD", SECRET)]), no_file),
        url("postgresql://h/db").resolve(&env(&[]), |_| PassFile::Plain { mode: 0o600, text: file.clone() }),
    ];
    for target in targets {
        let target = target.expect("resolves");
        assert_eq!(password(&target), Some(SECRET), "{target}");
        for shown in
            [target.display(), target.to_string(), format!("{target:?}"), format!("{:?}", target.config())]
        {
            assert!(!shown.contains(SECRET), "{shown}");
        }
        assert!(format!("{target:?}").contains("password: Some("), "{target:?}");
    }
    for text in [
        format!("postgresql://u:{SECRET}@h/db"),
        format!("postgresql://u:{SECRET}@h/db?sslmode=disable&password={SECRET}"),
        format!("postgresql://h/db?pass%77ord={SECRET}&pass%zzword={SECRET}"),
    ] {
        let target = classify(&text);
        assert!(!format!("{target:?}").contains(SECRET), "{target:?}");
        let DbTarget::Postgres(pg) = target else { unreachable!() };
        assert!(!pg.redacted().contains(SECRET), "{}", pg.redacted());
    }
    assert_eq!(
        url("postgresql://u:pw@h/db?user=x&password=pw").redacted(),
        "postgresql://u:***@h/db?user=x&password=***"
    );
    assert!(!format!("{:?}", env(&[("PGPASSWORD", SECRET)])).contains(SECRET));

    // Errors about the password do not quote it.
    for text in [
        format!("postgresql://u:{SECRET}%zz@h/db"),
        format!("postgresql://u:{SECRET}%00@h/db"),
        format!("postgresql://u:{SECRET}%ff@h/db"),
        format!("postgresql://h/db?password={SECRET}%z"),
        format!("postgresql://h/db?password{SECRET}"),
        format!("postgresql://u:{SECRET}@h/db?sslmode=verify-full"),
        format!("postgresql://u:{SECRET}@h:bad/db"),
    ] {
        let message = error(&text, &[]);
        assert!(!message.contains(SECRET) && !message.contains("Sup3r"), "{message}");
    }
    assert_eq!(
        error(&format!("postgresql://u:{SECRET}%zz@h/db"), &[]),
        "the password in the database URL has an invalid %-escape; write a literal % as %25"
    );
}

#[test]
fn the_display_is_a_url_for_the_same_database() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("postgresql://u:p@h:5433/db?sslmode=disable", &[]),
        ("postgresql://al%40ice@[::1]/my%20db", &[]),
        ("postgresql://", &[("PGHOST", "/tmp/a b"), ("PGPORT", "55432")]),
        ("postgresql://h1:1,h2:2/db", &[]),
        ("postgresql:///db?host=/tmp/a,/tmp/b&port=3,4", &[]),
        ("postgresql:///d%2Fb?host=/tmp/s,h2", &[("PGUSER", "x:y")]),
    ];
    for (text, vars) in cases {
        let first = resolve_in(text, &env(vars)).unwrap();
        let again =
            resolve_in(&first.display(), &env(&[])).unwrap_or_else(|e| panic!("{}: {e}", first.display()));
        let (a, b) = (first.config(), again.config());
        assert_eq!(a.get_hosts(), b.get_hosts(), "{}", first.display());
        assert_eq!(a.get_ports(), b.get_ports(), "{}", first.display());
        assert_eq!(a.get_user(), b.get_user(), "{}", first.display());
        assert_eq!(a.get_dbname(), b.get_dbname(), "{}", first.display());
    }
}

#[test]
fn pgpass_field_matching_follows_libpq() {
    use super::pgpass::{Key, find};
    let key = Key { host: "h", port: 5432, dbname: "db", user: "u" };
    assert_eq!(find("h:5432:db:u:pw", &key).as_deref(), Some("pw"));
    assert_eq!(find("*:*:*:*:pw", &key).as_deref(), Some("pw"));
    assert_eq!(find("*:*:*:*:", &key).as_deref(), Some(""), "an empty password (the caller ignores it)");
    assert_eq!(find("hh:5432:db:u:pw", &key), None);
    assert_eq!(find(":5432:db:u:pw", &key), None);
    let empty_host = Key { host: "", ..key };
    assert_eq!(find("localhost:5432:db:u:pw", &empty_host).as_deref(), Some("pw"));
    let unicode = Key { user: "zoë", ..key };
    assert_eq!(find("h:5432:db:zoë:pässwörd", &unicode).as_deref(), Some("pässwörd"));
}
