//! Built-in checks a pattern rule's matched value must pass (`validator = "ssn"`): checksums,
//! reserved ranges and calendars weed out the look-alikes that a simple regex also matches.
//! Each validator is a module of its own; `REGISTRY` names them.

mod date;
mod dea;
mod digits;
mod ipv4;
mod ipv6;
mod luhn;
mod mbi;
mod npi;
mod phone;
mod private_address;
mod secret;
mod ssn;
mod token;

/// A built-in check that a matched value must pass.
pub type Validator = fn(&str) -> bool;

/// Every validator a ruleset may name, in the order error messages list them.
const REGISTRY: &[(&str, Validator)] = &[
    ("ssn", ssn::ssn),
    ("luhn", luhn::luhn),
    ("npi", npi::npi),
    ("mbi", mbi::mbi),
    ("dea", dea::dea),
    ("date", date::date),
    ("phone", phone::phone),
    ("ipv4", ipv4::ipv4),
    ("ipv6", ipv6::ipv6),
    ("secret", secret::secret),
    ("token", token::token),
    ("private-address", private_address::private_address),
];

/// The validator of that name.
pub fn lookup(name: &str) -> Option<Validator> {
    REGISTRY.iter().find(|(n, _)| *n == name).map(|&(_, validator)| validator)
}

/// Every validator name, for error messages ("unknown validator `x`; known: ..."), read off `REGISTRY`.
pub const NAMES: &[&str] = &{
    let mut names = [""; REGISTRY.len()];
    let mut i = 0;
    while i < REGISTRY.len() {
        names[i] = REGISTRY[i].0;
        i += 1;
    }
    names
};

// All values in the validators' tests are synthetic: public test card numbers, documentation IP ranges, the CMS
// example MBI, fictional 555-01xx phone numbers and made-up numbers that merely pass the rules.

/// Asserts `validator` gives `expected` for every value, naming the value that does not.
#[cfg(test)]
fn check(validator: Validator, expected: bool, values: &[&str]) {
    for value in values {
        assert_eq!(validator(value), expected, "{value:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_resolves_and_unknown_names_do_not() {
        for name in NAMES {
            assert!(lookup(name).is_some(), "{name}");
        }
        assert!(lookup("SSN").is_none());
        assert!(lookup("iban").is_none());
        assert!(lookup("").is_none());
    }

    #[test]
    fn lookup_returns_the_named_validator() {
        let ssn_validator = lookup("ssn").expect("ssn is a known validator");
        assert!(ssn_validator("219-45-6780"));
        assert!(!ssn_validator("4111111111111111"));
        let luhn_validator = lookup("luhn").expect("luhn is a known validator");
        assert!(luhn_validator("4111111111111111"));
    }

    #[test]
    fn odd_inputs_never_panic_and_never_pass() {
        let odd = [
            "",
            " ",
            "-",
            "é",
            "١٢٣-٤٥-٦٧٨٩",
            "１２３-４５-６７８９",
            "3/14é",
            "March 14\u{a0}1961",
            "🎂 3/14",
            "99999999999999999999999999999999999999",
            "///",
            "...",
            "0x1F",
        ];
        for name in NAMES {
            let validator = lookup(name).expect("every name resolves");
            for value in odd {
                assert!(!validator(value), "{name}({value:?})");
            }
        }
    }
}
