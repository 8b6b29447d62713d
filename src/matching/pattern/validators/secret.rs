//! `secret`: the value after a credential label (`password:`, `the door code is`, `verification code`) that looks
//! like a secret, not like the ordinary word that follows such a label in advice ("your password is private", "the
//! password is case-sensitive", "passwords are 12 characters or more").

/// A quoted value, a number of 4 to 12 digits (door codes, PINs, one-time codes; dashes may stand between them),
/// or a word of 4 to 64 characters with a symbol or a capital inside it, or of 5 or more with letters and digits
/// (`Tulip#2026`, `BlueHeron`, `clinic_admin`); never a placeholder (`********`, `xxxx`, `[redacted]`) or a count
/// (`12-characters`).
pub fn secret(value: &str) -> bool {
    if let Some(inner) = unquoted(value) {
        return (3..=64).contains(&inner.chars().count()) && !placeholder(inner) && !inner.contains(char::is_whitespace);
    }
    if value.contains(char::is_whitespace) {
        return labelled(value);
    }
    let len = value.chars().count();
    if !(4..=64).contains(&len) || !value.bytes().all(|b| b.is_ascii_graphic()) || placeholder(value) {
        return false;
    }
    let digits = value.bytes().filter(u8::is_ascii_digit).count();
    // a keypad code may be written with dashes between its digits: `3-7-1-9`
    if value.bytes().all(|b| b.is_ascii_digit() || b == b'-') && value.as_bytes()[0].is_ascii_digit() {
        return (4..=12).contains(&digits);
    }
    if count_of_units(value) {
        return false;
    }
    let symbol = value.bytes().any(|b| SYMBOLS.contains(&b));
    let inner_capital = value.as_bytes().windows(2).any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase());
    let letters = value.bytes().any(|b| b.is_ascii_alphabetic());
    (digits > 0 && letters && len >= 5) || symbol || inner_capital
}

/// A match that keeps its label, from the pattern branches without a `value` group: `the tablet password is
/// sunshine` (a lower-case word after 'is' or 'was' that is not advice: 'the password is private', 'a password is
/// required')
/// or a value before its label or after a network name (`Tulip#2026 is the new Wi-Fi password`, `WIFI: LVGuest /
/// Smile2026!`), where some word must look like a secret.
fn labelled(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let last = text.split_whitespace().last().unwrap_or_default().trim_end_matches(['.', ',', ';', '!', ')']);
    // a user name and a password with no credential word: 'charting: lokafor  Maple77$' on a sticky note
    if strong(last.trim_end_matches(['"', '\'', '?', '.', ','])) {
        return true;
    }
    if !CREDENTIAL_WORDS.iter().any(|w| lower.contains(w)) {
        return false;
    }
    // the value is the first word (before its label) or the last (after 'is', or after 'network /')
    let first = text.split_whitespace().next().unwrap_or_default().trim_start_matches(['(', '[', '"', '\'']);
    if secret(first) || (secret(last) && !time_or_year(text, last)) {
        return true;
    }
    let said = text.split_whitespace().any(|w| w.eq_ignore_ascii_case("is") || w.eq_ignore_ascii_case("was"));
    said && (4..=24).contains(&last.len())
        && last.bytes().all(|b| b.is_ascii_lowercase())
        && !ADVICE.contains(&last)
        && !placeholder(last)
}

/// A password by its shape alone: letters, digits and a symbol (`Maple77$`, `Seagull#41`), which no ordinary word or
/// number has.
fn strong(word: &str) -> bool {
    let letters = word.bytes().any(|b| b.is_ascii_alphabetic());
    let digits = word.bytes().any(|b| b.is_ascii_digit());
    (4..=64).contains(&word.len()) && letters && digits && word.bytes().any(|b| SYMBOLS.contains(&b)) && !placeholder(word)
}

/// One of these is in every match that keeps its label: a date or a sentence is not a credential. A keypad, lockbox,
/// gate or buzzer is one when a code follows it ('the lockbox by the back gate, 2290').
const CREDENTIAL_WORDS: &[&str] =
    &["pass", "pw", "code", "pin", "key", "wifi", "wi-fi", "lock", "gate", "buzz", "punch", "alarm", "door", "entrance", "entry"];

/// A number at the end of a labelled match that is a time or a year rather than a code: 'the gate opens at 0700',
/// 'a lockbox since 2019'. (A code written after its own label, 'door code 2026', never comes here.)
fn time_or_year(text: &str, last: &str) -> bool {
    let digits: String = last.chars().filter(char::is_ascii_digit).collect();
    let year = digits.len() == 4 && last.len() == 4 && (digits.starts_with("19") || digits.starts_with("20"));
    let mut words = text.split_whitespace().rev().skip(1).map(str::to_ascii_lowercase);
    let before = words.next().unwrap_or_default();
    // 'punch in 5521', 'key in 0417': 'in' is part of the verb, not a time
    let keyed_in = before == "in" && words.next().is_some_and(|w| KEY_IN_VERBS.contains(&w.as_str()));
    year || (!keyed_in && TIME_WORDS.contains(&before.trim_end_matches([',', ':'])))
}

/// Words before a number that make it a time, a date or an address: 'at 0700', 'until 1800', 'since 2019'.
const TIME_WORDS: &[&str] = &[
    "at", "until", "till", "since", "from", "by", "before", "after", "around", "in", "on", "of", "to", "opens", "closes",
];

/// Verbs that take 'in' before the code they enter: 'punch in 5521'.
const KEY_IN_VERBS: &[&str] = &["punch", "key", "type", "tap", "put", "enter"];

/// What follows 'the password is' in advice and notices rather than a password.
const ADVICE: &[&str] = &[
    "private", "personal", "secret", "confidential", "required", "optional", "needed", "necessary", "important",
    "strong", "stronger", "weak", "weaker", "long", "longer", "short", "simple", "easy", "hard", "difficult", "safe",
    "secure", "unique", "different", "same", "valid", "invalid", "incorrect", "wrong", "correct", "right", "expired",
    "expiring", "changing", "changed", "reset", "available", "printed", "posted", "written", "listed", "shown",
    "displayed", "visible", "below", "above", "here", "there", "your", "yours", "mine", "ours", "theirs", "never",
    "only", "just", "still", "also", "very", "case", "sensitive", "protected", "encrypted", "hidden", "masked",
    "stored", "saved", "kept", "being", "going", "about", "what", "that", "this", "then", "something", "anything",
    "nothing", "whatever", "compromised", "leaked", "stolen", "common", "guessable", "obvious", "useless", "fine",
    "good", "great", "okay", "fixed", "temporary", "updated", "unchanged", "taped", "stuck", "free", "given", "sent",
    "emailed", "texted", "included", "attached", "provided", "inside", "behind", "under", "taken", "used", "known", "shared", "too", "much", "more", "less", "enough", "like", "where", "when", "from", "with", "without",
    "easier", "harder", "safer", "better", "worse", "best", "worst", "other", "another", "each", "every", "either",
    "neither", "part", "key", "everything", "what's", "password", "passwords", "passcode", "code", "codes", "login",
];

/// Symbols that people put in passwords and that ordinary words do not contain (`-`, `.` and `'` are in words).
const SYMBOLS: &[u8] = b"!#$%&*@^+=?~_|";

/// The inside of a value in matching quotes.
fn unquoted(value: &str) -> Option<&str> {
    ['"', '\'', '`'].into_iter().find_map(|q| value.strip_prefix(q)?.strip_suffix(q))
}

/// Text that stands for a secret without being one: masked, left out, `your_password` or one repeated character.
/// (`example` is not one: example.com is in real logins.)
fn placeholder(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    let mut chars = lower.chars();
    let first = chars.next();
    chars.all(|c| Some(c) == first)
        || ["xxx", "***", "redacted", "your", "<", ">"].iter().any(|p| lower.contains(p))
}

/// `12-characters`, `16chars`, `6-digit`: a length rule, not a password.
fn count_of_units(value: &str) -> bool {
    let rest = value.trim_start_matches(|c: char| c.is_ascii_digit());
    if rest.len() == value.len() {
        return false;
    }
    let unit = rest.trim_start_matches(['-', '+']).to_ascii_lowercase();
    let unit = unit.trim_end_matches(['.', ',', ')']);
    UNITS.contains(&unit)
}

const UNITS: &[&str] = &[
    "character", "characters", "char", "chars", "digit", "digits", "letter", "letters", "word", "words", "step",
    "steps", "minute", "minutes", "min", "mins", "hour", "hours", "day", "days", "month", "months", "times", "th",
    "st", "nd", "rd", "x",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::pattern::validators::check;

    #[test]
    fn secrets_pass() {
        check(
            secret,
            true,
            &["Tulip#2026", "BlueHeron", "4821", "048213", "3-7-1-9", "clinic_admin", "\"bluebird\"", "'sunflower'", "Maple22", "*1234#"],
        );
    }

    #[test]
    fn ordinary_words_counts_and_placeholders_fail() {
        check(
            secret,
            false,
            &[
                "private", "case-sensitive", "required", "Strong", "at", "12-characters", "16chars", "6-digit",
                "********", "xxxx", "[redacted]", "YOUR_PASSWORD", "123", "\"\"", "e.g.", "1234567890123", "aaaa", "1-2-3",
                "<password>", "\"two words\"",
            ],
        );
    }

    #[test]
    fn a_labelled_lower_case_word_passes_unless_it_is_advice() {
        check(
            secret,
            true,
            &[
                "the tablet's password is sunshine ",
                "our Wi-Fi password is bluebird.",
                "Tulip#2026 is the new guest Wi-Fi password",
                "WIFI: LVGuest / Smile2026!",
                "lockbox by the back gate, 2290",
                "gate #7734",
                "Buzz in at the staff entrance with 3318",
                "keypad with 5-2-7-7",
                "punch in 5521",
                "keypad by the staff entrance with \"0482\"",
                "charting: lokafor  Maple77$'",
                "EHR - frontdesk2 - Seagull#41",
                "Back entrance: 4-8-1-5",
            ],
        );
        check(
            secret,
            false,
            &[
                "the password is private.",
                "a password is required,",
                "the password is case",
                "Spring is the new guest Wi-Fi password",
                "wifi pass for the lobby is free ",
                "the iPad password is private.",
                "gate opens at 0700",
                "lockbox we have used since 2019",
                "gate 2026",
                "gate closes in 1800",
                "gate opens at 7am!",
                "Billing: call 555-0100",
            ],
        );
    }
}
