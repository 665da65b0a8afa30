//! Writing the saved result: next to each other in the current folder, named by date and time,
//! written atomically, never over an existing file, readable only by the user on Unix (the files
//! hold an お客さまID).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use oqs_line_check::rules::text;
use oqs_line_check::wizard::SaveRequest;

/// Writes every file of `request` into `dir`, under `stem.EXT` (or `stem-2.EXT` … when a name is
/// taken). Returns the paths written, or a Japanese message saying what went wrong and what to do.
pub fn write(dir: &Path, stem: &str, request: &SaveRequest) -> Result<Vec<String>, String> {
    if !dir.is_dir() {
        return Err(format!(
            "保存先のフォルダー ({}) がありません。",
            text::sanitize(&dir.display().to_string())
        ));
    }
    let names = free_names(dir, stem, request)?;
    let mut written = Vec::new();
    for ((ext, content), path) in request.files.iter().zip(&names) {
        if let Err(e) = write_one(dir, path, content) {
            // Leave nothing half-saved: remove what this save already wrote.
            for p in &written {
                let _ = std::fs::remove_file(p);
            }
            return Err(describe(&e, dir, ext));
        }
        written.push(path.clone());
    }
    Ok(written.iter().map(|p| p.display().to_string()).collect())
}

/// The first `stem`, `stem-2`, `stem-3` … under which no file of the request exists yet.
fn free_names(dir: &Path, stem: &str, request: &SaveRequest) -> Result<Vec<PathBuf>, String> {
    for n in 1..1000 {
        let stem = if n == 1 {
            stem.to_string()
        } else {
            format!("{stem}-{n}")
        };
        let names: Vec<PathBuf> = request
            .files
            .iter()
            .map(|(ext, _)| dir.join(format!("{stem}.{ext}")))
            .collect();
        if names.iter().all(|p| !p.exists()) {
            return Ok(names);
        }
    }
    Err("同じ名前のファイルが多すぎて、新しい名前を決められません。古い結果ファイルを整理してください。".to_string())
}

fn write_one(dir: &Path, path: &Path, content: &str) -> io::Result<()> {
    // tempfile creates the file with mode 0600 on Unix, in the same folder so the final step is
    // a rename on one file system; persist_noclobber refuses to replace an existing file.
    let mut tmp = tempfile::Builder::new()
        .prefix(".oqs-line-check-")
        .tempfile_in(dir)?;
    tmp.write_all(content.as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.persist_noclobber(path).map_err(|e| e.error)?;
    Ok(())
}

fn describe(e: &io::Error, dir: &Path, ext: &str) -> String {
    let dir = text::sanitize(&dir.display().to_string());
    match e.kind() {
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => format!(
            "フォルダー {dir} に書き込めません (権限がないか、読み取り専用です)。書き込めるフォルダーで起動し直してください。"
        ),
        io::ErrorKind::StorageFull => {
            "ディスクがいっぱいです。空きを作ってから、もう一度 F2 で保存してください。".to_string()
        }
        io::ErrorKind::AlreadyExists => {
            "同じ名前のファイルができていました。もう一度 F2 で保存してください。".to_string()
        }
        _ => format!(
            "{ext} ファイルを書けませんでした ({})。",
            text::sanitize(&e.to_string())
        ),
    }
}
