//! The terminal shell of oqs-line-check: the command line and the wizard's screens over the
//! rules crate.

mod cli;
mod plain;
mod screens;
mod shell;

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match cli::parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let rules = match cli::load_rules(cli.rules.as_deref()) {
        Ok(r) => r,
        Err(e) => return cli::rules_error(&e),
    };
    match &cli.command {
        Some(command) => cli::run(command, &rules),
        None => {
            let today = chrono::Local::now().date_naive();
            let answers = match cli::for_wizard(&cli.answers, &rules, today) {
                Ok(answers) => answers,
                Err(code) => return code,
            };
            if plain::wanted(cli.plain) {
                return plain::run(&rules, &answers);
            }
            let theme = screens::Theme {
                color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
                ascii: cli.ascii || legacy_windows_console(),
            };
            match shell::run(&rules, &answers, today, theme) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!(
                        "エラー: 端末を使えませんでした ({})。端末 (コマンドプロンプトなど) から起動してください。",
                        oqs_line_check::rules::file_read::os_error(&e)
                    );
                    ExitCode::FAILURE
                }
            }
        }
    }
}

/// The legacy Windows console (not Windows Terminal) draws box-drawing characters two cells
/// wide: use ASCII borders there.
fn legacy_windows_console() -> bool {
    cfg!(windows) && std::env::var_os("WT_SESSION").is_none()
}
