//! `--rules` and `--answers` given something that is not a small regular file: a device that
//! never ends, a FIFO nobody writes to, a file far larger than any real one. Each is refused at
//! once, naming the file in Japanese, with exit status 2 and little memory. The child is run with
//! `wait4`, so the test knows its peak memory and can stop it after a bound.
#![cfg(target_os = "linux")]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_oqs-line-check");
/// A reader that waits or grows is stopped here (a refusal is immediate).
const BOUND: Duration = Duration::from_secs(5);
/// The most memory a refusal may take, in KiB.
const MAX_RSS_KIB: i64 = 50 * 1024;

struct Run {
    code: Option<i32>,
    stderr: String,
    took: Duration,
    max_rss_kib: i64,
}

// The child is reaped by wait4 (which also gives its peak memory), not by Child::wait.
#[expect(clippy::zombie_processes)]
fn run(args: &[&str], file: &Path) -> Run {
    let start = Instant::now();
    let mut child = Command::new(BIN)
        .args(args)
        .arg(file)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start oqs-line-check");
    let pid = libc::pid_t::try_from(child.id()).expect("pid");
    let mut status = 0;
    // SAFETY: rusage is plain data, filled in by wait4.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: pid is our own child; status and usage are valid for writes.
        let done = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if done == pid {
            break;
        }
        if start.elapsed() > BOUND {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{args:?} {} still running after {BOUND:?}", file.display());
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let took = start.elapsed();
    let mut stderr = String::new();
    if let Some(mut e) = child.stderr.take() {
        e.read_to_string(&mut stderr).expect("stderr");
    }
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    Run {
        code,
        stderr,
        took,
        max_rss_kib: usage.ru_maxrss,
    }
}

fn fifo(dir: &Path) -> PathBuf {
    let path = dir.join("pipe.toml");
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).expect("path");
    // SAFETY: c is a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
    path
}

fn huge(dir: &Path) -> PathBuf {
    let path = dir.join("huge.toml");
    let f = std::fs::File::create(&path).expect("create");
    f.set_len(100 * 1024 * 1024).expect("set_len");
    path
}

fn assert_refused(args: &[&str], file: &Path, lead: &str, reason: &str) {
    let r = run(args, file);
    eprintln!(
        "{args:?} {}: exit {:?}, {:?}, peak {} KiB",
        file.display(),
        r.code,
        r.took,
        r.max_rss_kib
    );
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    let named = format!("{}: {lead} ({reason}", file.display());
    assert!(r.stderr.contains(&named), "want {named}\n{}", r.stderr);
    assert!(r.took < Duration::from_secs(1), "took {:?}", r.took);
    assert!(r.max_rss_kib < MAX_RSS_KIB, "peak {} KiB", r.max_rss_kib);
}

const RULES: &[&str] = &["list", "lines", "--rules"];
const ANSWERS: &[&str] = &["check", "--answers"];
const RULES_LEAD: &str = "ルールファイルを読めません";
const ANSWERS_LEAD: &str = "回答ファイルを読めません";

#[test]
fn a_device_that_never_ends_is_refused() {
    let zero = Path::new("/dev/zero");
    assert_refused(RULES, zero, RULES_LEAD, "デバイスです");
    assert_refused(ANSWERS, zero, ANSWERS_LEAD, "デバイスです");
}

#[test]
fn a_fifo_nobody_writes_to_is_refused_without_waiting() {
    let dir = tempfile::tempdir().expect("dir");
    let pipe = fifo(dir.path());
    assert_refused(RULES, &pipe, RULES_LEAD, "名前付きパイプ (FIFO)です");
    assert_refused(ANSWERS, &pipe, ANSWERS_LEAD, "名前付きパイプ (FIFO)です");
}

#[test]
fn a_file_far_over_the_cap_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().expect("dir");
    let big = huge(dir.path());
    assert_refused(
        RULES,
        &big,
        RULES_LEAD,
        "大きすぎます (104857600 バイト。上限は 1048576 バイト)",
    );
    assert_refused(
        ANSWERS,
        &big,
        ANSWERS_LEAD,
        "大きすぎます (104857600 バイト。上限は 65536 バイト)",
    );
}

#[test]
fn a_file_just_over_the_cap_is_refused_and_one_at_it_is_read() {
    let dir = tempfile::tempdir().expect("dir");
    let over = dir.path().join("over.toml");
    std::fs::write(&over, "#".repeat(1024 * 1024 + 1)).expect("write");
    assert_refused(RULES, &over, RULES_LEAD, "大きすぎます");
    // At the cap the file is read: a comment-only rules file then fails its checks instead.
    let at = dir.path().join("at.toml");
    std::fs::write(&at, "#".repeat(1024 * 1024)).expect("write");
    let r = run(RULES, &at);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(!r.stderr.contains("大きすぎます"), "{}", r.stderr);
}
