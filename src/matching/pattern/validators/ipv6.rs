//! `ipv6`: IPv6 addresses.

use std::net::Ipv6Addr;

/// An IPv6 address other than the unspecified `::`, which names no host (and `::` in prose is
/// rarely an address). Zone suffixes (`%eth0`) are refused.
pub fn ipv6(value: &str) -> bool {
    value.parse::<Ipv6Addr>().is_ok_and(|address| !address.is_unspecified())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::pattern::validators::check;

    #[test]
    fn ipv6_accepts_addresses() {
        check(
            ipv6,
            true,
            &[
                "2001:db8::1",
                "::1",
                "fe80::1",
                "2001:0db8:0000:0000:0000:ff00:0042:8329",
                "::ffff:192.0.2.1",
                "2001:DB8::A",
            ],
        );
    }

    #[test]
    fn ipv6_rejects_other_text() {
        check(
            ipv6,
            false,
            &["::", "2001:db8::1::1", "12345::1", "2001:db8::g", "fe80::1%eth0", "[::1]", "192.168.0.1", "2001:db8:1"],
        );
    }
}
