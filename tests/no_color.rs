//! `NO_COLOR` as the real binary gets it, from its environment: set (to anything but the empty
//! string), the wizard draws without colour; unset or empty, with them.

mod common;

use std::path::Path;

use common::Tui;

/// SGR sequences (ESC [ … m) that set a colour (reverse video and bold are not colours).
fn coloured(raw: &[u8]) -> usize {
    let text = String::from_utf8_lossy(raw);
    text.split("\u{1b}[")
        .skip(1)
        .filter_map(|s| s.find('m').map(|end| &s[..end]))
        .filter(|params| params.chars().all(|c| c.is_ascii_digit() || c == ';'))
        .filter(|params| {
            params.split(';').any(|p| {
                matches!(
                    p.parse::<u16>(),
                    Ok(30..=38 | 40..=48 | 90..=97 | 100..=107)
                )
            })
        })
        .count()
}

fn first_screen(env: &[(&str, &Path)]) -> Vec<u8> {
    let mut t = Tui::start_with(&[], None, env);
    t.wait_for("回線の種類");
    let raw = t.raw_output();
    t.send(common::key::CTRL_C);
    t.wait_for("終了の確認");
    t.send(common::key::CTRL_C);
    let status = t.wait_exit();
    assert_eq!(status.exit_code(), 0, "{status}");
    t.assert_terminal_restored();
    raw
}

#[test]
fn no_color_in_the_environment_draws_without_colour() {
    let plain = first_screen(&[("NO_COLOR", Path::new("1"))]);
    assert_eq!(coloured(&plain), 0, "{}", String::from_utf8_lossy(&plain));
    let coloured_run = first_screen(&[]);
    assert!(coloured(&coloured_run) > 0, "colour when NO_COLOR is unset");
    let empty = first_screen(&[("NO_COLOR", Path::new(""))]);
    assert!(coloured(&empty) > 0, "an empty NO_COLOR is unset");
}
