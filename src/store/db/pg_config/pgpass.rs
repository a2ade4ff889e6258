//! libpq's password file (`~/.pgpass`, `$PGPASSFILE`): lines `hostname:port:database:username:password`,
//! the first line whose four fields match wins; a field that is exactly `*` matches anything;
//! `\:` and `\\` escape; lines starting with `#` are comments. Follows `passwordFromFile` and
//! `pwdfMatchesString` in libpq's fe-connect.c. Also which password a connection uses: the one
//! given, else the file's.

use std::path::{Path, PathBuf};

use super::endpoints::Endpoint;
use super::settings::Settings;
use super::{DEFAULT_SOCKET_DIR, Origin, PassFile, PasswordSource};

/// What a connection to one host is looked up by.
pub(super) struct Key<'a> {
    /// The host as given (a name, an address, or a socket folder), or the hostaddr when no host
    /// was given. The default socket folder is looked up as `localhost`, as libpq does.
    pub host: &'a str,
    pub port: u16,
    pub dbname: &'a str,
    pub user: &'a str,
}

/// The password of the first line of `text` that matches `key`, if any.
pub(super) fn find(text: &str, key: &Key) -> Option<String> {
    let host = if key.host.is_empty() || key.host == DEFAULT_SOCKET_DIR { "localhost" } else { key.host };
    let port = key.port.to_string();
    let tokens = [host, port.as_str(), key.dbname, key.user];
    // libpq strips every trailing '\r' and '\n' of a line before matching it.
    let lines = text.split('\n').map(|line| line.trim_end_matches('\r'));
    lines.filter(|line| !line.starts_with('#') && !line.is_empty()).find_map(|line| {
        let password = tokens.iter().try_fold(line, |rest, token| field_matches(rest, token))?;
        Some(unescape_password(password))
    })
}

/// When the field at the start of `rest` matches `token`, the text after its closing `:`.
/// A field is `*` (anything) only when it is exactly `*`; a backslash makes the next character
/// literal; a field without a closing `:` never matches.
fn field_matches<'a>(rest: &'a str, token: &str) -> Option<&'a str> {
    if let Some(after) = rest.strip_prefix("*:") {
        return Some(after);
    }
    let (line, token) = (rest.as_bytes(), token.as_bytes());
    let (mut i, mut t) = (0, 0);
    while i < line.len() {
        let escaped = line[i] == b'\\';
        if escaped {
            i += 1;
        }
        let c = line.get(i).copied();
        if c == Some(b':') && !escaped && t == token.len() {
            // ':' is ASCII, so i + 1 is a character boundary.
            return Some(&rest[i + 1..]);
        }
        if t == token.len() || c != Some(token[t]) {
            return None;
        }
        i += 1;
        t += 1;
    }
    None
}

/// The password field: up to the first unescaped `:` (or the end), with `\x` read as `x`.
fn unescape_password(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        match c {
            ':' => break,
            '\\' => out.push(chars.next().unwrap_or('\\')),
            c => out.push(c),
        }
    }
    out
}

pub(super) type Password = Option<(String, PasswordSource)>;

/// The password given (URL, PGPASSWORD), else the password file's for the first host it has a
/// line for. libpq keeps one password per host; a `postgres::Config` holds one, so when the
/// file gives the hosts different passwords the first is used and a warning says so.
pub(super) fn password(
    settings: &Settings,
    endpoints: &[Endpoint],
    user: &str,
    dbname: &str,
    read_passfile: impl FnOnce(&Path) -> PassFile,
) -> (Password, Vec<String>) {
    if let Some((password, origin)) = settings.given("password") {
        let source = if origin == Origin::Url { PasswordSource::Url } else { PasswordSource::Env };
        return (Some((password.to_string(), source)), vec![]);
    }
    let path = match (settings.given("passfile"), &settings.env.home) {
        (Some((path, _)), _) => PathBuf::from(path),
        (None, Some(home)) => home.join(".pgpass"),
        (None, None) => return (None, vec![]),
    };
    let text = match read_passfile(&path) {
        PassFile::Absent => return (None, vec![]),
        PassFile::NotPlain => {
            return (
                None,
                vec![format!("the password file {} is not a plain file, so it was ignored", path.display())],
            );
        }
        PassFile::Plain { mode, .. } if mode & 0o077 != 0 => {
            let warning = format!(
                "the password file {0} can be read or written by others (permissions {mode:04o}), so it was ignored; run chmod 0600 {0}",
                path.display()
            );
            return (None, vec![warning]);
        }
        PassFile::Plain { text, .. } => text,
    };
    let mut found = endpoints.iter().filter_map(|endpoint| {
        let name = endpoint.name();
        let key = Key { host: &name, port: endpoint.port, dbname, user };
        find(&text, &key).filter(|p| !p.is_empty()).map(|password| (name, password))
    });
    let Some((first_host, password)) = found.next() else {
        return (None, vec![]);
    };
    let warnings = found
        .find(|(_, other)| *other != password)
        .map(|(other_host, _)| {
            format!(
                "the password file {} gives {first_host} and {other_host} different passwords; ctrack uses the one for {first_host} with every host",
                path.display()
            )
        })
        .into_iter()
        .collect();
    (Some((password, PasswordSource::PassFile(path))), warnings)
}
