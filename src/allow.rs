//! The practice's own identifiers (phones, e-mails, domains, addresses, staff names), which are never PHI.

/// Values compared by their letters and digits only, so "(312) 555-0100" allows "312.555.0100".
#[derive(Clone, Debug, Default)]
pub struct Allowlist {
    keys: Vec<String>,
    domains: Vec<String>,
}

/// The form the allow-list compares a value by: its letters and digits, lower case, without a NANP country code.
pub fn key(text: &str) -> String {
    let mut k: String = text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    // a leading NANP country code does not make a different number
    if k.len() == 11 && k.starts_with('1') && k.bytes().all(|b| b.is_ascii_digit()) {
        k.remove(0);
    }
    k
}

/// A value that looks like a bare domain (`clinic.example`): allows e-mail addresses and links on it.
fn as_domain(value: &str) -> Option<String> {
    let v = value.trim().to_lowercase();
    let is_domain = v.contains('.')
        && !v.contains('@')
        && !v.contains(char::is_whitespace)
        && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    is_domain.then_some(v)
}

impl Allowlist {
    pub fn new<I: IntoIterator<Item = S>, S: AsRef<str>>(values: I) -> Allowlist {
        let mut list = Allowlist::default();
        for value in values {
            let value = value.as_ref();
            let k = key(value);
            if !k.is_empty() {
                list.keys.push(k);
            }
            if let Some(d) = as_domain(value) {
                list.domains.push(d);
            }
        }
        list
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty() && self.domains.is_empty()
    }

    /// Whether a matched text is one of the practice's own identifiers.
    pub fn allows(&self, matched: &str) -> bool {
        if self.is_empty() {
            return false;
        }
        let k = key(matched);
        if !k.is_empty() && self.keys.contains(&k) {
            return true;
        }
        let lower = matched.trim().to_lowercase();
        self.domains.iter().any(|d| on_domain(&lower, d))
    }
}

/// An e-mail address or URL whose host is `domain` or a subdomain of it.
fn on_domain(text: &str, domain: &str) -> bool {
    let host = match text.rsplit_once('@') {
        Some((_, host)) => host,
        None => {
            let without_scheme = text.split_once("://").map_or(text, |(_, rest)| rest);
            without_scheme.split(['/', '?', '#', ':']).next().unwrap_or("")
        }
    };
    let host = host.trim_end_matches('.');
    host == domain || host.ends_with(&format!(".{domain}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_compare_by_digits() {
        let a = Allowlist::new(["(312) 555-0100"]);
        assert!(a.allows("312.555.0100"));
        assert!(a.allows("+1 312 555 0100"));
        assert!(!a.allows("312-555-0101"));
    }

    #[test]
    fn domains_allow_addresses_and_links() {
        let a = Allowlist::new(["clinic.example"]);
        assert!(a.allows("frontdesk@clinic.example"));
        assert!(a.allows("https://www.clinic.example/book"));
        assert!(!a.allows("jane@clinic.example.evil.test"));
        assert!(!a.allows("jane@example.com"));
    }

    #[test]
    fn names_compare_without_case_or_spacing() {
        let a = Allowlist::new(["Dr. Ana Testa"]);
        assert!(a.allows("dr ana testa"));
    }
}
