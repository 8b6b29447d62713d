//! A progress line on stderr for long runs: `[=====>    ] 1200/2000 files`. It appears only after about a second
//! (a pre-commit run is over before that), only when stderr is a terminal, and never in CI or when the terminal
//! cannot move the cursor back (`TERM=dumb`). The report on stdout may go to the same terminal: the line is cleared
//! before any report text is written and drawn again after the next file.

use std::io::{self, Write};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How long a run goes before the line appears.
const DELAY: Duration = Duration::from_secs(1);
/// At most this often the line is drawn again.
const EVERY: Duration = Duration::from_millis(100);
const WIDTH: usize = 30;
/// Back to the start of the line and erase it.
const CLEAR: &str = "\r\x1b[2K";

/// What the decision looks at, so it can be tested without a terminal.
#[derive(Clone, Copy, Debug, Default)]
pub struct Surroundings {
    pub stderr_is_terminal: bool,
    /// `CI` is set (GitHub Actions, GitLab CI and most others set it): logs do not want redrawn lines.
    pub ci: bool,
    /// `TERM=dumb`: no cursor movement.
    pub dumb_terminal: bool,
}

impl Surroundings {
    /// The process's own surroundings.
    pub fn current() -> Surroundings {
        use std::io::IsTerminal;
        Surroundings {
            stderr_is_terminal: io::stderr().is_terminal(),
            ci: std::env::var_os("CI").is_some(),
            dumb_terminal: std::env::var_os("TERM").is_some_and(|t| t == "dumb"),
        }
    }
}

/// Whether a run of `files` inputs may show progress at all (it still waits for `DELAY` before it does).
pub fn wanted(surroundings: Surroundings, files: usize) -> bool {
    surroundings.stderr_is_terminal && !surroundings.ci && !surroundings.dumb_terminal && files > 1
}

/// The progress of one run, shared by the report writer (which clears the line) and the run (which advances it).
#[derive(Clone)]
pub struct Progress {
    state: Option<Arc<Mutex<State>>>,
}

struct State {
    total: usize,
    done: usize,
    started: Instant,
    drawn_at: Option<Instant>,
    /// Whether the line is on the terminal now.
    visible: bool,
}

impl Progress {
    /// Progress over `total` files when `enabled`, else a no-op.
    pub fn new(enabled: bool, total: usize) -> Progress {
        let state = State { total, done: 0, started: Instant::now(), drawn_at: None, visible: false };
        Progress { state: enabled.then(|| Arc::new(Mutex::new(state))) }
    }

    fn with<T>(&self, f: impl FnOnce(&mut State) -> T) -> Option<T> {
        self.state.as_ref().map(|s| f(&mut s.lock().unwrap_or_else(PoisonError::into_inner)))
    }

    /// One more file is done: the line is drawn if the run has gone on long enough.
    pub fn advance(&self) {
        self.with(|s| {
            s.done += 1;
            let now = Instant::now();
            let due = s.drawn_at.is_none_or(|at| now - at >= EVERY) || !s.visible;
            if now - s.started >= DELAY && due {
                let _ = write!(io::stderr(), "{CLEAR}{}", line(s.done, s.total));
                s.drawn_at = Some(now);
                s.visible = true;
            }
        });
    }

    /// Erases the line, before other text goes to the terminal.
    pub fn clear(&self) {
        self.with(|s| {
            if s.visible {
                let _ = write!(io::stderr(), "{CLEAR}");
                s.visible = false;
            }
        });
    }
}

/// `[=====>    ] 12/40 files`
fn line(done: usize, total: usize) -> String {
    let filled = (done * WIDTH).checked_div(total).unwrap_or(WIDTH).min(WIDTH);
    let bar: String = (0..WIDTH)
        .map(|i| match i.cmp(&filled) {
            std::cmp::Ordering::Less => '=',
            std::cmp::Ordering::Equal => '>',
            std::cmp::Ordering::Greater => ' ',
        })
        .collect();
    format!("[{bar}] {done}/{total} files")
}

/// A writer for the report that erases the progress line before each write, so report text never lands on it.
pub struct Clearing<W> {
    pub inner: W,
    pub progress: Progress,
}

impl<W: Write> Write for Clearing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.progress.clear();
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_real_terminal_outside_ci_gets_progress() {
        let terminal = Surroundings { stderr_is_terminal: true, ..Surroundings::default() };
        assert!(wanted(terminal, 100));
        assert!(!wanted(terminal, 1), "one file has nothing to count");
        assert!(!wanted(Surroundings { ci: true, ..terminal }, 100));
        assert!(!wanted(Surroundings { dumb_terminal: true, ..terminal }, 100));
        assert!(!wanted(Surroundings::default(), 100), "a pipe or a file");
    }

    #[test]
    fn the_line_fills_with_the_files_done() {
        assert_eq!(line(0, 4), format!("[>{}] 0/4 files", " ".repeat(WIDTH - 1)));
        assert_eq!(line(2, 4), format!("[{}>{}] 2/4 files", "=".repeat(15), " ".repeat(14)));
        assert_eq!(line(4, 4), format!("[{}] 4/4 files", "=".repeat(WIDTH)));
    }

    #[test]
    fn a_disabled_progress_writes_nothing_and_report_text_passes_through() {
        let progress = Progress::new(false, 10);
        progress.advance();
        let mut out = Clearing { inner: Vec::new(), progress };
        out.write_all(b"report").unwrap();
        assert_eq!(out.inner, b"report");
    }
}
