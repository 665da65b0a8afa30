//! The terminal's input on Unix, read directly: the terminal, window size changes (SIGWINCH)
//! and a wake-up from the signal thread, waited for together with poll(2).
//!
//! crossterm 0.29's reader waits with an edge-triggered epoll (mio) but, once a read of its
//! 1 KiB buffer has given it an event, returns without reading the rest: bytes still waiting
//! in the terminal raise no new edge, so a burst typed without bracketed paste was read 1 KiB
//! per later key press. Here poll(2) is level-triggered and everything waiting is read before
//! the events are handed on.

use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::time::Duration;

use crossterm::event::Event;

use super::Input;
use super::parse::Parser;

/// How long a paste may stay open, or an escape sequence unfinished, with no input at all before
/// it is given up: far longer than the gaps inside a paste, short enough for a person.
const IDLE: Duration = Duration::from_millis(300);

/// The most read before the events are handed on (and a frame drawn): a long burst of input
/// still shows progress.
const BATCH_BYTES: usize = 64 * 1024;

pub struct Reader {
    /// The terminal: stdin when it is one, else /dev/tty (as crossterm chooses).
    tty: RawFd,
    _dev_tty: Option<File>,
    winch: UnixStream,
    wake: UnixStream,
    waker: UnixStream,
    parser: Parser,
    buffer: Vec<u8>,
}

/// Wakes the reader from another thread: the next batch holds [`Input::Redraw`].
pub struct Waker(UnixStream);

impl Waker {
    pub fn wake(&self) {
        let _ = (&self.0).write(&[1]);
    }
}

impl Reader {
    pub fn open() -> io::Result<Reader> {
        // SAFETY: isatty only inspects the descriptor.
        let stdin_is_tty = unsafe { libc::isatty(libc::STDIN_FILENO) } == 1;
        let (tty, dev_tty) = if stdin_is_tty {
            (libc::STDIN_FILENO, None)
        } else {
            let file = File::options().read(true).write(true).open("/dev/tty")?;
            (file.as_raw_fd(), Some(file))
        };
        let (winch, winch_sender) = UnixStream::pair()?;
        winch_sender.set_nonblocking(true)?;
        signal_hook::low_level::pipe::register(signal_hook::consts::SIGWINCH, winch_sender)?;
        let (wake, waker) = UnixStream::pair()?;
        waker.set_nonblocking(true)?;
        wake.set_nonblocking(true)?;
        winch.set_nonblocking(true)?;
        Ok(Reader {
            tty,
            _dev_tty: dev_tty,
            winch,
            wake,
            waker,
            parser: Parser::default(),
            buffer: vec![0; BATCH_BYTES],
        })
    }

    pub fn waker(&self) -> io::Result<Waker> {
        Ok(Waker(self.waker.try_clone()?))
    }

    /// Waits for input, then returns all of it that is there (up to [`BATCH_BYTES`]).
    pub fn batch(&mut self) -> io::Result<Vec<Input>> {
        let mut events = Vec::new();
        let mut inputs = Vec::new();
        loop {
            let timeout = if self.parser.waiting() {
                Some(IDLE)
            } else {
                None
            };
            let [tty, winch, wake] = poll(
                [self.tty, self.winch.as_raw_fd(), self.wake.as_raw_fd()],
                timeout,
            )?;
            if !(tty || winch || wake) {
                self.parser.idle(&mut events);
            }
            if wake {
                drain(&self.wake);
                inputs.push(Input::Redraw);
            }
            if winch {
                drain(&self.winch);
                let (width, height) = crossterm::terminal::size()?;
                events.push(Event::Resize(width, height));
            }
            if tty {
                self.read_waiting(&mut events)?;
            }
            inputs.extend(events.drain(..).map(Input::Event));
            if !inputs.is_empty() {
                return Ok(inputs);
            }
        }
    }

    /// Reads what the terminal has, until it has no more or [`BATCH_BYTES`] are read.
    fn read_waiting(&mut self, events: &mut Vec<Event>) -> io::Result<()> {
        let mut total = 0;
        loop {
            let n = read(self.tty, &mut self.buffer)?;
            self.parser.advance(&self.buffer[..n], events);
            total += n;
            if total >= BATCH_BYTES {
                return Ok(());
            }
            let [more] = poll([self.tty], Some(Duration::ZERO))?;
            if !more {
                self.parser.end_of_input(events);
                return Ok(());
            }
        }
    }
}

/// Which of `fds` can be read (or are at their end), waiting at most `timeout` (None: for ever).
fn poll<const N: usize>(fds: [RawFd; N], timeout: Option<Duration>) -> io::Result<[bool; N]> {
    let mut polled = fds.map(|fd| libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    });
    let timeout = timeout.map_or(-1, |t| i32::try_from(t.as_millis()).unwrap_or(i32::MAX));
    loop {
        // SAFETY: `polled` is an array of N valid pollfd structures.
        let n = unsafe { libc::poll(polled.as_mut_ptr(), N as libc::nfds_t, timeout) };
        if n >= 0 {
            break;
        }
        let e = io::Error::last_os_error();
        if e.kind() != io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
    Ok(polled.map(|p| p.revents & (libc::POLLIN | libc::POLLHUP | libc::POLLERR) != 0))
}

/// One read of the terminal. Its end (the terminal closed) is an error: nothing more will come.
fn read(fd: RawFd, buffer: &mut [u8]) -> io::Result<usize> {
    loop {
        // SAFETY: `buffer` is valid for writes of its length.
        let n = unsafe { libc::read(fd, buffer.as_mut_ptr().cast(), buffer.len()) };
        match usize::try_from(n) {
            Ok(0) => {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "端末が閉じられました",
                ));
            }
            Ok(n) => return Ok(n),
            Err(_) => {
                let e = io::Error::last_os_error();
                match e.kind() {
                    io::ErrorKind::Interrupted => continue,
                    io::ErrorKind::WouldBlock => return Ok(0),
                    _ => return Err(e),
                }
            }
        }
    }
}

fn drain(mut stream: &UnixStream) {
    let mut buf = [0u8; 64];
    while matches!(stream.read(&mut buf), Ok(n) if n > 0) {}
}
