//! The normalised view of a post that rules match against: it undoes the disguises used to slip claims past filters
//! (mathematical and fullwidth letters, invisible characters, Cyrillic and Greek look-alikes, typographic quotes and
//! dashes, non-ASCII case) and maps every normalised byte back to the original, so a finding points at what the author wrote.

use std::borrow::Cow;
use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

mod fold;

use fold::{ascii_punctuation, is_invisible, nfkc_class, push_folded};

/// A normalised copy of a text with a map from every normalised byte back to the original.
///
/// Offsets are `usize`, so there is no size limit beyond memory.
#[derive(Debug, Clone)]
pub struct Normalized<'a> {
    /// Borrowed when the original is all ASCII: nothing to fold, nothing to copy.
    text: Cow<'a, str>,
    /// `None` when the original was all ASCII: normalised and original offsets are then the same.
    spans: Option<Vec<Span>>,
}

/// Where a stretch of normalised bytes comes from.
///
/// Spans are in text order and tile the normalised text: each starts where the previous one ends and the first
/// starts at 0. Keeping one span per ASCII run instead of one entry per byte keeps the map small and cheap to
/// build for posts that are mostly ASCII.
#[derive(Debug, Clone, Copy)]
struct Span {
    /// The first normalised byte of the span.
    text_start: usize,
    /// The original bytes the span comes from.
    original_start: usize,
    original_end: usize,
    kind: SpanKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SpanKind {
    /// ASCII copied byte for byte (only case may differ): normalised byte `text_start + k` is original byte
    /// `original_start + k`.
    Ascii,
    /// The output of one normalisation segment: every byte comes from the whole segment, because after NFKC
    /// (ﬁ → "fi", e + U+0301 → é) no output byte corresponds to a smaller part of it.
    Whole,
}

impl Span {
    /// Where the original character of normalised byte `byte` (inside this span) begins.
    fn original_start_of(&self, byte: usize) -> usize {
        match self.kind {
            SpanKind::Ascii => self.original_start + (byte - self.text_start),
            SpanKind::Whole => self.original_start,
        }
    }

    /// Where the original character of normalised byte `byte` (inside this span) ends.
    fn original_end_of(&self, byte: usize) -> usize {
        match self.kind {
            SpanKind::Ascii => self.original_start + (byte - self.text_start) + 1,
            SpanKind::Whole => self.original_end,
        }
    }
}

impl Normalized<'_> {
    /// The normalised text: NFKC, non-ASCII letters lower-cased (ASCII case is kept for case-sensitive patterns;
    /// phrases match ASCII case-insensitively), invisible characters removed, look-alikes folded, quotes and
    /// dashes ASCII.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The original byte range that normalised bytes `start..end` come from: it starts on the char boundary where
    /// the original character of `start` begins and ends where the original character of byte `end - 1` ends,
    /// so slicing the original with it never cuts a character. Requires start < end <= text().len().
    ///
    /// Characters removed as invisible are inside the range only when they lie between those two characters.
    ///
    /// # Panics
    ///
    /// If `start >= end` or `end > text().len()`, like slicing out of bounds.
    pub fn original_range(&self, start: usize, end: usize) -> Range<usize> {
        assert!(
            start < end && end <= self.text.len(),
            "normalised range {start}..{end} is empty or outside 0..{}",
            self.text.len()
        );
        match &self.spans {
            None => start..end,
            Some(spans) => {
                span_at(spans, start).original_start_of(start)..span_at(spans, end - 1).original_end_of(end - 1)
            }
        }
    }

    /// True when the original was all ASCII. The normalised text is then the original itself, borrowed, with the
    /// same offsets, so `original_range(a, b) == a..b`.
    /// Any non-ASCII character makes it false, even one that normalisation leaves unchanged.
    pub fn is_identity(&self) -> bool {
        self.spans.is_none()
    }
}

/// A view that leaves the text exactly as it is (normalisation switched off).
pub fn identity(original: &str) -> Normalized<'_> {
    Normalized { text: Cow::Borrowed(original), spans: None }
}

/// Builds the normalised view of `original`.
///
/// Per character: invisible characters are dropped, NFKC is applied (to a character and the marks it combines
/// with), Cyrillic and Greek look-alikes become Latin letters, typographic quotes and dashes become ASCII and
/// non-ASCII letters are lower-cased. Quotes and dashes are also folded before NFKC, which would split ″ into two primes.
pub fn normalize(original: &str) -> Normalized<'_> {
    // ASCII has nothing to fold but case, so the common all-ASCII post needs no map at all.
    if original.is_ascii() {
        return Normalized { text: Cow::Borrowed(original), spans: None };
    }
    Builder::new(original).build()
}

/// The span holding normalised byte `byte`, which must be less than the text length (so `spans` is not empty).
fn span_at(spans: &[Span], byte: usize) -> &Span {
    // The first span starts at 0, so at least one span starts at or before `byte`.
    let index = spans.partition_point(|span| span.text_start <= byte);
    &spans[index.saturating_sub(1)]
}

/// Walks the original once, copying ASCII runs in bulk and sending everything else through NFKC segment by segment.
struct Builder<'a> {
    original: &'a str,
    text: String,
    spans: Vec<Span>,
    segment: Segment,
}

/// The NFKC segment being collected: a character that starts a segment and the following characters that NFKC may
/// combine with it. Normalising segment by segment gives the same text as normalising the whole post, and tells
/// which original bytes every output byte comes from.
#[derive(Default)]
struct Segment {
    original_start: usize,
    /// The end of the last kept character: invisible characters after it belong to no output.
    original_end: usize,
    /// The kept characters, invisible ones already dropped and typographic punctuation already ASCII.
    chars: String,
    /// False for a single character that NFKC leaves as it is (most emoji and CJK), which skips the NFKC pass.
    needs_nfkc: bool,
}

impl Segment {
    fn start(&mut self, original: Range<usize>, c: char, stable: bool) {
        self.original_start = original.start;
        self.original_end = original.end;
        self.chars.clear();
        self.chars.push(c);
        self.needs_nfkc = !stable;
    }

    fn extend(&mut self, original_end: usize, c: char) {
        self.original_end = original_end;
        self.chars.push(c);
        self.needs_nfkc = true;
    }
}

impl<'a> Builder<'a> {
    fn new(original: &'a str) -> Self {
        Builder {
            original,
            text: String::with_capacity(original.len()),
            spans: Vec::new(),
            segment: Segment::default(),
        }
    }

    fn build(mut self) -> Normalized<'a> {
        let bytes = self.original.as_bytes();
        let mut pos = 0;
        while pos < bytes.len() {
            let ascii_end = pos + ascii_prefix_len(&bytes[pos..]);
            if ascii_end > pos {
                // Every ASCII character starts an NFKC segment, so the segment collected so far is complete.
                self.flush_segment();
                self.push_ascii(pos, ascii_end);
                pos = ascii_end;
            }
            // ASCII bytes never occur inside a multi-byte character, so the next one ends a run of whole characters.
            let other_end = bytes[pos..].iter().position(u8::is_ascii).map_or(bytes.len(), |len| pos + len);
            for (offset, c) in self.original[pos..other_end].char_indices() {
                self.push_char(pos + offset, c);
            }
            pos = other_end;
        }
        self.flush_segment();
        Normalized { text: Cow::Owned(self.text), spans: Some(self.spans) }
    }

    fn push_char(&mut self, pos: usize, c: char) {
        // Invisible characters are dropped before NFKC, so "e\u{200B}\u{301}" still becomes "é".
        if is_invisible(c) {
            return;
        }
        let end = pos + c.len_utf8();
        // Before NFKC, or it would turn ″ into two primes (′′) instead of one double quote.
        let c = ascii_punctuation(c).unwrap_or(c);
        let class = nfkc_class(c);
        if !class.starts_segment && self.segment.chars.is_empty() {
            self.reopen_last_ascii();
        }
        if class.starts_segment || self.segment.chars.is_empty() {
            self.flush_segment();
            self.segment.start(pos..end, c, class.stable);
        } else {
            self.segment.extend(end, c);
        }
    }

    /// Moves the last character of an ASCII run back from the text into a new segment. ASCII runs are copied
    /// before what follows them is known, and a mark after one (e + U+0301 → é) must join its last character.
    fn reopen_last_ascii(&mut self) {
        // The segment is empty only at the start of the text or right after an ASCII run (and invisible
        // characters), so an ASCII span at the end of the map ends with the last character kept before the mark.
        let Some(last) = self.spans.last_mut() else {
            return;
        };
        if last.kind != SpanKind::Ascii {
            return;
        }
        last.original_end -= 1;
        let original = last.original_end..last.original_end + 1;
        self.text.pop();
        if self.text.len() == last.text_start {
            self.spans.pop();
        }
        self.segment.start(original.clone(), char::from(self.original.as_bytes()[original.start]), true);
    }

    /// Normalises the collected segment into the text and maps its output to its original bytes.
    fn flush_segment(&mut self) {
        let segment = &mut self.segment;
        if segment.chars.is_empty() {
            return;
        }
        let text_start = self.text.len();
        if segment.needs_nfkc {
            for c in segment.chars.chars().nfkc() {
                push_folded(&mut self.text, c);
            }
        } else {
            for c in segment.chars.chars() {
                push_folded(&mut self.text, c);
            }
        }
        push_span(&mut self.spans, text_start, segment.original_start, segment.original_end, SpanKind::Whole);
        segment.chars.clear();
    }

    /// Copies the ASCII bytes `start..end` as they are.
    fn push_ascii(&mut self, start: usize, end: usize) {
        let text_start = self.text.len();
        self.text.push_str(&self.original[start..end]);
        push_span(&mut self.spans, text_start, start, end, SpanKind::Ascii);
    }
}

/// Appends a span, merging it into the previous ASCII span when both are ASCII and contiguous in the original.
fn push_span(spans: &mut Vec<Span>, text_start: usize, original_start: usize, original_end: usize, kind: SpanKind) {
    if let Some(last) = spans.last_mut() {
        if kind == SpanKind::Ascii && last.kind == SpanKind::Ascii && last.original_end == original_start {
            last.original_end = original_end;
            return;
        }
    }
    spans.push(Span { text_start, original_start, original_end, kind });
}

/// The length of the ASCII prefix of `bytes`, checked eight bytes at a time because posts are mostly ASCII.
fn ascii_prefix_len(bytes: &[u8]) -> usize {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let mut len = 0;
    for chunk in bytes.chunks_exact(8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        if u64::from_ne_bytes(word) & HIGH_BITS != 0 {
            break;
        }
        len += 8;
    }
    let rest = &bytes[len..];
    len + rest.iter().position(|b| !b.is_ascii()).unwrap_or(rest.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Normalises `original`, checks that `needle` is in the text and returns the original slice it maps to.
    fn original_of<'a>(original: &'a str, needle: &str) -> &'a str {
        let normalized = normalize(original);
        // ASCII case is kept by normalisation; phrases match it case-insensitively, and so does this helper
        let Some(start) = normalized.text().to_ascii_lowercase().find(&needle.to_ascii_lowercase()) else {
            panic!("{needle:?} not in {:?} (from {original:?})", normalized.text());
        };
        &original[normalized.original_range(start, start + needle.len())]
    }

    #[test]
    fn evasions_fold_to_the_plain_phrase_and_map_back_to_the_disguise() {
        let disguised = [
            "𝐦𝐢𝐫𝐚𝐜𝐥𝐞 𝐜𝐮𝐫𝐞",                               // mathematical bold
            "𝘮𝘪𝘳𝘢𝘤𝘭𝘦 𝘤𝘶𝘳𝘦",                               // mathematical sans-serif italic
            "ｍｉｒａｃｌｅ　ｃｕｒｅ",                   // fullwidth, with an ideographic space
            "mir\u{AD}acle cure",                         // soft hyphen
            "mir\u{200B}acle cu\u{200D}re",               // zero-width space and joiner
            "mir\u{2060}acle\u{FEFF} cure",               // word joiner and BOM
            "miracle\u{FE0F} cu\u{E0100}re",              // variation selectors
            "mir\u{430}cl\u{435} cure",                   // Cyrillic а and е
            "m\u{456}r\u{430}\u{441}l\u{435} \u{441}ure", // Cyrillic і а с е
            "mir\u{3B1}cl\u{3B5} cure",                   // Greek α and ε
            "MIR\u{410}CL\u{415} CURE",                   // upper case with Cyrillic А and Е
            "miracle\u{A0}cure",                          // no-break space
            "MIRACLE CURE",
        ];
        for phrase in disguised {
            let original = format!("Try this {phrase} today");
            assert_eq!(original_of(&original, "miracle cure"), phrase, "{original:?}");
        }
    }

    #[test]
    fn other_cyrillic_and_greek_lookalikes_fold() {
        assert_eq!(original_of("a det\u{43E}\u{445} tea", "detox"), "det\u{43E}\u{445}");
        assert_eq!(original_of("\u{440}rescription", "prescription"), "\u{440}rescription");
        assert_eq!(original_of("\u{3C1}\u{3BF}\u{3C4}ion", "potion"), "\u{3C1}\u{3BF}\u{3C4}ion");
        assert_eq!(normalize("\u{421}\u{423}\u{420}\u{415}").text(), "CYPE");
        // Small-capital shapes fold like their capitals; Greek ν υ and Ν Υ fold by shape.
        assert_eq!(normalize("\u{422}\u{41E}\u{420} \u{442}\u{43E}\u{440}").text().to_ascii_lowercase(), "top top");
        assert_eq!(normalize("\u{39D}\u{3A5} \u{3BD}\u{3C5}").text(), "NY vu");
    }

    #[test]
    fn quotes_and_dashes_become_ascii() {
        assert_eq!(
            original_of("They said \u{201C}miracle cure\u{201D}!", "\"miracle cure\""),
            "\u{201C}miracle cure\u{201D}"
        );
        assert_eq!(original_of("it\u{2019}s a miracle", "it's"), "it\u{2019}s");
        assert_eq!(original_of("miracle\u{2013}cure", "miracle-cure"), "miracle\u{2013}cure");
        assert_eq!(original_of("miracle \u{2014} cure", "miracle - cure"), "miracle \u{2014} cure");
        let quotes = "\u{2018}\u{201A}\u{201B}\u{2032} \u{201E}\u{201F}\u{2033}";
        let dashes = "\u{2010}\u{2011}\u{2012}\u{2015}\u{2212} \u{2026}";
        assert_eq!(normalize(&format!("{quotes} {dashes}")).text(), "'''' \"\"\" ----- ...");
    }

    #[test]
    fn ascii_input_is_identity() {
        let original = "Try This Miracle Cure, 100% NATURAL!";
        let normalized = normalize(original);
        assert_eq!(normalized.text(), original);
        assert!(normalized.is_identity());
        for start in 0..original.len() {
            for end in start + 1..=original.len() {
                assert_eq!(normalized.original_range(start, end), start..end);
            }
        }
    }

    #[test]
    fn any_non_ascii_character_disables_identity() {
        assert!(!normalize("plain text \u{1F600}").is_identity());
        assert!(normalize("").is_identity());
    }

    #[test]
    fn emoji_and_cjk_pass_through() {
        let original =
            "Great results \u{1F600}\u{1F389} \u{4E2D}\u{6587}\u{533B}\u{9662}\u{3002} \u{D55C}\u{AD6D}\u{C5B4}";
        let normalized = normalize(original);
        assert_eq!(normalized.text(), original);
        assert_eq!(original_of(original, "\u{1F389}"), "\u{1F389}");
        assert_eq!(original_of(original, "\u{6587}\u{533B}"), "\u{6587}\u{533B}");
    }

    #[test]
    fn emoji_sequences_lose_their_joiners_and_selectors() {
        // Rule 1 removes U+200D and U+FE0F everywhere; the emoji themselves survive.
        assert_eq!(normalize("I \u{2764}\u{FE0F} it").text(), "I \u{2764} it");
        assert_eq!(normalize("\u{1F468}\u{200D}\u{2695}\u{FE0F} Dr").text(), "\u{1F468}\u{2695} Dr");
    }

    #[test]
    fn expansions_map_every_byte_to_the_whole_character() {
        let original = "\u{FB01}nd 5\u{3392}";
        let normalized = normalize(original);
        assert_eq!(normalized.text(), "find 5MHz");
        assert_eq!(normalized.original_range(0, 1), 0..3);
        assert_eq!(normalized.original_range(1, 2), 0..3);
        assert_eq!(normalized.original_range(1, 4), 0..5);
        assert_eq!(original_of(original, "h"), "\u{3392}");
        assert_eq!(normalize("x\u{00B2} and \u{2026}").text(), "x2 and ...");
    }

    #[test]
    fn removed_characters_are_inside_a_range_only_between_its_ends() {
        let original = "mir\u{200B}acle";
        assert_eq!(original_of(original, "miracle"), original);
        assert_eq!(original_of(original, "mir"), "mir");
        assert_eq!(original_of(original, "acle"), "acle");
    }

    #[test]
    fn accents_are_kept_and_composed_segments_map_whole() {
        assert_eq!(normalize("Caf\u{E9}").text(), "Caf\u{E9}");
        let decomposed = "cafe\u{301} au lait";
        assert_eq!(normalize(decomposed).text(), "caf\u{E9} au lait");
        assert_eq!(original_of(decomposed, "\u{E9}"), "e\u{301}");
        assert_eq!(original_of(decomposed, "caf"), "caf");
        // Invisible characters go before NFKC, so they do not stop a mark from composing.
        assert_eq!(normalize("e\u{200B}\u{301}").text(), "\u{E9}");
        // A mark with no precomposed letter stays after its letter.
        assert_eq!(normalize("q\u{301}").text(), "q\u{301}");
    }

    #[test]
    fn compatibility_characters_that_combine_backwards_join_the_previous_segment() {
        // Halfwidth ｶ + ﾞ is ガ; compatibility jamo ㄱ + ㅏ is 가.
        assert_eq!(normalize("\u{FF76}\u{FF9E}").text(), "\u{30AC}");
        assert_eq!(normalize("\u{3131}\u{314F}").text(), "\u{AC00}");
    }

    /// The whole-text pipeline in rule order, without segments, to check that segmenting changes nothing.
    fn reference_text(original: &str) -> String {
        let mut text = String::new();
        let kept = original.chars().filter(|&c| !is_invisible(c)).map(|c| ascii_punctuation(c).unwrap_or(c));
        for c in kept.nfkc() {
            push_folded(&mut text, c);
        }
        text
    }

    /// Checks the contract of `original_range` for every normalised byte range of `original`.
    fn check_map(original: &str) {
        let normalized = normalize(original);
        let len = normalized.text().len();
        let mut previous = 0..0;
        for start in 0..len {
            for end in start + 1..=len {
                let range = normalized.original_range(start, end);
                assert!(range.start < range.end && range.end <= original.len(), "{range:?}");
                assert!(original.is_char_boundary(range.start) && original.is_char_boundary(range.end));
                if end > start + 1 {
                    assert_eq!(range.start, previous.start, "start depends only on `start`");
                    assert!(range.end >= previous.end, "ends are monotonic");
                }
                previous = range;
            }
            let range = normalized.original_range(start, start + 1);
            if start > 0 {
                let before = normalized.original_range(start - 1, start);
                assert!(range.start >= before.start, "starts are monotonic");
            }
        }
    }

    fn tricky_char() -> impl Strategy<Value = char> {
        const SPECIAL: &[char] = &[
            '\u{AD}',
            '\u{200B}',
            '\u{200C}',
            '\u{200D}',
            '\u{2060}',
            '\u{FEFF}',
            '\u{FE0F}',
            '\u{E0100}',
            '\u{301}',
            '\u{308}',
            '\u{327}',
            '\u{344}',
            '\u{F73}',
            '\u{FB01}',
            '\u{3392}',
            '\u{FDFA}',
            '\u{1D426}',
            '\u{FF4D}',
            '\u{430}',
            '\u{410}',
            '\u{3BF}',
            '\u{39F}',
            '\u{3A3}',
            '\u{2019}',
            '\u{201C}',
            '\u{2033}',
            '\u{2014}',
            '\u{2026}',
            '\u{A0}',
            '\u{E9}',
            '\u{130}',
            '\u{DF}',
            '\u{1E9E}',
            '\u{212A}',
            '\u{1F600}',
            '\u{2764}',
            '\u{4E2D}',
            '\u{FF76}',
            '\u{FF9E}',
            '\u{3131}',
            '\u{314F}',
            '\u{1100}',
            '\u{1161}',
            '\u{11A8}',
            '\u{AC00}',
        ];
        prop_oneof![
            4 => proptest::char::range('\0', '\x7f'),
            3 => proptest::sample::select(SPECIAL),
            1 => any::<char>(),
        ]
    }

    fn tricky_string() -> impl Strategy<Value = String> {
        proptest::collection::vec(tricky_char(), 0..40).prop_map(String::from_iter)
    }

    proptest! {
        #[test]
        fn map_is_within_bounds_on_char_boundaries_and_monotonic(original in tricky_string()) {
            check_map(&original);
        }

        #[test]
        fn map_holds_for_arbitrary_unicode(original in any::<String>()) {
            check_map(&original);
        }

        #[test]
        fn segments_give_the_same_text_as_whole_text_normalisation(original in tricky_string()) {
            let normalized = normalize(&original);
            prop_assert_eq!(normalized.text(), reference_text(&original));
        }

        #[test]
        fn ascii_map_is_identity(original in "[\\x00-\\x7f]*") {
            let normalized = normalize(&original);
            prop_assert!(normalized.is_identity());
            prop_assert_eq!(normalized.text(), original.as_str());
            for start in 0..original.len() {
                prop_assert_eq!(normalized.original_range(start, start + 1), start..start + 1);
                prop_assert_eq!(normalized.original_range(start, original.len()), start..original.len());
            }
        }
    }
}
