//! Terminal events to wizard messages. Only key presses count: Windows reports releases too
//! (crossterm#797), and a release must not act twice. A window larger than the shell draws
//! counts as the largest it draws (see [`super::clamped`]).

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use oqs_line_check::wizard::{Edit, Msg};

pub fn to_msg(event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => key_msg(key),
        Event::Paste(text) => Some(Msg::Paste(text)),
        Event::Resize(width, height) => {
            let (width, height) = super::clamped::clamp(width, height);
            Some(Msg::Resize { width, height })
        }
        _ => None,
    }
}

fn key_msg(key: KeyEvent) -> Option<Msg> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    let msg = match key.code {
        KeyCode::Char('c') if ctrl => Msg::Interrupt,
        KeyCode::Char('s') if ctrl => Msg::Save,
        KeyCode::Char('u') if ctrl => Msg::Edit(Edit::Clear),
        KeyCode::Char('w') if ctrl => Msg::Edit(Edit::DeleteWordBack),
        KeyCode::Char('a') if ctrl => Msg::Edit(Edit::Home),
        KeyCode::Char('e') if ctrl => Msg::Edit(Edit::End),
        // Windows reports AltGr as Ctrl+Alt with the character it makes (@ € on many
        // keyboards): that is typing, not a command.
        KeyCode::Char(c) if ctrl && alt => Msg::Char(c),
        KeyCode::Char(_) if ctrl || alt => return None,
        KeyCode::Char(c) => Msg::Char(c),
        KeyCode::Enter => Msg::Submit,
        KeyCode::Esc => Msg::Back,
        KeyCode::Tab => Msg::NextFocus,
        KeyCode::BackTab => Msg::PrevFocus,
        KeyCode::Up => Msg::Up,
        KeyCode::Down => Msg::Down,
        KeyCode::PageUp => Msg::PageUp,
        KeyCode::PageDown => Msg::PageDown,
        KeyCode::Home => Msg::Home,
        KeyCode::End => Msg::End,
        KeyCode::Left if ctrl => Msg::Edit(Edit::WordLeft),
        KeyCode::Right if ctrl => Msg::Edit(Edit::WordRight),
        KeyCode::Left => Msg::Edit(Edit::Left),
        KeyCode::Right => Msg::Edit(Edit::Right),
        KeyCode::Backspace if ctrl || alt => Msg::Edit(Edit::DeleteWordBack),
        KeyCode::Backspace => Msg::Edit(Edit::Backspace),
        KeyCode::Delete => Msg::Edit(Edit::Delete),
        KeyCode::F(1) => Msg::Help,
        KeyCode::F(2) => Msg::Save,
        _ => return None,
    };
    Some(msg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEventState;

    fn key(code: KeyCode, modifiers: KeyModifiers, kind: KeyEventKind) -> Event {
        Event::Key(KeyEvent {
            code,
            modifiers,
            kind,
            state: KeyEventState::NONE,
        })
    }

    #[test]
    fn only_presses_count() {
        let none = KeyModifiers::NONE;
        assert_eq!(
            to_msg(key(KeyCode::Enter, none, KeyEventKind::Press)),
            Some(Msg::Submit)
        );
        assert_eq!(
            to_msg(key(KeyCode::Enter, none, KeyEventKind::Release)),
            None
        );
        assert_eq!(
            to_msg(key(KeyCode::Char('a'), none, KeyEventKind::Release)),
            None
        );
    }

    #[test]
    fn control_keys_are_commands_not_text() {
        let ctrl = KeyModifiers::CONTROL;
        assert_eq!(
            to_msg(key(KeyCode::Char('c'), ctrl, KeyEventKind::Press)),
            Some(Msg::Interrupt)
        );
        assert_eq!(
            to_msg(key(KeyCode::Char('x'), ctrl, KeyEventKind::Press)),
            None
        );
        assert_eq!(
            to_msg(key(
                KeyCode::Char('Ａ'),
                KeyModifiers::SHIFT,
                KeyEventKind::Press
            )),
            Some(Msg::Char('Ａ'))
        );
    }

    #[test]
    fn altgr_characters_are_typed() {
        let altgr = KeyModifiers::CONTROL | KeyModifiers::ALT;
        assert_eq!(
            to_msg(key(KeyCode::Char('@'), altgr, KeyEventKind::Press)),
            Some(Msg::Char('@'))
        );
        assert_eq!(
            to_msg(key(
                KeyCode::Char('@'),
                KeyModifiers::ALT,
                KeyEventKind::Press
            )),
            None
        );
        // Ctrl-C stays Ctrl-C with Alt held too.
        assert_eq!(
            to_msg(key(KeyCode::Char('c'), altgr, KeyEventKind::Press)),
            Some(Msg::Interrupt)
        );
    }

    #[test]
    fn paste_and_resize_pass_through() {
        assert_eq!(
            to_msg(Event::Paste("CAF\n0123".into())),
            Some(Msg::Paste("CAF\n0123".into()))
        );
        assert_eq!(
            to_msg(Event::Resize(40, 10)),
            Some(Msg::Resize {
                width: 40,
                height: 10
            })
        );
        assert_eq!(
            to_msg(Event::Resize(65535, 4000)),
            Some(Msg::Resize {
                width: 500,
                height: 200
            })
        );
    }
}
