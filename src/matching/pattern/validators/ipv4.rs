//! `ipv4`: IPv4 addresses.

use std::net::Ipv4Addr;

/// Four decimal octets 0-255; the standard parser already refuses leading zeros (`01.2.3.4`),
/// which some tools read as octal.
pub fn ipv4(value: &str) -> bool {
    value.parse::<Ipv4Addr>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::pattern::validators::check;

    #[test]
    fn ipv4_accepts_dotted_quads() {
        check(ipv4, true, &["192.168.0.1", "0.0.0.0", "255.255.255.255", "198.51.100.7", "10.0.0.0"]);
    }

    #[test]
    fn ipv4_rejects_other_text() {
        check(
            ipv4,
            false,
            &[
                "192.168.0",
                "192.168.0.1.5",
                "256.1.1.1",
                "01.2.3.4", // leading zero
                "1..2.3",
                "1.2.3.4 ",
                "+1.2.3.4",
                "a.b.c.d",
                "192.168.0.1/24",
            ],
        );
    }
}
