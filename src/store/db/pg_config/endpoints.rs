//! The servers to try, as libpq's `connectOptions2` builds them from `host`, `hostaddr` and
//! `port`: each host paired with its address and port, the default socket folder when none is
//! named, and their transfer into a `postgres::Config`.

use std::net::IpAddr;

use super::settings::Settings;
use super::{DEFAULT_PORT, DEFAULT_SOCKET_DIR, Origin, PgConfigError};

/// A server host: a Unix socket folder or a TCP host name or address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Host {
    Socket(String),
    Tcp(String),
}

/// One server to try, as libpq's `pg_conn_host`.
#[derive(Debug, Clone)]
pub(super) struct Endpoint {
    pub(super) host: Option<Host>,
    pub(super) addr: Option<IpAddr>,
    pub(super) port: u16,
}

impl Endpoint {
    /// The host as written, else the hostaddr: what the password file is searched by.
    pub(super) fn name(&self) -> String {
        match (&self.host, self.addr) {
            (Some(Host::Socket(name) | Host::Tcp(name)), _) => name.clone(),
            (None, Some(addr)) => addr.to_string(),
            (None, None) => DEFAULT_SOCKET_DIR.to_string(),
        }
    }

    pub(super) fn is_socket(&self) -> bool {
        self.addr.is_none() && matches!(self.host, Some(Host::Socket(_)))
    }
}

/// The hosts (host, hostaddr) paired with their ports, as libpq's `connectOptions2` pairs them:
/// an empty host with no hostaddr is the default socket folder; one port serves every host.
pub(super) fn endpoints(settings: &Settings) -> Result<Vec<Endpoint>, PgConfigError> {
    let list =
        |name| settings.given(name).map(|(value, origin)| (value.split(',').collect::<Vec<_>>(), origin));
    let (hosts, host_origin) = list("host").unwrap_or((vec![], Origin::Url));
    let (addrs, addr_origin) = list("hostaddr").unwrap_or((vec![], Origin::Url));
    if !hosts.is_empty() && !addrs.is_empty() && hosts.len() != addrs.len() {
        return Err(PgConfigError::CountMismatch {
            hosts: hosts.len(),
            count: addrs.len(),
            what: "hostaddr values",
            fix: "give one hostaddr per host",
        });
    }
    let count = hosts.len().max(addrs.len()).max(1);
    let ports = ports(settings, count)?;
    let endpoints = ports
        .into_iter()
        .enumerate()
        .map(|(i, port)| {
            let host = hosts.get(i).filter(|h| !h.is_empty()).map(|h| host(h, host_origin)).transpose()?;
            let addr =
                addrs.get(i).filter(|a| !a.is_empty()).map(|a| hostaddr(a, addr_origin)).transpose()?;
            let host = if host.is_none() && addr.is_none() {
                Some(Host::Socket(DEFAULT_SOCKET_DIR.into()))
            } else {
                host
            };
            Ok(Endpoint { host, addr, port })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let with_addr = endpoints.iter().filter(|e| e.addr.is_some()).count();
    if with_addr != 0 && with_addr != endpoints.len() {
        return Err(PgConfigError::BadValue {
            keyword: "hostaddr",
            value: addrs.join(","),
            origin: addr_origin,
            expected: "an address for every host or for none (ctrack cannot mix hosts with and without one)",
        });
    }
    Ok(endpoints)
}

fn host(text: &str, origin: Origin) -> Result<Host, PgConfigError> {
    if text.starts_with('/') {
        Ok(Host::Socket(text.to_string()))
    } else if text.starts_with('@') {
        Err(PgConfigError::BadValue {
            keyword: "host",
            value: text.to_string(),
            origin,
            expected: "a host name, an IP address or a socket folder starting with / (ctrack cannot use abstract sockets)",
        })
    } else {
        Ok(Host::Tcp(text.to_string()))
    }
}

fn hostaddr(text: &str, origin: Origin) -> Result<IpAddr, PgConfigError> {
    text.trim().parse().map_err(|_| PgConfigError::BadValue {
        keyword: "hostaddr",
        value: text.to_string(),
        origin,
        expected: "a numeric IPv4 or IPv6 address such as 192.0.2.7 or ::1",
    })
}

/// One port for each of `count` hosts: none given is 5432 for each, an empty entry is 5432.
fn ports(settings: &Settings, count: usize) -> Result<Vec<u16>, PgConfigError> {
    let Some((text, origin)) = settings.given("port") else {
        return Ok(vec![DEFAULT_PORT; count]);
    };
    let ports = text.split(',').map(|port| parse_port(port, origin)).collect::<Result<Vec<_>, _>>()?;
    match ports.as_slice() {
        [one] => Ok(vec![*one; count]),
        _ if ports.len() == count => Ok(ports),
        _ => Err(PgConfigError::CountMismatch {
            hosts: count,
            count: ports.len(),
            what: "ports",
            fix: "give one port for all hosts or one per host",
        }),
    }
}

fn parse_port(text: &str, origin: Origin) -> Result<u16, PgConfigError> {
    match text.trim() {
        "" => Ok(DEFAULT_PORT),
        port => port.parse().ok().filter(|p| *p != 0).ok_or_else(|| PgConfigError::BadValue {
            keyword: "port",
            value: text.to_string(),
            origin,
            expected: "a port number from 1 to 65535",
        }),
    }
}

pub(super) fn add_endpoints(config: &mut postgres::Config, endpoints: &[Endpoint]) {
    for endpoint in endpoints {
        match &endpoint.host {
            Some(Host::Socket(folder)) => config.host_path(folder),
            Some(Host::Tcp(name)) => config.host(name),
            // Only the address was given: it also names the host (for the host count to match).
            None => config.host(&endpoint.name()),
        };
        if let Some(addr) = endpoint.addr {
            config.hostaddr(addr);
        }
        config.port(endpoint.port);
    }
}
