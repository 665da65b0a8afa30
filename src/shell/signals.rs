//! Signals that end the wizard from outside: SIGTERM (`kill`, a shutdown), SIGHUP (the terminal
//! window was closed, an SSH connection dropped), SIGINT and SIGQUIT (`kill -INT`, `kill -QUIT`;
//! the keys Ctrl-C and Ctrl-\ are plain keys in raw mode, not signals). Left to their default,
//! each would end the process at once, with the terminal still in raw mode on the alternate
//! screen and the cursor hidden.
//!
//! A thread of its own (started after the first frame; the handlers are in place before the
//! terminal changes mode) waits for them (signal-hook's iterator; the handler itself only wakes the
//! thread) and, on the first one, puts the terminal back, says why on stderr and exits with
//! status 128 + the signal's number (143 for SIGTERM, 129 for SIGHUP), the status a shell reports
//! for a process ended by that signal. The wizard's loop knows nothing of this.
//!
//! It cannot be left to the loop: when the terminal is gone (SIGHUP), reading the tty returns
//! end-of-file or EIO, and crossterm 0.29's event reader retries that read forever without
//! returning, so a loop waiting for its next event would never look at a flag.
//!
//! While this thread restores, it holds the lock on stdout, so the wizard cannot draw after the
//! terminal is restored; the process exits with the lock held. Should the restore itself hang (a
//! terminal that accepts no more output), the same signal a second time ends the process at once,
//! as if there were no handler.
//!
//! Windows has none of these signals: closing the console window ends the process together with
//! its console, and Ctrl-C is a key in raw mode. There nothing is installed.

use std::io;

/// Signals caught but not yet handled: they wait in signal-hook's queue until [`Watch::start`].
#[cfg(unix)]
pub struct Watch {
    signals: signal_hook::iterator::Signals,
    restoring: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

/// Catches the signals from now on. Call before the terminal changes mode, then
/// [`Watch::start`] the thread once the first frame is out: starting a thread would delay the
/// frame, and a signal caught in between is handled as soon as the thread runs.
#[cfg(unix)]
pub fn install() -> io::Result<Watch> {
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;

    let restoring = Arc::new(AtomicBool::new(false));
    for signal in HANDLED {
        // While the first signal is being handled, a second one ends the process at once.
        signal_hook::flag::register_conditional_default(signal, Arc::clone(&restoring))?;
    }
    let signals = signal_hook::iterator::Signals::new(HANDLED)?;
    Ok(Watch { signals, restoring })
}

#[cfg(unix)]
const HANDLED: [i32; 4] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
];

#[cfg(unix)]
impl Watch {
    /// Starts the thread that handles the signals.
    pub fn start(self) -> io::Result<()> {
        use std::io::Write;
        use std::sync::atomic::Ordering;

        let Watch {
            mut signals,
            restoring,
        } = self;
        std::thread::Builder::new()
            .name("signals".to_string())
            .spawn(move || {
                let Some(signal) = signals.forever().next() else {
                    return;
                };
                restoring.store(true, Ordering::SeqCst);
                // Held until the process exits: no frame is drawn after the restore.
                let _stdout = io::stdout().lock();
                super::terminal::restore();
                let _ = writeln!(io::stderr(), "{}", message(signal));
                std::process::exit(exit_status(signal));
            })?;
        Ok(())
    }
}

#[cfg(not(unix))]
pub struct Watch;

#[cfg(not(unix))]
pub fn install() -> io::Result<Watch> {
    Ok(Watch)
}

#[cfg(not(unix))]
impl Watch {
    pub fn start(self) -> io::Result<()> {
        Ok(())
    }
}

/// The exit status for a process ended by `signal`: 128 + its number.
#[cfg(unix)]
fn exit_status(signal: i32) -> i32 {
    128 + signal
}

/// What the user reads on the terminal after the wizard was ended by `signal`.
#[cfg(unix)]
fn message(signal: i32) -> String {
    let name = signal_hook::low_level::signal_name(signal).unwrap_or("signal");
    format!(
        "終了の合図 ({name}) を受けたため、oqs-line-check を終了しました。F2 で保存していない結果は残っていません。"
    )
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use signal_hook::consts::{SIGHUP, SIGTERM};

    #[test]
    fn exit_status_and_message() {
        assert_eq!(exit_status(SIGTERM), 143);
        assert_eq!(exit_status(SIGHUP), 129);
        assert!(message(SIGTERM).contains("(SIGTERM)"));
        assert!(message(SIGHUP).contains("(SIGHUP)"));
    }
}
