//! Writing the saved result: next to each other in the current folder, named by date and time,
//! written atomically, never over an existing file, readable only by the user on Unix (the files
//! hold an お客さまID).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use oqs_line_check::rules::text;
use oqs_line_check::wizard::SaveRequest;

/// Writes every file of `request` into `dir`, under `stem.EXT` (or `stem-2.EXT` … when a name is
/// taken). Returns the paths written, or a Japanese message saying what went wrong and what to do.
///
/// The message is shown on the result screen's one message line after 「保存できません: 」, so
/// each fits in an 80-column window whole (60 columns, tested); the folder is the one the wizard
/// was started in, so it is not named.
pub fn write(dir: &Path, stem: &str, request: &SaveRequest) -> Result<Vec<String>, String> {
    if !dir.is_dir() {
        return Err(if dir.exists() {
            NOT_A_FOLDER.to_string()
        } else {
            NO_FOLDER.to_string()
        });
    }
    let names = free_names(dir, stem, request)?;
    let mut written = Vec::new();
    for ((ext, content), path) in request.files.iter().zip(&names) {
        if let Err(e) = write_one(dir, path, content) {
            // Leave nothing half-saved: remove what this save already wrote.
            for p in &written {
                let _ = std::fs::remove_file(p);
            }
            return Err(describe(&e, ext));
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
    Err(TOO_MANY.to_string())
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

const NO_FOLDER: &str = "フォルダーがありません。別の場所で起動し直してください。";
const NOT_A_FOLDER: &str = "保存先がフォルダーではありません。";
const READ_ONLY: &str = "書き込めないフォルダーです。別の場所で起動し直してください。";
const FULL: &str = "ディスクが満杯です。空きを作ってから F2 を押してください。";
const RACED: &str = "同名のファイルができました。F2 をもう一度押してください。";
const TOO_MANY: &str = "同じ名前のファイルが多すぎます。古い結果を整理してください。";

fn describe(e: &io::Error, ext: &str) -> String {
    match e.kind() {
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
            READ_ONLY.to_string()
        }
        // The folder was removed or moved away while the wizard ran.
        io::ErrorKind::NotFound => NO_FOLDER.to_string(),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => FULL.to_string(),
        io::ErrorKind::AlreadyExists => RACED.to_string(),
        _ => format!(
            "{ext} ファイルを書けません ({})",
            text::sanitize(&e.to_string())
        ),
    }
}

#[cfg(test)]
mod tests {
    //! Saving's faults, one by one (issue 5): a folder that cannot be written, a file already
    //! there, a missing folder, a directory where a file would go. Each gives a short Japanese
    //! message and overwrites nothing. (That the answers stay on screen is the wizard's part:
    //! tests/wizard_state.rs and tests/e2e_wizard.rs.)

    use super::*;
    use unicode_width::UnicodeWidthStr;

    /// The widest a save message may be, in columns: an 80-column window's message line (76)
    /// less the lead 「保存できません: 」 (16).
    const MESSAGE_COLUMNS: usize = 60;

    fn request() -> SaveRequest {
        SaveRequest {
            files: vec![
                ("md", "# 結果\n".to_string()),
                ("json", "{}\n".to_string()),
                ("toml", "line = \"cross\"\n".to_string()),
            ],
        }
    }

    /// The folder's entries and their contents (a directory as `<dir>`).
    fn contents(dir: &Path) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| {
                        let name = e.file_name().to_string_lossy().into_owned();
                        let body = std::fs::read_to_string(e.path())
                            .unwrap_or_else(|_| "<dir>".to_string());
                        (name, body)
                    })
                    .collect()
            })
            .unwrap_or_default();
        out.sort();
        out
    }

    fn names(paths: &[String]) -> Vec<String> {
        paths
            .iter()
            .filter_map(|p| Path::new(p).file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn writes_three_files_readable_only_by_the_user() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let written = write(dir.path(), "r", &request()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(names(&written), ["r.md", "r.json", "r.toml"]);
        assert_eq!(contents(dir.path()).len(), 3, "no temporary file left");
        #[cfg(unix)]
        for p in &written {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(p).map(|m| m.permissions().mode() & 0o777);
            assert_eq!(mode.ok(), Some(0o600), "{p}");
        }
    }

    #[test]
    fn an_existing_file_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        // One of the three names is taken: all three move to the next free name together.
        std::fs::write(dir.path().join("r.json"), "前の結果").unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.path().join("r-2.md"), "前の結果 2").unwrap_or_else(|e| panic!("{e}"));
        let written = write(dir.path(), "r", &request()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(names(&written), ["r-3.md", "r-3.json", "r-3.toml"]);
        let after = contents(dir.path());
        assert!(after.contains(&("r.json".to_string(), "前の結果".to_string())));
        assert!(after.contains(&("r-2.md".to_string(), "前の結果 2".to_string())));
        assert_eq!(after.len(), 5, "{after:?}");
    }

    #[test]
    fn a_directory_where_a_file_would_go_is_left_alone() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        std::fs::create_dir(dir.path().join("r.md")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.path().join("r.md").join("inside"), "x")
            .unwrap_or_else(|e| panic!("{e}"));
        let written = write(dir.path(), "r", &request()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(names(&written), ["r-2.md", "r-2.json", "r-2.toml"]);
        let inside = std::fs::read_to_string(dir.path().join("r.md").join("inside"));
        assert_eq!(inside.ok().as_deref(), Some("x"));
    }

    #[test]
    fn a_missing_folder_is_said_and_not_created() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let gone = dir.path().join("消えたフォルダー");
        assert_eq!(write(&gone, "r", &request()), Err(NO_FOLDER.to_string()));
        assert!(!gone.exists());
    }

    #[test]
    fn a_file_given_as_the_folder_is_said_and_kept() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let file = dir.path().join("file");
        std::fs::write(&file, "keep").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(write(&file, "r", &request()), Err(NOT_A_FOLDER.to_string()));
        assert_eq!(std::fs::read_to_string(&file).ok().as_deref(), Some("keep"));
    }

    /// A folder nobody may create files in, root included: sysfs refuses any new file with
    /// EACCES. (A folder with its write bits cleared would not do: root writes there anyway.)
    #[cfg(target_os = "linux")]
    #[test]
    fn a_folder_that_refuses_new_files_is_said() {
        let sys = Path::new("/sys/kernel");
        assert!(sys.is_dir(), "sysfs is mounted on Linux");
        assert_eq!(write(sys, "r", &request()), Err(READ_ONLY.to_string()));
        assert!(!sys.join("r.md").exists());
    }

    /// `chattr +i` on a folder for as long as this lives: no file can be created in it, by
    /// root either. Not every file system has the flag (tmpfs has not).
    #[cfg(target_os = "linux")]
    struct Immutable<'a>(&'a Path);

    #[cfg(target_os = "linux")]
    impl<'a> Immutable<'a> {
        fn set(dir: &'a Path) -> Option<Immutable<'a>> {
            let ok = std::process::Command::new("chattr")
                .arg("+i")
                .arg(dir)
                .stderr(std::process::Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            ok.then_some(Immutable(dir))
        }
    }

    #[cfg(target_os = "linux")]
    impl Drop for Immutable<'_> {
        fn drop(&mut self) {
            let _ = std::process::Command::new("chattr")
                .arg("-i")
                .arg(self.0)
                .status();
        }
    }

    /// A read-only folder with a result already in it: the mode bits cleared, and (for root,
    /// who ignores mode bits) the folder made immutable where the file system allows.
    #[cfg(unix)]
    #[test]
    fn a_read_only_folder_is_said_and_left_as_it_was() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let ro = dir.path().join("ro");
        std::fs::create_dir(&ro).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(ro.join("r.md"), "前の結果").unwrap_or_else(|e| panic!("{e}"));
        let set = |mode| std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(mode));
        set(0o555).unwrap_or_else(|e| panic!("{e}"));
        #[cfg(target_os = "linux")]
        let immutable = Immutable::set(&ro);
        let probe = ro.join(".probe");
        let writable_anyway = std::fs::File::create(&probe).is_ok();
        let _ = std::fs::remove_file(&probe);
        let result = write(&ro, "r", &request());
        #[cfg(target_os = "linux")]
        drop(immutable);
        set(0o755).unwrap_or_else(|e| panic!("{e}"));
        if writable_anyway {
            // Root on a file system without the immutable flag: only no-clobber is shown here.
            let written = result.unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(names(&written), ["r-2.md", "r-2.json", "r-2.toml"]);
        } else {
            assert_eq!(result, Err(READ_ONLY.to_string()));
        }
        let md = std::fs::read_to_string(ro.join("r.md"));
        assert_eq!(md.ok().as_deref(), Some("前の結果"));
    }

    #[test]
    fn each_fault_has_its_message() {
        use io::ErrorKind::*;
        for (kind, message) in [
            (PermissionDenied, READ_ONLY),
            (ReadOnlyFilesystem, READ_ONLY),
            (NotFound, NO_FOLDER),
            (StorageFull, FULL),
            (QuotaExceeded, FULL),
            (AlreadyExists, RACED),
        ] {
            assert_eq!(describe(&io::Error::from(kind), "md"), message, "{kind:?}");
        }
        #[cfg(unix)]
        for (errno, message) in [(13, READ_ONLY), (1, READ_ONLY), (30, READ_ONLY), (28, FULL)] {
            let e = io::Error::from_raw_os_error(errno);
            assert_eq!(describe(&e, "md"), message, "errno {errno}");
        }
        let other = describe(&io::Error::other("\u{1b}[2Jdisk\u{7}"), "json");
        assert!(other.starts_with("json ファイルを書けません ("), "{other}");
        assert!(!other.chars().any(char::is_control), "{other}");
    }

    #[test]
    fn every_message_fits_the_message_line() {
        for message in [NO_FOLDER, NOT_A_FOLDER, READ_ONLY, FULL, RACED, TOO_MANY] {
            assert!(
                message.width() <= MESSAGE_COLUMNS,
                "{message} is {} columns",
                message.width()
            );
        }
    }
}
