//! A run on several threads: this thread reads the file into chunks of rows and writes the
//! results; each worker decides the rows of the chunks it is given and formats their results.
//! Chunk `n` goes to worker `n % jobs` and its result is taken back from that worker in the same
//! turn, so the results come out in the file's order without sorting. At most
//! [`IN_FLIGHT_PER_JOB`] chunks a worker are read ahead, and their buffers go round, so memory
//! stays the same for any size of file.

use std::io::{self, Read, Write};
use std::sync::mpsc::{Receiver, Sender, channel};

use super::worker::Outcome;
use super::{
    BatchError, CsvReader, Detected, Progress, Tally, Work, Writer, read_record, row_number,
};

/// Rows in a chunk: enough that handing a chunk over costs little against deciding its rows.
const CHUNK_ROWS: usize = 512;

/// Chunks a worker may hold (being decided or waiting to be written).
const IN_FLIGHT_PER_JOB: usize = 2;

/// Rows on their way to a worker and back.
struct Chunk {
    records: Vec<csv::ByteRecord>,
    /// How many of `records` hold this chunk's rows (the rest are buffers kept for later).
    len: usize,
    /// How the file was read when the chunk was. A row read before the first non-ASCII byte
    /// may see the later decision: that changes nothing, as only a BOM (known from the first
    /// bytes) changes the wording of a row's error.
    detected: Detected,
    /// Bytes of the file read by the chunk's end, for the progress bar.
    bytes_read: u64,
    /// The rows' results, encoded as the output is.
    out: Vec<u8>,
    /// What the summary counts of each row (blank rows have none).
    outcomes: Vec<(u64, Outcome)>,
    /// A write that failed (only an encoder's own failure can: `out` is memory).
    failed: Option<io::Error>,
}

impl Chunk {
    fn new() -> Self {
        Chunk {
            records: Vec::new(),
            len: 0,
            detected: Detected::Ascii,
            bytes_read: 0,
            out: Vec::new(),
            outcomes: Vec::new(),
            failed: None,
        }
    }
}

/// A worker's two ends, as this thread sees them.
struct Lane {
    to_worker: Sender<Chunk>,
    done: Receiver<Chunk>,
}

pub(super) fn run<'r, R: Read, W: Write, P: FnMut(super::Progress)>(
    work: &Work<'r, '_>,
    reader: &mut CsvReader<R>,
    writer: &mut Writer<'r, W>,
    tally: &mut Tally<'_, P>,
) -> Result<(), BatchError> {
    let jobs = work.options.jobs.max(1);
    std::thread::scope(|scope| {
        let lanes: Vec<Lane> = (0..jobs)
            .map(|_| {
                let (to_worker, todo) = channel::<Chunk>();
                let (to_reader, done) = channel::<Chunk>();
                let work = *work;
                scope.spawn(move || decide_chunks(&work, &todo, &to_reader));
                Lane { to_worker, done }
            })
            .collect();
        let mut spare: Vec<Chunk> = Vec::new();
        let mut sent = 0usize;
        let mut written = 0usize;
        let mut last_row = 1;
        let mut ended = Ok(());
        loop {
            if sent - written == jobs * IN_FLIGHT_PER_JOB {
                spare.push(write_chunk(&lanes[written % jobs], writer, tally)?);
                written += 1;
            }
            let mut chunk = spare.pop().unwrap_or_else(Chunk::new);
            let more = fill(&mut chunk, reader, &mut last_row);
            if chunk.len > 0 {
                if lanes[sent % jobs].to_worker.send(chunk).is_err() {
                    break;
                }
                sent += 1;
            }
            match more {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    // The rows read before the error are still written, as on one thread.
                    ended = Err(e);
                    break;
                }
            }
        }
        while written < sent {
            write_chunk(&lanes[written % jobs], writer, tally)?;
            written += 1;
        }
        ended
    })
}

/// Reads up to [`CHUNK_ROWS`] records into `chunk`: `Ok(false)` once the file has ended.
fn fill<R: Read>(
    chunk: &mut Chunk,
    reader: &mut CsvReader<R>,
    last_row: &mut u64,
) -> Result<bool, BatchError> {
    chunk.len = 0;
    let more = loop {
        if chunk.len == CHUNK_ROWS {
            break Ok(true);
        }
        if chunk.records.len() == chunk.len {
            chunk.records.push(csv::ByteRecord::new());
        }
        match read_record(reader, &mut chunk.records[chunk.len], *last_row) {
            Ok(true) => {
                *last_row = row_number(&chunk.records[chunk.len]);
                chunk.len += 1;
            }
            other => break other,
        }
    };
    chunk.detected = reader.get_ref().detected();
    chunk.bytes_read = reader.get_ref().bytes_in();
    more
}

/// Takes the next chunk back from `lane` and writes its results.
fn write_chunk<W: Write, P: FnMut(Progress)>(
    lane: &Lane,
    writer: &mut Writer<'_, W>,
    tally: &mut Tally<'_, P>,
) -> Result<Chunk, BatchError> {
    // A worker only hangs up by panicking; the scope passes its panic on, so this error is
    // never the one shown.
    let mut chunk = lane
        .done
        .recv()
        .map_err(|_| BatchError::Write(io::Error::other("判定の途中で内部のエラーが起きました")))?;
    // The rows before a failed one are written, as on one thread.
    writer
        .write_encoded(&chunk.out)
        .map_err(BatchError::Write)?;
    if let Some(e) = chunk.failed.take() {
        return Err(BatchError::Write(e));
    }
    for &(row, outcome) in &chunk.outcomes {
        tally.count(row, outcome, chunk.bytes_read);
    }
    Ok(chunk)
}

/// A worker: decides the rows of every chunk it is given and sends each chunk back.
fn decide_chunks(work: &Work<'_, '_>, todo: &Receiver<Chunk>, done: &Sender<Chunk>) {
    let mut worker = work.worker();
    let mut writer = Writer::rows_only(Vec::new(), work.rules, work.options.output);
    for mut chunk in todo {
        let mut out = std::mem::take(&mut chunk.out);
        out.clear();
        *writer.get_mut() = out;
        chunk.outcomes.clear();
        for record in &mut chunk.records[..chunk.len] {
            match worker.write_row(record, chunk.detected, &mut writer) {
                Ok(Some(outcome)) => chunk.outcomes.push(outcome),
                Ok(None) => {}
                Err(e) => {
                    chunk.failed = Some(e);
                    break;
                }
            }
        }
        chunk.out = std::mem::take(writer.get_mut());
        if done.send(chunk).is_err() {
            break;
        }
    }
}
