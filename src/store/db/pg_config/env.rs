//! The thin readers of the real world: this process's environment and login account
//! ([`PgEnv::from_process`]) and the password file on disk ([`read_passfile`]). Everything
//! else in `pg_config` takes their results as parameters.

use std::collections::BTreeMap;
use std::ffi::{CStr, OsStr};
use std::fmt;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// What libpq reads from the world, passed in so resolution stays pure.
#[derive(Clone, Default)]
pub struct PgEnv {
    /// Environment variables by name; only libpq's (PGHOST, PGPORT, …) are looked at.
    pub vars: BTreeMap<String, String>,
    /// The home folder, where `.pgpass` is looked for when neither `passfile` nor PGPASSFILE
    /// names another file.
    pub home: Option<PathBuf>,
    /// The login name of this process: the user, and the database, when nothing names them.
    pub os_user: Option<String>,
}

impl PgEnv {
    /// This process's environment: the `PG*` variables, `$HOME` (else the home folder of the
    /// effective user's passwd entry), and the effective user's login name (as libpq takes it,
    /// from the passwd entry; else `$USER` or `$LOGNAME`).
    pub fn from_process() -> PgEnv {
        let vars = std::env::vars_os()
            .filter_map(|(name, value)| Some((name.into_string().ok()?, value.into_string().ok()?)))
            .filter(|(name, _)| name.starts_with("PG"))
            .collect();
        let account = passwd_entry();
        let home = std::env::var_os("HOME").filter(|h| !h.is_empty()).map(PathBuf::from);
        let home = home.or_else(|| account.as_ref().map(|(_, home)| home.clone()));
        let os_user = account.map(|(name, _)| name).or_else(|| {
            ["USER", "LOGNAME"].into_iter().find_map(|var| std::env::var(var).ok().filter(|v| !v.is_empty()))
        });
        PgEnv { vars, home, os_user }
    }
}

impl fmt::Debug for PgEnv {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let vars: BTreeMap<&str, &str> = self
            .vars
            .iter()
            .map(|(name, value)| (name.as_str(), if name == "PGPASSWORD" { "***" } else { value.as_str() }))
            .collect();
        f.debug_struct("PgEnv")
            .field("vars", &vars)
            .field("home", &self.home)
            .field("os_user", &self.os_user)
            .finish()
    }
}

/// The effective user's login name and home folder from the passwd database, as libpq's
/// `pg_fe_getauthname` and `pqGetHomeDirectory` read them.
fn passwd_entry() -> Option<(String, PathBuf)> {
    let mut buf = vec![0 as libc::c_char; 1024];
    loop {
        // SAFETY: getpwuid_r writes only into `entry` and `buf` (whose length it is given) and
        // sets `found` to null or to `&entry`; the strings it points `entry` at live in `buf`,
        // which outlives their use below.
        let mut entry: libc::passwd = unsafe { std::mem::zeroed() };
        let mut found: *mut libc::passwd = std::ptr::null_mut();
        let rc =
            unsafe { libc::getpwuid_r(libc::geteuid(), &mut entry, buf.as_mut_ptr(), buf.len(), &mut found) };
        if rc == libc::ERANGE && buf.len() < 1 << 20 {
            buf.resize(buf.len() * 2, 0);
            continue;
        }
        if rc != 0 || found.is_null() || entry.pw_name.is_null() || entry.pw_dir.is_null() {
            return None;
        }
        // SAFETY: both are non-null, NUL-terminated strings inside `buf` (see above).
        let (name, dir) = unsafe { (CStr::from_ptr(entry.pw_name), CStr::from_ptr(entry.pw_dir)) };
        let name = name.to_str().ok()?.to_string();
        return Some((name, PathBuf::from(OsStr::from_bytes(dir.to_bytes()))));
    }
}

/// The password file as found on disk.
pub enum PassFile {
    /// Missing or unreadable: ignored without a word, as libpq does.
    Absent,
    /// A folder or other non-file: ignored with a warning.
    NotPlain,
    /// A plain file with its permission bits; when they let the group or others in, the file is
    /// ignored with a warning and `text` may be left empty (it is not read).
    Plain { mode: u32, text: String },
}

/// Reads the password file at `path` for [`super::PgUrl::resolve`]; a file others may access is not read.
pub fn read_passfile(path: &Path) -> PassFile {
    let Ok(meta) = fs::metadata(path) else {
        return PassFile::Absent;
    };
    if !meta.is_file() {
        return PassFile::NotPlain;
    }
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return PassFile::Plain { mode, text: String::new() };
    }
    match fs::read(path) {
        Ok(bytes) => PassFile::Plain { mode, text: String::from_utf8_lossy(&bytes).into_owned() },
        Err(_) => PassFile::Absent,
    }
}
