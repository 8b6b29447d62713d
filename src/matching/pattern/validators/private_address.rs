//! `private-address`: an address of a practice's own network: a private, loopback or link-local IPv4 address
//! (optionally with a scheme, a port and a path), or a Windows share (`\\FILESRV01\scans`).

use std::net::Ipv4Addr;

/// True for `10.0.4.12`, `http://192.168.1.20:8080/login`, `172.16.0.5`, `127.0.0.1:3000`, `169.254.10.1` and
/// `\\server\share`; false for public and documentation addresses and for text that is not an address.
pub fn private_address(value: &str) -> bool {
    if let Some(share) = value.strip_prefix(r"\\") {
        return share.split_once('\\').is_some_and(|(host, path)| !host.is_empty() && !path.is_empty());
    }
    let rest = value.strip_prefix("http://").or_else(|| value.strip_prefix("https://")).unwrap_or(value);
    let host_end = rest.find([':', '/']).unwrap_or(rest.len());
    let (host, after) = rest.split_at(host_end);
    if let Some(port) = after.strip_prefix(':') {
        let digits = port.split('/').next().unwrap_or_default();
        if digits.is_empty() || digits.parse::<u16>().is_err() {
            return false;
        }
    }
    host.parse::<Ipv4Addr>().is_ok_and(|ip| ip.is_private() || ip.is_loopback() || ip.is_link_local())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::pattern::validators::check;

    #[test]
    fn private_addresses_and_shares_pass() {
        check(
            private_address,
            true,
            &[
                "10.0.4.12",
                "192.168.1.20:8080",
                "http://192.168.1.20:8080/login",
                "https://172.16.0.5/admin",
                "172.31.255.1",
                "127.0.0.1:3000",
                "169.254.10.1",
                r"\\FILESRV01\scans",
            ],
        );
    }

    #[test]
    fn public_and_malformed_addresses_fail() {
        check(
            private_address,
            false,
            &[
                "203.0.113.7",
                "172.32.0.1",
                "8.8.8.8",
                "192.168.1.300",
                "10.0.0.1:99999",
                "10.0.0.1:",
                r"\\server",
                r"\\",
                "10.2.3",
            ],
        );
    }
}
