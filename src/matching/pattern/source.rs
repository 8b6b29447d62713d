//! Facts about a pattern's source that the engine and `build.rs` must agree on (`build.rs` includes this file, so it
//! uses nothing but `std`): which mode a pattern compiles in, and the fingerprint that ties a build-time gate to it.

/// Whether a pattern can run in ASCII mode: no non-ASCII character (after normalisation only letters such as `é`
/// remain) and no Unicode property class. Checked on the text, not by parsing: big patterns take milliseconds to
/// parse, and this runs at every start.
pub fn ascii_compatible(source: &str) -> bool {
    source.is_ascii() && !source.contains("\\p") && !source.contains("\\P")
}

/// A stable fingerprint of a pattern, so that a gate worked out at build time is only used for the very pattern it
/// was worked out for (a ruleset file can replace a list that a pattern uses).
pub fn fingerprint(pattern: &str) -> u64 {
    fnv1a(pattern.bytes())
}

/// FNV-1a: a small, stable hash (the same in every build, unlike std's).
pub fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes.into_iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}
