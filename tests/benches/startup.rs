//! Start-up and whole-process figures, measured in one run against a bare ratatui
//! program (tests/benches/bare_ratatui.rs, built from the same Cargo.lock and release profile):
//!
//! - first frame: from just before the spawn (fork + exec) to the moment the first complete
//!   frame has been read from an 80x24 pseudo-terminal and parsed by vt100. "Complete" means the
//!   alternate screen is on, the bottom-right cell holds the border's corner 「┘」 (ratatui sends
//!   a frame's changed cells in row order, so that cell is the last one of the frame), and the
//!   frame's last text shows: the key hints row 「Enter 決定」 for the wizard, the paragraph's
//!   last words for the bare program;
//! - peak resident memory: `ru_maxrss` of the child from `wait4(2)` (the kernel's high-water mark
//!   of its resident set over its whole life), for the wizard after the first frame and a quit by
//!   Ctrl-C Ctrl-C; for the wizard also VmHWM from /proc/<pid>/status read at the first frame;
//! - `check --format json`: wall time of a whole process, spawned and waited for;
//! - the size of the release binary.
//!
//! The two programs run alternately, so a slow moment of the machine hits both. Medians are
//! printed with the budgets; nothing fails on time. Linux only (pty, wait4, /proc).
//!
//! `cargo bench --bench startup` (it builds the release binary and the bare program with
//! `cargo build --release` first); `STARTUP_RUNS=N` changes the number of runs (default 40);
//! `STARTUP_WIZARD=PATH STARTUP_BARE=PATH` measures those two binaries instead, without building;
//! `STARTUP_EARLIER=PATH` adds an earlier build of the wizard to the same alternation.

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` does not, and must not spend minutes
    // building release binaries.
    if !std::env::args().any(|a| a == "--bench") {
        println!("startup: measured only under `cargo bench --bench startup`");
        return;
    }
    #[cfg(target_os = "linux")]
    linux::main();
    #[cfg(not(target_os = "linux"))]
    println!("startup: this benchmark needs Linux (pty, wait4, /proc)");
}

#[cfg(target_os = "linux")]
mod linux {
    use std::ffi::{c_int, c_long};
    use std::io::{Read, Write};
    use std::num::NonZeroU16;
    use std::path::{Path, PathBuf};
    use std::process::{Command, Stdio};
    use std::sync::{Arc, Condvar, Mutex};
    use std::time::{Duration, Instant};

    use portable_pty::{CommandBuilder, PtySize, native_pty_system};

    const COLS: u16 = 80;
    const ROWS: u16 = 24;
    /// Longest any one run may take before the bench gives up on it.
    const TIMEOUT: Duration = Duration::from_secs(10);
    /// What the bare program's paragraph ends with (see bare_ratatui.rs).
    const BARE_LAST_WORDS: &str = "終わります。";
    /// The README's JSON example.
    const CHECK_ARGS: [&str; 13] = [
        "check",
        "--line",
        "cross",
        "--prefecture",
        "osaka",
        "--collab",
        "yes",
        "--customer-id",
        "CAF0123456789",
        "--multiple-lines",
        "no",
        "--format",
        "json",
    ];

    /// `struct rusage` of 64-bit Linux: two `struct timeval`, then 14 longs, `ru_maxrss` first.
    #[repr(C)]
    #[derive(Default)]
    struct Rusage {
        utime: [c_long; 2],
        stime: [c_long; 2],
        maxrss: c_long,
        rest: [c_long; 13],
    }

    unsafe extern "C" {
        fn wait4(pid: c_int, status: *mut c_int, options: c_int, rusage: *mut Rusage) -> c_int;
    }
    const WNOHANG: c_int = 1;

    /// Waits (bounded) for `pid` to end and returns its peak resident set in KiB.
    fn reap(pid: u32) -> Option<u64> {
        let pid = c_int::try_from(pid).ok()?;
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let mut status: c_int = 0;
            let mut usage = Rusage::default();
            // SAFETY: plain FFI call with pointers to live, correctly laid-out locals.
            let r = unsafe { wait4(pid, &mut status, WNOHANG, &mut usage) };
            if r == pid {
                return u64::try_from(usage.maxrss).ok();
            }
            if r < 0 || Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
    }

    /// VmHWM of a live process, in KiB.
    fn vm_hwm(pid: u32) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    }

    #[derive(Clone, Copy)]
    enum Program {
        Wizard,
        Bare,
    }

    impl Program {
        fn name(self) -> &'static str {
            match self {
                Program::Wizard => "oqs-line-check",
                Program::Bare => "bare ratatui",
            }
        }

        /// Whether `screen` holds this program's first complete frame.
        fn frame_complete(self, screen: &vt100::Screen) -> bool {
            let corner = screen
                .cell(ROWS - 1, COLS - 1)
                .is_some_and(|c| c.contents() == "┘");
            if !screen.alternate_screen() || !corner {
                return false;
            }
            match self {
                // The key hints row, the last row inside the border.
                Program::Wizard => screen
                    .rows(0, COLS)
                    .nth(usize::from(ROWS - 2))
                    .is_some_and(|r| r.contains("Enter 決定")),
                Program::Bare => screen.contents().contains(BARE_LAST_WORDS),
            }
        }
    }

    struct Run {
        first_frame: Duration,
        max_rss_kib: u64,
        hwm_at_frame_kib: Option<u64>,
    }

    struct Seen {
        parser: vt100::Parser,
        frame_at: Option<Instant>,
        closed: bool,
    }

    /// Runs `program` in an 80x24 pty until its first complete frame, lets it end (the wizard by
    /// Ctrl-C twice: the quit question, then quit), and reaps it.
    fn run(program: Program, path: &Path) -> Result<Run, String> {
        let size = |n| NonZeroU16::new(n).expect("non-zero");
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .map_err(|e| format!("openpty: {e}"))?;
        let shared = Arc::new((
            Mutex::new(Seen {
                parser: vt100::Parser::new(size(ROWS), size(COLS), 0),
                frame_at: None,
                closed: false,
            }),
            Condvar::new(),
        ));
        let mut source = pair
            .master
            .try_clone_reader()
            .map_err(|e| format!("pty reader: {e}"))?;
        let sink = Arc::clone(&shared);
        let reader = std::thread::spawn(move || {
            let (lock, changed) = &*sink;
            let mut buf = [0u8; 16384];
            loop {
                // Linux reports the end of a pty as EIO rather than a zero-length read.
                let n = source.read(&mut buf).unwrap_or(0);
                let mut seen = lock.lock().unwrap_or_else(|e| e.into_inner());
                if n == 0 {
                    seen.closed = true;
                    changed.notify_all();
                    return;
                }
                // Leaving the alternate screen wipes the frame from view: look at the screen
                // just before each such sequence too (the bare program exits right after its
                // one frame, often within the same read).
                let mut rest = &buf[..n];
                while !rest.is_empty() {
                    let cut = find(rest, b"\x1b[?1049l").map_or(rest.len(), |i| i.max(1));
                    seen.parser.process(&rest[..cut]);
                    rest = &rest[cut..];
                    if seen.frame_at.is_none() && program.frame_complete(seen.parser.screen()) {
                        seen.frame_at = Some(Instant::now());
                        changed.notify_all();
                    }
                }
            }
        });

        let mut cmd = CommandBuilder::new(path);
        cmd.cwd(std::env::temp_dir());
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        let start = Instant::now();
        let child = pair
            .slave
            .spawn_command(cmd)
            .map_err(|e| format!("spawn {}: {e}", path.display()))?;
        drop(pair.slave);
        let pid = child
            .process_id()
            .ok_or_else(|| "no process id".to_string())?;

        let (lock, changed) = &*shared;
        let frame_at = {
            let deadline = start + TIMEOUT;
            let mut seen = lock.lock().unwrap_or_else(|e| e.into_inner());
            while seen.frame_at.is_none() && !seen.closed && Instant::now() < deadline {
                seen = changed
                    .wait_timeout(seen, deadline.saturating_duration_since(Instant::now()))
                    .unwrap_or_else(|e| e.into_inner())
                    .0;
            }
            seen.frame_at.ok_or_else(|| {
                format!(
                    "{}: no complete frame within {TIMEOUT:?}:\n{}",
                    program.name(),
                    seen.parser.screen().contents()
                )
            })?
        };
        let hwm_at_frame_kib = match program {
            Program::Wizard => {
                let hwm = vm_hwm(pid);
                let mut writer = pair
                    .master
                    .take_writer()
                    .map_err(|e| format!("pty writer: {e}"))?;
                writer
                    .write_all(b"\x03\x03")
                    .and_then(|()| writer.flush())
                    .map_err(|e| format!("typing Ctrl-C: {e}"))?;
                hwm
            }
            Program::Bare => None,
        };
        let max_rss_kib = reap(pid).ok_or_else(|| format!("{}: did not exit", program.name()))?;
        drop(child);
        drop(pair.master);
        let _ = reader.join();
        Ok(Run {
            first_frame: frame_at - start,
            max_rss_kib,
            hwm_at_frame_kib,
        })
    }

    /// ru_maxrss of `true` started exactly as the programs are (in a pty, by portable-pty's
    /// fork and exec): what the spawner itself adds to every figure.
    fn spawner_floor() -> Result<u64, String> {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .map_err(|e| format!("openpty: {e}"))?;
        let child = pair
            .slave
            .spawn_command(CommandBuilder::new("true"))
            .map_err(|e| format!("spawn true: {e}"))?;
        drop(pair.slave);
        let pid = child.process_id().ok_or("no process id")?;
        reap(pid).ok_or_else(|| "true did not exit".to_string())
    }

    fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
        haystack.windows(needle.len()).position(|w| w == needle)
    }

    fn median<T: Ord + Copy>(v: &mut [T]) -> T {
        v.sort_unstable();
        v[v.len() / 2]
    }

    fn ms(d: Duration) -> String {
        format!("{:.2} ms", d.as_secs_f64() * 1000.0)
    }

    fn mib(kib: u64) -> String {
        // KiB counts stay far below 2^52: the conversion is exact.
        #[allow(clippy::cast_precision_loss)]
        let m = kib as f64 / 1024.0;
        format!("{m:.2} MiB")
    }

    /// Builds the release binary and the bare program (a no-op when they are fresh) and returns
    /// their paths. The bench itself may be built with another profile; what is measured is
    /// always `--release`.
    fn build() -> (PathBuf, PathBuf) {
        let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
        let status = Command::new(env!("CARGO"))
            .args(["build", "--release", "--quiet", "--manifest-path", manifest])
            .args(["--bin", "oqs-line-check", "--example", "bare_ratatui"])
            .status()
            .expect("run cargo build --release");
        assert!(status.success(), "cargo build --release failed");
        // <target>/<profile>/oqs-line-check, as cargo told this bench at build time.
        let bench_bin = Path::new(env!("CARGO_BIN_EXE_oqs-line-check"));
        let target = bench_bin
            .parent()
            .and_then(Path::parent)
            .expect("the target directory");
        let release = target.join("release");
        (
            release.join("oqs-line-check"),
            release.join("examples").join("bare_ratatui"),
        )
    }

    /// Median wall time of `path args` as a whole process, output discarded.
    fn process_median(path: &Path, args: &[&str], runs: usize) -> Duration {
        let mut times: Vec<Duration> = (0..runs)
            .map(|_| {
                let start = Instant::now();
                let status = Command::new(path)
                    .args(args)
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()
                    .expect("run the program");
                let t = start.elapsed();
                assert!(status.success(), "{} {args:?}: {status}", path.display());
                t
            })
            .collect();
        median(&mut times)
    }

    pub fn main() {
        let runs: usize = std::env::var("STARTUP_RUNS")
            .ok()
            .and_then(|n| n.parse().ok())
            .filter(|&n| n > 0)
            .unwrap_or(40);
        // STARTUP_WIZARD / STARTUP_BARE: measure these binaries instead (a before/after pair).
        let (wizard, bare) = match (
            std::env::var_os("STARTUP_WIZARD"),
            std::env::var_os("STARTUP_BARE"),
        ) {
            (Some(w), Some(b)) => (PathBuf::from(w), PathBuf::from(b)),
            _ => build(),
        };
        println!("startup: {runs} runs each, alternating, in an {COLS}x{ROWS} pty");
        println!("  wizard: {}", wizard.display());
        println!("  bare:   {}", bare.display());

        // Warm the page cache and the dynamic loader's caches.
        for _ in 0..3 {
            for (p, path) in [(Program::Wizard, &wizard), (Program::Bare, &bare)] {
                if let Err(e) = run(p, path) {
                    panic!("warm-up: {e}");
                }
            }
        }
        // STARTUP_EARLIER=PATH: an earlier build of the wizard, run in the same alternation, so
        // a change is measured against what it replaces under the same conditions.
        let earlier = std::env::var_os("STARTUP_EARLIER").map(PathBuf::from);
        let mut programs = vec![(Program::Wizard, wizard.clone()), (Program::Bare, bare)];
        if let Some(e) = &earlier {
            programs.push((Program::Wizard, e.clone()));
        }
        let mut results: Vec<Vec<Run>> = programs.iter().map(|_| Vec::new()).collect();
        for _ in 0..runs {
            for (n, (p, path)) in programs.iter().enumerate() {
                match run(*p, path) {
                    Ok(r) => results[n].push(r),
                    Err(e) => panic!("{e}"),
                }
            }
        }
        let (w, b) = (&results[0], &results[1]);
        let frame = |v: &[Run]| median(&mut v.iter().map(|r| r.first_frame).collect::<Vec<_>>());
        let rss = |v: &[Run]| median(&mut v.iter().map(|r| r.max_rss_kib).collect::<Vec<_>>());
        let (wf, bf) = (frame(w), frame(b));
        let (wr, br) = (rss(w), rss(b));
        let whwm = median(
            &mut w
                .iter()
                .filter_map(|r| r.hwm_at_frame_kib)
                .collect::<Vec<_>>(),
        );
        let ratio = wf.as_secs_f64() / bf.as_secs_f64();
        let extra = wr.saturating_sub(br);
        let verdict = |ok: bool| if ok { "within budget" } else { "OVER BUDGET" };

        // The spawner's own share of ru_maxrss: a forked child's high-water mark starts at the
        // parent's resident set, and exec keeps it. /bin/true started the same way shows it.
        let floor = {
            let mut v: Vec<u64> = (0..5).filter_map(|_| spawner_floor().ok()).collect();
            if v.is_empty() { 0 } else { median(&mut v) }
        };

        println!();
        println!("first complete frame (median, exec to last cell of the frame read):");
        println!("  oqs-line-check  {}", ms(wf));
        println!("  bare ratatui    {}", ms(bf));
        println!(
            "  ratio           {ratio:.2}x   budget 1.3x: {}",
            verdict(ratio <= 1.3)
        );
        if let (Some(path), Some(e)) = (&earlier, results.get(2)) {
            let ef = frame(e);
            println!(
                "  earlier build   {}  ({:.2}x bare; {})",
                ms(ef),
                ef.as_secs_f64() / bf.as_secs_f64(),
                path.display()
            );
        }
        println!("peak resident memory (median ru_maxrss from wait4):");
        println!(
            "  oqs-line-check  {}  (VmHWM at the first frame: {})",
            mib(wr),
            mib(whwm)
        );
        println!("  bare ratatui    {}", mib(br));
        println!(
            "  difference      {}   budget 4 MiB: {}",
            mib(extra),
            verdict(extra <= 4 * 1024)
        );
        println!("  (spawner floor: /bin/true reports {})", mib(floor));

        let check_runs = runs * 5;
        let check = process_median(&wizard, &CHECK_ARGS, check_runs);
        let spawn = process_median(Path::new("/bin/true"), &[], check_runs);
        println!("check --format json, whole process ({check_runs} runs):");
        println!(
            "  median          {}   budget 5 ms: {}   (spawning /bin/true: {})",
            ms(check),
            verdict(check < Duration::from_millis(5)),
            ms(spawn)
        );

        let size = std::fs::metadata(&wizard).map(|m| m.len()).unwrap_or(0);
        println!("release binary:");
        println!(
            "  {}  ({size} bytes)   budget 6 MiB: {}",
            mib(size / 1024),
            verdict(size < 6 * 1024 * 1024)
        );
    }
}
