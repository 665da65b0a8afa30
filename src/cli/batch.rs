//! `oqs-line-check batch FILE.csv`: one result per clinic, a progress bar while it runs (only
//! when stderr is a terminal) and a summary at the end. Exit 0 when every row was decided, 1 when
//! some rows had errors, 2 when the file could not be read (or the result not written).

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use oqs_line_check::batch::{
    self, Batch, BatchError, Encoding, Format, Headings, Options, OutputEncoding, OutputOptions,
    Progress, Summary,
};
use oqs_line_check::rules::{RuleSet, Verdict, file_read, text};

use super::EXIT_INPUT_ERROR;
use super::args::{BatchArgs, BatchFormat, EncodingArg, HeadingsArg, OutputEncodingArg};

/// Exit status when some rows had errors.
pub const EXIT_ROW_ERRORS: u8 = 1;

/// The progress bar is redrawn at most this often.
const REDRAW: Duration = Duration::from_millis(100);
const BAR_WIDTH: usize = 30;

pub fn run(rules: &RuleSet, args: &BatchArgs) -> ExitCode {
    match run_inner(rules, args) {
        Ok(summary) => {
            print_summary(&summary, args.headings);
            if summary.errors > 0 {
                ExitCode::from(EXIT_ROW_ERRORS)
            } else {
                ExitCode::SUCCESS
            }
        }
        // The reader of the output went away (`| head`): nothing to tell it.
        Err(None) => ExitCode::from(EXIT_INPUT_ERROR),
        Err(Some(message)) => {
            eprintln!("エラー: {message}");
            ExitCode::from(EXIT_INPUT_ERROR)
        }
    }
}

/// The summary, or why the run stopped (`None`: the output was closed by its reader).
fn run_inner(rules: &RuleSet, args: &BatchArgs) -> Result<Summary, Option<String>> {
    let shown = text::sanitize(&args.file.display().to_string());
    let (input, total) = open_input(&args.file).map_err(|e| Some(format!("{shown}: {e}")))?;
    // JSON Lines are UTF-8 without a BOM: asking for anything else is a mistake to say.
    if args.format == BatchFormat::Json
        && args
            .output_encoding
            .is_some_and(|e| e != OutputEncodingArg::Utf8)
    {
        return Err(Some(
            "--output-encoding (結果の CSV の文字コード) は CSV の結果にだけ使えます。JSON Lines (--format json) はいつも UTF-8 です".to_string(),
        ));
    }
    // `--output -` is standard output, as `-` is standard input.
    let output = args.output.as_deref().filter(|p| p.as_os_str() != "-");
    if let Some(out) = output {
        if same_file(&args.file, out) {
            return Err(Some(format!(
                "結果の書き込み先 ({}) が読み込むファイルと同じです。別のファイル名を指定してください",
                text::sanitize(&out.display().to_string())
            )));
        }
        check_output(out, args.overwrite).map_err(Some)?;
    }
    let options = Options {
        encoding: match args.encoding {
            EncodingArg::Auto => Encoding::Auto,
            EncodingArg::Utf8 => Encoding::Utf8,
            EncodingArg::ShiftJis => Encoding::ShiftJis,
        },
        output: OutputOptions {
            format: match args.format {
                BatchFormat::Csv => Format::Csv,
                BatchFormat::Json => Format::JsonLines,
            },
            headings: match args.headings {
                HeadingsArg::Japanese => Headings::Japanese,
                HeadingsArg::Keys => Headings::Keys,
            },
            encoding: match args.output_encoding {
                None | Some(OutputEncodingArg::Utf8Bom) => OutputEncoding::Utf8Bom,
                Some(OutputEncodingArg::Utf8) => OutputEncoding::Utf8,
                Some(OutputEncodingArg::ShiftJis) => OutputEncoding::ShiftJis,
            },
        },
        today: chrono::Local::now().date_naive(),
        jobs: jobs(),
    };
    let batch = Batch::open(rules, input, options).map_err(|e| Some(format!("{shown}: {e}")))?;
    warn_about_columns(batch.columns());
    let mut bar = ProgressBar::new(total, io::stderr().is_terminal());
    let result = match output {
        None => {
            let out = BufWriter::with_capacity(64 * 1024, io::stdout().lock());
            batch
                .run(out, |p| bar.update(p))
                .and_then(|(s, mut out)| out.flush().map(|()| s).map_err(BatchError::Write))
        }
        Some(path) => run_to_file(batch, path, args.overwrite, &mut bar),
    };
    bar.clear();
    result.map_err(|e| match e {
        BatchError::Write(w) if w.kind() == io::ErrorKind::BrokenPipe => None,
        BatchError::Write(w) => Some(match output {
            Some(path) => write_failure(path, &w),
            None => format!("結果を標準出力に書き込めませんでした ({})", os_error(&w)),
        }),
        _ => Some(format!("{shown}: {e}")),
    })
}

/// Writes to a temporary file beside `path` and renames it into place at the end: a run that
/// stops half-way leaves no half-written result.
fn run_to_file<R: Read>(
    batch: Batch<'_, R>,
    path: &Path,
    overwrite: bool,
    bar: &mut ProgressBar,
) -> Result<Summary, BatchError> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let tmp = tempfile::Builder::new()
        .prefix(".oqs-line-check-")
        .tempfile_in(&dir)
        .map_err(BatchError::Write)?;
    let (summary, out) = batch.run(BufWriter::with_capacity(64 * 1024, tmp), |p| bar.update(p))?;
    let tmp = out
        .into_inner()
        .map_err(|e| BatchError::Write(e.into_error()))?;
    tmp.as_file().sync_all().map_err(BatchError::Write)?;
    // Without --overwrite, a file made at the path while the batch ran is not replaced either.
    let persisted = if overwrite {
        tmp.persist(path)
    } else {
        tmp.persist_noclobber(path)
    };
    persisted.map_err(|e| BatchError::Write(e.error))?;
    Ok(summary)
}

/// Refuses an output path that holds anything but a regular file, and a regular file unless
/// `overwrite`: a typo in `--output` must not replace a clinic list, and not even root may
/// replace a device such as /dev/null.
fn check_output(path: &Path, overwrite: bool) -> Result<(), String> {
    let shown = text::sanitize(&path.display().to_string());
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(write_failure(path, &e)),
    };
    let what = if meta.is_dir() {
        "フォルダー"
    } else if meta.file_type().is_symlink() {
        "シンボリックリンク"
    } else if !meta.is_file() {
        "デバイスなどの特別なファイル"
    } else if overwrite {
        return Ok(());
    } else {
        return Err(format!(
            "結果の書き込み先 {shown} は既にあるファイルです。上書きしてよいときは --overwrite を付けてください。残すときは別のファイル名を指定してください"
        ));
    };
    Err(format!(
        "結果の書き込み先 {shown} は{what}です。--overwrite があっても置き換えません。別のファイル名を指定してください"
    ))
}

/// Why the result could not be written to `path`, naming the path the user gave (never the
/// temporary file beside it).
fn write_failure(path: &Path, e: &io::Error) -> String {
    let shown = text::sanitize(&path.display().to_string());
    match e.kind() {
        io::ErrorKind::AlreadyExists => format!(
            "結果の書き込み先 {shown} に、一括判定の間に同じ名前のファイルが作られました。上書きしてよいときは --overwrite を付けて、もう一度実行してください"
        ),
        io::ErrorKind::NotFound => format!(
            "結果の書き込み先 {shown} のフォルダーがありません。フォルダーを作るか、別の場所を指定してください"
        ),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => format!(
            "結果の書き込み先 {shown} に書き込む権限がありません。書き込めるフォルダーを指定してください"
        ),
        io::ErrorKind::StorageFull => format!(
            "結果の書き込み先 {shown} のディスクがいっぱいです。空きを作るか、別の場所を指定してください"
        ),
        _ => format!("結果を {shown} に書き込めませんでした ({})", os_error(e)),
    }
}

/// An OS error, for the end of a message: its number, not the English text.
fn os_error(e: &io::Error) -> String {
    match e.raw_os_error() {
        Some(code) => format!("OS のエラー番号 {code}"),
        None => "原因不明のエラー".to_string(),
    }
}

/// The file to read, and its size when known (for the progress bar). `-` is standard input.
fn open_input(path: &Path) -> Result<(Box<dyn Read>, Option<u64>), String> {
    if path.as_os_str() == "-" {
        return Ok((Box::new(io::stdin().lock()), None));
    }
    let file = File::open(path).map_err(|e| file_read::io_reason(&e))?;
    let meta = file.metadata().map_err(|e| file_read::io_reason(&e))?;
    if meta.is_dir() {
        return Err("フォルダーです。CSV ファイルを指定してください".to_string());
    }
    Ok((Box::new(file), Some(meta.len())))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn warn_about_columns(c: &batch::Columns) {
    if !c.ignored.is_empty() {
        let names: Vec<String> = c.ignored.iter().map(|h| format!("「{h}」")).collect();
        eprintln!(
            "注意: 列{}は判定に使いません (使える見出しは oqs-line-check batch --help にあります)。",
            names.join("")
        );
    }
    if c.name.is_none() {
        eprintln!(
            "注意: 医療機関名の列 (「name」または「医療機関名」) がありません。結果は行番号で見分けてください。"
        );
    }
}

/// Threads that decide rows: one a core, up to [`MAX_JOBS`] (reading and writing stay on one
/// thread, so more would wait on it).
fn jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_JOBS))
}

const MAX_JOBS: usize = 8;

/// A one-line progress bar on stderr, redrawn with a carriage return only (no cursor movement),
/// at most every [`REDRAW`].
struct ProgressBar {
    enabled: bool,
    total: Option<u64>,
    last: Option<Instant>,
    drawn: usize,
}

impl ProgressBar {
    fn new(total: Option<u64>, enabled: bool) -> Self {
        ProgressBar {
            enabled,
            total: total.filter(|&t| t > 0),
            last: None,
            drawn: 0,
        }
    }

    fn update(&mut self, p: Progress) {
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        if self.last.is_some_and(|t| now.duration_since(t) < REDRAW) {
            return;
        }
        self.last = Some(now);
        let line = match self.total {
            Some(total) => {
                let done = p.bytes.min(total);
                let filled = usize::try_from(done * BAR_WIDTH as u64 / total).unwrap_or(0);
                format!(
                    "処理中 [{}{}] {:>3}% {} 行",
                    "#".repeat(filled),
                    "-".repeat(BAR_WIDTH - filled.min(BAR_WIDTH)),
                    done * 100 / total,
                    p.rows
                )
            }
            None => format!("処理中 {} 行", p.rows),
        };
        let mut err = io::stderr().lock();
        let _ = write!(err, "\r{line}");
        let _ = err.flush();
        self.drawn = unicode_width::UnicodeWidthStr::width(line.as_str());
    }

    fn clear(&mut self) {
        if self.drawn > 0 {
            let mut err = io::stderr().lock();
            let _ = write!(err, "\r{}\r", " ".repeat(self.drawn));
            let _ = err.flush();
            self.drawn = 0;
        }
    }
}

/// The counts, on stderr. With the keys as headings (for scripts) each verdict's id follows its
/// name, as the `verdict` column writes it.
fn print_summary(s: &Summary, headings: HeadingsArg) {
    let keys = headings == HeadingsArg::Keys;
    let mut err = io::stderr().lock();
    let mut lines = vec![format!(
        "一括判定が終わりました: {} 件 (文字コード: {})",
        s.rows,
        s.encoding.label()
    )];
    for (verdict, count) in [
        (Verdict::Ready, s.ready),
        (Verdict::ActionRequired, s.action_required),
        (Verdict::Confirm, s.confirm),
        (Verdict::OtherMethod, s.other_method),
        (Verdict::NotEligible, s.not_eligible),
    ] {
        let id = if keys {
            format!(" ({})", verdict.as_ref())
        } else {
            String::new()
        };
        lines.push(format!("  {}{id}: {count} 件", verdict.label()));
    }
    let id = if keys { " (error)" } else { "" };
    lines.push(format!("  エラー{id}: {} 件", s.errors));
    if s.ids_rewritten > 0 {
        lines.push(format!(
            "お客さまIDを半角大文字に書き直した行: {} 件 (全角、小文字、空白やハイフン。ポータルサイトには元の書き方ではなく、結果のお客さまIDを入力してください)",
            s.ids_rewritten
        ));
    }
    if s.errors > 0 {
        let rows: Vec<String> = s.error_rows.iter().map(u64::to_string).collect();
        let more = s.errors.saturating_sub(s.error_rows.len() as u64);
        let more = if more > 0 {
            format!(" ほか {more} 件")
        } else {
            String::new()
        };
        let column = if keys { "errors" } else { "エラー" };
        lines.push(format!(
            "エラーのある行: {}{more}。内容は結果の「{column}」列にあります。",
            rows.join(", ")
        ));
    }
    for l in lines {
        let _ = writeln!(err, "{l}");
    }
}
