//! The build script: loads `assets/rules.toml` with the program's own loader (every check of
//! `rules::load::from_toml`), stops the build with the file's line, column and message if a check
//! fails, and writes the checked rule set to `$OUT_DIR/rules.postcard` for `rules::embedded`.

// The loader's modules, compiled here from the library's source; the build uses a part of them.
#[allow(dead_code)]
mod rules {
    pub mod file_read;
    pub mod load;
    pub mod model;
    pub mod pattern;
    pub mod text;
}

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    for input in [
        "assets/rules.toml",
        "src/build.rs",
        "src/rules/file_read.rs",
        "src/rules/load",
        "src/rules/model.rs",
        "src/rules/pattern.rs",
        "src/rules/text.rs",
    ] {
        println!("cargo::rerun-if-changed={input}");
    }
    let Some(out_dir) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        eprintln!("OUT_DIR is not set: run the build through cargo");
        return ExitCode::FAILURE;
    };
    let name = "assets/rules.toml";
    let text = match std::fs::read_to_string(name) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{name}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let rules = match rules::load::from_toml(name, &text) {
        Ok(rules) => rules,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let written = postcard::to_allocvec(&rules)
        .map_err(|e| e.to_string())
        .and_then(|bytes| {
            std::fs::write(out_dir.join("rules.postcard"), bytes).map_err(|e| e.to_string())
        });
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("rules.postcard: {e}");
            ExitCode::FAILURE
        }
    }
}
