//! The CSV's bytes as UTF-8, streamed: UTF-8 (with or without a BOM) passes through; Shift_JIS
//! (as Excel writes a CSV on Japanese Windows: Windows-31J, which encoding_rs's `SHIFT_JIS` is)
//! is decoded chunk by chunk. Memory stays the same for any size of file.
//!
//! Detecting: a UTF-8 BOM means UTF-8 (even over `--encoding`, as browsers and encoding_rs do);
//! a UTF-16 BOM is refused. Otherwise, unless told, the first non-ASCII byte decides: the
//! [`SNIFF`] bytes from there are UTF-8 or they are not. Japanese in Shift_JIS is practically
//! never valid UTF-8 (its second bytes include ASCII letters, and its first bytes are UTF-8
//! continuation bytes), so a few characters settle it; a file that is pure ASCII needs no
//! decision at all.

use std::io::{self, Read};

use encoding_rs::{CoderResult, Decoder, SHIFT_JIS};

/// What the `--encoding` flag asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    #[default]
    Auto,
    Utf8,
    ShiftJis,
}

/// How the file was read, for the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detected {
    /// Only ASCII so far: UTF-8 and Shift_JIS read it the same.
    Ascii,
    Utf8,
    Utf8Bom,
    ShiftJis,
}

impl Detected {
    pub fn label(self) -> &'static str {
        match self {
            Detected::Ascii => "ASCII (英数字のみ)",
            Detected::Utf8 => "UTF-8",
            Detected::Utf8Bom => "UTF-8 (BOM 付き)",
            Detected::ShiftJis => "Shift_JIS",
        }
    }
}

/// The file starts with a UTF-16 BOM (Excel's 「Unicode テキスト」): carried inside an
/// `io::Error` of kind `InvalidData`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Utf16Error;

impl std::fmt::Display for Utf16Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("UTF-16 のファイルは読めません")
    }
}

impl std::error::Error for Utf16Error {}

/// A row longer than this is read no further: the file has no line end there, or a quote that
/// never closes. It is far beyond [`super::MAX_ROW`] and the CSV reader's buffer, so every row
/// that ends is read whole and judged by its size.
pub const RUNAWAY: u64 = 1024 * 1024;

/// A row runs past [`RUNAWAY`] bytes: carried inside an `io::Error` of kind `InvalidData`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunawayRow;

impl std::fmt::Display for RunawayRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("行が終わりません")
    }
}

impl std::error::Error for RunawayRow {}

/// Bytes read from the file at a time.
const CHUNK: usize = 64 * 1024;
/// Bytes from the first non-ASCII byte on that decide between UTF-8 and Shift_JIS.
pub const SNIFF: usize = 1024;

enum State {
    /// Before the BOM check.
    Start,
    /// Nothing but ASCII so far, no encoding given.
    Ascii,
    Utf8,
    ShiftJis(Box<Decoder>),
    /// Shift_JIS, decoder flushed at the end of the file.
    Done,
}

/// A `Read` of UTF-8 over a CSV file in UTF-8 or Shift_JIS.
pub struct DecodeReader<R> {
    inner: R,
    requested: Encoding,
    state: State,
    detected: Detected,
    raw: Box<[u8]>,
    start: usize,
    end: usize,
    eof: bool,
    /// Decoded Shift_JIS waiting to be read.
    decoded: Box<[u8]>,
    dstart: usize,
    dend: usize,
    bytes_in: u64,
    /// Decoded bytes handed out so far, and how far they may go (see
    /// [`DecodeReader::record_starts_at`]).
    delivered: u64,
    limit: u64,
}

impl<R: Read> DecodeReader<R> {
    pub fn new(inner: R, requested: Encoding) -> Self {
        DecodeReader {
            inner,
            requested,
            state: State::Start,
            detected: Detected::Ascii,
            raw: vec![0; CHUNK].into_boxed_slice(),
            start: 0,
            end: 0,
            eof: false,
            decoded: Vec::new().into_boxed_slice(),
            dstart: 0,
            dend: 0,
            bytes_in: 0,
            delivered: 0,
            limit: RUNAWAY,
        }
    }

    /// How the file is being read (so far: `Ascii` may still turn into another).
    pub fn detected(&self) -> Detected {
        self.detected
    }

    /// Bytes taken from the file so far (for a progress bar).
    pub fn bytes_in(&self) -> u64 {
        self.bytes_in
    }

    /// A record that starts at decoded byte `start` must end within [`RUNAWAY`] bytes: reading
    /// further fails with [`RunawayRow`], so a file without line ends (or with a quote that never
    /// closes) cannot fill the memory.
    pub fn record_starts_at(&mut self, start: u64) {
        self.limit = start.saturating_add(RUNAWAY);
    }

    /// Reads more of the file after what is buffered. Returns false at the end of the file.
    fn fill(&mut self) -> io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        if self.start == self.end {
            self.start = 0;
            self.end = 0;
        } else if self.end == self.raw.len() {
            self.raw.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        loop {
            match self.inner.read(&mut self.raw[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(n) => {
                    self.end += n;
                    self.bytes_in += n as u64;
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// Fills until at least `n` bytes are buffered or the file ends.
    fn fill_to(&mut self, n: usize) -> io::Result<()> {
        if self.start > 0 {
            self.raw.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        while self.end - self.start < n && self.fill()? {}
        Ok(())
    }

    fn begin(&mut self) -> io::Result<()> {
        self.fill_to(3)?;
        let head = &self.raw[self.start..self.end];
        if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
            self.start += 3;
            // A Shift_JIS file some editor prefixed with a UTF-8 BOM: `--encoding shift_jis`
            // is the way out, so it wins over the BOM.
            if self.requested == Encoding::ShiftJis {
                self.shift_jis();
            } else {
                self.state = State::Utf8;
                self.detected = Detected::Utf8Bom;
            }
        } else if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
            return Err(io::Error::new(io::ErrorKind::InvalidData, Utf16Error));
        } else {
            match self.requested {
                Encoding::Auto => self.state = State::Ascii,
                Encoding::Utf8 => {
                    self.state = State::Utf8;
                    self.detected = Detected::Utf8;
                }
                Encoding::ShiftJis => self.shift_jis(),
            }
        }
        Ok(())
    }

    fn shift_jis(&mut self) {
        self.state = State::ShiftJis(Box::new(SHIFT_JIS.new_decoder_without_bom_handling()));
        self.detected = Detected::ShiftJis;
        if self.decoded.is_empty() {
            self.decoded = vec![0; CHUNK * 2].into_boxed_slice();
        }
    }

    fn copy_raw(&mut self, buf: &mut [u8], limit: usize) -> usize {
        let n = limit.min(buf.len());
        buf[..n].copy_from_slice(&self.raw[self.start..self.start + n]);
        self.start += n;
        n
    }
}

/// Whether `bytes` (starting at a non-ASCII byte) read as UTF-8; a character cut off at the
/// end of the window counts as fine.
fn looks_utf8(bytes: &[u8]) -> bool {
    match std::str::from_utf8(bytes) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && e.valid_up_to() > 0,
    }
}

impl<R: Read> Read for DecodeReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let room = self.limit.saturating_sub(self.delivered);
        if room == 0 && !buf.is_empty() {
            return Err(io::Error::new(io::ErrorKind::InvalidData, RunawayRow));
        }
        let take = buf.len().min(usize::try_from(room).unwrap_or(usize::MAX));
        let n = self.read_decoded(&mut buf[..take])?;
        self.delivered += n as u64;
        Ok(n)
    }
}

impl<R: Read> DecodeReader<R> {
    fn read_decoded(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            match &mut self.state {
                State::Start => self.begin()?,
                State::Utf8 => {
                    if self.start == self.end && !self.fill()? {
                        return Ok(0);
                    }
                    let avail = self.end - self.start;
                    return Ok(self.copy_raw(buf, avail));
                }
                State::Ascii => {
                    if self.start == self.end && !self.fill()? {
                        return Ok(0);
                    }
                    // Only as far as the caller takes: no byte is scanned twice.
                    let stop = self.end.min(self.start + buf.len());
                    let avail = &self.raw[self.start..stop];
                    let ascii = avail
                        .iter()
                        .position(|b| !b.is_ascii())
                        .unwrap_or(avail.len());
                    if ascii > 0 {
                        return Ok(self.copy_raw(buf, ascii));
                    }
                    self.fill_to(SNIFF)?;
                    // Exactly the window, however the bytes arrived: a file read in one go
                    // and the same bytes through a pipe decide alike.
                    let window = self.end.min(self.start + SNIFF);
                    if looks_utf8(&self.raw[self.start..window]) {
                        self.state = State::Utf8;
                        self.detected = Detected::Utf8;
                    } else {
                        self.shift_jis();
                    }
                }
                State::ShiftJis(decoder) => {
                    if self.dstart < self.dend {
                        let n = (self.dend - self.dstart).min(buf.len());
                        buf[..n].copy_from_slice(&self.decoded[self.dstart..self.dstart + n]);
                        self.dstart += n;
                        return Ok(n);
                    }
                    if self.start == self.end && !self.eof {
                        self.fill()?;
                        continue;
                    }
                    let last = self.eof;
                    let (result, read, written, _) = decoder.decode_to_utf8(
                        &self.raw[self.start..self.end],
                        &mut self.decoded,
                        last,
                    );
                    self.start += read;
                    self.dstart = 0;
                    self.dend = written;
                    if last && result == CoderResult::InputEmpty {
                        self.state = State::Done;
                    }
                }
                State::Done => {
                    if self.dstart < self.dend {
                        let n = (self.dend - self.dstart).min(buf.len());
                        buf[..n].copy_from_slice(&self.decoded[self.dstart..self.dstart + n]);
                        self.dstart += n;
                        return Ok(n);
                    }
                    return Ok(0);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads everything through a reader that hands out `chunk` bytes at a time.
    fn decode(bytes: &[u8], requested: Encoding, chunk: usize) -> (Vec<u8>, Detected) {
        struct Trickle<'a>(&'a [u8], usize);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = self.1.min(buf.len()).min(self.0.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut r = DecodeReader::new(Trickle(bytes, chunk), requested);
        let mut out = Vec::new();
        let mut buf = [0u8; 7];
        loop {
            let n = r.read(&mut buf).expect("reads");
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
        }
        (out, r.detected())
    }

    fn sjis(s: &str) -> Vec<u8> {
        SHIFT_JIS.encode(s).0.into_owned()
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let text = "名前,line\n東京クリニック,next\n";
        for chunk in [1, 3, 5000] {
            assert_eq!(
                decode(text.as_bytes(), Encoding::Auto, chunk),
                (text.as_bytes().to_vec(), Detected::Utf8)
            );
            let mut bom = vec![0xEF, 0xBB, 0xBF];
            bom.extend_from_slice(text.as_bytes());
            assert_eq!(
                decode(&bom, Encoding::Auto, chunk),
                (text.as_bytes().to_vec(), Detected::Utf8Bom)
            );
        }
    }

    #[test]
    fn shift_jis_is_detected_even_after_a_long_ascii_stretch() {
        let text = format!("{}東京都,ｶﾅ,①\n", "name,line\n".repeat(10_000));
        for chunk in [1, 2, 4096, 1 << 20] {
            let (out, detected) = decode(&sjis(&text), Encoding::Auto, chunk);
            assert_eq!(detected, Detected::ShiftJis);
            assert_eq!(String::from_utf8(out).expect("UTF-8"), text);
        }
    }

    #[test]
    fn shift_jis_when_told_and_bad_bytes_become_replacement_characters() {
        let mut bytes = sjis("医療機関名\n");
        bytes.push(0x81); // a lead byte with nothing after it
        let (out, detected) = decode(&bytes, Encoding::ShiftJis, 3);
        assert_eq!(detected, Detected::ShiftJis);
        assert_eq!(
            String::from_utf8(out).expect("UTF-8"),
            "医療機関名\n\u{fffd}"
        );
    }

    #[test]
    fn pure_ascii_stays_undecided() {
        assert_eq!(
            decode(b"line\nnext\n", Encoding::Auto, 2),
            (b"line\nnext\n".to_vec(), Detected::Ascii)
        );
    }

    #[test]
    fn utf16_is_refused() {
        let mut r = DecodeReader::new(&[0xFF, 0xFE, b'a', 0][..], Encoding::Auto);
        let e = r.read(&mut [0u8; 16]).expect_err("refused");
        assert!(
            e.get_ref()
                .is_some_and(|e| e.downcast_ref::<Utf16Error>().is_some())
        );
    }

    #[test]
    fn the_same_bytes_decide_alike_however_they_arrive() {
        // UTF-8 for the whole sniffing window, then bytes that are not: the window decides,
        // whether the reader hands out one byte or the whole file at a time.
        let mut bytes = b"name\n".to_vec();
        bytes.extend_from_slice("é".repeat(SNIFF).as_bytes());
        bytes.extend_from_slice(&sjis("\n東京都\n"));
        let detected: Vec<Detected> = [1, 7, 4096, 1 << 20]
            .into_iter()
            .map(|chunk| decode(&bytes, Encoding::Auto, chunk).1)
            .collect();
        assert_eq!(detected, [Detected::Utf8; 4]);
    }

    #[test]
    fn shift_jis_behind_a_utf8_bom_reads_when_told() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(&sjis("医療機関名,line\nさくら,cross\n"));
        let (out, detected) = decode(&bytes, Encoding::ShiftJis, 5);
        assert_eq!(detected, Detected::ShiftJis);
        assert_eq!(
            String::from_utf8(out).expect("UTF-8"),
            "医療機関名,line\nさくら,cross\n"
        );
    }

    #[test]
    fn a_record_may_not_run_past_its_limit() {
        let mut r = DecodeReader::new(&[0u8; 4096][..], Encoding::Auto);
        r.record_starts_at(0);
        r.limit = 100;
        let mut buf = [0u8; 64];
        assert_eq!(r.read(&mut buf).expect("reads"), 64);
        assert_eq!(r.read(&mut buf).expect("reads"), 36);
        let e = r.read(&mut buf).expect_err("runaway");
        assert!(
            e.get_ref()
                .is_some_and(|e| e.downcast_ref::<RunawayRow>().is_some())
        );
        // The next record gets its own limit.
        r.record_starts_at(100);
        assert_eq!(r.read(&mut buf).expect("reads"), 64);
    }
}
