//! The terminal shell of oqs-line-check: the command line and the wizard's screens over the
//! rules crate.

mod cli;

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
            eprintln!("ウィザードはまだありません。oqs-line-check check --help を見てください。");
            ExitCode::from(cli::EXIT_INPUT_ERROR)
        }
    }
}
