//! A bounded, structure-aware fuzzer for what reads untrusted bytes: the reader (`input::decode`), post documents
//! (front matter, HTML comments, directives, consent markers), content calendars (CSV, JSON, JSONL), the whole check
//! of a file, and the ruleset loader.
//!
//! Inputs are the repository's own posts, calendars built from them and rule files, mutated by byte flips, splices,
//! truncation at syntax boundaries, inserted syntax (`---`, `+++`, `<!--`, quotes, BOMs, NULs, invalid UTF-8), very
//! long lines and deep nesting; rulesets also come from a grammar with small random regexes. Every case runs on a
//! worker thread under `catch_unwind` and a per-case deadline; a failure reports the seed, the case number and the
//! input (shrunk when that is cheap), and the input of the case being run is kept in a file so that even an abort
//! (a stack overflow) can be replayed.
//!
//! Runs ~30 s by default, split evenly between the targets, by time. `CARELINT_FUZZ_SECS` sets the total,
//! `CARELINT_FUZZ_SEED` the seed (default fixed, so CI is reproducible) and `CARELINT_FUZZ_TARGETS` a comma list of
//! targets (decode, document, calendar, check, ruleset).

mod common;

use std::collections::HashSet;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Once, OnceLock};
use std::time::{Duration, Instant};

use carelint::allow::Allowlist;
use carelint::check::check_text;
use carelint::config::Config;
use carelint::engine::Engine;
use carelint::finding::Finding;
use carelint::input::calendar::{self, CalendarPost};
use carelint::input::document::{Directive, Document};
use carelint::matching::pattern::validators;
use carelint::rules::Ruleset;

const DEFAULT_SECS: f64 = 30.0;
const DEFAULT_SEED: u64 = 0x0C0F_FEE5_EED5_2026;
/// A case that takes longer than this is a hang (generous: debug build, 2 shared cores, 64 KiB inputs).
const CASE_DEADLINE: Duration = Duration::from_secs(5);
/// How much the resident memory may grow between the end of the warm-up and the end of a target's run.
const RSS_GROWTH_LIMIT: u64 = 256 << 20;
/// Shrinking a failing input stops after this many tries.
const SHRINK_TRIES: usize = 400;

// ---------------------------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------------------------

#[test]
fn fuzz_targets_hold_their_properties() {
    let settings = Settings::from_env();
    let targets: Vec<&Target> = TARGETS.iter().filter(|t| settings.wants(t.name)).collect();
    assert!(
        !targets.is_empty(),
        "CARELINT_FUZZ_TARGETS names no target; known: decode, document, calendar, check, ruleset"
    );
    let per_target = settings.total.div_f64(targets.len() as f64);
    eprintln!(
        "fuzz: seed {:#x} (CARELINT_FUZZ_SEED), {:.0} s in all (CARELINT_FUZZ_SECS), {} targets",
        settings.seed,
        settings.total.as_secs_f64(),
        targets.len()
    );
    for target in targets {
        fuzz(target, settings.seed, per_target);
    }
}

struct Settings {
    total: Duration,
    seed: u64,
    only: Option<Vec<String>>,
}

impl Settings {
    fn from_env() -> Settings {
        let total = std::env::var("CARELINT_FUZZ_SECS")
            .ok()
            .map(|s| s.trim().parse::<f64>().unwrap_or_else(|_| panic!("CARELINT_FUZZ_SECS is not a number: {s}")))
            .unwrap_or(DEFAULT_SECS);
        let seed = std::env::var("CARELINT_FUZZ_SEED").ok().map(|s| parse_seed(&s)).unwrap_or(DEFAULT_SEED);
        let only = std::env::var("CARELINT_FUZZ_TARGETS")
            .ok()
            .map(|s| s.split(',').map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect());
        Settings { total: Duration::from_secs_f64(total.max(0.0)), seed, only }
    }

    fn wants(&self, name: &str) -> bool {
        self.only.as_ref().is_none_or(|only| only.iter().any(|o| o == name))
    }
}

fn parse_seed(s: &str) -> u64 {
    let s = s.trim();
    let parsed = match s.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16),
        None => s.parse(),
    };
    parsed.unwrap_or_else(|_| panic!("CARELINT_FUZZ_SEED is not a number (decimal or 0x hex): {s}"))
}

/// One fuzz case: the bytes, and a variant that the target reads (which calendar format, which file kind).
#[derive(Clone)]
struct Case {
    variant: u8,
    data: Vec<u8>,
}

/// A thing to fuzz: how to make a case, and the properties every case must have (a panic is a failure). `check`
/// returns whether the input got past parsing, so that a run shows how deep its cases reach.
struct Target {
    name: &'static str,
    generate: fn(&mut Rng, &Corpus) -> Case,
    check: fn(&Case) -> bool,
}

const TARGETS: &[Target] = &[
    Target { name: "decode", generate: gen_decode, check: check_decode },
    Target { name: "document", generate: gen_document, check: check_document },
    Target { name: "calendar", generate: gen_calendar, check: check_calendar },
    Target { name: "check", generate: gen_check, check: check_check },
    Target { name: "ruleset", generate: gen_ruleset, check: check_ruleset },
];

/// Runs one target for `budget`, failing the test with a report on the first panic, hang or memory growth.
fn fuzz(target: &Target, seed: u64, budget: Duration) {
    let corpus = corpus();
    let worker = Worker::start(target);
    let started = Instant::now();
    let mut baseline = None;
    let mut cases = 0u64;
    let mut accepted = 0u64;
    let mut slowest = Duration::ZERO;
    while started.elapsed() < budget || cases == 0 {
        let case_seed = mix(seed, target.name, cases);
        let case = (target.generate)(&mut Rng::new(case_seed), corpus);
        remember(target.name, &case);
        let case_started = Instant::now();
        let outcome = worker.run(&case);
        let took = case_started.elapsed();
        if took > slowest {
            slowest = took;
            // kept to look into: a slow case is the next hang
            let _ = std::fs::write(tmp_dir().join(format!("fuzz-{}-slowest.bin", target.name)), &case.data);
        }
        match outcome {
            Outcome::Pass(parsed) => accepted += u64::from(parsed),
            Outcome::Panic(message) => {
                let small = shrink(&worker, case, &message);
                fail(target.name, seed, cases, &small, &format!("panicked: {message}"));
            }
            Outcome::Hang => {
                fail(target.name, seed, cases, &case, &format!("took longer than {CASE_DEADLINE:?} (a hang?)"))
            }
        }
        cases += 1;
        // memory after the first tenth of the budget is the baseline: allocator pools and lazy tables are warm
        if baseline.is_none() && started.elapsed() >= budget / 10 {
            baseline = rss_bytes();
        }
    }
    if let (Some(before), Some(after)) = (baseline, rss_bytes()) {
        let growth = after.saturating_sub(before);
        assert!(
            growth < RSS_GROWTH_LIMIT,
            "fuzz {}: resident memory grew by {} MiB after {cases} cases (seed {seed:#x}): a leak?",
            target.name,
            growth >> 20
        );
    }
    eprintln!(
        "fuzz {}: {cases} cases ({accepted} parsed) in {:.1} s, slowest {} ms, seed {seed:#x}",
        target.name,
        started.elapsed().as_secs_f64(),
        slowest.as_millis()
    );
}

/// A case's seed from the run's seed, the target and the case number, so any case can be made again alone.
fn mix(seed: u64, target: &str, case: u64) -> u64 {
    let name = target.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3));
    Rng::new(seed ^ name ^ case.wrapping_mul(0x9e37_79b9_7f4a_7c15)).next()
}

fn fail(target: &str, seed: u64, case: u64, input: &Case, what: &str) -> ! {
    let path = tmp_dir().join(format!("fuzz-{target}-failure.bin"));
    let saved = std::fs::write(&path, &input.data).map(|_| format!("saved to {}", path.display()));
    panic!(
        "fuzz {target}: case {case} {what}\n  reproduce: CARELINT_FUZZ_SEED={seed:#x} CARELINT_FUZZ_TARGETS={target} \
         cargo test --test fuzz\n  variant {}, {} bytes ({}):\n{}",
        input.variant,
        input.data.len(),
        saved.unwrap_or_else(|e| format!("not saved: {e}")),
        show(&input.data)
    );
}

/// The input as a Rust literal, cut in the middle when long.
fn show(data: &[u8]) -> String {
    const KEEP: usize = 1500;
    let literal = |bytes: &[u8]| match std::str::from_utf8(bytes) {
        Ok(s) => format!("{s:?}"),
        Err(_) => format!("b\"{}\"", bytes.escape_ascii()),
    };
    if data.len() <= 2 * KEEP {
        return literal(data);
    }
    format!(
        "{} ... {} bytes ... {}",
        literal(&data[..KEEP]),
        data.len() - 2 * KEEP,
        literal(&data[data.len() - KEEP..])
    )
}

fn tmp_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
}

/// Keeps the input being run in a file: an abort (stack overflow) ends the process before any report.
fn remember(target: &str, case: &Case) {
    let _ = std::fs::write(tmp_dir().join(format!("fuzz-{target}-current.bin")), &case.data);
}

/// Resident memory of this process, from `/proc/self/statm` (Linux; `None` elsewhere). Assumes 4 KiB pages.
fn rss_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

// ---------------------------------------------------------------------------------------------------------------
// The worker: each case under catch_unwind on its own thread, with a deadline
// ---------------------------------------------------------------------------------------------------------------

enum Outcome {
    Pass(bool),
    Panic(String),
    Hang,
}

struct Worker {
    cases: mpsc::Sender<Case>,
    results: mpsc::Receiver<Result<bool, String>>,
}

/// Thread name prefix of the workers: their panics are reported by the fuzzer, not printed by the default hook.
const WORKER: &str = "fuzz-worker";

thread_local! {
    static LAST_PANIC: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

impl Worker {
    fn start(target: &Target) -> Worker {
        quiet_worker_panics();
        let (cases, inbox) = mpsc::channel::<Case>();
        let (outbox, results) = mpsc::channel();
        let check = target.check;
        // the default stack size, as the scanning threads of a run have
        std::thread::Builder::new()
            .name(format!("{WORKER}-{}", target.name))
            .spawn(move || {
                for case in inbox {
                    let result = panic::catch_unwind(AssertUnwindSafe(|| check(&case)))
                        .map_err(|_| LAST_PANIC.with(|p| p.borrow().clone()));
                    if outbox.send(result).is_err() {
                        break;
                    }
                }
            })
            .expect("the fuzz worker starts");
        Worker { cases, results }
    }

    fn run(&self, case: &Case) -> Outcome {
        if self.cases.send(case.clone()).is_err() {
            return Outcome::Panic("the worker thread is gone".into());
        }
        match self.results.recv_timeout(CASE_DEADLINE) {
            Ok(Ok(parsed)) => Outcome::Pass(parsed),
            Ok(Err(message)) => Outcome::Panic(message),
            Err(mpsc::RecvTimeoutError::Timeout) => Outcome::Hang,
            Err(mpsc::RecvTimeoutError::Disconnected) => Outcome::Panic("the worker thread is gone".into()),
        }
    }
}

/// Worker panics are recorded (message and place) instead of printed: shrinking may panic hundreds of times.
fn quiet_worker_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let on_worker = std::thread::current().name().is_some_and(|n| n.starts_with(WORKER));
            if !on_worker {
                return default(info);
            }
            let payload = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(no message)".into());
            let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
            LAST_PANIC.with(|p| *p.borrow_mut() = format!("{payload}{place}"));
        }));
    });
}

/// A smaller input that still panics at the same place: chunks are cut out, halving their size (delta debugging).
fn shrink(worker: &Worker, mut case: Case, message: &str) -> Case {
    let place = message.rsplit_once(" at ").map(|(_, p)| p.to_string());
    let same = |m: &str| place.as_deref().is_none_or(|p| m.ends_with(p));
    let mut tries = 0;
    let mut chunk = case.data.len() / 2;
    while chunk > 0 && tries < SHRINK_TRIES {
        let mut start = 0;
        while start < case.data.len() && tries < SHRINK_TRIES {
            let end = (start + chunk).min(case.data.len());
            let mut smaller = case.clone();
            smaller.data.drain(start..end);
            tries += 1;
            match worker.run(&smaller) {
                Outcome::Panic(m) if same(&m) => case = smaller,
                Outcome::Hang => return case,
                _ => start += chunk,
            }
        }
        chunk /= 2;
    }
    case
}

// ---------------------------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------------------------

/// The reader: valid UTF-8 text comes back as it is; an error never quotes the file.
fn check_decode(case: &Case) -> bool {
    let bytes = &case.data;
    match carelint::input::decode(bytes.clone()) {
        Ok(decoded) => {
            assert!(!decoded.text.contains('\0'), "decoded text holds a NUL");
            true
        }
        Err(message) => {
            let plain = std::str::from_utf8(bytes).is_ok_and(|s| !s.contains('\0') && !s.starts_with('\u{feff}'));
            assert!(!plain, "plain UTF-8 text without NUL was refused: {message}");
            assert_no_quote(&message, bytes);
            false
        }
    }
}

/// An error message may name offsets and lines, never more than a few bytes of the input: no distinctive piece of
/// the input (every 7th window of 24 bytes, more than half of it letters or digits) is in the message. The pieces go
/// in a set and every window of the message is looked up, so the cost is the two lengths added, not multiplied (a
/// calendar with a message per row made the other way round take seconds).
fn assert_no_quote(message: &str, input: &[u8]) {
    const WINDOW: usize = 24;
    // the directive names (`carelint-disable-next-line`, ...) are carelint's own words, which a message names and a
    // generated input may hold too
    let message = &without_directive_names(message);
    if input.len() < WINDOW || message.len() < WINDOW {
        return;
    }
    let pieces: HashSet<&[u8]> = input
        .windows(WINDOW)
        .step_by(7)
        .filter(|w| {
            std::str::from_utf8(w).is_ok_and(|p| p.chars().filter(|c| c.is_alphanumeric()).count() > WINDOW / 2)
        })
        .collect();
    let quoted = message.as_bytes().windows(WINDOW).find(|w| pieces.contains(w));
    assert!(quoted.is_none(), "an error quotes the input: {message}");
}

/// `message` with every `carelint...` word (a directive's name: letters, `-`, `.`, `:`) taken out.
fn without_directive_names(message: &str) -> String {
    let mut out = String::new();
    let mut rest = message;
    while let Some(at) = rest.find("carelint") {
        out.push_str(&rest[..at]);
        let name = rest[at..]
            .find(|c: char| !(c.is_ascii_alphabetic() || matches!(c, '-' | '.' | ':')))
            .unwrap_or(rest.len() - at);
        rest = &rest[at + name..];
    }
    out.push_str(rest);
    out
}

/// Documents: offsets in bounds and on character boundaries; the scanned text is the file with bytes blanked in
/// place (same length, same line breaks).
fn check_document(case: &Case) -> bool {
    let text = String::from_utf8_lossy(&case.data).into_owned();
    let doc = Document::parse(text.clone());
    assert_eq!(doc.text, text, "the document keeps the text");
    assert!(doc.body_start <= text.len() && text.is_char_boundary(doc.body_start), "body_start {}", doc.body_start);
    assert_blanked_in_place(&text, doc.scan());
    assert!(doc.fields.is_object(), "front matter fields are an object");
    let _ = doc.field("kind");
    for range in &doc.hidden {
        assert_span(&text, range.start, range.end, "hidden range");
    }
    // `\n`, `\r\n` and a lone `\r` each end a line
    let lines = carelint::text::lines::break_ends(&text).count() + 1;
    for directive in &doc.directives {
        match directive {
            Directive::DisableRegion { start, end, .. } => assert_span(&text, *start, *end, "disabled region"),
            Directive::DisableNextLine { line, .. } => {
                assert!(*line <= lines + 1, "next-line directive on line {line}")
            }
        }
    }
    if let Some(warning) = &doc.warning {
        assert_no_quote(warning, text.as_bytes());
    }
    doc.warning.is_none()
}

fn assert_blanked_in_place(text: &str, scan: &str) {
    assert_eq!(scan.len(), text.len(), "the scanned text has the file's length");
    for (i, (a, b)) in text.bytes().zip(scan.bytes()).enumerate() {
        assert!(
            a == b || (b == b' ' && a != b'\n' && a != b'\r'),
            "scanned byte {i} is neither the file's nor a blank"
        );
    }
}

fn assert_span(text: &str, start: usize, end: usize, what: &str) {
    assert!(start <= end && end <= text.len(), "{what} {start}..{end} outside 0..{}", text.len());
    assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "{what} {start}..{end} splits a character");
}

/// Calendars: every character of every post maps back inside the file, on character boundaries, to itself or to
/// the escape that wrote it.
fn check_calendar(case: &Case) -> bool {
    let data = String::from_utf8_lossy(&case.data).into_owned();
    let fields = text_fields(case.variant);
    let posts = match case.variant % 3 {
        0 => calendar::csv_calendar(&data, &fields).map(|c| (0..c.len()).map(|i| c.post(i)).collect()),
        kind => calendar::json_posts(&data, kind == 2, &fields),
    };
    match posts {
        Ok(rows) => {
            // a row that does not parse is reported on its own (never quoting it); the others map back
            let mut messages = Vec::new();
            for row in &rows {
                match row {
                    Ok(post) => assert_maps_back(&data, post),
                    Err(e) => messages.push(e.to_string()),
                }
            }
            // one pass over the input for all messages: a line-per-row message over a big input, one pass each,
            // took seconds (found by this fuzzer as a hang)
            assert_no_quote(&messages.join("\n"), data.as_bytes());
            true
        }
        Err(message) => {
            assert_no_quote(&message, data.as_bytes());
            false
        }
    }
}

fn text_fields(variant: u8) -> Vec<String> {
    if variant & 8 != 0 {
        vec!["caption".into(), "Notes".into()]
    } else {
        Vec::new()
    }
}

fn assert_maps_back(data: &str, post: &CalendarPost) {
    let whole = post.file_range(0, post.text.len());
    assert_span(data, whole.start, whole.end, "post");
    for (start, c) in post.text.char_indices() {
        let range = post.file_range(start, start + c.len_utf8());
        assert_span(data, range.start, range.end, "character");
        let there = &data[range];
        let own = there == c.encode_utf8(&mut [0; 4]);
        assert!(own || there.starts_with('\\') || there == "\"\"", "text byte {start} maps to other text");
    }
}

/// The whole check of a file (a post or a calendar): findings and fix edits in bounds, on character boundaries,
/// `matched` is the file's bytes; the safe fixes apply.
fn check_check(case: &Case) -> bool {
    let text = String::from_utf8_lossy(&case.data).into_owned();
    let (engine, config) = engines();
    let engine = &engine[usize::from(case.variant & 1)];
    let path = check_path(case.variant);
    let (findings, problems) = check_text(engine, config, path.as_deref(), text.clone()).expect("check_text");
    assert_findings(&text, engine, &findings);
    // one pass over the input for all messages: a broken calendar can have a message for each of its rows
    let messages: Vec<&str> = problems.errors.iter().chain(&problems.warnings).map(String::as_str).collect();
    assert_no_quote(&messages.join("\n"), text.as_bytes());
    problems.is_empty()
}

fn check_path(variant: u8) -> Option<PathBuf> {
    ["", "post.md", "calendar.csv", "calendar.json", "calendar.jsonl"]
        .get(usize::from(variant >> 1) % 5)
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
}

fn assert_findings(text: &str, engine: &Engine, findings: &[Finding]) {
    let mut edits = Vec::new();
    for f in findings {
        assert!(f.rule < engine.rules().len(), "finding of rule {} of {}", f.rule, engine.rules().len());
        assert_span(text, f.start, f.end, "finding");
        assert_eq!(f.matched, text[f.start..f.end], "matched is the file's bytes");
        for related in &f.related {
            assert_span(text, related.start, related.end, "related span");
            assert_eq!(related.matched, text[related.start..related.end], "related matched is the file's bytes");
        }
        assert!(f.begin_pos.line >= 1 && f.begin_pos <= f.end_pos, "positions {:?}..{:?}", f.begin_pos, f.end_pos);
        for edit in f.fix.iter().flat_map(|fix| &fix.edits) {
            assert_span(text, edit.start, edit.end, "fix edit");
            edits.push(edit.clone());
        }
    }
    let (fixed, applied) = carelint::fix::apply_edits(text, &edits);
    assert!(applied <= edits.len() && (applied > 0 || fixed == text), "apply_edits changed the text without an edit");
}

/// The default rules, compiled once both ways (a run over many posts, a pre-commit check of a few).
fn engines() -> &'static ([Engine; 2], Config) {
    static ENGINES: OnceLock<([Engine; 2], Config)> = OnceLock::new();
    ENGINES.get_or_init(|| {
        let set = common::default_ruleset();
        let many = common::many_posts_engine(&set, Allowlist::default());
        let few = common::few_posts_engine(&set, Allowlist::default());
        ([many, few], Config::default())
    })
}

/// The ruleset loader: a file loads or is refused with an error on one of its lines; a loaded ruleset resolves,
/// compiles or is refused, and a compiled one checks text within bounds.
fn check_ruleset(case: &Case) -> bool {
    let text = String::from_utf8_lossy(&case.data).into_owned();
    let mut set = Ruleset::default();
    // `\n`, `\r\n` and a lone `\r` each end a line
    let lines = carelint::text::lines::break_ends(&text).count() + 1;
    if let Err(e) = set.add_file("fuzz.toml", &text) {
        assert!(e.line.is_none_or(|l| l >= 1 && l <= lines), "error on line {:?} of {lines}: {e}", e.line);
        return false;
    }
    let Ok(set) = set.resolve() else { return false };
    let Ok(engine) = Engine::new(set.rules.clone(), set.words(), Allowlist::default()) else {
        return false;
    };
    let config = Config::default();
    let examples = set.rules.iter().flat_map(|r| r.examples.flag.iter().chain(&r.examples.pass)).take(8);
    let posts = &corpus().posts;
    let post = String::from_utf8_lossy(&posts[usize::from(case.variant) % posts.len()]);
    let samples = examples.map(String::as_str).chain(SAMPLE_POSTS.iter().copied()).chain([post.as_ref()]);
    for sample in samples {
        let (findings, _) = check_text(&engine, &config, None, sample.to_string()).expect("check_text");
        assert_findings(sample, &engine, &findings);
    }
    !set.rules.is_empty()
}

const SAMPLE_POSTS: &[&str] = &[
    "---\nkind: testimonial\nplatform: x\n---\nJane Roe, 532-48-1975, call 555-0123. Miracle cure! #ad\n",
    "Ｍｉｒａｃｌｅ ｃｕｒｅ for the f1u, p-a-t-i-e-n-t in room 4 <!-- carelint-disable -->x\u{301}\u{200b}y",
];

// ---------------------------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------------------------

/// splitmix64: small, fast, and the same everywhere.
struct Rng {
    state: u64,
    /// How often (percent) `either` picks an invalid value.
    faults: u64,
}

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng { state: seed, faults: 8 }
    }

    fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Mostly one of `valid`, now and then one of `invalid`: a generated file is mostly right, to get past parsing.
    fn either(&mut self, valid: &[&'static str], invalid: &[&'static str]) -> &'static str {
        let items = if invalid.is_empty() || !self.chance(self.faults) { valid } else { invalid };
        items[self.below(items.len())]
    }

    /// Mostly small numbers, sometimes large: sizes and repeat counts.
    fn size(&mut self, small: usize, large: usize) -> usize {
        if self.chance(90) {
            1 + self.below(small)
        } else {
            1 + self.below(large)
        }
    }
}

/// The seed inputs: the repository's posts, calendars built from them, and rule files.
struct Corpus {
    posts: Vec<Vec<u8>>,
    /// `(variant % 3, bytes)`: 0 CSV, 1 JSON, 2 JSONL.
    calendars: Vec<(u8, Vec<u8>)>,
    rulesets: Vec<Vec<u8>>,
}

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let root = common::package_root();
        let posts = ["examples/posts", "tests/fixtures/posts", "tests/corpus/posts"]
            .iter()
            .flat_map(|dir| files_in(&root.join(dir)))
            .collect::<Vec<_>>();
        let rulesets: Vec<Vec<u8>> =
            ["rules", "tests/fixtures/rulesets"].iter().flat_map(|dir| files_in(&root.join(dir))).collect();
        assert!(!posts.is_empty() && !rulesets.is_empty(), "the fuzz corpus is in the repository");
        let mut calendars: Vec<(u8, Vec<u8>)> =
            CALENDAR_SEEDS.iter().map(|(kind, text)| (*kind, text.as_bytes().to_vec())).collect();
        for chunk in posts.chunks(8).take(40) {
            let texts: Vec<String> = chunk.iter().map(|p| String::from_utf8_lossy(p).into_owned()).collect();
            calendars.push((0, csv_of(&texts).into_bytes()));
            calendars.push((1, json_of(&texts, false).into_bytes()));
            calendars.push((2, json_of(&texts, true).into_bytes()));
        }
        Corpus { posts, calendars, rulesets }
    })
}

fn files_in(dir: &Path) -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))).collect()
}

const CALENDAR_SEEDS: &[(u8, &str)] = &[
    (0, "date,platform,caption\n2026-01-05,x,\"A \"\"miracle cure\"\",\nnew line\"\n2026-01-06,instagram,plain tip\n"),
    (0, "\u{feff}Text,Kind,Consent\r\n\"Jane Roe loved it\",testimonial,\r\n,,\r\nCall 555-0142,,AUTH-1\r\n"),
    (0, "post\n\"\"\n\"a,b\"\n"),
    (1, r#"{"posts": [{"id": 1, "text": "Tab\there \u00e9 \"miracle cure\"", "platform": "x"}, {"text": "ok"}]}"#),
    (1, r#"[{"caption": "\ud83d\ude00 cures flu", "tags": [1, {"a": [true, null]}], "kind": "testimonial"}]"#),
    (2, "{\"text\": \"one\"}\n{\"caption\": \"two miracle\"}\n"),
    (2, "{\"message\": \"Jane Roe, DOB 04/12/1961\", \"n\": 1e400}\r\n\n{\"copy\": \"\\\\ \\/ \\b\\f\\n\"}\n"),
];

fn csv_of(texts: &[String]) -> String {
    let mut out = String::from("date,platform,caption,kind\n");
    for (i, t) in texts.iter().enumerate() {
        out.push_str(&format!("2026-02-{:02},instagram,\"{}\",post\n", i + 1, t.replace('"', "\"\"")));
    }
    out
}

fn json_of(texts: &[String], jsonl: bool) -> String {
    let records: Vec<String> =
        texts.iter().map(|t| serde_json::json!({"platform": "facebook", "text": t, "n": 1}).to_string()).collect();
    if jsonl {
        records.join("\n")
    } else {
        format!("{{\"posts\": [{}]}}", records.join(",\n"))
    }
}

fn gen_decode(rng: &mut Rng, corpus: &Corpus) -> Case {
    let base = rng.pick(&corpus.posts).clone();
    Case { variant: 0, data: mutate(rng, base, corpus) }
}

fn gen_document(rng: &mut Rng, corpus: &Corpus) -> Case {
    let mut data = rng.pick(&corpus.posts).clone();
    if rng.chance(20) {
        data = front_matter(rng, data);
    }
    Case { variant: 0, data: mutate(rng, data, corpus) }
}

fn gen_calendar(rng: &mut Rng, corpus: &Corpus) -> Case {
    let (kind, base) = rng.pick(&corpus.calendars);
    let mut data = base.clone();
    if rng.chance(15) {
        data = nested(rng, data, *kind);
    }
    // mostly the format the seed is in, sometimes another (a JSON file read as CSV)
    let kind = if rng.chance(90) { *kind } else { rng.below(3) as u8 };
    let variant = kind + if rng.chance(20) { 8 } else { 0 };
    Case { variant, data: mutate(rng, data, corpus) }
}

fn gen_check(rng: &mut Rng, corpus: &Corpus) -> Case {
    let engine = rng.below(2) as u8;
    let file = rng.below(5) as u8;
    let data = match file {
        2..=4 => {
            let seeds: Vec<&Vec<u8>> =
                corpus.calendars.iter().filter(|(k, _)| *k == file - 2).map(|(_, d)| d).collect();
            (*rng.pick(&seeds)).clone()
        }
        _ => rng.pick(&corpus.posts).clone(),
    };
    Case { variant: engine | file << 1, data: mutate(rng, data, corpus) }
}

fn gen_ruleset(rng: &mut Rng, corpus: &Corpus) -> Case {
    let data = if rng.chance(25) {
        let base = rng.pick(&corpus.rulesets).clone();
        mutate(rng, base, corpus)
    } else {
        let text = ruleset(rng).into_bytes();
        if rng.chance(30) {
            mutate(rng, text, corpus)
        } else {
            text
        }
    };
    Case { variant: rng.next() as u8, data }
}

/// Syntax that the parsers give meaning to, and text that the rules look at.
const TOKENS: &[&[u8]] = &[
    b"---\n",
    b"+++\n",
    b"...\n",
    b"---",
    b"+++",
    b"<!--",
    b"-->",
    b"<!-- carelint-disable -->",
    b"<!-- carelint-enable PHI -->",
    b"<!-- carelint-disable-next-line PHI001, MIS -- why -->",
    b"<!-- carelint:consent id=A1 expires=2027-01-31 scope=story,photo -->",
    b"<!-- carelint:consent -->",
    b"\"",
    b"\"\"",
    b"'",
    b"\\",
    b"\\u",
    b"\\ud800",
    b"\\udc00",
    b"\\u00e9",
    b"\r",
    b"\r\n",
    b"\n",
    b"\t",
    "\u{feff}".as_bytes(),
    b"\0",
    b"\xff",
    b"\xc3",
    b"\xe2\x82",
    b"\xed\xa0\x80",
    b",",
    b":",
    b"=",
    b"[",
    b"]",
    b"{",
    b"}",
    b"[[",
    b"]]",
    b"- ",
    b"  ",
    b"#",
    b"&a",
    b"*a",
    b"!!binary",
    b"|\n",
    b">-\n",
    b"? ",
    b"%YAML 1.2\n",
    b"kind: testimonial\n",
    b"kind = \"testimonial\"\n",
    b"platform: x\n",
    b"carelint:\n  allow: [PHI]\n",
    b"[consent]\n",
    b"consent: {id: A1}\n",
    b"1e999999",
    b"-0",
    b"99999999999999999999999999",
    b"0x",
    b"nan",
    b"532-48-1975",
    b"555-0123",
    b"Jane Roe",
    b"DOB 04/12/1961",
    b"#ad",
    b"miracle cure",
    b"cures cancer",
    b"https://example.com/x",
    b"@{patient}",
    "\u{200b}".as_bytes(),
    "\u{301}".as_bytes(),
    "\u{2028}".as_bytes(),
    "ﬁ".as_bytes(),
    "𝐌𝐢𝐫𝐚𝐜𝐥𝐞".as_bytes(),
    "👩‍⚕️".as_bytes(),
    "５３２".as_bytes(),
    "İ".as_bytes(),
    b"{{x*3}}",
];

/// Words and marks the frame shapes and clause polarity look at, for mutation 10 (kept compact: a word list).
#[rustfmt::skip]
const FRAME_WORDS: &[&str] = &[
    "Thank you", "Thanks for the 5 stars", "Hi", "Dear", "Congrats", "Denise", "Priya", "Mr.", "Dr.", "Mrs. Okafor",
    "@sam_runs", "Reply:", "Owner response", "your crown", "your visit", "surgery", "our patient", "came to us",
    "in bed 7", "at 94", "on July 2nd", "cures", "prevents", "flu", "may help", "Myth:", "Fact:", "not", "No.", "?", "!",
    ".", ",", ":", "\n", "\n\n", "—", "-", "\"", "'", "(", ")", "#ad", "code SAVE20",
];

/// Applies one to eight random mutations.
fn mutate(rng: &mut Rng, mut data: Vec<u8>, corpus: &Corpus) -> Vec<u8> {
    for _ in 0..1 + rng.below(8) {
        mutate_once(rng, &mut data, corpus);
    }
    data
}

fn mutate_once(rng: &mut Rng, data: &mut Vec<u8>, corpus: &Corpus) {
    let at = |rng: &mut Rng, data: &Vec<u8>| rng.below(data.len() + 1);
    match rng.below(12) {
        0 if !data.is_empty() => {
            let i = rng.below(data.len());
            data[i] ^= 1 << rng.below(8);
        }
        1 if !data.is_empty() => {
            let i = rng.below(data.len());
            data[i] = rng.next() as u8;
        }
        2 | 3 => {
            let i = at(rng, data);
            let token = *rng.pick(TOKENS);
            data.splice(i..i, token.iter().copied());
        }
        4 => {
            // a piece of another input
            let other = rng.pick(&corpus.posts);
            let start = rng.below(other.len() + 1);
            let end = (start + rng.size(200, 4000)).min(other.len());
            let i = at(rng, data);
            data.splice(i..i, other[start..end].iter().copied());
        }
        5 if !data.is_empty() => {
            let start = rng.below(data.len());
            let end = (start + rng.size(64, 4000)).min(data.len());
            data.drain(start..end);
        }
        6 if !data.is_empty() => {
            // a repeated piece
            let start = rng.below(data.len());
            let end = (start + rng.size(16, 200)).min(data.len());
            let piece = data[start..end].repeat(rng.size(8, 400));
            data.splice(end..end, piece);
        }
        7 => truncate_at_boundary(rng, data),
        8 => {
            // a very long line
            let token = *rng.pick(TOKENS);
            let unit: &[u8] = if rng.chance(50) { b"a" } else { token };
            let line = unit.repeat(rng.size(2000, 64 * 1024) / unit.len().max(1) + 1);
            let i = at(rng, data);
            data.splice(i..i, line);
        }
        9 => {
            let i = at(rng, data);
            let number = *rng.pick(&["18446744073709551616", "-9223372036854775809", "1e308", "0.0000001e-400"]);
            data.splice(i..i, number.bytes());
        }
        10 => {
            // a sentence of the words frames read (greetings, names, titles, care and claim words, polarity cues)
            // between punctuation: the shapes and clause logic slice text around them
            let words: Vec<&str> = (0..rng.size(3, 24)).map(|_| *rng.pick(FRAME_WORDS)).collect();
            let i = at(rng, data);
            data.splice(i..i, words.join(" ").into_bytes());
        }
        _ => {
            // a byte that is not UTF-8, or a NUL, at a random place
            let i = at(rng, data);
            data.insert(i, *rng.pick(&[0u8, 0x80, 0xbf, 0xc0, 0xf5, 0xff]));
        }
    }
}

/// Cuts the input at a syntax boundary (after a line break, a quote, a fence, a comment marker) or inside a
/// multi-byte character.
fn truncate_at_boundary(rng: &mut Rng, data: &mut Vec<u8>) {
    let marks: &[&[u8]] = &[b"\n", b"\"", b"---", b"+++", b"<!--", b"-->", b",", b"{", b"[", b"\\", b"=", b":"];
    let mark = *rng.pick(marks);
    let hits: Vec<usize> = data.windows(mark.len()).enumerate().filter(|(_, w)| *w == mark).map(|(i, _)| i).collect();
    let cut = if hits.is_empty() || rng.chance(15) {
        // inside a character when the byte there continues one
        rng.below(data.len() + 1)
    } else {
        *rng.pick(&hits) + rng.below(mark.len() + 1)
    };
    data.truncate(cut);
}

/// Front matter from a small grammar: YAML or TOML, valid or nearly so, deep or wide.
fn front_matter(rng: &mut Rng, body: Vec<u8>) -> Vec<u8> {
    let toml = rng.chance(40);
    let fence = if toml { "+++" } else { "---" };
    let mut out = format!("{fence}\n");
    for _ in 0..rng.below(6) {
        let key = *rng.pick(&["kind", "platform", "title", "consent", "carelint", "date", "alt", "é", "\"q\""]);
        let value = match rng.below(5) {
            0 => format!("\"{}\"", rng.pick(&["testimonial", "x", "Jane Roe", "a\\\"b", ""])),
            1 => rng.pick(&["[a, b]", "{id: A1}", "[]", "1e999", "null", "~", "true"]).to_string(),
            2 if toml => "[\"PHI\"]".to_string(),
            2 => "\n  allow: [PHI, MIS001]".to_string(),
            3 => {
                let depth = rng.size(8, 3000);
                "[".repeat(depth) + &"]".repeat(if rng.chance(80) { depth } else { depth / 2 })
            }
            _ => "plain words".to_string(),
        };
        let sep = if toml { " = " } else { ": " };
        out.push_str(&format!("{key}{sep}{value}\n"));
    }
    if rng.chance(85) {
        out.push_str(fence);
        out.push('\n');
    }
    let mut data = out.into_bytes();
    data.extend(body);
    data
}

/// Deeply nested values inside a calendar: JSON arrays and objects, or quoted CSV cells.
fn nested(rng: &mut Rng, mut data: Vec<u8>, kind: u8) -> Vec<u8> {
    let depth = rng.size(16, 100_000);
    let close = rng.chance(80);
    let deep = match kind {
        0 => format!("\"{}\"", "\"\"".repeat(depth)),
        _ if rng.chance(50) => {
            let closing = if close { "]".repeat(depth) } else { String::new() };
            format!("{{\"text\": \"deep\", \"d\": {}{closing}}}", "[".repeat(depth))
        }
        _ => {
            let closing = if close { "}".repeat(depth) } else { String::new() };
            format!("{{\"caption\": \"deep\", \"d\": {}1{closing}}}", "{\"a\":".repeat(depth))
        }
    };
    let place = match kind {
        0 => data.iter().position(|&b| b == b'\n').map_or(data.len(), |i| i + 1),
        1 => data.iter().position(|&b| b == b'[').map_or(0, |i| i + 1),
        _ => 0,
    };
    let suffix: &[u8] = match kind {
        0 => b",x\n",
        1 => b",",
        _ => b"\n",
    };
    let insert: Vec<u8> = deep.bytes().chain(suffix.iter().copied()).collect();
    data.splice(place..place, insert);
    data
}

/// A key of a rule and how to make its value.
type RuleKey = (&'static str, fn(&mut Rng) -> String);

/// A ruleset from a grammar: lists, kinds and rules with valid and invalid keys and values, and small regexes.
fn ruleset(rng: &mut Rng) -> String {
    // most files are meant to be valid, to reach the engine; the others have a fault here and there
    rng.faults = if rng.chance(60) { 0 } else { 12 };
    let mut out = String::new();
    if rng.faults == 0 || rng.chance(60) {
        out.push_str("[lists]\n");
        let names = if rng.faults == 0 { 3 } else { 1 + rng.below(3) };
        for name in ["patient", "cure", "x-y"].iter().take(names) {
            out.push_str(&format!("{name} = {}\n", string_list(rng)));
        }
    }
    if rng.chance(40) {
        out.push_str(&format!("[kinds]\ntestimonial = {}\n", string_list(rng)));
    }
    for n in 0..rng.size(3, 12) {
        out.push_str("\n[[rules]]\n");
        let id = if !rng.chance(rng.faults) {
            format!("FZ{:03}", n + usize::from(rng.chance(rng.faults)))
        } else {
            rng.pick(&["", "a b", "É1"]).to_string()
        };
        out.push_str(&format!("id = {}\n", quoted(&id)));
        let entries: &[RuleKey] = &[
            ("name", |r| quoted(r.either(&["fuzz-rule", "x1"], &["Fuzz Rule", ""]))),
            ("category", |r| quoted(r.either(&["phi", "misinformation", "testimonial"], &["Bad Cat"]))),
            ("severity", |r| quoted(r.either(&["error", "warning", "info"], &["fatal"]))),
            ("message", |r| quoted(r.either(&["Looks risky", "quote \" and \\ back"], &[" "]))),
            ("whole_word", |r| r.either(&["true", "false"], &["1"]).to_string()),
            ("redact", |r| r.either(&["true", "false"], &[]).to_string()),
            ("validator", |r| quoted(r.either(validators::NAMES, &["nope"]))),
            ("context", context_table),
            ("document", document_table),
            ("fix", fix_table),
            ("no_fix", |r| quoted(r.pick::<&str>(&["needs a human", ""]))),
            ("examples", |r| format!("{{ flag = {}, pass = {} }}", string_list(r), string_list(r))),
            ("bogus_key", |r| number(r)),
        ];
        let matcher = rng.below(4);
        let mut fixed = false;
        for (key, value) in entries {
            let required = matches!(*key, "name" | "category" | "severity" | "message");
            // keys that a valid rule may have only in some combinations
            let conflicts = match *key {
                "validator" => !matches!(matcher, 1 | 2),
                "no_fix" => fixed,
                _ => *key == "bogus_key",
            };
            let wanted = if required {
                !rng.chance(rng.faults / 2)
            } else if conflicts {
                rng.chance(rng.faults / 3)
            } else {
                rng.chance(25)
            };
            if wanted {
                fixed |= *key == "fix";
                out.push_str(&format!("{key} = {}\n", value(rng)));
            }
        }
        for m in 0..4 {
            if m == matcher || (m != 2 && rng.chance(rng.faults / 2)) {
                match m {
                    0 => out.push_str(&format!("phrases = {}\n", string_list(rng))),
                    1 | 2 => out.push_str(&format!("pattern = {}\n", quoted(&regex(rng, 3)))),
                    _ => out.push_str(&format!(
                        "limit = {{ measure = {}, max = {} }}\n",
                        quoted(rng.either(&["characters", "x-characters", "hashtags"], &["words"])),
                        number(rng)
                    )),
                }
            }
        }
    }
    out
}

fn context_table(rng: &mut Rng) -> String {
    format!(
        "{{ any = {}, none = {}, words = {}, sentence = {}, after_char = {} }}",
        string_list(rng),
        string_list(rng),
        number(rng),
        rng.pick(&["true", "false"]),
        number(rng)
    )
}

fn document_table(rng: &mut Rng) -> String {
    let mut parts = Vec::new();
    for key in ["kinds", "unless_kinds", "platforms", "fields", "unless_fields", "any", "unless_any"] {
        if rng.chance(30) {
            parts.push(format!("{key} = {}", string_list(rng)));
        }
    }
    let unless_any = parts.iter().any(|p| p.starts_with("unless_any"));
    for key in ["unless_within", "min_distinct"] {
        let fits = key != "unless_within" || unless_any || rng.chance(rng.faults);
        if fits && rng.chance(30) {
            parts.push(format!("{key} = {}", number(rng)));
        }
    }
    if rng.chance(20) {
        parts.push("once = true".into());
    }
    format!("{{ {} }}", parts.join(", "))
}

fn fix_table(rng: &mut Rng) -> String {
    let action = rng.either(&["redact", "remove", "replace", "prepend", "append"], &["explode"]);
    let text = if !rng.chance(rng.faults * 2) {
        format!(", text = {}", quoted(rng.either(&["[redacted]", "#ad ", "é\n"], &[""])))
    } else {
        String::new()
    };
    let applicability = rng.either(&["safe", "unsafe"], &["maybe"]);
    format!("{{ action = {}{text}, applicability = {} }}", quoted(action), quoted(applicability))
}

fn number(rng: &mut Rng) -> String {
    let valid = ["1", "3", "8", "280", "18446744073709551615"];
    rng.either(&valid, &["0", "-1", "18446744073709551616", "1.5", "\"7\""]).to_string()
}

/// Phrases, list references (known and not) and values that normalise or match in interesting ways.
#[rustfmt::skip]
const PHRASES: &[&str] = &[
    "miracle cure", "patient", "@patient", "@cure", "Jane Roe", "ÉCOLE", "a.b", "{{ok*3}}", "532-48-1975", "ﬁx",
    "#ad", "cures cancer", "İstanbul", "ß",
];
const BAD_PHRASES: &[&str] = &["@nope", "@", "", " ", "\u{200b}"];

fn string_list(rng: &mut Rng) -> String {
    let len = if rng.faults == 0 { 1 + rng.below(4) } else { rng.below(5) };
    let items: Vec<String> = (0..len).map(|_| quoted(rng.either(PHRASES, BAD_PHRASES))).collect();
    format!("[{}]", items.join(", "))
}

/// A TOML basic string.
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Regex pieces that parse, and pieces that do not (unclosed groups, stray quantifiers, look-arounds and
/// back-references the regex crate refuses, bad ranges and escapes).
#[rustfmt::skip]
const REGEX_ATOMS: &[&str] = &[
    "a", "cure", "\\d", "\\w", "\\s", "\\b", ".", "[a-z]", "[^0-9]", "[[:alpha:]]", "\\p{L}", "é", "^", "$",
    "@{patient}", "\\d{3}-\\d{2}-\\d{4}", "(?i)", "(?P<n>x)", "\\.", "[\\-\\]]", "\\x{1F600}",
];
#[rustfmt::skip]
const BAD_REGEX_ATOMS: &[&str] = &[
    "(", ")", "[", "\\", "*", "(?=x)", "\\1", "{2}", "\\Q", "[z-a]", "\\u{110000}", "@{nope}", "@{",
];

/// A small regex from a grammar, now and then with a syntax error. Small on purpose: hostile sizes are limited
/// elsewhere, and this harness does not assert on the speed of huge patterns.
fn regex(rng: &mut Rng, depth: usize) -> String {
    let mut out = String::new();
    for _ in 0..1 + rng.below(4) {
        let piece = if depth > 0 && rng.chance(30) {
            let inner = regex(rng, depth - 1);
            if rng.chance(50) {
                format!("(?:{inner}|{})", regex(rng, depth - 1))
            } else {
                format!("({inner})")
            }
        } else {
            rng.either(REGEX_ATOMS, BAD_REGEX_ATOMS).to_string()
        };
        out.push_str(&piece);
        if rng.chance(30) {
            out.push_str(rng.either(&["*", "+", "?", "{1,3}", "{0,2}?"], &["{,5}", "**"]));
        }
    }
    out
}

#[test]
fn hashtag_limit_of_the_largest_integer_does_not_overflow() {
    let rule =
        "[[rules]]\nid = \"FZ1\"\nname = \"tags\"\ncategory = \"platform\"\nseverity = \"info\"\nmessage = \"m\"\n";
    let limit = "limit = { measure = \"hashtags\", max = 18446744073709551615 }\n";
    assert!(check_ruleset(&Case { variant: 0, data: format!("{rule}{limit}").into_bytes() }));
}

#[test]
fn many_next_line_directives_parse_in_linear_time() {
    // each directive used to count the lines from the start of the post: 20,000 of them took minutes (a hang)
    let doc = Document::parse("<!-- carelint-disable-next-line -->\n".repeat(20_000));
    assert_eq!(doc.directives.len(), 20_000);
    let last = Directive::DisableNextLine { line: 20_001, rules: Vec::new(), at: 20_000, reason: None };
    assert_eq!(doc.directives[19_999], last);
}
