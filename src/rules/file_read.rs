//! Reading a file the user named (`--rules`, `--answers`): only a regular file, and never more
//! than a cap, so that `/dev/zero`, a FIFO or a huge file is refused at once instead of filling
//! the memory or waiting forever. The reasons are told in Japanese.

use std::fs::File;
use std::io::{ErrorKind, Read};
use std::path::Path;

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadFault {
    /// The operating system refused (no such file, no permission, ...).
    Io(std::io::Error),
    /// Something other than a regular file: what it is, in Japanese.
    NotRegular(&'static str),
    /// Larger than the cap: the size when it is known.
    TooLarge(Option<u64>),
}

impl ReadFault {
    /// The reason in Japanese, without the file's name (the caller puts it in front).
    pub fn reason(&self, cap: u64) -> String {
        match self {
            ReadFault::Io(e) => io_reason(e),
            ReadFault::NotRegular(what) => {
                format!("{what}です。ふつうのファイルを指定してください")
            }
            ReadFault::TooLarge(size) => {
                let size = size.map_or_else(String::new, |s| format!("{s} バイト。"));
                format!(
                    "大きすぎます ({size}上限は {cap} バイト)。指定したファイルが正しいか確かめてください"
                )
            }
        }
    }
}

/// The bytes of the regular file at `path`, at most `cap` of them.
pub fn read_regular(path: &Path, cap: u64) -> Result<Vec<u8>, ReadFault> {
    // The type is checked before opening: opening a FIFO for reading waits for a writer.
    let meta = std::fs::metadata(path).map_err(ReadFault::Io)?;
    not_regular(&meta)?;
    if meta.len() > cap {
        return Err(ReadFault::TooLarge(Some(meta.len())));
    }
    let file = open(path).map_err(ReadFault::Io)?;
    // And again on what was opened: the name may now lead somewhere else.
    let meta = file.metadata().map_err(ReadFault::Io)?;
    not_regular(&meta)?;
    let mut bytes = Vec::new();
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadFault::Io)?;
    if bytes.len() as u64 > cap {
        return Err(ReadFault::TooLarge(None));
    }
    Ok(bytes)
}

#[cfg(unix)]
fn open(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // Non-blocking, so that a FIFO put at the name between the two checks does not wait.
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

fn not_regular(meta: &std::fs::Metadata) -> Result<(), ReadFault> {
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(());
    }
    Err(ReadFault::NotRegular(if kind.is_dir() {
        "フォルダー"
    } else {
        special_kind(&kind)
    }))
}

#[cfg(unix)]
fn special_kind(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "名前付きパイプ (FIFO)"
    } else if kind.is_char_device() || kind.is_block_device() {
        "デバイス"
    } else if kind.is_socket() {
        "ソケット"
    } else {
        "ふつうのファイルではないもの"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::FileType) -> &'static str {
    "ふつうのファイルではないもの"
}

/// An operating-system error in Japanese: the common kinds by name, anything else by kind, so
/// that no English sentence of the system reaches the user.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        ErrorKind::NotFound => "ファイルがありません".to_string(),
        ErrorKind::PermissionDenied => "読む権限がありません".to_string(),
        ErrorKind::IsADirectory => "フォルダーです。ファイルを指定してください".to_string(),
        ErrorKind::NotADirectory => "途中にフォルダーでないものがあります".to_string(),
        ErrorKind::InvalidData => "UTF-8 のテキストではありません".to_string(),
        ErrorKind::InvalidInput | ErrorKind::InvalidFilename => {
            "ファイル名が正しくありません".to_string()
        }
        ErrorKind::WouldBlock => "読み出しを待つ種類のファイルです".to_string(),
        ErrorKind::Interrupted | ErrorKind::TimedOut => "読む途中で中断されました".to_string(),
        ErrorKind::OutOfMemory => "メモリーが足りません".to_string(),
        _ => os_error(e),
    }
}

/// An error the system gave without a kind worth naming, without its English sentence: its
/// number, which a technician can look up.
pub fn os_error(e: &std::io::Error) -> String {
    match e.raw_os_error() {
        Some(code) => format!("OS のエラー番号 {code}"),
        None => "OS のエラー".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_within_the_cap_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, "line = \"cross\"\n").unwrap();
        assert_eq!(read_regular(&path, 100).unwrap(), b"line = \"cross\"\n");
        assert!(matches!(
            read_regular(&path, 5),
            Err(ReadFault::TooLarge(Some(15)))
        ));
    }

    #[test]
    fn a_folder_is_refused_by_its_kind() {
        let dir = tempfile::tempdir().unwrap();
        let e = read_regular(dir.path(), 100).unwrap_err();
        assert_eq!(
            e.reason(100),
            "フォルダーです。ふつうのファイルを指定してください"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused_without_reading_it() {
        let e = read_regular(Path::new("/dev/zero"), 100).unwrap_err();
        assert_eq!(
            e.reason(100),
            "デバイスです。ふつうのファイルを指定してください"
        );
    }

    #[test]
    fn every_os_error_is_told_in_japanese() {
        for kind in [
            ErrorKind::NotFound,
            ErrorKind::PermissionDenied,
            ErrorKind::Other,
            ErrorKind::UnexpectedEof,
            ErrorKind::StorageFull,
        ] {
            let reason = io_reason(&std::io::Error::new(kind, "English words"));
            assert!(!reason.contains("English"), "{kind:?}: {reason}");
            assert!(!reason.is_ascii(), "{kind:?}: {reason}");
        }
        let os = io_reason(&std::io::Error::from_raw_os_error(5));
        assert!(!os.contains("error"), "{os}");
    }
}
