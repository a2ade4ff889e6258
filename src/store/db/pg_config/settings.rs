//! libpq's connection keywords, where each setting comes from (the URL, else its environment
//! variable), and the settings that only shape the connection: encryption (for a connection
//! without TLS), session parameters and TCP options.

use std::time::Duration;

use postgres::config::{ChannelBinding, LoadBalanceHosts, SslMode, TargetSessionAttrs};

use super::endpoints::Endpoint;
use super::{APPLICATION_NAME, Origin, PgConfigError, PgEnv, uri};

/// One libpq connection keyword: its environment variable, and whether ctrack can honour it.
pub(super) struct Keyword {
    pub(super) name: &'static str,
    env: Option<&'static str>,
    support: Support,
}

enum Support {
    Yes,
    /// Accepted and ignored, as libpq ignores it.
    Ignored,
    /// Refused, with the reason.
    No(&'static str),
}

const NO_TLS: Support = Support::No("ctrack connects without TLS, so TLS files and settings do not apply");

/// libpq's connection keywords (PostgreSQL 17). Environment variables of refused keywords other
/// than PGSERVICE are not read: they only tune TLS or authentication methods ctrack does not use.
const KEYWORDS: &[Keyword] = &[
    Keyword { name: "host", env: Some("PGHOST"), support: Support::Yes },
    Keyword { name: "hostaddr", env: Some("PGHOSTADDR"), support: Support::Yes },
    Keyword { name: "port", env: Some("PGPORT"), support: Support::Yes },
    Keyword { name: "dbname", env: Some("PGDATABASE"), support: Support::Yes },
    Keyword { name: "user", env: Some("PGUSER"), support: Support::Yes },
    Keyword { name: "password", env: Some("PGPASSWORD"), support: Support::Yes },
    Keyword { name: "passfile", env: Some("PGPASSFILE"), support: Support::Yes },
    Keyword { name: "sslmode", env: Some("PGSSLMODE"), support: Support::Yes },
    Keyword { name: "sslnegotiation", env: Some("PGSSLNEGOTIATION"), support: Support::Yes },
    Keyword { name: "gssencmode", env: Some("PGGSSENCMODE"), support: Support::Yes },
    Keyword { name: "channel_binding", env: Some("PGCHANNELBINDING"), support: Support::Yes },
    Keyword { name: "application_name", env: Some("PGAPPNAME"), support: Support::Yes },
    Keyword { name: "fallback_application_name", env: None, support: Support::Yes },
    Keyword { name: "connect_timeout", env: Some("PGCONNECT_TIMEOUT"), support: Support::Yes },
    Keyword { name: "options", env: Some("PGOPTIONS"), support: Support::Yes },
    Keyword { name: "target_session_attrs", env: Some("PGTARGETSESSIONATTRS"), support: Support::Yes },
    Keyword { name: "load_balance_hosts", env: Some("PGLOADBALANCEHOSTS"), support: Support::Yes },
    Keyword { name: "keepalives", env: None, support: Support::Yes },
    Keyword { name: "keepalives_idle", env: None, support: Support::Yes },
    Keyword { name: "keepalives_interval", env: None, support: Support::Yes },
    Keyword { name: "keepalives_count", env: None, support: Support::Yes },
    Keyword { name: "tcp_user_timeout", env: None, support: Support::Yes },
    Keyword { name: "tty", env: None, support: Support::Ignored },
    Keyword {
        name: "service",
        env: Some("PGSERVICE"),
        support: Support::No(
            "ctrack does not read pg_service.conf, so write host, port, dbname and user into the URL",
        ),
    },
    Keyword { name: "sslcert", env: None, support: NO_TLS },
    Keyword { name: "sslkey", env: None, support: NO_TLS },
    Keyword { name: "sslrootcert", env: None, support: NO_TLS },
    Keyword { name: "sslcrl", env: None, support: NO_TLS },
    Keyword { name: "sslcrldir", env: None, support: NO_TLS },
    Keyword { name: "sslpassword", env: None, support: NO_TLS },
    Keyword { name: "sslsni", env: None, support: NO_TLS },
    Keyword { name: "sslcompression", env: None, support: NO_TLS },
    Keyword { name: "sslcertmode", env: None, support: NO_TLS },
    Keyword { name: "ssl_min_protocol_version", env: None, support: NO_TLS },
    Keyword { name: "ssl_max_protocol_version", env: None, support: NO_TLS },
    Keyword {
        name: "requirepeer",
        env: None,
        support: Support::No("ctrack cannot check the server's process owner"),
    },
    Keyword { name: "krbsrvname", env: None, support: Support::No("ctrack does not use Kerberos or GSSAPI") },
    Keyword { name: "gsslib", env: None, support: Support::No("ctrack does not use Kerberos or GSSAPI") },
    Keyword {
        name: "gssdelegation",
        env: None,
        support: Support::No("ctrack does not use Kerberos or GSSAPI"),
    },
    Keyword {
        name: "require_auth",
        env: None,
        support: Support::No("ctrack cannot restrict the server's authentication methods"),
    },
    Keyword {
        name: "client_encoding",
        env: None,
        support: Support::No("ctrack always talks UTF-8 to the server"),
    },
    Keyword {
        name: "replication",
        env: None,
        support: Support::No("ctrack does not open replication connections"),
    },
];

pub(super) fn keyword(name: &str) -> Option<&'static Keyword> {
    KEYWORDS.iter().find(|k| k.name == name)
}

/// The URL's settings over the environment's.
pub(super) struct Settings<'a> {
    pub(super) params: uri::Params,
    pub(super) env: &'a PgEnv,
}

impl Settings<'_> {
    /// The value of a setting from the URL, else from its environment variable. An empty value
    /// in the URL keeps the environment out, as in libpq.
    pub(super) fn get(&self, name: &'static str) -> Option<(&str, Origin)> {
        if let Some(value) = self.params.get(name) {
            return Some((value, Origin::Url));
        }
        let var = keyword(name)?.env?;
        self.env.vars.get(var).map(|value| (value.as_str(), Origin::Env(var)))
    }

    /// A setting that is there and not empty; an empty one means libpq's default.
    pub(super) fn given(&self, name: &'static str) -> Option<(&str, Origin)> {
        self.get(name).filter(|(value, _)| !value.is_empty())
    }

    pub(super) fn refuse_unsupported(&self) -> Result<(), PgConfigError> {
        for keyword in KEYWORDS {
            if let (Support::No(why), Some((_, origin))) = (&keyword.support, self.get(keyword.name)) {
                return Err(PgConfigError::Unsupported { keyword: keyword.name, origin, why });
            }
        }
        Ok(())
    }
}

/// sslmode, sslnegotiation, gssencmode and channel_binding, for a connection without TLS:
/// disable, allow and prefer connect in the clear (prefer's TLS is never available); a mode
/// that requires TLS is refused unless every host is a Unix socket, where libpq ignores sslmode.
pub(super) fn encryption(
    settings: &Settings,
    endpoints: &[Endpoint],
    config: &mut postgres::Config,
) -> Result<(), PgConfigError> {
    let sockets_only = endpoints.iter().all(Endpoint::is_socket);
    const TLS_FIX: &str = "use sslmode=prefer or disable (through an SSH tunnel if the network is not trusted), or connect through a Unix socket with host=/path";
    let mode = match settings.given("sslmode") {
        None => SslMode::Prefer,
        Some(("disable" | "allow", _)) => SslMode::Disable,
        Some(("prefer", _)) => SslMode::Prefer,
        Some(("require" | "verify-ca" | "verify-full", _)) if sockets_only => SslMode::Disable,
        Some((value @ ("require" | "verify-ca" | "verify-full"), origin)) => {
            return Err(needs("sslmode", value, origin, "TLS", TLS_FIX));
        }
        Some((value, origin)) => {
            return Err(bad(
                "sslmode",
                value,
                origin,
                "disable, allow, prefer, require, verify-ca or verify-full",
            ));
        }
    };
    config.ssl_mode(mode);
    match settings.given("sslnegotiation") {
        None | Some(("postgres", _)) => {}
        Some(("direct", _)) if sockets_only => {}
        Some(("direct", origin)) => return Err(needs("sslnegotiation", "direct", origin, "TLS", TLS_FIX)),
        Some((value, origin)) => return Err(bad("sslnegotiation", value, origin, "postgres or direct")),
    }
    match settings.given("gssencmode") {
        None | Some(("disable" | "prefer", _)) => {}
        Some(("require", origin)) => {
            return Err(needs(
                "gssencmode",
                "require",
                origin,
                "GSSAPI encryption",
                "use gssencmode=prefer or disable",
            ));
        }
        Some((value, origin)) => return Err(bad("gssencmode", value, origin, "disable, prefer or require")),
    }
    let binding = match settings.given("channel_binding") {
        None | Some(("prefer", _)) => ChannelBinding::Prefer,
        Some(("disable", _)) => ChannelBinding::Disable,
        Some(("require", origin)) => {
            return Err(needs(
                "channel_binding",
                "require",
                origin,
                "TLS",
                "use channel_binding=prefer or disable",
            ));
        }
        Some((value, origin)) => {
            return Err(bad("channel_binding", value, origin, "disable, prefer or require"));
        }
    };
    config.channel_binding(binding);
    Ok(())
}

/// application_name, options, connect_timeout, target_session_attrs, load_balance_hosts.
pub(super) fn session(settings: &Settings, config: &mut postgres::Config) -> Result<(), PgConfigError> {
    let name = settings.given("application_name").or_else(|| settings.given("fallback_application_name"));
    config.application_name(name.map_or(APPLICATION_NAME, |(name, _)| name));
    if let Some((options, _)) = settings.given("options") {
        config.options(options);
    }
    // libpq waits at least 2 seconds; 0 or less means no limit.
    if let Some(seconds) = int(settings, "connect_timeout")?.filter(|s| *s > 0) {
        config.connect_timeout(Duration::from_secs(seconds.max(2).unsigned_abs()));
    }
    let attrs = match settings.given("target_session_attrs") {
        None | Some(("any", _)) => TargetSessionAttrs::Any,
        Some(("read-write", _)) => TargetSessionAttrs::ReadWrite,
        Some(("read-only", _)) => TargetSessionAttrs::ReadOnly,
        Some((value, origin)) => {
            return Err(bad(
                "target_session_attrs",
                value,
                origin,
                "any, read-write or read-only (ctrack cannot check primary, standby or prefer-standby)",
            ));
        }
    };
    config.target_session_attrs(attrs);
    let balance = match settings.given("load_balance_hosts") {
        None | Some(("disable", _)) => LoadBalanceHosts::Disable,
        Some(("random", _)) => LoadBalanceHosts::Random,
        Some((value, origin)) => return Err(bad("load_balance_hosts", value, origin, "disable or random")),
    };
    config.load_balance_hosts(balance);
    Ok(())
}

/// TCP keepalives and tcp_user_timeout, in libpq's units (tcp_user_timeout in milliseconds,
/// where tokio-postgres's own parser would read seconds).
pub(super) fn tcp(settings: &Settings, config: &mut postgres::Config) -> Result<(), PgConfigError> {
    if let Some(on) = int(settings, "keepalives")? {
        config.keepalives(on != 0);
    }
    if let Some(seconds) = int(settings, "keepalives_idle")?.filter(|s| *s > 0) {
        config.keepalives_idle(Duration::from_secs(seconds.unsigned_abs()));
    }
    if let Some(seconds) = int(settings, "keepalives_interval")?.filter(|s| *s > 0) {
        config.keepalives_interval(Duration::from_secs(seconds.unsigned_abs()));
    }
    if let Some(count) = int(settings, "keepalives_count")?.filter(|c| *c > 0) {
        config.keepalives_retries(u32::try_from(count).unwrap_or(u32::MAX));
    }
    if let Some(millis) = int(settings, "tcp_user_timeout")?.filter(|m| *m > 0) {
        config.tcp_user_timeout(Duration::from_millis(millis.unsigned_abs()));
    }
    Ok(())
}

fn int(settings: &Settings, name: &'static str) -> Result<Option<i64>, PgConfigError> {
    let Some((text, origin)) = settings.given(name) else {
        return Ok(None);
    };
    text.trim().parse().map(Some).map_err(|_| bad(name, text, origin, "a whole number"))
}

fn bad(keyword: &'static str, value: &str, origin: Origin, expected: &'static str) -> PgConfigError {
    PgConfigError::BadValue { keyword, value: value.to_string(), origin, expected }
}

fn needs(
    keyword: &'static str,
    value: &str,
    origin: Origin,
    what: &'static str,
    fix: &'static str,
) -> PgConfigError {
    PgConfigError::NeedsEncryption { keyword, value: value.to_string(), origin, what, fix }
}
