//! What a rule can say, each piece with its TOML shape, its validation, its check of one post and its explanation:
//! the matcher kinds (what a rule matches), the match conditions (`context`), the post conditions (`document`), the
//! validators of pattern matches and the bounds a ruleset must keep (`limits`). `rules` reads rule files into these
//! pieces and `engine` compiles and runs them; this module knows neither (it sits on `text` and `finding` only).
//!
//! Each matcher kind is a module with one type that implements `Kind`: the keys it owns in a rule table and their
//! validation, what it adds to the engine's shared phrase table and pattern set, how it turns a post's scan into
//! candidate spans or a post-wide hit, and how `explain` and `--export-patterns` show it. `kinds!` below registers
//! them: adding a kind is its module plus one line there (`module::Type`).
//!
//! Match conditions (`context`) and post conditions (`document`) are not matchers: they filter the candidates of a
//! rule of any kind.

pub mod context;
pub mod document;
pub mod lexicon;
pub mod limits;
pub mod lists;
mod scan;
mod window;
pub mod yields;

pub use scan::{leftmost_longest, Found, PatternMatch, Post, RuleScan, Scope};

use serde::de::{self, MapAccess};

/// A rule-table error found while validating a matcher or condition: the key on whose line it is reported (empty for
/// the rule's first line) and what is wrong. The ruleset adds file, line and rule id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub key: &'static str,
    pub message: String,
}

impl Invalid {
    pub fn at(key: &'static str, message: impl Into<String>) -> Invalid {
        Invalid { key, message: message.into() }
    }
}

/// The ruleset's shared lists, as a matcher expands its `@list` references; errors are whole messages.
pub trait ListRefs {
    /// Replaces each `@name` item with the list's items.
    fn expand_items(&self, items: &mut Vec<String>) -> Result<(), String>;
    /// Replaces each `@{name}` in a regex with the list as an alternation of literals.
    fn expand_pattern(&self, pattern: &str) -> Result<String, String>;
    /// The index of the lexicon of this name among the ruleset's lexicons.
    fn lexicon(&self, name: &str) -> Option<u32>;
    /// The names of the ruleset's lexicons, for messages.
    fn lexicon_names(&self) -> Vec<String>;
}

/// One kind of matcher.
pub trait Kind: Sized {
    /// The key that selects this kind in a rule table (`phrases = [...]`).
    const KEY: &'static str;
    /// Further keys that only a rule of this kind may have (`validator`).
    const OPTIONS: &'static [&'static str] = &[];
    /// The kind's keys as read from the rule table.
    type Raw: Default;

    /// Reads the value of `key` (`KEY` or one of `OPTIONS`) into `raw`; type errors keep the value's position.
    fn read<'de, A: MapAccess<'de>>(raw: &mut Self::Raw, key: &str, map: &mut A) -> Result<(), A::Error>;

    /// Checks the shape of a rule's keys (`KEY` was read). `embedded`: the rule is part of the default ruleset,
    /// whose regexes the test suite checks, so they are not parsed again at every start.
    fn validate(raw: Self::Raw, embedded: bool) -> Result<Self, Invalid>;

    /// Expands the `@list` references once every file's lists are known.
    fn expand_lists(&mut self, _lists: &dyn ListRefs) -> Result<(), String> {
        Ok(())
    }

    /// The phrases it adds to the engine's phrase table (as written, lists expanded).
    fn phrases(&self) -> &[String] {
        &[]
    }

    /// The regex it adds to the engine's pattern set (as written, lists expanded) and its validator's name.
    fn pattern(&self) -> Option<(&str, Option<&str>)> {
        None
    }

    /// The lexicons (by index among the ruleset's lexicons) whose hits it reads.
    fn lexicons(&self) -> Vec<u32> {
        Vec::new()
    }

    /// What it found in one post. `allowed` tells whether the rule's post conditions hold; it is asked only when
    /// needed, as it costs a little.
    fn find(&self, scan: &RuleScan, allowed: impl FnOnce() -> bool) -> Option<Found>;

    /// How it matches, for `carelint explain`.
    fn explain(&self) -> String;

    /// Its regexes for `rules --export-patterns`, one a line.
    fn export(&self, _out: &mut String) {}
}

/// Registers the kinds: declares their modules and generates `Matcher` (one variant per kind, so that the engine's
/// dispatch is a `match`), the raw keys a rule table gives them, and the list of their keys.
macro_rules! kinds {
    ($($module:ident::$kind:ident),* $(,)?) => {
        $(
            pub mod $module;
            pub use $module::$kind;
        )*

        /// What a rule matches: one of the registered kinds.
        #[derive(Clone, Debug)]
        pub enum Matcher {
            $($kind($kind)),*
        }

        /// The matcher keys of one rule table as read, before validation.
        #[derive(Default)]
        #[allow(non_snake_case)]
        pub struct RawMatcher {
            /// The keys read, in file order.
            keys: Vec<&'static str>,
            $($kind: <$kind as Kind>::Raw),*
        }

        /// The key that selects each kind, in registration order.
        const MAIN_KEYS: &[&str] = &[$(<$kind as Kind>::KEY),*];

        /// The options of each kind, in registration order.
        const OPTION_KEYS: &[&[&str]] = &[$(<$kind as Kind>::OPTIONS),*];

        impl RawMatcher {
            /// Reads the value of a matcher key (one of `keys()`).
            pub fn read<'de, A: MapAccess<'de>>(&mut self, key: &'static str, map: &mut A) -> Result<(), A::Error> {
                self.keys.push(key);
                $(
                    if key == <$kind as Kind>::KEY || <$kind as Kind>::OPTIONS.contains(&key) {
                        return <$kind as Kind>::read(&mut self.$kind, key, map);
                    }
                )*
                Err(de::Error::custom(format!("`{key}` is not a matcher key")))
            }

            fn validate_kind(self, kind: &str, embedded: bool) -> Result<Matcher, Invalid> {
                $(
                    if kind == <$kind as Kind>::KEY {
                        return <$kind as Kind>::validate(self.$kind, embedded).map(Matcher::$kind);
                    }
                )*
                Err(Invalid::at("", format!("`{kind}` is not a matcher")))
            }
        }

        impl Matcher {
            /// See `Kind::expand_lists`.
            pub fn expand_lists(&mut self, lists: &dyn ListRefs) -> Result<(), String> {
                match self { $(Matcher::$kind(k) => k.expand_lists(lists)),* }
            }

            /// See `Kind::phrases`.
            pub fn phrases(&self) -> &[String] {
                match self { $(Matcher::$kind(k) => k.phrases()),* }
            }

            /// See `Kind::pattern`.
            pub fn pattern(&self) -> Option<(&str, Option<&str>)> {
                match self { $(Matcher::$kind(k) => k.pattern()),* }
            }

            /// See `Kind::lexicons`.
            pub fn lexicons(&self) -> Vec<u32> {
                match self { $(Matcher::$kind(k) => k.lexicons()),* }
            }

            /// See `Kind::find`.
            pub fn find(&self, scan: &RuleScan, allowed: impl FnOnce() -> bool) -> Option<Found> {
                match self { $(Matcher::$kind(k) => k.find(scan, allowed)),* }
            }

            /// See `Kind::explain`.
            pub fn explain(&self) -> String {
                match self { $(Matcher::$kind(k) => k.explain()),* }
            }

            /// See `Kind::export`.
            pub fn export(&self, out: &mut String) {
                match self { $(Matcher::$kind(k) => k.export(out)),* }
            }
        }
    };
}

kinds! {
    phrases::Phrases,
    pattern::Pattern,
    limit::Limit,
    frame::Frame,
}

/// Every matcher key: the kinds' keys in registration order, then their options (the order error messages list
/// them in).
pub fn keys() -> impl Iterator<Item = &'static str> {
    MAIN_KEYS.iter().chain(OPTION_KEYS.iter().copied().flatten()).copied()
}

/// "`phrases`, `pattern`, `limit` or `frame`": the kinds' keys for error messages.
fn kind_list() -> String {
    let quoted: Vec<String> = MAIN_KEYS.iter().map(|k| format!("`{k}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

impl RawMatcher {
    /// Checks that the rule table selects exactly one kind and has no option of another, and validates that kind.
    /// With two kinds, the error is on the line of the second one in registration order.
    pub fn validate(self, embedded: bool) -> Result<Matcher, Invalid> {
        let mut kinds = MAIN_KEYS.iter().copied().filter(|k| self.keys.contains(k));
        let Some(kind) = kinds.next() else {
            return Err(Invalid::at("", format!("a rule needs a matcher: {}", kind_list())));
        };
        if let Some(second) = kinds.next() {
            return Err(Invalid::at(second, format!("a rule has one matcher: {}", kind_list())));
        }
        let own = MAIN_KEYS.iter().position(|k| *k == kind).map_or(&[][..], |i| OPTION_KEYS[i]);
        if let Some(&stray) = self.keys.iter().find(|k| !MAIN_KEYS.contains(k) && !own.contains(k)) {
            let owner = MAIN_KEYS.iter().zip(OPTION_KEYS).find(|(_, options)| options.contains(&stray));
            let owner = owner.map_or("another", |(key, _)| key);
            return Err(Invalid::at(stray, format!("`{stray}` applies to `{owner}` rules only")));
        }
        self.validate_kind(kind, embedded)
    }

    /// The key that selects the rule's kind, if one was read.
    pub fn main_key(&self) -> Option<&'static str> {
        self.keys.iter().copied().find(|k| MAIN_KEYS.contains(k))
    }
}
