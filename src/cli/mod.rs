//! The command line: parses arguments, resolves configuration, runs a command and returns the exit code.

use std::io::{IsTerminal, Write as _};
use std::path::PathBuf;

use anyhow::{bail, Context as _};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::allow::Allowlist;
use crate::check;
use crate::config::{self, Config, FailOn};
use crate::consent::Date;
use crate::engine::Engine;
use crate::finding::{InputError, RunReport, Severity};
use crate::input;
use crate::policy::{self, Selection, COMMAND_LINE};
use crate::progress::{self, Clearing, Progress};
use crate::report::{FixesApplied, Format, Output, Report, ERROR_STYLE};
use crate::rules::{Renames, Rule, Ruleset};
use crate::scope::{Scope, ScopeOptions};

mod consents;
mod options;

use consents::{load_registry, run_consents_check, run_review_sign, without_registry};
use options::{audit, check_report_options, diff_summary, report_file, write_previews};

/// Exit codes of the contract.
pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "carelint",
    version,
    about = "Checks draft social-media posts of healthcare practices for PHI, \
misinformation and undisclosed testimonials before they are published."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check posts (files, directories, or stdin with `-`).
    // an option given twice takes its last value, so a wrapper can append its own (`--fail-on never`)
    #[command(args_override_self = true)]
    Check(CheckArgs),
    /// List every active rule.
    Rules(RulesArgs),
    /// Explain one rule: what it checks, why, examples, the fix, references.
    Explain(ExplainArgs),
    /// Write a commented carelint.toml in the current directory.
    Init(InitArgs),
    /// Manage the git pre-commit hook.
    #[command(subcommand)]
    Hook(HookCommand),
    /// Print the completion script of a shell.
    Completions(CompletionsArgs),
    /// Print the man page (roff) on stdout.
    Manpage,
    /// The consent registry: validate it, list authorizations about to expire.
    #[command(subcommand)]
    Consents(ConsentsCommand),
    /// Compliance sign-off of posts.
    #[command(subcommand)]
    Review(ReviewCommand),
}

#[derive(Subcommand, Debug)]
enum ConsentsCommand {
    /// Validate the registry (each problem with its file and line) and list authorizations expiring soon.
    Check(ConsentsCheckArgs),
}

#[derive(Args, Debug)]
struct ConsentsCheckArgs {
    #[command(flatten)]
    rules: RuleOptions,
    /// The registry file (default: `consents` in carelint.toml).
    #[arg(long, value_name = "FILE")]
    consents: Option<PathBuf>,
    /// Also list the authorizations that expire within DAYS days of today (or --as-of).
    #[arg(long, value_name = "DAYS")]
    expiring_within: Option<u32>,
    /// The date "today" is for --expiring-within (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    as_of: Option<Date>,
}

#[derive(Subcommand, Debug)]
enum ReviewCommand {
    /// Record a reviewer's sign-off in posts, for the findings of the rules `[review] rules` names.
    Sign(ReviewSignArgs),
}

#[derive(Args, Debug)]
struct ReviewSignArgs {
    /// The post files to sign off.
    #[arg(required = true)]
    posts: Vec<PathBuf>,
    /// The reviewer's name.
    #[arg(long, value_name = "NAME")]
    by: String,
    /// The date of the review (YYYY-MM-DD; default today).
    #[arg(long, value_name = "DATE")]
    on: Option<Date>,
    /// Sign off only these rules (ids, prefixes or categories, comma-separated; default: every rule that needs a
    /// reviewer and has a finding in the post).
    #[arg(long = "only", value_delimiter = ',', value_name = "X")]
    sign_rules: Vec<String>,
    #[command(flatten)]
    rules: RuleOptions,
}

/// Options that decide which rules are active (shared by every command).
#[derive(Args, Debug, Clone)]
struct RuleOptions {
    /// A carelint.toml to use (default: discovered from the current directory upwards).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Ignore any carelint.toml.
    #[arg(long, conflicts_with = "config")]
    no_config: bool,
    /// An extra TOML ruleset, merged over the active set (repeatable).
    #[arg(long = "rules", value_name = "FILE")]
    rule_files: Vec<PathBuf>,
    /// Do not load the embedded default ruleset.
    #[arg(long)]
    no_default_rules: bool,
    /// Only these rules: ids, id prefixes (PHI, MIS0) or categories (phi), comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "X")]
    select: Option<Vec<String>>,
    /// Add these rules to the selection.
    #[arg(long, value_delimiter = ',', value_name = "X")]
    extend_select: Vec<String>,
    /// Leave these rules out.
    #[arg(long, value_delimiter = ',', value_name = "X")]
    ignore: Vec<String>,
}

#[derive(Args, Debug)]
struct CheckArgs {
    /// Files or directories to check; `-` reads stdin.
    paths: Vec<String>,
    #[command(flatten)]
    rules: RuleOptions,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// The lowest severity that makes the exit code 1.
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Print matched identifiers in full (default: masked).
    #[arg(long)]
    show_matches: bool,
    /// Apply safe fixes in place, then report what remains (stdin: print the fixed post, and the report on stderr).
    #[arg(long)]
    fix: bool,
    /// The name used for stdin input in reports; it also decides, as a path would, per-path overrides and whether
    /// stdin is a calendar (`.csv`, `.json`, `.jsonl`).
    #[arg(long, value_name = "NAME", default_value = input::STDIN_DISPLAY)]
    stdin_filename: String,
    /// Number of files checked at once (default: the number of cores).
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<usize>,
    /// Larger files are errors and are not read (bytes, or 10MB, 512KiB...; default the config's, else 8MiB for a
    /// post and 256MiB for a calendar).
    #[arg(long, value_name = "BYTES", value_parser = input::read::parse_size)]
    max_file_size: Option<u64>,
    /// Report only findings that are not in this baseline file (written by --write-baseline).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record every current finding in this baseline file and report none of them.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["baseline", "staged", "changed_since"])]
    write_baseline: Option<PathBuf>,
    /// Check the staged content of the staged posts (what the next commit holds), not the working tree; PATHs,
    /// if given, limit which staged files.
    #[arg(long, conflicts_with_all = ["fix", "diff", "changed_since"])]
    staged: bool,
    /// Report only findings on lines added or changed since this git revision (and findings about a whole post
    /// when any of its lines changed).
    #[arg(long, value_name = "REV")]
    changed_since: Option<String>,
    /// With --fix or --diff, also apply the unsafe fixes (added disclosures, rewordings): review them first.
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print a unified diff of what --fix would change and write nothing; the report goes to stderr, and the exit
    /// code is that of the files as they are (1 when findings remain). Identifiers are masked in it unless
    /// --show-matches is given.
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
    /// Ignore the posts' own suppressions (front-matter allow lists and carelint-disable comments), for an audit.
    #[arg(long)]
    no_inline_suppressions: bool,
    /// Print the number of findings per rule instead of the findings (human and concise formats).
    #[arg(long)]
    statistics: bool,
    /// Show only findings of this severity and above; the others still count for --fail-on.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    min_severity: Option<MinSeverity>,
    /// Write the report to FILE; a summary line goes to the terminal.
    #[arg(long, value_name = "FILE")]
    output_file: Option<PathBuf>,
    /// The consent registry to check posts' authorizations against (default: `consents` in carelint.toml).
    #[arg(long, value_name = "FILE")]
    consents: Option<PathBuf>,
    /// Judge consent and sign-off as of this date (YYYY-MM-DD) when it is later than a post's publish date.
    #[arg(long, value_name = "DATE")]
    as_of: Option<Date>,
    /// Check only posts whose publish date is on or before today (or --as-of): the published archive.
    #[arg(long)]
    published_only: bool,
}

/// The severities `--min-severity` takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum MinSeverity {
    Error,
    Warning,
    Info,
}

impl MinSeverity {
    fn severity(self) -> Severity {
        match self {
            MinSeverity::Error => Severity::Error,
            MinSeverity::Warning => Severity::Warning,
            MinSeverity::Info => Severity::Info,
        }
    }
}

/// An option value as the command line spells it.
fn value_name(value: impl ValueEnum) -> String {
    value.to_possible_value().map_or_else(String::new, |v| v.get_name().to_string())
}

#[derive(Args, Debug)]
struct InitArgs {
    /// Replace an existing carelint.toml.
    #[arg(long)]
    force: bool,
}

#[derive(Subcommand, Debug)]
enum HookCommand {
    /// Install the pre-commit hook that runs `carelint check --staged` in this repository.
    Install {
        /// Replace another pre-commit hook; it is kept as pre-commit.chained and runs first.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Args, Debug)]
struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ListFormat {
    Human,
    Json,
}

#[derive(Args, Debug)]
struct RulesArgs {
    #[command(flatten)]
    rules: RuleOptions,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: ListFormat,
    /// Print the active phrase and pattern rules as regexes, one a line, for `rg -f` (frames and limits have no
    /// regex form).
    #[arg(long, conflicts_with = "format")]
    export_patterns: bool,
    /// List the lexicons that frames can fill their slots from, instead of the rules.
    #[arg(long, conflicts_with = "export_patterns")]
    lexicons: bool,
}

#[derive(Args, Debug)]
struct ExplainArgs {
    /// The rule id, e.g. PHI001.
    rule_id: String,
    #[command(flatten)]
    rules: RuleOptions,
}

/// Runs the command line and returns the process exit code.
pub fn main() -> u8 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_ERROR } else { EXIT_CLEAN };
        }
    };
    let result = match cli.command {
        Command::Check(args) => run_check(args),
        Command::Rules(args) => run_rules(args),
        Command::Explain(args) => run_explain(args),
        Command::Init(args) => run_init(args),
        Command::Hook(HookCommand::Install { force }) => run_hook_install(force),
        Command::Completions(args) => {
            let script = crate::setup::completions(args.shell, <Cli as clap::CommandFactory>::command());
            write_stdout(&script).context("cannot write the completions").map(|()| EXIT_CLEAN)
        }
        Command::Manpage => crate::setup::manpage(<Cli as clap::CommandFactory>::command())
            .and_then(|page| write_stdout(&page).context("cannot write the man page"))
            .map(|()| EXIT_CLEAN),
        Command::Consents(ConsentsCommand::Check(args)) => run_consents_check(args),
        Command::Review(ReviewCommand::Sign(args)) => run_review_sign(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(anstream::stderr(), "{}error{}: {e:#}", ERROR_STYLE.render(), ERROR_STYLE.render_reset());
            EXIT_ERROR
        }
    }
}

/// Up to this many post files, a run compiles the rules for a quick start rather than for scanning speed.
const FEW_POSTS: usize = 8;

/// The configuration the options ask for: an explicit file, none, or the one discovered upwards.
fn load_config(opts: &RuleOptions) -> anyhow::Result<Config> {
    if opts.no_config {
        return Ok(Config::default());
    }
    let path = match &opts.config {
        Some(p) => Some(p.clone()),
        None => config::discover(&std::env::current_dir().context("cannot read the current directory")?),
    };
    match path {
        Some(p) => Config::load(&p),
        None => Ok(Config::default()),
    }
}

/// The configuration, the whole loaded ruleset, the selection the options make, and a note for each old rule id
/// (alias) the configuration or the options name.
fn loaded(opts: &RuleOptions) -> anyhow::Result<(Config, Selection, crate::rules::Ruleset, Vec<InputError>)> {
    let config = load_config(opts)?;
    let selection = Selection {
        select: opts.select.clone(),
        extend_select: opts.extend_select.clone(),
        ignore: opts.ignore.clone(),
        rule_files: opts.rule_files.clone(),
        no_default_rules: opts.no_default_rules,
    };
    let set = policy::load_ruleset(&config, &selection)?;
    let notes = policy::alias_notes(&set, &config, &selection);
    Ok((config, selection, set, notes))
}

/// What a command that checks posts needs of the rules: the active ones, and of the whole ruleset its kinds,
/// lexicons and names (posts may name kinds and rules that this run does not select).
struct Active {
    config: Config,
    rules: Vec<Rule>,
    /// The loaded ruleset's kinds, lexicons and lists (its rules taken out into `rules`).
    shared: Ruleset,
    vocabulary: policy::Vocabulary,
    notes: Vec<InputError>,
}

/// The active rules, taken out of the loaded ruleset (see `policy::active_rules`).
fn active(opts: &RuleOptions) -> anyhow::Result<Active> {
    let (config, selection, mut shared, notes) = loaded(opts)?;
    let vocabulary = policy::Vocabulary::new(&shared.rules, &shared.kinds);
    let rules = policy::active_rules(std::mem::take(&mut shared.rules), &config, &selection)?;
    Ok(Active { config, rules, shared, vocabulary, notes })
}

fn run_check(args: CheckArgs) -> anyhow::Result<u8> {
    let Active { mut config, rules, shared, vocabulary, notes } = active(&args.rules)?;
    check_report_options(&args)?;
    if let Some(registry) = load_registry(&config, args.consents.clone())? {
        if !registry.problems.is_empty() {
            bail!(
                "the consent registry has problems (`carelint consents check` lists them):\n{}",
                registry.problem_lines().join("\n")
            );
        }
        config.registry = Some(std::sync::Arc::new(registry));
    }
    config.as_of = args.as_of;
    config.published_only = args.published_only;
    // only the JSON and SARIF reports carry it, and hashing every ruleset file is a tenth of a one-post check
    let audit =
        matches!(args.format, Format::Json | Format::Sarif).then(|| audit(&args, &config, &rules, &shared.file_texts));
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    // no path reads stdin too
    let reads_stdin = !args.staged && (args.paths.is_empty() || args.paths.iter().any(|p| p == "-"));
    let (mut inputs, mut errors) = if args.staged {
        (input::staged::collect(&crate::git::Repo::discover(&cwd)?, &cwd, &args.paths)?, Vec::new())
    } else {
        let mut paths = args.paths.clone();
        if paths.is_empty() {
            if std::io::stdin().is_terminal() {
                bail!("no path given: name files or directories to check, or pipe a post into `carelint check -`");
            }
            paths.push("-".to_string());
        }
        input::collect(&paths, &args.stdin_filename)
    };
    if let Some(registry) = &config.registry {
        without_registry(&mut inputs, &registry.path);
    }
    let scope_options = ScopeOptions {
        baseline: args.baseline.clone(),
        write_baseline: args.write_baseline.clone(),
        changed_since: args.changed_since.clone(),
    };
    let mut scope = Scope::new(scope_options, &inputs, &cwd)?;
    let allow = Allowlist::new(&config.allow);
    let few_posts = inputs.len() <= FEW_POSTS && inputs.iter().all(|i| i.kind() == input::FileKind::Post);
    let engine = if few_posts {
        Engine::for_few_posts(rules, shared.words(), allow)?
    } else {
        Engine::new(rules, shared.words(), allow)?
    };
    // posts may name kinds and rules of the whole ruleset, not only of the selected rules
    let engine = engine.with_vocabulary(vocabulary);
    let threads = args.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let max_file_size = args.max_file_size.or(config.max_file_size);
    let fix = (args.fix || args.diff).then_some(check::FixMode {
        unsafe_fixes: args.unsafe_fixes,
        diff: args.diff,
        show_matches: args.show_matches,
    });
    let fixes_applied = match fix {
        None => FixesApplied::None,
        Some(mode) if mode.unsafe_fixes => FixesApplied::All,
        Some(_) => FixesApplied::Safe,
    };
    let report = Report {
        rules: engine.rules(),
        show_matches: args.show_matches,
        fixes_applied,
        statistics: args.statistics,
        audit: audit.as_ref(),
    };
    // stdout carries what --diff and a fix of stdin print; the report then goes to stderr
    let previews = args.diff || (args.fix && reads_stdin);
    let progress = Progress::new(progress::wanted(progress::Surroundings::current(), inputs.len()), inputs.len());
    let out: Box<dyn std::io::Write + Send> = match &args.output_file {
        Some(path) => report_file(path, &inputs)?,
        None if previews => Box::new(Clearing { inner: anstream::stderr(), progress: progress.clone() }),
        None => Box::new(std::io::BufWriter::new(Clearing { inner: anstream::stdout(), progress: progress.clone() })),
    };
    let min_severity = args.min_severity.map_or(Severity::Info, MinSeverity::severity);
    let mut output = Output::new(args.format, report, out, anstream::stderr()).with_min_severity(min_severity);
    let options = check::RunOptions {
        threads,
        fix,
        source_lines: output.needs_source_lines(),
        max_file_size,
        inline_suppressions: !args.no_inline_suppressions,
    };
    let rules = engine.rules();
    let mut run = check::run(&engine, &config, &inputs, options, &mut |mut file| {
        scope.narrow(rules, &mut file);
        progress.advance();
        output.file(file);
    });
    progress.clear();
    let wrote_baseline = scope.finish(&mut run)?;
    errors.append(&mut run.errors);
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    run.errors = errors;
    run.warnings.splice(0..0, notes);
    policy::one_note_per_alias(engine.vocabulary().renames(), &mut run.warnings);

    write_previews(&run).context("cannot write the fixed text")?;
    let totals = output.finish(&run).context("cannot write the report")?;
    if let Some(line) = wrote_baseline {
        let _ = writeln!(anstream::stderr(), "{line}");
    }
    // a line for people: after a JSON or SARIF report on stderr it would spoil the document
    if args.diff && matches!(args.format, Format::Human | Format::Concise) {
        write_stderr(diff_summary(&run).as_bytes()).context("cannot write the summary")?;
    }
    if let Some(path) = &args.output_file {
        let line = crate::report::summary_line(&report, &run, &totals);
        let summary = format!("{line}\nReport written to {}.\n", path.display());
        let written = if previews { write_stderr(summary.as_bytes()) } else { write_stdout(summary.as_bytes()) };
        written.context("cannot write the summary")?;
    }

    let fail_on = args.fail_on.or(config.fail_on).unwrap_or(FailOn::Error);
    let failing = [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .any(|severity| totals.count(severity) > 0 && fail_on.fails(severity));
    let code = if !run.errors.is_empty() {
        EXIT_ERROR
    } else if failing {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    };
    // the process ends here: freeing the compiled rules piece by piece would take milliseconds
    std::mem::forget((engine, shared));
    Ok(code)
}

fn run_rules(args: RulesArgs) -> anyhow::Result<u8> {
    let (config, selection, set, notes) = loaded(&args.rules)?;
    write_notes(&Renames::new(&set.rules), notes);
    let rules = policy::active_rules(set.rules.clone(), &config, &selection)?;
    let rules = policy::reported(&rules);
    let out = match args.format {
        _ if args.export_patterns => crate::explain::export_patterns(rules),
        ListFormat::Json if args.lexicons => crate::explain::lexicons_json(&set),
        ListFormat::Human if args.lexicons => crate::explain::lexicons_table(&set),
        ListFormat::Json => crate::explain::rules_json(rules),
        ListFormat::Human => crate::explain::rules_table(rules),
    };
    write_stdout(out.as_bytes()).context("cannot write the rule list")?;
    Ok(EXIT_CLEAN)
}

fn run_explain(args: ExplainArgs) -> anyhow::Result<u8> {
    let (config, selection, set, mut notes) = loaded(&args.rules)?;
    // the options' selection must name rules, as in every other command
    policy::check_selection(&set.rules, &config, &selection)?;
    let wanted = &args.rule_id;
    let renames = Renames::new(&set.rules);
    // a current id, else an old one: every rule that carries it now (several after a split)
    let rules: Vec<&Rule> = match set.rules.iter().find(|r| r.id.eq_ignore_ascii_case(wanted)) {
        Some(rule) => vec![rule],
        None => renames.get(wanted).map_or_else(Vec::new, |(_, ids)| {
            ids.iter().filter_map(|id| set.rules.iter().find(|r| &r.id == id)).collect()
        }),
    };
    if rules.is_empty() {
        bail!("unknown rule `{wanted}`; `carelint rules` lists them");
    }
    // an old id is never a current one (the ruleset is refused otherwise): this is a note only for an old id
    let note = renames.note(wanted).map(|note| format!("explain {wanted}: {note}"));
    notes.extend(note.map(|message| InputError { path: COMMAND_LINE.into(), message }));
    write_notes(&renames, notes);
    let text: Vec<String> = rules.into_iter().map(|rule| crate::explain::explain(rule, &set)).collect();
    write_stdout(text.join("\n").as_bytes()).context("cannot write the explanation")?;
    Ok(EXIT_CLEAN)
}

fn run_init(args: InitArgs) -> anyhow::Result<u8> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let done = crate::setup::init(&cwd, args.force)?;
    let mut err = anstream::stderr();
    let _ = writeln!(
        err,
        "Wrote {}: fill in [allow] values with the practice's own phone numbers, addresses and names first",
        done.path.display()
    );
    if !done.proposals.is_empty() {
        // masked: a terminal's scrollback and CI logs are no place for a number, even the practice's
        let _ = writeln!(
            err,
            "Proposed in it, commented out: contact details that recur across the {} posts here",
            done.posts
        );
        for p in &done.proposals {
            let _ = writeln!(err, "  {} (in {} posts)", crate::text::redact::mask(&p.value), p.posts);
        }
    }
    Ok(EXIT_CLEAN)
}

fn run_hook_install(force: bool) -> anyhow::Result<u8> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let said = match crate::setup::install_hook(&cwd, force)? {
        crate::setup::Installed::New(hook) => format!("Installed the carelint pre-commit hook at {}", hook.display()),
        crate::setup::Installed::Updated(hook) => format!("Updated the carelint pre-commit hook at {}", hook.display()),
        crate::setup::Installed::Chained(hook, old) => format!(
            "Installed the carelint pre-commit hook at {}; the hook that was there is now {} and runs first",
            hook.display(),
            old.display()
        ),
    };
    let _ = writeln!(anstream::stderr(), "{said}");
    Ok(EXIT_CLEAN)
}

/// The notes about old rule ids of a command without a report (`rules`, `explain`), on stderr, one per old id.
fn write_notes(renames: &Renames, mut notes: Vec<InputError>) {
    policy::one_note_per_alias(renames, &mut notes);
    let run = RunReport { warnings: notes, ..RunReport::default() };
    let _ = crate::report::write_problems(&mut anstream::stderr(), &run);
}

/// Writes a message to stderr (a report that moved there, a summary).
fn write_stderr(bytes: &[u8]) -> std::io::Result<()> {
    let mut err = anstream::stderr();
    err.write_all(bytes).and_then(|()| err.flush())
}

/// Writes a whole answer to stdout. A reader that stops early (`carelint rules --export-patterns | head -1`) is not
/// an error: it got what it wanted.
fn write_stdout(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = anstream::stdout();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        result => result,
    }
}
