//! Signals from outside the wizard.
//!
//! SIGTERM (`kill`, a shutdown), SIGHUP (the terminal window was closed, an SSH connection
//! dropped), SIGINT and SIGQUIT (`kill -INT`, `kill -QUIT`; the keys Ctrl-C and Ctrl-\ are plain
//! keys in raw mode, not signals) end it. Left to their default, each would end the process at
//! once, with the terminal still in raw mode on the alternate screen and the cursor hidden.
//! Here the terminal is put back first, a line on stderr says why, and the process exits with
//! status 128 + the signal's number (143 for SIGTERM, 129 for SIGHUP), the status a shell
//! reports for a process ended by that signal.
//!
//! SIGTSTP (`kill -TSTP`, a job-control stop) stops it: the terminal is put back, then the
//! process stops as SIGTSTP's default would have it. SIGCONT (`fg`, `bg`, `kill -CONT`) takes the
//! terminal again (the shell will have put its own modes back) and has the loop draw the whole
//! screen anew.
//!
//! A thread of its own (started after the first frame; the handlers are in place before the
//! terminal changes mode) waits for them (signal-hook's iterator; the handler itself only wakes
//! the thread) and handles one at a time, in order. It cannot be left to the loop: when the
//! terminal is gone (SIGHUP) the loop may be waiting on it.
//!
//! While this thread changes the terminal it holds the lock on stdout, so the wizard cannot draw
//! in between; when it ends the wizard, the process exits with the lock held. A second signal
//! while the first is handled waits its turn: it cannot cut the restore short. Should the
//! restore itself hang (a terminal that accepts no more output), the process ends anyway after
//! [`RESTORE_LIMIT`].
//!
//! Windows has none of these signals: closing the console window ends the process together with
//! its console, and Ctrl-C is a key in raw mode. There nothing is installed.

use std::io;

use super::input::Waker;

/// Signals caught but not yet handled: they wait in signal-hook's queue until [`Watch::start`].
#[cfg(unix)]
pub struct Watch {
    signals: signal_hook::iterator::Signals,
}

/// Catches the signals from now on. Call before the terminal changes mode, then
/// [`Watch::start`] the thread once the first frame is out: starting a thread would delay the
/// frame, and a signal caught in between is handled as soon as the thread runs.
#[cfg(unix)]
pub fn install() -> io::Result<Watch> {
    let signals = signal_hook::iterator::Signals::new(ENDING.iter().chain(&[SIGTSTP, SIGCONT]))?;
    Ok(Watch { signals })
}

#[cfg(unix)]
use signal_hook::consts::{SIGCONT, SIGTSTP};

#[cfg(unix)]
const ENDING: [i32; 4] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
];

/// How long the restore may take before the process ends without it.
#[cfg(unix)]
const RESTORE_LIMIT: std::time::Duration = std::time::Duration::from_secs(3);

#[cfg(unix)]
impl Watch {
    /// Starts the thread that handles the signals; `waker` asks the loop for a full redraw.
    pub fn start(self, waker: Waker) -> io::Result<()> {
        let Watch { mut signals } = self;
        std::thread::Builder::new()
            .name("signals".to_string())
            .spawn(move || {
                for signal in signals.forever() {
                    match signal {
                        SIGTSTP => {
                            suspend();
                            waker.wake();
                        }
                        SIGCONT => {
                            super::terminal::reenter();
                            waker.wake();
                        }
                        _ => end(signal),
                    }
                }
            })?;
        Ok(())
    }
}

/// Restores the terminal and ends the process, as `signal` asked.
#[cfg(unix)]
fn end(signal: i32) -> ! {
    use std::io::Write;

    let status = exit_status(signal);
    let _ = std::thread::Builder::new()
        .name("restore limit".to_string())
        .spawn(move || {
            std::thread::sleep(RESTORE_LIMIT);
            // SAFETY: _exit ends the process at once; it touches no state of this one.
            unsafe { libc::_exit(status) }
        });
    // Held until the process exits: no frame is drawn after the restore.
    let _stdout = io::stdout().lock();
    super::terminal::restore();
    let _ = writeln!(io::stderr(), "{}", message(signal));
    std::process::exit(status);
}

/// Gives the terminal back, stops as SIGTSTP's default does, and takes the terminal again once
/// continued.
#[cfg(unix)]
fn suspend() {
    let stdout = io::stdout().lock();
    super::terminal::restore();
    stop();
    super::terminal::reenter();
    drop(stdout);
}

/// Stops the process by SIGTSTP with its default action, for the moment: unlike SIGSTOP, the
/// system drops it where no shell could continue the process (an orphaned process group).
#[cfg(unix)]
fn stop() {
    // SAFETY: sigaction is given valid, zero-initialised structures; the handler signal-hook
    // installed is read into `previous` and put back as it was once the stop is over.
    unsafe {
        let mut default: libc::sigaction = std::mem::zeroed();
        default.sa_sigaction = libc::SIG_DFL;
        let mut previous: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(SIGTSTP, &default, &mut previous) != 0 {
            return;
        }
        libc::raise(SIGTSTP);
        libc::sigaction(SIGTSTP, &previous, std::ptr::null_mut());
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
    pub fn start(self, _waker: Waker) -> io::Result<()> {
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
