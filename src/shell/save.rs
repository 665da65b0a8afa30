//! Writing the saved result: next to each other, named by date and time, written atomically,
//! never over an existing file, readable only by the user on Unix (the files hold an お客さまID).
//!
//! The files go to the folder the wizard was started in. When that folder cannot take them (it
//! was removed, it is read-only, it is a system folder such as /proc), they go to the user's
//! own folder instead (the home folder; ドキュメント on Windows), and the dialog says both:
//! where it tried first and why not, and where the files are. Only when no place takes them is
//! the save a failure, whose advice keeps every answer (mend the folder, then F2 again): never
//! "start again", which would lose them.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use oqs_line_check::rules::{file_read, text};
use oqs_line_check::wizard::{SaveFailure, SaveRequest, Saved};

/// The folder the wizard was started in, as the dialog names it.
pub const START: &str = "起動したフォルダー";
/// The user's home folder, as the dialog names it.
pub const HOME: &str = "ホームフォルダー";
/// The user's ドキュメント folder on Windows, as the dialog names it.
#[cfg(windows)]
pub const DOCUMENTS: &str = "ドキュメント フォルダー";

/// A folder to save in, and what a person calls it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub dir: PathBuf,
    pub name: &'static str,
}

/// The folder the wizard was started in, now: the current folder, or, when it cannot be read
/// any more (it was removed), the path it had at the start, so the message can name it.
pub fn start_folder(at_start: Option<&Path>) -> Option<PathBuf> {
    std::env::current_dir()
        .ok()
        .or_else(|| at_start.map(Path::to_path_buf))
}

/// The places to try, in order: the folder the wizard was started in (when known), then the
/// user's own folder, unless that is the same folder.
pub fn places(start: Option<PathBuf>) -> Vec<Place> {
    let mut places: Vec<Place> = start
        .map(|dir| Place { dir, name: START })
        .into_iter()
        .collect();
    if let Some(own) = own_folder()
        && !places.iter().any(|p| same_folder(&p.dir, &own.dir))
    {
        places.push(own);
    }
    places
}

/// The user's own folder: ドキュメント on Windows where there is one, else the home folder
/// (HOME on Unix, the user profile on Windows).
fn own_folder() -> Option<Place> {
    let home = std::env::home_dir().filter(|h| h.is_absolute())?;
    #[cfg(windows)]
    {
        let documents = home.join("Documents");
        if documents.is_dir() {
            return Some(Place {
                dir: documents,
                name: DOCUMENTS,
            });
        }
    }
    Some(Place {
        dir: home,
        name: HOME,
    })
}

fn same_folder(a: &Path, b: &Path) -> bool {
    a == b
        || matches!(
            (std::fs::canonicalize(a), std::fs::canonicalize(b)),
            (Ok(a), Ok(b)) if a == b
        )
}

/// Writes every file of `request` into the first of `places` that takes them all, under
/// `stem.EXT` (or `stem-2.EXT` … when a name is taken). Says where, and why not in the places
/// before it; or, when none takes them, why for each, and what to do that keeps the answers.
pub fn save(places: &[Place], stem: &str, request: &SaveRequest) -> Result<Saved, SaveFailure> {
    let mut refused = Vec::new();
    let mut faults = Vec::new();
    for place in places {
        match write(&place.dir, stem, request) {
            Ok(paths) => {
                return Ok(Saved {
                    paths,
                    place: place.name.to_string(),
                    refused,
                });
            }
            Err(fault) => {
                refused.push(reason(place, &fault));
                faults.push(fault);
            }
        }
    }
    Err(failure(places, refused, &faults))
}

/// Why a save did not work in one folder: the real cause, as the system reported it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Fault {
    /// The folder does not exist (removed or moved while the wizard ran, or never there).
    Missing,
    NotAFolder,
    /// The system refused: the user may not write there.
    Permission,
    /// A read-only file system (a CD, a drive mounted read-only).
    ReadOnly,
    /// The folder exists but no file can be created in it (/proc and the like).
    NoNewFiles,
    Full,
    /// Something of the same name appeared between the check and the write: what it is and
    /// its name.
    Raced(String),
    TooMany,
    /// Anything else: the system's own words, made safe to show.
    Other(String),
}

impl Fault {
    fn cause(&self) -> String {
        match self {
            Fault::Missing => "フォルダーがありません。".to_string(),
            Fault::NotAFolder => "フォルダーではありません。".to_string(),
            Fault::Permission => "書き込む権限がありません。".to_string(),
            Fault::ReadOnly => "読み取り専用の場所です。".to_string(),
            Fault::NoNewFiles => "ファイルを作れないフォルダーです。".to_string(),
            Fault::Full => "ディスクに空きがありません。".to_string(),
            Fault::Raced(what) => format!("保存の途中で、同じ名前の{what}ができました。"),
            Fault::TooMany => "同じ名前の結果ファイルが多すぎます。".to_string(),
            Fault::Other(detail) => format!("書き込めませんでした ({detail})。"),
        }
    }

    /// What mends it, as one item of a list (「保存先を直して (…) から」); none when trying
    /// again is all it takes.
    fn mend(&self) -> Option<&'static str> {
        match self {
            Fault::Missing => Some("フォルダーを作り直す"),
            Fault::Full => Some("ディスクの空きを作る"),
            Fault::TooMany => Some("古い結果のファイルを別のフォルダーに移す"),
            Fault::Raced(_) => None,
            Fault::NotAFolder
            | Fault::Permission
            | Fault::ReadOnly
            | Fault::NoNewFiles
            | Fault::Other(_) => Some("フォルダーに書き込めるようにする"),
        }
    }
}

/// 「起動したフォルダー (/home/clinic/受付) に保存できません: 書き込む権限がありません。」
fn reason(place: &Place, fault: &Fault) -> String {
    format!(
        "{} ({}) に保存できません: {}",
        place.name,
        shown(&place.dir),
        fault.cause()
    )
}

/// A path as the dialog shows it: in full, with anything that could move the cursor escaped.
fn shown(path: &Path) -> String {
    text::sanitize(&path.display().to_string())
}

fn failure(places: &[Place], mut reasons: Vec<String>, faults: &[Fault]) -> SaveFailure {
    let summary = match places {
        [] => {
            reasons.push(format!(
                "保存先がわかりません ({START}も{HOME}も調べられません)。"
            ));
            "保存先のフォルダーがわかりません".to_string()
        }
        [one] => format!("{}に保存できませんでした", one.name),
        many => {
            let names: Vec<&str> = many.iter().map(|p| p.name).collect();
            format!("{}にも保存できませんでした", names.join("にも"))
        }
    };
    let mut mends: Vec<&str> = Vec::new();
    for m in faults.iter().filter_map(Fault::mend) {
        if !mends.contains(&m) {
            mends.push(m);
        }
    }
    let advice = if mends.is_empty() && !faults.is_empty() {
        "F2 でもう一度保存してください。".to_string()
    } else {
        let mends = if mends.is_empty() {
            String::new()
        } else {
            format!(" ({}) ", mends.join("、"))
        };
        format!(
            "保存先を直して{mends}から、F2 でもう一度保存してください。わからないときはパソコンの管理者に相談してください。"
        )
    };
    SaveFailure {
        summary,
        reasons,
        advice: format!("{advice}ウィザードを終了すると答えは残りません。"),
    }
}

/// Writes every file of `request` into `dir`, or none of them.
fn write(dir: &Path, stem: &str, request: &SaveRequest) -> Result<Vec<String>, Fault> {
    check_folder(dir)?;
    let names = free_names(dir, stem, request)?;
    let mut written = Vec::new();
    for ((ext, content), path) in request.files.iter().zip(&names) {
        if let Err(e) = write_one(dir, path, content) {
            // Leave nothing half-saved: remove what this save already wrote.
            for p in &written {
                let _ = std::fs::remove_file(p);
            }
            return Err(fault(&e, dir, path, ext));
        }
        written.push(path.clone());
    }
    Ok(written.iter().map(|p| p.display().to_string()).collect())
}

fn check_folder(dir: &Path) -> Result<(), Fault> {
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(Fault::NotAFolder),
        Err(e) => Err(match e.kind() {
            io::ErrorKind::NotFound => Fault::Missing,
            io::ErrorKind::NotADirectory => Fault::NotAFolder,
            io::ErrorKind::PermissionDenied => Fault::Permission,
            _ => Fault::Other(file_read::os_error(&e)),
        }),
    }
}

/// The first `stem`, `stem-2`, `stem-3` … under which no file of the request exists yet.
fn free_names(dir: &Path, stem: &str, request: &SaveRequest) -> Result<Vec<PathBuf>, Fault> {
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
        // Anything at a name takes it, a symbolic link that leads nowhere too (`exists` follows
        // the link and would say the name is free; the write would then fail on it every time).
        if names.iter().all(|p| std::fs::symlink_metadata(p).is_err()) {
            return Ok(names);
        }
    }
    Err(Fault::TooMany)
}

/// Writes one file at `path` the way a save writes each of its files: atomically, readable
/// only by the user on Unix, never over an existing file. Says why not in Japanese, with the
/// path.
pub fn write_new(path: &Path, content: &str) -> Result<(), String> {
    let shown = shown(path);
    if path.symlink_metadata().is_ok() {
        return Err(format!(
            "「{shown}」はすでにあります。上書きはしません。別の名前を指定してください"
        ));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if let Err(fault) = check_folder(dir) {
        return Err(format!("「{shown}」に保存できません: {}", fault.cause()));
    }
    write_one(dir, path, content).map_err(|e| {
        let cause = match fault(&e, dir, path, "html") {
            Fault::Raced(what) => format!("同じ名前の{what}ができていました。上書きはしません。"),
            f => f.cause(),
        };
        format!("「{shown}」に保存できません: {cause}")
    })
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

/// What is at `path`, with its name: 「ファイル (r.md)」, 「行き先のないシンボリックリンク (r.md)」.
fn what_is_at(path: &Path) -> String {
    let what = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() && !path.exists() => "行き先のないシンボリックリンク",
        Ok(m) if m.file_type().is_symlink() => "シンボリックリンク",
        Ok(m) if m.is_dir() => "フォルダー",
        Ok(m) if m.is_file() => "ファイル",
        _ => "もの",
    };
    let name = path
        .file_name()
        .map_or_else(String::new, |n| text::sanitize(&n.to_string_lossy()));
    format!("{what} ({name})")
}

/// The cause of a failed write in `dir`, by what the system said.
fn fault(e: &io::Error, dir: &Path, path: &Path, ext: &str) -> Fault {
    match e.kind() {
        io::ErrorKind::PermissionDenied => Fault::Permission,
        io::ErrorKind::ReadOnlyFilesystem => Fault::ReadOnly,
        // "No such file" for a new file in a folder that is there: the folder takes no new
        // files (/proc). Otherwise the folder went away while the wizard ran.
        io::ErrorKind::NotFound if dir.is_dir() => Fault::NoNewFiles,
        io::ErrorKind::NotFound => Fault::Missing,
        io::ErrorKind::NotADirectory => Fault::NotAFolder,
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => Fault::Full,
        io::ErrorKind::AlreadyExists => Fault::Raced(what_is_at(path)),
        _ => Fault::Other(format!("{ext}: {}", file_read::os_error(e))),
    }
}

#[cfg(test)]
mod tests {
    //! Saving's faults, one by one: a folder that cannot be written, a file already
    //! there, a missing folder, a directory where a file would go, a system folder; and the
    //! second place. Each says the folder's full path and the real cause, overwrites nothing,
    //! and never advises starting again. (That the answers stay on screen is the wizard's
    //! part: tests/wizard_state.rs and tests/save_faults.rs.)

    use super::*;
    use unicode_width::UnicodeWidthStr;

    /// The message line of an 80-column window.
    const MESSAGE_COLUMNS: usize = 76;

    fn request() -> SaveRequest {
        SaveRequest {
            files: vec![
                ("html", "# 結果\n".to_string()),
                ("json", "{}\n".to_string()),
                ("toml", "line = \"cross\"\n".to_string()),
            ],
            clinic_name: None,
        }
    }

    fn start(dir: &Path) -> Place {
        Place {
            dir: dir.to_path_buf(),
            name: START,
        }
    }

    fn home(dir: &Path) -> Place {
        Place {
            dir: dir.to_path_buf(),
            name: HOME,
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

    /// Every text a failure shows.
    fn all_text(f: &SaveFailure) -> String {
        format!("{}\n{}\n{}", f.summary, f.reasons.join("\n"), f.advice)
    }

    fn assert_keeps_the_answers(f: &SaveFailure) {
        let text = all_text(f);
        assert!(!text.contains("起動し直"), "{text}");
        assert!(f.advice.contains("F2 でもう一度保存"), "{text}");
        assert!(f.summary.width() <= MESSAGE_COLUMNS, "{}", f.summary);
    }

    #[test]
    fn writes_three_files_readable_only_by_the_user() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let saved = save(&[start(dir.path())], "r", &request()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(names(&saved.paths), ["r.html", "r.json", "r.toml"]);
        assert_eq!(saved.place, START);
        assert_eq!(saved.refused, Vec::<String>::new());
        assert_eq!(contents(dir.path()).len(), 3, "no temporary file left");
        #[cfg(unix)]
        for p in &saved.paths {
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
        std::fs::write(dir.path().join("r-2.html"), "前の結果 2").unwrap_or_else(|e| panic!("{e}"));
        let written = write(dir.path(), "r", &request()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(names(&written), ["r-3.html", "r-3.json", "r-3.toml"]);
        let after = contents(dir.path());
        assert!(after.contains(&("r.json".to_string(), "前の結果".to_string())));
        assert!(after.contains(&("r-2.html".to_string(), "前の結果 2".to_string())));
        assert_eq!(after.len(), 5, "{after:?}");
    }

    #[test]
    fn a_directory_where_a_file_would_go_is_left_alone() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        std::fs::create_dir(dir.path().join("r.html")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.path().join("r.html").join("inside"), "x")
            .unwrap_or_else(|e| panic!("{e}"));
        let written = write(dir.path(), "r", &request()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(names(&written), ["r-2.html", "r-2.json", "r-2.toml"]);
        let inside = std::fs::read_to_string(dir.path().join("r.html").join("inside"));
        assert_eq!(inside.ok().as_deref(), Some("x"));
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_that_leads_nowhere_takes_its_name_and_is_named_if_it_races() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let link = dir.path().join("r.html");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &link)
            .unwrap_or_else(|e| panic!("{e}"));
        // F2 after F2: each save takes a fresh name, the link is left as it is.
        let first = write(dir.path(), "r", &request()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(names(&first), ["r-2.html", "r-2.json", "r-2.toml"]);
        let second = write(dir.path(), "r", &request()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(names(&second), ["r-3.html", "r-3.json", "r-3.toml"]);
        assert!(std::fs::symlink_metadata(&link).is_ok_and(|m| m.file_type().is_symlink()));
        assert!(!dir.path().join("nowhere").exists());
        // Should one appear while saving, the message says what it is.
        let raced = fault(
            &io::Error::from(io::ErrorKind::AlreadyExists),
            dir.path(),
            &link,
            "html",
        );
        assert_eq!(
            raced.cause(),
            "保存の途中で、同じ名前の行き先のないシンボリックリンク (r.html)ができました。"
        );
    }

    #[test]
    fn a_save_that_fails_on_a_later_file_removes_the_ones_it_wrote() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        // The second file's name is in a folder that is not there: its write fails after the
        // first file is written.
        let mut request = request();
        request.files[1].0 = "none/json";
        let failed = write(dir.path(), "r", &request);
        assert!(failed.is_err(), "{failed:?}");
        assert_eq!(contents(dir.path()), Vec::<(String, String)>::new());
    }

    #[test]
    fn a_missing_folder_is_named_and_not_created_and_the_home_folder_takes_the_files() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let gone = dir.path().join("消えたフォルダー");
        let own = dir.path().join("home");
        std::fs::create_dir(&own).unwrap_or_else(|e| panic!("{e}"));
        let saved =
            save(&[start(&gone), home(&own)], "r", &request()).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(!gone.exists());
        assert_eq!(saved.place, HOME);
        assert_eq!(
            saved.refused,
            [format!(
                "起動したフォルダー ({}) に保存できません: フォルダーがありません。",
                gone.display()
            )]
        );
        assert!(
            saved
                .paths
                .iter()
                .all(|p| Path::new(p).parent() == Some(&own))
        );
        assert_eq!(contents(&own).len(), 3);
    }

    #[test]
    fn when_no_place_takes_the_files_each_is_named_with_its_cause() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let gone = dir.path().join("消えたフォルダー");
        let file = dir.path().join("file");
        std::fs::write(&file, "keep").unwrap_or_else(|e| panic!("{e}"));
        let f = save(&[start(&gone), home(&file)], "r", &request())
            .err()
            .unwrap_or_else(|| panic!("nothing can take the files"));
        assert_eq!(
            f.reasons,
            [
                format!(
                    "起動したフォルダー ({}) に保存できません: フォルダーがありません。",
                    gone.display()
                ),
                format!(
                    "ホームフォルダー ({}) に保存できません: フォルダーではありません。",
                    file.display()
                ),
            ]
        );
        assert_eq!(
            f.summary,
            "起動したフォルダーにもホームフォルダーにも保存できませんでした"
        );
        assert!(
            f.advice
                .contains("(フォルダーを作り直す、フォルダーに書き込めるようにする)"),
            "{}",
            f.advice
        );
        assert_keeps_the_answers(&f);
        assert_eq!(std::fs::read_to_string(&file).ok().as_deref(), Some("keep"));
        assert!(!gone.exists());
    }

    #[test]
    fn no_place_known_is_said() {
        let f = save(&[], "r", &request())
            .err()
            .unwrap_or_else(|| panic!("nowhere to save"));
        assert_eq!(f.summary, "保存先のフォルダーがわかりません");
        assert_eq!(f.reasons.len(), 1);
        assert_keeps_the_answers(&f);
    }

    #[test]
    fn the_home_folder_is_the_second_place_unless_the_wizard_started_there() {
        let Some(own) = own_folder() else {
            return;
        };
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            places(Some(dir.path().to_path_buf())),
            [start(dir.path()), own.clone()]
        );
        assert_eq!(places(Some(own.dir.clone())), [start(&own.dir)]);
        assert_eq!(places(None), [own]);
    }

    /// The folder a process started in, removed since: still named by its path.
    #[test]
    fn the_start_folder_is_the_current_one_or_where_it_was() {
        let here = std::env::current_dir().ok();
        assert_eq!(start_folder(Some(Path::new("/elsewhere"))), here);
    }

    /// A folder nobody may create files in, root included: sysfs refuses any new file with
    /// EACCES, procfs with ENOENT (which is not "no such folder": the folder is there).
    #[cfg(target_os = "linux")]
    #[test]
    fn system_folders_are_said_by_their_real_cause() {
        for (dir, cause) in [
            ("/sys/kernel", "書き込む権限がありません。"),
            ("/proc", "ファイルを作れないフォルダーです。"),
        ] {
            let dir = Path::new(dir);
            assert!(dir.is_dir(), "{} is mounted on Linux", dir.display());
            let f = save(&[start(dir)], "r", &request())
                .err()
                .unwrap_or_else(|| panic!("{} takes no files", dir.display()));
            assert_eq!(
                f.reasons,
                [format!(
                    "起動したフォルダー ({}) に保存できません: {cause}",
                    dir.display()
                )]
            );
            assert_eq!(f.summary, "起動したフォルダーに保存できませんでした");
            assert_keeps_the_answers(&f);
            assert!(!dir.join("r.html").exists());
        }
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
        std::fs::write(ro.join("r.html"), "前の結果").unwrap_or_else(|e| panic!("{e}"));
        let set = |mode| std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(mode));
        set(0o555).unwrap_or_else(|e| panic!("{e}"));
        #[cfg(target_os = "linux")]
        let immutable = Immutable::set(&ro);
        let probe = ro.join(".probe");
        let writable_anyway = std::fs::File::create(&probe).is_ok();
        let _ = std::fs::remove_file(&probe);
        let result = save(&[start(&ro)], "r", &request());
        #[cfg(target_os = "linux")]
        drop(immutable);
        set(0o755).unwrap_or_else(|e| panic!("{e}"));
        if writable_anyway {
            // Root on a file system without the immutable flag: only no-clobber is shown here.
            eprintln!("branch: the folder could not be made read-only (root without chattr +i)");
            let saved = result.unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(names(&saved.paths), ["r-2.html", "r-2.json", "r-2.toml"]);
            assert_eq!(contents(&ro).len(), 4, "{:?}", contents(&ro));
        } else {
            eprintln!("branch: the folder is read-only");
            let f = result.err().unwrap_or_else(|| panic!("read-only"));
            assert_eq!(
                contents(&ro).len(),
                1,
                "nothing written: {:?}",
                contents(&ro)
            );
            assert_eq!(
                f.reasons,
                [format!(
                    "起動したフォルダー ({}) に保存できません: 書き込む権限がありません。",
                    ro.display()
                )]
            );
            assert_keeps_the_answers(&f);
        }
        let md = std::fs::read_to_string(ro.join("r.html"));
        assert_eq!(md.ok().as_deref(), Some("前の結果"));
    }

    #[test]
    fn each_fault_has_its_cause_and_its_mend() {
        use io::ErrorKind::*;
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let gone = dir.path().join("gone");
        for (kind, folder, expected) in [
            (PermissionDenied, dir.path(), Fault::Permission),
            (ReadOnlyFilesystem, dir.path(), Fault::ReadOnly),
            (NotFound, dir.path(), Fault::NoNewFiles),
            (NotFound, gone.as_path(), Fault::Missing),
            (StorageFull, dir.path(), Fault::Full),
            (QuotaExceeded, dir.path(), Fault::Full),
            (
                AlreadyExists,
                dir.path(),
                Fault::Raced("もの (r.md)".into()),
            ),
        ] {
            assert_eq!(
                fault(&io::Error::from(kind), folder, &folder.join("r.md"), "md"),
                expected,
                "{kind:?}"
            );
        }
        #[cfg(unix)]
        for (errno, expected) in [
            (13, Fault::Permission),
            (1, Fault::Permission),
            (30, Fault::ReadOnly),
            (28, Fault::Full),
        ] {
            let e = io::Error::from_raw_os_error(errno);
            assert_eq!(
                fault(&e, dir.path(), &dir.path().join("r.md"), "md"),
                expected,
                "errno {errno}"
            );
        }
        let other = fault(
            &io::Error::other("\u{1b}[2Jdisk\u{7}"),
            dir.path(),
            &dir.path().join("r.json"),
            "json",
        );
        let cause = other.cause();
        assert!(cause.starts_with("書き込めませんでした (json: "), "{cause}");
        assert!(!cause.chars().any(char::is_control), "{cause}");

        // Each failure's advice: mend what can be mended, then F2; F2 alone after a race.
        let place = [start(dir.path())];
        for (cause, mend) in [
            (Fault::Missing, Some("フォルダーを作り直す")),
            (Fault::Full, Some("ディスクの空きを作る")),
            (
                Fault::TooMany,
                Some("古い結果のファイルを別のフォルダーに移す"),
            ),
            (Fault::Permission, Some("フォルダーに書き込めるようにする")),
            (Fault::Raced("ファイル (r.md)".into()), None),
        ] {
            let f = failure(
                &place,
                vec![reason(&place[0], &cause)],
                std::slice::from_ref(&cause),
            );
            assert_keeps_the_answers(&f);
            match mend {
                Some(m) => assert!(f.advice.contains(&format!(" ({m}) から、")), "{}", f.advice),
                None => assert!(f.advice.starts_with("F2 でもう一度保存"), "{}", f.advice),
            }
        }
    }

    #[test]
    fn a_path_with_control_characters_is_shown_as_text() {
        let place = Place {
            dir: PathBuf::from("/tmp/\u{1b}[2Jx"),
            name: START,
        };
        let r = reason(&place, &Fault::Missing);
        assert!(!r.chars().any(char::is_control), "{r}");
        assert!(r.contains("/tmp/"), "{r}");
    }
}
