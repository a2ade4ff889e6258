//! libpq's URI syntax, `postgresql://[user[:password]@][host][:port][,...][/dbname][?k=v&...]`,
//! turned into libpq keyword/value pairs, following `conninfo_uri_parse_options` in libpq's
//! fe-connect.c: the user, password, host list, port list and dbname are percent-decoded, empty
//! ones are left unset (so the environment can fill them), and a query parameter overrides what
//! the authority said. Nothing here looks at the environment.

use std::collections::BTreeMap;

use super::PgConfigError;
use super::settings::keyword;

/// The keyword/value pairs a URL sets, by libpq keyword. A value may be empty: set in the URL
/// (so the environment does not apply) but empty (so libpq's default does).
pub(super) type Params = BTreeMap<&'static str, String>;

/// Parses what follows `postgresql://` or `postgres://`.
pub(super) fn parse(rest: &str) -> Result<Params, PgConfigError> {
    let mut params = Params::new();
    // The user info ends at the first '@' before the path or the query. libpq stops only at '/',
    // so it would read `postgresql://h?user=me@corp` as user "h?user=me"; stopping at '?' as
    // well keeps such a user name where it was written.
    let userinfo_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let after_userinfo = match rest[..userinfo_end].find('@') {
        Some(at) => {
            userinfo(&rest[..at], &mut params)?;
            &rest[at + 1..]
        }
        None => rest,
    };
    let (hosts, ports, after_hosts) = host_list(after_userinfo)?;
    if !hosts.is_empty() {
        params.insert("host", decode(&hosts, Part::Host)?);
    }
    if !ports.is_empty() {
        params.insert("port", decode(&ports, Part::Port)?);
    }
    let query = match after_hosts.strip_prefix('/') {
        Some(path) => {
            let (dbname, query) = path.split_once('?').map_or((path, None), |(d, q)| (d, Some(q)));
            if !dbname.is_empty() {
                params.insert("dbname", decode(dbname, Part::Dbname)?);
            }
            query
        }
        None => after_hosts.strip_prefix('?'),
    };
    if let Some(query) = query {
        query_params(query, &mut params)?;
    }
    Ok(params)
}

/// `user[:password]`; an empty user or password is left unset, as libpq does.
fn userinfo(text: &str, params: &mut Params) -> Result<(), PgConfigError> {
    let (user, password) = text.split_once(':').map_or((text, None), |(u, p)| (u, Some(p)));
    if !user.is_empty() {
        params.insert("user", decode(user, Part::User)?);
    }
    if let Some(password) = password.filter(|p| !p.is_empty()) {
        params.insert("password", decode(password, Part::Password)?);
    }
    Ok(())
}

/// The comma-separated `host[:port]` list, returned as libpq keeps it: the hosts joined by
/// commas, the ports joined by commas (so `h1,h2` gives the port list ",", which libpq stores
/// and reads as 5432 for each, and which keeps PGPORT out as it does), and the text after it.
fn host_list(mut text: &str) -> Result<(String, String, &str), PgConfigError> {
    let (mut hosts, mut ports) = (String::new(), String::new());
    loop {
        let (host, after_host) = one_host(text)?;
        hosts.push_str(host);
        text = after_host;
        if let Some(after_colon) = text.strip_prefix(':') {
            let port_end = after_colon.find(['/', '?', ',']).unwrap_or(after_colon.len());
            ports.push_str(&after_colon[..port_end]);
            text = &after_colon[port_end..];
        }
        match text.strip_prefix(',') {
            Some(next) => {
                hosts.push(',');
                ports.push(',');
                text = next;
            }
            None => return Ok((hosts, ports, text)),
        }
    }
}

/// One host: a bracketed IPv6 address, or a name or IPv4 address up to `:`, `/`, `?` or `,`.
fn one_host(text: &str) -> Result<(&str, &str), PgConfigError> {
    let Some(inner) = text.strip_prefix('[') else {
        let end = text.find([':', '/', '?', ',']).unwrap_or(text.len());
        return Ok(text.split_at(end));
    };
    let close = inner.find(']').ok_or_else(|| {
        PgConfigError::BadUrl(
            "the host in the database URL opens an IPv6 address with [ but does not close it; write it as [::1]"
                .into(),
        )
    })?;
    if close == 0 {
        return Err(PgConfigError::BadUrl(
            "the database URL has an empty IPv6 address []; put the address between the brackets, e.g. [::1]"
                .into(),
        ));
    }
    let (address, after) = (&inner[..close], &inner[close + 1..]);
    if let Some(c) = after.chars().next().filter(|c| !":/?,".contains(*c)) {
        return Err(PgConfigError::BadUrl(format!(
            "the database URL has {c:?} right after the IPv6 address [{address}]; expected :port, /dbname, ?parameters or a comma"
        )));
    }
    Ok((address, after))
}

/// `k=v&k=v`: each needs exactly one `=`; both sides are percent-decoded; libpq's JDBC alias
/// `ssl=true` means `sslmode=require`; a keyword libpq does not know is an error.
fn query_params(query: &str, params: &mut Params) -> Result<(), PgConfigError> {
    if query.is_empty() {
        return Ok(());
    }
    for pair in query.split('&') {
        let Some((raw_key, raw_value)) = pair.split_once('=') else {
            let shown = if pair.to_ascii_lowercase().starts_with("password") { "password…" } else { pair };
            return Err(PgConfigError::BadUrl(format!(
                "the parameter {shown:?} in the database URL has no `=`; write parameters as name=value, joined by &"
            )));
        };
        let key = decode(raw_key, Part::Keyword)?;
        if raw_value.contains('=') {
            return Err(PgConfigError::BadUrl(format!(
                "the parameter {key:?} in the database URL has more than one `=`; write an = inside a value as %3D"
            )));
        }
        let part = if key == "password" { Part::Password } else { Part::Value(key.clone()) };
        let value = decode(raw_value, part)?;
        let (key, value) = if key == "ssl" && value == "true" {
            ("sslmode".to_string(), "require".to_string())
        } else {
            (key, value)
        };
        let Some(known) = keyword(&key) else {
            return Err(PgConfigError::UnknownParameter { keyword: key });
        };
        params.insert(known.name, value);
    }
    Ok(())
}

/// A parameter name, percent-decoded; `None` when it does not decode.
pub(super) fn decode_key(text: &str) -> Option<String> {
    decode(text, Part::Keyword).ok()
}

/// Which part of the URL a piece of text is, for error messages (a password is never shown).
enum Part {
    User,
    Password,
    Host,
    Port,
    Dbname,
    Keyword,
    Value(String),
}

impl Part {
    fn name(&self) -> String {
        match self {
            Part::User => "the user name".into(),
            Part::Password => "the password".into(),
            Part::Host => "the host".into(),
            Part::Port => "the port".into(),
            Part::Dbname => "the database name".into(),
            Part::Keyword => "a parameter name".into(),
            Part::Value(key) => format!("the value of {key}"),
        }
    }
}

/// libpq's `conninfo_uri_decode`: `%` must start two hex digits, `%00` is refused, and `+` is
/// a plus (not a space). The result must be UTF-8.
fn decode(text: &str, part: Part) -> Result<String, PgConfigError> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'%' {
            out.push(bytes[i]);
            i += 1;
            continue;
        }
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        let Some(byte) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) else {
            return Err(bad_escape(text, i, &part));
        };
        if byte == 0 {
            return Err(PgConfigError::BadUrl(format!(
                "{} in the database URL contains %00, which PostgreSQL does not allow; remove it",
                part.name()
            )));
        }
        out.push(byte);
        i += 3;
    }
    String::from_utf8(out).map_err(|_| {
        PgConfigError::BadUrl(format!(
            "{} in the database URL is not UTF-8 once its %-escapes are decoded; percent-encode its text as UTF-8",
            part.name()
        ))
    })
}

fn bad_escape(text: &str, at: usize, part: &Part) -> PgConfigError {
    let escape = match part {
        Part::Password => String::new(),
        _ => {
            let end = text[at + 1..].char_indices().nth(2).map_or(text.len(), |(i, _)| at + 1 + i);
            format!(" {:?}", &text[at..end])
        }
    };
    PgConfigError::BadUrl(format!(
        "{} in the database URL has an invalid %-escape{escape}; write a literal % as %25",
        part.name()
    ))
}
