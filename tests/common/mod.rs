//! A pseudo-terminal harness for end-to-end tests of the real binary: the wizard runs in a pty
//! of a fixed size, a reader thread feeds everything it prints into a vt100 parser, and a test
//! types raw key bytes and waits, bounded in time, for what a person would see.
//!
//! Nothing here sleeps and hopes: every wait is for a condition on the parsed screen (or the
//! child's exit) and fails after [`TIMEOUT`] with a dump of the screen.
//!
//! Each test crate that includes this module uses a part of it.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use tempfile::TempDir;

/// How long any one wait may take before the test fails. Generous for a loaded 2-core CI
/// machine; a passing step takes milliseconds.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// Keys as a terminal sends them (xterm, normal cursor-key mode).
pub mod key {
    pub const ENTER: &str = "\r";
    /// Send alone and wait for the screen to change before the next key: crossterm reads an
    /// Esc followed at once by more bytes as the start of an escape sequence.
    pub const ESC: &str = "\x1b";
    pub const UP: &str = "\x1b[A";
    pub const DOWN: &str = "\x1b[B";
    pub const PAGE_DOWN: &str = "\x1b[6~";
    pub const F2: &str = "\x1bOQ";
    pub const CTRL_C: &str = "\x03";
    /// Clears the text field.
    pub const CTRL_U: &str = "\x15";
}

/// What the reader thread shares with the test.
struct Output {
    parser: vt100::Parser,
    /// Every byte the child wrote, for checks the parsed screen cannot answer (which mode
    /// sequence came last).
    raw: Vec<u8>,
    /// The reader reached the end: the child and every copy of the pty's slave side are gone.
    closed: bool,
}

struct Shared {
    output: Mutex<Output>,
    changed: Condvar,
}

/// The wizard running in a pseudo-terminal.
pub struct Tui {
    shared: Arc<Shared>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    reader: Option<JoinHandle<()>>,
    dir: TempDir,
}

fn size(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a terminal size is at least 1x1")
}

impl Tui {
    /// Starts `oqs-line-check ARGS` in an 80x24 terminal, in a fresh temporary directory (so a
    /// save writes there), with TERM=xterm-256color and colour allowed (NO_COLOR unset).
    pub fn start(args: &[&str]) -> Tui {
        Tui::start_program(Path::new(env!("CARGO_BIN_EXE_oqs-line-check")), args)
    }

    /// Starts `program ARGS` the way [`Tui::start`] starts the wizard. RUST_BACKTRACE is unset,
    /// so a panic prints its message only.
    pub fn start_program(program: &Path, args: &[&str]) -> Tui {
        Tui::launch(program, args, None, &[])
    }

    /// Starts the wizard as [`Tui::start`] does, but in `cwd` (when given) and with `env` set
    /// (HOME, for where a save goes when the folder it was started in cannot take it).
    pub fn start_with(args: &[&str], cwd: Option<&Path>, env: &[(&str, &Path)]) -> Tui {
        let program = Path::new(env!("CARGO_BIN_EXE_oqs-line-check"));
        Tui::launch(program, args, cwd, env)
    }

    fn launch(program: &Path, args: &[&str], cwd: Option<&Path>, env: &[(&str, &Path)]) -> Tui {
        let (cols, rows) = (80, 24);
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        let dir = tempfile::tempdir().expect("create a temporary directory");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(cwd.unwrap_or(dir.path()));
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("RUST_BACKTRACE");
        cmd.env_remove("RUST_LIB_BACKTRACE");
        // After the defaults, so that a test can set NO_COLOR or TERM itself.
        for (name, value) in env {
            cmd.env(name, value);
        }
        let child = pair
            .slave
            .spawn_command(cmd)
            .unwrap_or_else(|e| panic!("start {}: {e}", program.display()));
        // Only the child may hold the slave side, so the reader sees the end when it exits.
        drop(pair.slave);

        let shared = Arc::new(Shared {
            output: Mutex::new(Output {
                parser: vt100::Parser::new(size(rows), size(cols), 0),
                raw: Vec::new(),
                closed: false,
            }),
            changed: Condvar::new(),
        });
        let mut source = pair.master.try_clone_reader().expect("pty reader");
        let sink = Arc::clone(&shared);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                // Linux reports the end of a pty as EIO rather than a zero-length read.
                let n = source.read(&mut buf).unwrap_or(0);
                let mut out = sink.output.lock().unwrap_or_else(|e| e.into_inner());
                if n == 0 {
                    out.closed = true;
                    sink.changed.notify_all();
                    return;
                }
                out.parser.process(&buf[..n]);
                out.raw.extend_from_slice(&buf[..n]);
                sink.changed.notify_all();
            }
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Tui {
            shared,
            master: pair.master,
            writer,
            child,
            reader: Some(reader),
            dir,
        }
    }

    /// The temporary directory made for the run: where the wizard runs, unless
    /// [`Tui::start_with`] started it elsewhere.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The program's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the program's process id")
    }

    /// Sends `signal` (TERM, HUP …) to the program with the system's `kill` command, as a
    /// shutdown or a closing terminal window would.
    pub fn signal(&self, signal: &str) {
        let pid = self.pid();
        let status = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(pid.to_string())
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{signal} {pid}: {status}");
    }

    /// Every byte the program wrote so far.
    pub fn raw_output(&self) -> Vec<u8> {
        self.output().raw.clone()
    }

    fn output(&self) -> MutexGuard<'_, Output> {
        self.shared.output.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Types `keys` (raw bytes, see [`key`]).
    pub fn send(&mut self, keys: &str) {
        self.writer
            .write_all(keys.as_bytes())
            .and_then(|()| self.writer.flush())
            .unwrap_or_else(|e| panic!("typing {keys:?}: {e}\n{}", self.dump()));
    }

    /// Types `bytes` however long, failing when the program has not read them all within
    /// [`TIMEOUT`] (a pty holds only a few KiB that the program has not read yet).
    pub fn send_bounded(&mut self, bytes: Vec<u8>) {
        let len = bytes.len();
        let mut writer = std::mem::replace(&mut self.writer, Box::new(std::io::sink()));
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let result = writer.write_all(&bytes).and_then(|()| writer.flush());
            let _ = done.send((writer, result));
        });
        match finished.recv_timeout(TIMEOUT) {
            Ok((writer, result)) => {
                self.writer = writer;
                result.unwrap_or_else(|e| panic!("typing {len} bytes: {e}\n{}", self.dump()));
            }
            // The writing thread ends once the program is gone and the write fails.
            Err(_) => panic!(
                "the program did not read {len} typed bytes within {TIMEOUT:?}\n{}",
                self.dump()
            ),
        }
    }

    /// Waits until `ready` holds for the bytes the program wrote from `from` on (an index into
    /// [`Tui::raw_output`]), bounded as [`Tui::wait_until`] is.
    pub fn wait_raw(&self, what: &str, from: usize, ready: impl Fn(&[u8]) -> bool) {
        self.wait_output(what, |out| ready(out.raw.get(from..).unwrap_or_default()));
    }

    /// How many bytes the program has written so far.
    pub fn raw_len(&self) -> usize {
        self.output().raw.len()
    }

    /// Resizes the pty alone, not the emulated screen: for window sizes too large to emulate.
    /// What the program draws then lands clipped in the emulated screen.
    pub fn resize_pty(&mut self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
    }

    /// Whether the tty is in raw mode (no line editing, no echo, no signals from keys).
    #[cfg(unix)]
    pub fn raw_mode(&self) -> bool {
        let termios = self.master.get_termios().expect("the pty's settings");
        let local = format!("{:?}", termios.local_flags);
        let flags: Vec<&str> = local.split(|c: char| !c.is_ascii_alphanumeric()).collect();
        !["ICANON", "ECHO", "ISIG"]
            .iter()
            .any(|flag| flags.contains(flag))
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        self.output().parser.screen().contents()
    }

    /// The screen, framed, for failure messages.
    pub fn dump(&self) -> String {
        let out = self.output();
        let (rows, cols) = out.parser.screen().size();
        format!(
            "--- screen {cols}x{rows}{} ---\n{}\n--- end of screen ---",
            if out.closed { ", program ended" } else { "" },
            out.parser.screen().contents()
        )
    }

    /// Waits until `ready` holds for the screen; fails after [`TIMEOUT`], or as soon as the
    /// program has ended without it, with the screen dumped.
    pub fn wait_until(&self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) {
        self.wait_output(what, |out| ready(out.parser.screen()));
    }

    fn wait_output(&self, what: &str, ready: impl Fn(&Output) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        let mut out = self.output();
        loop {
            if ready(&out) {
                return;
            }
            let now = Instant::now();
            if out.closed || now >= deadline {
                drop(out);
                let why = if now >= deadline {
                    format!("not within {TIMEOUT:?}")
                } else {
                    "the program ended first".to_string()
                };
                panic!("waiting for {what}: {why}\n{}", self.dump());
            }
            out = self
                .shared
                .changed
                .wait_timeout(out, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// Waits until the screen shows `text` (within one row).
    pub fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?} on screen"), |s| {
            s.contents().contains(text)
        });
    }

    /// Waits until the screen no longer shows `text`.
    pub fn wait_gone(&self, text: &str) {
        self.wait_until(&format!("{text:?} to leave the screen"), |s| {
            !s.contents().contains(text)
        });
    }

    /// Resizes the terminal as a window manager would: the pty (which signals the child) and
    /// the emulated screen together, so nothing drawn after the resize lands in the old size.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        let mut out = self.output();
        out.parser.set_size(size(rows), size(cols));
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
    }

    /// Waits for the program to exit and for everything it wrote to be read, and returns its
    /// exit status.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            match self.child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if Instant::now() < deadline => {
                    // Bounded polling: portable-pty offers no wait with a timeout.
                    std::thread::sleep(Duration::from_millis(10));
                }
                Ok(None) => panic!(
                    "the program did not exit within {TIMEOUT:?}\n{}",
                    self.dump()
                ),
                Err(e) => panic!("waiting for the program: {e}"),
            }
        };
        self.wait_output("the pty to close after the program exited", |out| {
            out.closed
        });
        if let Some(reader) = self.reader.take() {
            reader.join().expect("the reader thread");
        }
        status
    }

    /// Checks that the program left the terminal as it found it: main screen, cursor shown,
    /// bracketed paste off, line editing and echo back on, and nothing left on the main screen.
    /// Call after [`Tui::wait_exit`].
    pub fn assert_terminal_restored(&self) {
        self.assert_normal_mode();
        let dump = self.screen();
        assert!(
            dump.trim().is_empty(),
            "the program left text on the main screen:\n{dump}"
        );
    }

    /// Checks that the terminal is in normal mode again: main screen, cursor shown, bracketed
    /// paste off, line editing and echo back on (raw mode off). What the program printed on the
    /// main screen after leaving the alternate one may stay. Call after [`Tui::wait_exit`].
    pub fn assert_normal_mode(&self) {
        let out = self.output();
        let screen = out.parser.screen();
        let dump = screen.contents();
        assert!(
            !screen.alternate_screen(),
            "still on the alternate screen:\n{dump}"
        );
        assert!(!screen.hide_cursor(), "the cursor is still hidden");
        assert!(!screen.bracketed_paste(), "bracketed paste is still on");
        // The modes were in use, and the last word on each was to turn it off.
        let raw = &out.raw;
        for (mode, on, off) in [
            ("the alternate screen", "\x1b[?1049h", "\x1b[?1049l"),
            ("bracketed paste", "\x1b[?2004h", "\x1b[?2004l"),
        ] {
            let (on, off) = (rfind(raw, on), rfind(raw, off));
            assert!(on.is_some(), "{mode} was never turned on");
            assert!(off > on, "{mode} was not turned off after its last use");
        }
        drop(out);
        #[cfg(unix)]
        {
            // Raw mode off: the tty's line discipline edits and echoes again.
            let termios = self.master.get_termios().expect("the pty's settings");
            let local = format!("{:?}", termios.local_flags);
            let flags: Vec<&str> = local.split(|c: char| !c.is_ascii_alphanumeric()).collect();
            for flag in ["ICANON", "ECHO", "ISIG"] {
                assert!(
                    flags.contains(&flag),
                    "raw mode is still on ({flag} missing from {local})"
                );
            }
        }
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        // A test that failed half-way leaves no program behind.
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let deadline = Instant::now() + Duration::from_secs(2);
            while matches!(self.child.try_wait(), Ok(None)) && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(10));
            }
        }
    }
}

fn rfind(haystack: &[u8], needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack.windows(needle.len()).rposition(|w| w == needle)
}
