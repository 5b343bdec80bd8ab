//! Connecting as libpq does: a connection string (a `postgres://` URL or
//! `key=value` pairs), completed from the `PG*` environment variables
//! (`PGHOST`, `PGPORT`, `PGUSER`, `PGDATABASE`, `PGPASSWORD`,
//! `PGCONNECT_TIMEOUT`) and the password file (`PGPASSFILE` or
//! `~/.pgpass`), with libpq's defaults for the rest (the Unix socket in
//! `/var/run/postgresql` when there is one, else `localhost`; the user
//! named by the system; a database named after the user).
//!
//! A password is never shown: the store names itself by [`Target`]
//! (`user@host:port/db`), and [`redact`] hides the password of a connection
//! string that must be quoted.
//!
//! TLS follows libpq's `sslmode` (in the string, or `PGSSLMODE`):
//! `prefer`, the default, encrypts when the server offers TLS and goes on
//! without it otherwise; `require` refuses a server without TLS (with a
//! message that says so); `disable` never asks. As libpq's `require`
//! without a root certificate, the server's certificate is not verified
//! (it protects from eavesdropping, not from a server impersonated);
//! `verify-ca` and `verify-full` are refused with a message rather than
//! silently weakened.

use super::{Error, reason};
use postgres::Client;
use postgres::config::{Config, Host, SslMode};
use postgres_native_tls::MakeTlsConnector;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

/// Where a store lives, for messages: no password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The user.
    pub user: String,
    /// The host (or the socket's directory).
    pub host: String,
    /// The port.
    pub port: u16,
    /// The database.
    pub dbname: String,
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "postgres://{}@{}:{}/{}",
            self.user, self.host, self.port, self.dbname
        )
    }
}

/// A connection string that could not be used.
#[derive(Debug, thiserror::Error)]
#[error("not a usable connection string ({redacted}): {why}")]
pub struct BadConnectionString {
    /// The string, its password hidden.
    pub redacted: String,
    /// What is wrong with it.
    pub why: String,
}

/// The environment a connection string is completed from (a function, so
/// that tests can give their own).
pub type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The process environment.
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The `sslmode` a connection string gives, if any (a URL's query
/// parameter or a `key=value` word).
fn sslmode_in(conn: &str) -> Option<String> {
    let words: Vec<&str> = if conn.contains("://") {
        conn.split_once('?')
            .map(|(_, q)| q.split('&').collect())
            .unwrap_or_default()
    } else {
        conn.split_whitespace().collect()
    };
    words.iter().rev().find_map(|w| {
        let (k, v) = w.split_once('=')?;
        (k.trim() == "sslmode").then(|| v.trim().to_string())
    })
}

/// `conn` without its `sslmode` (taken by [`sslmode_in`]).
fn without_sslmode(conn: &str) -> String {
    let is_mode = |w: &&str| {
        w.split_once('=')
            .is_some_and(|(k, _)| k.trim() == "sslmode")
    };
    if let Some((base, query)) = conn.split_once('?').filter(|_| conn.contains("://")) {
        let rest: Vec<&str> = query.split('&').filter(|w| !is_mode(w)).collect();
        if rest.is_empty() {
            base.to_string()
        } else {
            format!("{base}?{}", rest.join("&"))
        }
    } else if conn.contains("://") {
        conn.to_string()
    } else {
        conn.split_whitespace()
            .filter(|w| !is_mode(w))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The TLS connector every connection uses (see the module's notes on
/// `sslmode`): native TLS (OpenSSL here), the server's certificate not
/// verified.
pub fn tls(target: &Target) -> Result<MakeTlsConnector, Error> {
    native_tls::TlsConnector::builder()
        .danger_accept_invalid_certs(true)
        .danger_accept_invalid_hostnames(true)
        .build()
        .map(MakeTlsConnector::new)
        .map_err(|e| Error::Connect {
            target: target.clone(),
            why: format!("TLS cannot be set up: {e}"),
        })
}

/// Connect with `config` through `tls`; a server without TLS under
/// `sslmode=require` is said plainly.
pub fn open(config: &Config, target: &Target, tls: &MakeTlsConnector) -> Result<Client, Error> {
    config.connect(tls.clone()).map_err(|e| {
        let why = reason(&e);
        let why = if config.get_ssl_mode() == SslMode::Require && why.contains("not support TLS") {
            "the server does not offer TLS (SSL), and sslmode=require asks for it: turn ssl on in \
             the server, or connect with sslmode=prefer over a trusted network"
                .to_string()
        } else {
            why
        };
        Error::Connect {
            target: target.clone(),
            why,
        }
    })
}

/// The configuration for `conn`, completed from `env` and the password
/// file, with the target it names.
pub fn config(conn: &str, env: Env<'_>) -> Result<(Config, Target), BadConnectionString> {
    let bad = |why: String| BadConnectionString {
        redacted: redact(conn),
        why,
    };
    let mode = sslmode_in(conn).or_else(|| env("PGSSLMODE"));
    let mode = match mode.as_deref() {
        None => None,
        Some("disable") => Some(SslMode::Disable),
        Some("prefer") => Some(SslMode::Prefer),
        Some("require") => Some(SslMode::Require),
        Some(m @ ("verify-ca" | "verify-full")) => {
            return Err(bad(format!(
                "sslmode={m} (verifying the server's certificate) is not supported yet; \
                 sslmode=require encrypts without verifying it"
            )));
        }
        Some(m) => {
            return Err(bad(format!(
                "sslmode={m} is not one of disable, prefer, require"
            )));
        }
    };
    // (Parsed without it: the client library knows fewer modes.)
    let plain = match sslmode_in(conn) {
        Some(_) => without_sslmode(conn),
        None => conn.to_string(),
    };
    let mut config = Config::from_str(&plain).map_err(|e| bad(e.to_string()))?;
    if let Some(mode) = mode {
        config.ssl_mode(mode);
    }
    if config.get_hosts().is_empty() {
        match env("PGHOST") {
            Some(hosts) => {
                for h in hosts.split(',') {
                    config.host(h);
                }
            }
            None if Path::new("/var/run/postgresql").is_dir() => {
                config.host("/var/run/postgresql");
            }
            None => {
                config.host("localhost");
            }
        }
    }
    if config.get_ports().is_empty()
        && let Some(p) = env("PGPORT")
    {
        let port = p
            .parse::<u16>()
            .map_err(|_| bad(format!("PGPORT is not a port number: {p}")))?;
        config.port(port);
    }
    if config.get_user().is_none() {
        let user = env("PGUSER")
            .or_else(|| env("USER"))
            .or_else(|| env("LOGNAME"))
            .ok_or_else(|| bad("no user: give one, or set PGUSER".into()))?;
        config.user(&user);
    }
    let user = config.get_user().unwrap_or_default().to_string();
    if config.get_dbname().is_none() {
        config.dbname(&env("PGDATABASE").unwrap_or_else(|| user.clone()));
    }
    if config.get_connect_timeout().is_none() {
        let secs = env("PGCONNECT_TIMEOUT")
            .and_then(|s| s.parse::<u64>().ok())
            .unwrap_or(10);
        config.connect_timeout(Duration::from_secs(secs.max(2)));
    }
    if config.get_application_name().is_none() {
        config.application_name("dossier");
    }
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(h)) => h.clone(),
        Some(Host::Unix(p)) => p.display().to_string(),
        None => "localhost".into(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let target = Target {
        user,
        host,
        port,
        dbname: config.get_dbname().unwrap_or_default().to_string(),
    };
    if config.get_password().is_none() {
        if let Some(p) = env("PGPASSWORD") {
            config.password(&p);
        } else if let Some(file) = password_file(env)
            && let Some(p) = password_from_file(&file, &target)
        {
            config.password(&p);
        }
    }
    Ok((config, target))
}

/// The password file: `PGPASSFILE`, else `~/.pgpass`.
fn password_file(env: Env<'_>) -> Option<PathBuf> {
    env("PGPASSFILE")
        .map(PathBuf::from)
        .or_else(|| env("HOME").map(|h| Path::new(&h).join(".pgpass")))
}

/// The password for `target` in the password file at `path`, if the file
/// exists, is a regular file that only its owner can read (libpq ignores
/// others, as it does here) and has a matching line.
fn password_from_file(path: &Path, target: &Target) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    if meta.permissions().mode() & 0o077 != 0 {
        tracing::warn!(
            "password file {} has group or world access; not read (chmod 0600)",
            path.display()
        );
        return None;
    }
    let text = crate::regular_file::read(path, crate::regular_file::USER_FILE_LIMIT).ok()?;
    password_in(&String::from_utf8_lossy(&text), target)
}

/// The password of the first line of a password file's `text` that matches
/// `target` (`hostname:port:database:username:password`, `*` matching
/// anything, `\:` and `\\` escaped; a socket matches `localhost`).
pub fn password_in(text: &str, target: &Target) -> Option<String> {
    let host = if target.host.starts_with('/') {
        "localhost"
    } else {
        target.host.as_str()
    };
    let port = target.port.to_string();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields = split_escaped(line);
        if fields.len() < 5 {
            continue;
        }
        let matches = |field: &str, value: &str| field == "*" || field == value;
        if matches(&fields[0], host)
            && matches(&fields[1], &port)
            && matches(&fields[2], &target.dbname)
            && matches(&fields[3], &target.user)
        {
            return Some(fields[4..].join(":"));
        }
    }
    None
}

/// The `:`-separated fields of a password file line, escapes resolved.
fn split_escaped(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => field.extend(chars.next()),
            ':' => fields.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    fields.push(field);
    fields
}

/// `conn` with its password hidden: `postgres://u:secret@h/db` →
/// `postgres://u:***@h/db`; `password=secret` → `password=***`.
pub fn redact(conn: &str) -> String {
    let mut out = conn.to_string();
    for scheme in ["postgres://", "postgresql://"] {
        if let Some(rest) = out.strip_prefix(scheme) {
            let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
            if let Some(at) = rest[..authority_end].rfind('@')
                && let Some(colon) = rest[..at].find(':')
            {
                out = format!("{scheme}{}:***{}", &rest[..colon], &rest[at..]);
            }
            break;
        }
    }
    // Query parameters and key=value pairs.
    let mut redacted = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(i) = rest.find("password=") {
        let before_ok = i == 0 || matches!(rest.as_bytes()[i - 1], b' ' | b'?' | b'&');
        let start = i + "password=".len();
        redacted.push_str(&rest[..start]);
        if before_ok {
            let end = rest[start..]
                .find([' ', '&'])
                .map_or(rest.len(), |e| start + e);
            redacted.push_str("***");
            rest = &rest[end..];
        } else {
            rest = &rest[start..];
        }
    }
    redacted.push_str(rest);
    redacted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn sslmode_is_read_as_libpq_reads_it() {
        let none = env_of(&[("PGUSER", "anna"), ("HOME", "/nonexistent")]);
        let mode = |conn: &str, env: &dyn Fn(&str) -> Option<String>| {
            config(conn, env).map(|(c, _)| c.get_ssl_mode())
        };
        assert_eq!(
            mode("postgres://h/db", &none).unwrap(),
            SslMode::Prefer,
            "the default"
        );
        assert_eq!(
            mode("postgres://h/db?connect_timeout=3&sslmode=require", &none).unwrap(),
            SslMode::Require
        );
        let (c, _) = config("postgres://h/db?sslmode=disable&connect_timeout=3", &none).unwrap();
        assert_eq!(c.get_ssl_mode(), SslMode::Disable);
        assert_eq!(
            c.get_connect_timeout(),
            Some(&Duration::from_secs(3)),
            "the rest kept"
        );
        assert_eq!(
            mode("host=h sslmode=disable", &none).unwrap(),
            SslMode::Disable
        );
        let env = env_of(&[("PGUSER", "anna"), ("PGSSLMODE", "require"), ("HOME", "/x")]);
        assert_eq!(mode("host=h", &env).unwrap(), SslMode::Require, "PGSSLMODE");
        assert_eq!(
            mode("host=h sslmode=prefer", &env).unwrap(),
            SslMode::Prefer,
            "the string wins over PGSSLMODE"
        );
        // Modes that verify the server are refused, not weakened; a bad one
        // is named; the password stays hidden.
        let e = mode("postgres://a:s3cret@h/db?sslmode=verify-full", &none)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("sslmode=verify-full") && e.contains("not supported"),
            "{e}"
        );
        assert!(!e.contains("s3cret"), "{e}");
        let e = mode("host=h sslmode=sometimes", &none)
            .unwrap_err()
            .to_string();
        assert!(e.contains("sslmode=sometimes is not one of"), "{e}");
    }

    #[test]
    fn the_environment_fills_what_the_string_leaves_out() {
        let env = env_of(&[
            ("PGHOST", "db.example"),
            ("PGPORT", "6543"),
            ("PGUSER", "anna"),
            ("PGPASSWORD", "pw"),
            ("HOME", "/nonexistent"),
        ]);
        let (config, target) = config("postgres:///news", &env).unwrap();
        assert_eq!(target.to_string(), "postgres://anna@db.example:6543/news");
        assert_eq!(config.get_password(), Some(&b"pw"[..]));
        // What the string says wins.
        let (_, target) = config_of("postgres://ben@h:1/x", &env);
        assert_eq!(target.to_string(), "postgres://ben@h:1/x");
        let (_, target) = config_of("host=k user=c", &env);
        assert_eq!(target.to_string(), "postgres://c@k:6543/c", "dbname = user");
    }

    fn config_of(conn: &str, env: &dyn Fn(&str) -> Option<String>) -> (Config, Target) {
        config(conn, env).unwrap()
    }

    #[test]
    fn the_password_file_is_read_as_libpq_reads_it() {
        let target = Target {
            user: "anna".into(),
            host: "db.example".into(),
            port: 5432,
            dbname: "news".into(),
        };
        let file = "# comment\n\
                    other:5432:news:anna:wrong\n\
                    db.example:5432:*:anna:p\\:w\\\\x:y\n\
                    *:*:*:*:fallback\n";
        assert_eq!(password_in(file, &target).as_deref(), Some("p:w\\x:y"));
        let socket = Target {
            host: "/var/run/postgresql".into(),
            ..target.clone()
        };
        assert_eq!(
            password_in("localhost:5432:news:anna:s\n", &socket).as_deref(),
            Some("s")
        );
        assert_eq!(password_in("other:1:x:y:z\n", &target), None);
        // A file others can read is not read.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pgpass");
        std::fs::write(&path, "*:*:*:*:secret\n").unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert_eq!(password_from_file(&path, &target), None);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(
            password_from_file(&path, &target).as_deref(),
            Some("secret")
        );
    }

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact("postgres://anna:s3cret@host:5432/db?sslmode=disable"),
            "postgres://anna:***@host:5432/db?sslmode=disable"
        );
        assert_eq!(redact("postgres://anna@host/db"), "postgres://anna@host/db");
        assert_eq!(
            redact("host=h password=s3cret user=u"),
            "host=h password=*** user=u"
        );
        assert_eq!(
            redact("postgresql://h/db?user=u&password=s3cret"),
            "postgresql://h/db?user=u&password=***"
        );
        let e = config("postgres://anna:s3cret@host:notaport/db", &|_| None).unwrap_err();
        assert!(!e.to_string().contains("s3cret"), "{e}");
    }
}
