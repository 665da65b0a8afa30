//! The terminal is put back on every way out that is not a normal quit: the real
//! binary in a pseudo-terminal ended by SIGTERM, SIGHUP or SIGINT from outside, and a panic in
//! the middle of drawing a frame, proven with `tests/programs/guard_panic.rs`, a small program
//! built around the wizard's own terminal guard (src/shell/terminal.rs).
//!
//! "Normal mode" is checked as a person would notice it: the main screen is back, the cursor is
//! shown, bracketed paste is off, and the tty edits and echoes lines again (raw mode off).

#![cfg(unix)]

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::{Tui, key};

/// Walks one question in, so the wizard is known to be reading keys, then sends `signal`.
fn signal_mid_wizard(signal: &str, number: u32) {
    let mut t = Tui::start(&[]);
    t.wait_for("1問目 回線の種類");
    t.send("1");
    t.wait_for("2問目 コラボ光");
    t.signal(signal);
    let status = t.wait_exit();
    assert_eq!(
        status.exit_code(),
        128 + number,
        "exit status after SIG{signal}: {status}\n{}",
        t.dump()
    );
    t.assert_normal_mode();
    let screen = t.screen();
    assert!(
        screen.contains(&format!("終了の合図 (SIG{signal}) を受けたため")),
        "the reason is on the main screen:\n{screen}"
    );
    assert!(
        !screen.contains("回線の種類"),
        "the wizard's screen is gone with the alternate screen:\n{screen}"
    );
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    signal_mid_wizard("TERM", 15);
}

#[test]
fn sighup_restores_the_terminal_and_exits_129() {
    signal_mid_wizard("HUP", 1);
}

#[test]
fn sigint_from_outside_restores_the_terminal_and_exits_130() {
    signal_mid_wizard("INT", 2);
}

/// The processes under `root` (children, grandchildren …), from /proc.
fn descendants(root: u32) -> Vec<u32> {
    let mut parents: Vec<(u32, u32)> = Vec::new();
    for entry in std::fs::read_dir("/proc").expect("read /proc").flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse().ok()) else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // "pid (comm) state ppid …": the command may hold spaces and parentheses.
        let ppid = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|p| p.parse().ok());
        if let Some(ppid) = ppid {
            parents.push((pid, ppid));
        }
    }
    let mut found = vec![root];
    let mut i = 0;
    while i < found.len() {
        let parent = found[i];
        found.extend(
            parents
                .iter()
                .filter(|(_, pp)| *pp == parent)
                .map(|(p, _)| *p),
        );
        i += 1;
    }
    found.remove(0);
    found
}

/// Whether `pid` still runs (a zombie waiting for its parent to collect it has ended).
fn running(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|stat| {
            stat.rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().next().map(|s| s != "Z"))
        })
        .unwrap_or(false)
}

#[test]
fn closing_the_terminal_window_ends_the_wizard() {
    // `script` gives the wizard a terminal of its own and relays it to the test's terminal.
    // Killing `script` closes that terminal as closing a window does: the kernel hangs it up and
    // sends SIGHUP. Reading a hung-up terminal never blocks again: a reader that retried such
    // reads (crossterm 0.29's does) would leave the wizard spinning at full CPU for good, were
    // the signal not handled on a thread of its own.
    let bin = env!("CARGO_BIN_EXE_oqs-line-check");
    let mut t = Tui::start_program(
        std::path::Path::new("script"),
        &["-q", "-e", "-c", bin, "/dev/null"],
    );
    t.wait_for("1問目 回線の種類");
    let script = t.pid();
    let wizard = descendants(script)
        .into_iter()
        .find(|pid| {
            std::fs::read_link(format!("/proc/{pid}/exe"))
                .is_ok_and(|exe| exe == std::path::Path::new(bin))
        })
        .unwrap_or_else(|| panic!("no oqs-line-check under script ({script})"));
    t.signal("KILL");
    t.wait_exit();
    let deadline = std::time::Instant::now() + common::TIMEOUT;
    while running(wizard) {
        assert!(
            std::time::Instant::now() < deadline,
            "oqs-line-check ({wizard}) still runs {:?} after its terminal was closed",
            common::TIMEOUT
        );
        // Bounded polling: there is no waiting for a process that is not one's child.
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

#[test]
fn a_signal_while_a_text_field_is_being_typed_in_also_restores() {
    let mut t = Tui::start(&["--line", "cross", "--collab", "no", "--prefecture", "13"]);
    t.wait_for("回線のお客さまIDを入力してください。");
    t.send("CAF0123");
    t.wait_for("お客さまID: CAF0123");
    t.signal("TERM");
    assert_eq!(t.wait_exit().exit_code(), 143);
    t.assert_normal_mode();
}

/// The guard test program, brought up to date with `cargo build --example guard_panic` (a
/// no-op when `cargo test` has just built it), so a changed guard is never tested stale.
fn guard_panic_program() -> PathBuf {
    let exe = std::env::current_exe().expect("the test's own path");
    // target/<profile>/deps/<this test> → target/<profile>/examples/guard_panic
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("the test runs from target/<profile>/deps");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut build = Command::new(cargo);
    build.args(["build", "--quiet", "--example", "guard_panic"]);
    if profile_dir.file_name().is_some_and(|n| n == "release") {
        build.arg("--release");
    }
    let status = build
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .expect("run cargo build --example guard_panic");
    assert!(
        status.success(),
        "cargo build --example guard_panic: {status}"
    );
    profile_dir
        .join("examples")
        .join(format!("guard_panic{}", std::env::consts::EXE_SUFFIX))
}

#[test]
fn a_panic_while_drawing_restores_the_terminal_and_shows_the_message() {
    let mut t = Tui::start_program(&guard_panic_program(), &[]);
    t.wait_for("p を押すと panic します");
    t.wait_until("the alternate screen and a hidden cursor", |s| {
        s.alternate_screen() && s.hide_cursor()
    });
    t.send("p");
    let status = t.wait_exit();
    // Rust's exit status for a panic in main.
    assert_eq!(status.exit_code(), 101, "{status}\n{}", t.dump());
    t.assert_normal_mode();
    let screen = t.screen();
    assert!(
        screen.contains("panicked at"),
        "the panic is reported on the main screen:\n{screen}"
    );
    assert!(
        screen.contains("描画の途中で panic しました (試験用)"),
        "the panic message is readable:\n{screen}"
    );
    // The message went out after the terminal was restored: it is on the main screen, each
    // line starting at the left edge (raw mode would leave a staircase).
    let line = screen
        .lines()
        .find(|l| l.contains("描画の途中で panic"))
        .unwrap_or_default();
    assert!(line.starts_with("描画の途中で"), "{screen}");
}

#[test]
fn ctrl_c_in_raw_mode_is_a_key_not_a_signal() {
    // For contrast: Ctrl-C typed in the wizard reaches it as a key and asks first.
    let mut t = Tui::start(&[]);
    t.wait_for("1問目 回線の種類");
    t.send(key::CTRL_C);
    t.wait_for("終了の確認");
    t.send(key::CTRL_C);
    assert_eq!(t.wait_exit().exit_code(), 0);
    t.assert_terminal_restored();
}

/// A job-control shell (bash without line editing, so the tty stays in its normal mode while
/// it reads) with the wizard started from it, on the first question.
fn wizard_under_bash() -> (Tui, u32) {
    let bin = env!("CARGO_BIN_EXE_oqs-line-check");
    let mut t = Tui::start_program(
        std::path::Path::new("bash"),
        &["--norc", "--noprofile", "--noediting", "-i"],
    );
    t.send(&format!("{bin}\r"));
    t.wait_for("1問目 回線の種類");
    let wizard = descendants(t.pid())
        .into_iter()
        .find(|pid| {
            std::fs::read_link(format!("/proc/{pid}/exe"))
                .is_ok_and(|exe| exe == std::path::Path::new(bin))
        })
        .unwrap_or_else(|| panic!("no oqs-line-check under bash\n{}", t.dump()));
    (t, wizard)
}

/// The process state letter of `pid` (R, S, T for stopped …).
fn state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit_once(')')?
        .1
        .split_whitespace()
        .next()?
        .chars()
        .next()
}

#[test]
fn a_stop_gives_the_terminal_back_and_fg_takes_it_again() {
    let (mut t, wizard) = wizard_under_bash();
    t.send("1");
    t.wait_for("2問目 コラボ光");
    kill(wizard, "TSTP");
    t.wait_for("Stopped");
    assert_eq!(state(wizard), Some('T'), "stopped\n{}", t.dump());
    t.wait_until(
        "the main screen, the cursor shown, bracketed paste off",
        |s| !s.alternate_screen() && !s.hide_cursor() && !s.bracketed_paste(),
    );

    t.send("fg\r");
    t.wait_until("the wizard redrawn on the alternate screen", |s| {
        s.alternate_screen() && s.contents().contains("2問目 コラボ光")
    });
    assert!(t.raw_mode(), "raw mode again after fg\n{}", t.dump());
    // Keys act without echo, and Ctrl-C is a key that asks first: the answer given is kept.
    t.send(key::ESC);
    t.wait_for("1問目 回線の種類");
    t.wait_for("> 1. フレッツ 光ネクスト");
    t.send(key::CTRL_C);
    t.wait_for("終了の確認");
    t.send(key::CTRL_C);
    t.wait_until("the wizard gone from the alternate screen", |s| {
        !s.alternate_screen()
    });
    // Typed only once the wizard has exited: until then its reader may still take the keys.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while matches!(state(wizard), Some(c) if c != 'Z') {
        assert!(
            std::time::Instant::now() < deadline,
            "the wizard did not exit\n{}",
            t.dump()
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    t.send("exit $?\r");
    assert_eq!(t.wait_exit().exit_code(), 0, "{}", t.dump());
    t.assert_normal_mode();
}

/// Sends `signal` to `pid` with the system's `kill`.
fn kill(pid: u32, signal: &str) {
    let status = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .status()
        .expect("run kill");
    assert!(status.success(), "kill -{signal} {pid}: {status}");
}

#[test]
fn signals_in_a_storm_cannot_cut_the_restore_short() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};

    // Signals every few microseconds from the first on, until the wizard has ended: a second
    // one always arrives while the first is being handled.
    for _ in 0..10 {
        let mut t = Tui::start(&[]);
        t.wait_for("1問目 回線の種類");
        t.send("1");
        t.wait_for("2問目 コラボ光");
        let pid = t.pid();
        let sent = Arc::new(AtomicU64::new(0));
        let count = Arc::clone(&sent);
        let storm = std::thread::spawn(move || {
            let deadline = std::time::Instant::now() + common::TIMEOUT;
            let signals = [libc::SIGTERM, libc::SIGINT, libc::SIGHUP, libc::SIGQUIT];
            // The wizard is not reaped until the storm is over, so its pid stays its own.
            while running(pid) && std::time::Instant::now() < deadline {
                for signal in signals.iter().cycle().take(64) {
                    // SAFETY: kill only sends a signal.
                    unsafe { libc::kill(pid as libc::pid_t, *signal) };
                }
                count.fetch_add(64, Ordering::Relaxed);
            }
        });
        storm.join().expect("the storm thread");
        let status = t.wait_exit();
        eprintln!("{} signals sent", sent.load(Ordering::Relaxed));
        assert!(
            [129, 130, 131, 143].contains(&status.exit_code()),
            "exit status 128 + the signal handled: {status}\n{}",
            t.dump()
        );
        t.assert_normal_mode();
        let screen = t.screen();
        assert!(
            screen.contains("終了の合図"),
            "the reason is said:\n{screen}"
        );
    }
}
