//! The wizard under input no person types: long bursts of keys (a paste in a terminal without
//! bracketed paste; every paste on Windows), a bracketed paste that never closes, and windows
//! far larger than any screen. The real binary in a pseudo-terminal; every wait is bounded by
//! the harness's TIMEOUT, and no test passes or fails by how fast it ran.

#![cfg(unix)]

mod common;

use std::time::Instant;

use common::{Tui, key};

/// The お客さまID step, where typed text goes into a field of at most 64 characters.
fn at_the_customer_id() -> Tui {
    let t = Tui::start(&["--line", "cross", "--collab", "no", "--prefecture", "13"]);
    t.wait_for("回線のお客さまIDを入力してください。");
    t
}

const TOO_LONG: &str = "入力できるのは64文字までです";

#[test]
fn a_4_kib_burst_of_typing_is_read_at_once() {
    let mut t = at_the_customer_id();
    // More than crossterm read at a time (1 KiB); the keys at its very end must act at once,
    // not one KiB per later key press.
    let mut burst = "A".repeat(4096 - 8).into_bytes();
    burst.extend_from_slice(key::CTRL_U.as_bytes());
    burst.extend_from_slice(b"CAF0123");
    let started = Instant::now();
    t.send_bounded(burst);
    t.wait_for("お客さまID: CAF0123");
    eprintln!("4 KiB burst handled in {:?}", started.elapsed());
    t.send(key::CTRL_C);
    t.wait_for("終了の確認");
    t.send(key::CTRL_C);
    assert_eq!(t.wait_exit().exit_code(), 0);
    t.assert_terminal_restored();
}

#[test]
fn a_1_mb_burst_is_cut_to_the_field_and_ctrl_c_still_works() {
    let mut t = at_the_customer_id();
    let started = Instant::now();
    t.send_bounded(vec![b'A'; 1 << 20]);
    t.wait_for(TOO_LONG);
    eprintln!("1 MiB burst read and handled in {:?}", started.elapsed());
    let screen = t.screen();
    assert!(
        screen.contains(&"A".repeat(40)) && !screen.contains(&"A".repeat(65)),
        "the field holds the first 64 characters:\n{screen}"
    );
    // Ctrl-C at the end of another long burst is seen at once.
    let mut burst = vec![b'A'; 64 * 1024];
    burst.extend_from_slice(key::CTRL_C.as_bytes());
    t.send_bounded(burst);
    t.wait_for("終了の確認");
    t.send(key::CTRL_C);
    assert_eq!(t.wait_exit().exit_code(), 0);
    t.assert_terminal_restored();
}

#[test]
fn a_paste_that_never_closes_ends_and_keys_work_again() {
    let mut t = at_the_customer_id();
    // ESC[200~ opens a bracketed paste; its ESC[201~ never comes.
    t.send("\x1b[200~CAF0123");
    t.wait_for("お客さまID: CAF0123");
    t.send("4");
    t.wait_for("お客さまID: CAF01234");
    t.send(key::CTRL_C);
    t.wait_for("終了の確認");
    t.send(key::CTRL_C);
    assert_eq!(t.wait_exit().exit_code(), 0);
    t.assert_terminal_restored();
}

#[test]
fn a_huge_paste_that_never_closes_is_cut_and_keys_work_again() {
    let mut t = at_the_customer_id();
    let mut paste = b"\x1b[200~".to_vec();
    paste.extend(std::iter::repeat_n(b'B', 1 << 20));
    t.send_bounded(paste);
    t.wait_for(TOO_LONG);
    t.send(key::CTRL_C);
    t.wait_for("終了の確認");
    t.send(key::CTRL_C);
    assert_eq!(t.wait_exit().exit_code(), 0);
    t.assert_terminal_restored();
}

/// The peak of the program's resident memory, in MiB (VmHWM, Linux).
fn peak_memory_mib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc/PID/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map(|kb| kb / 1024)
        .expect("VmHWM in /proc/PID/status")
}

/// Resizes the pty to `cols`×`rows` and waits for the frame drawn at the bounded size: its last
/// row is row 200 (`ESC [200;…H`).
fn resize_huge(t: &mut Tui, cols: u16, rows: u16) {
    let from = t.raw_len();
    t.resize_pty(cols, rows);
    t.wait_raw(&format!("a frame drawn for {cols}x{rows}"), from, |raw| {
        raw.windows(6).any(|w| w == b"\x1b[200;")
    });
    let from = t.raw_len();
    t.resize(80, 24);
    t.wait_raw("the frame for 80x24", from, |raw| {
        raw.windows(4).any(|w| w == b"\x1b[24")
    });
    t.wait_for("1問目 回線の種類");
}

#[test]
fn a_window_of_65535_by_65535_or_4000_by_2000_is_drawn_bounded() {
    let mut t = Tui::start(&[]);
    t.wait_for("1問目 回線の種類");
    let before = peak_memory_mib(t.pid());
    resize_huge(&mut t, 65535, 65535);
    resize_huge(&mut t, 4000, 2000);
    let peak = peak_memory_mib(t.pid());
    eprintln!("peak memory: {before} MiB before the resizes, {peak} MiB after");
    // Two buffers of 500x200 cells are a few MiB; two of 4000x2000 are hundreds.
    assert!(peak < 100, "peak memory {peak} MiB");
    t.send("1");
    t.wait_for("2問目 コラボ光");
    t.send(key::CTRL_C);
    t.wait_for("終了の確認");
    t.send(key::CTRL_C);
    assert_eq!(t.wait_exit().exit_code(), 0);
    t.assert_terminal_restored();
}
