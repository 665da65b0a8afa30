//! `update`: the one place the wizard's state changes.

use unicode_normalization::UnicodeNormalization;

use crate::rules::answers::{is_unknown, with_unknown_hint};
use crate::rules::{Field, FieldError, date, prefecture, text};
use crate::rules::{clinic_name, customer_id, cutoff};

use super::layout;
use super::model::{Focus, Model, Overlay, SaveState};
use super::msg::{Command, Msg, SaveRequest};
use super::result_view;
use super::save_content;
use super::step::Step;
use super::text_field::{Edit, MAX_CHARS, TextField};

/// How to answer わからない on the 申込日 and お客さまID questions: the sentence added to their
/// errors. The choice is the row below the field (typing 「わからない」 in the field works too).
pub const UNKNOWN_HINT: &str = "わからないときは、下の「わからない」を選んでください";

/// Enter on the 都道府県 list before anything was typed or highlighted.
pub const PREFECTURE_NOT_CHOSEN: &str =
    "まだ選ばれていません。名前を入力するか、上下キーで選んでください";

/// Applies one message. Returns what the shell must do (quit, save), if anything.
pub fn update(m: &mut Model<'_>, msg: Msg) -> Command {
    match msg {
        Msg::Resize { width, height } => {
            m.viewport = (width, height);
            if layout::fits(m.viewport) {
                m.keys_not_taken = 0;
            }
            clamp_scroll(m);
            return Command::None;
        }
        Msg::Saved(result) => {
            m.save = match result {
                Ok(paths) => SaveState::Saved(paths),
                Err(e) => SaveState::Failed(e),
            };
            m.overlay = Some(Overlay::SaveResult);
            return Command::None;
        }
        _ => {}
    }
    // Below the minimum size the screen only asks for a larger window: keys typed then would
    // land in a field nobody can see. They are counted, and that screen says they were not
    // taken; what was typed before stays in its field.
    if !layout::fits(m.viewport) && msg != Msg::Interrupt {
        m.keys_not_taken = m.keys_not_taken.saturating_add(1);
        return Command::None;
    }
    if let Some(overlay) = m.overlay.clone() {
        return overlay_key(m, overlay, msg);
    }
    match msg {
        Msg::Interrupt => {
            m.overlay = Some(Overlay::QuitConfirm { yes: false });
            Command::None
        }
        Msg::Help => {
            m.overlay = Some(Overlay::Help);
            Command::None
        }
        Msg::Char('?') if !m.typing() => {
            m.overlay = Some(Overlay::Help);
            Command::None
        }
        Msg::Back => {
            back(m);
            Command::None
        }
        _ => match m.step {
            Step::Line | Step::Collab | Step::NextType | Step::V6 | Step::MultipleLines => {
                list_key(m, msg);
                Command::None
            }
            Step::Prefecture => {
                prefecture_key(m, msg);
                Command::None
            }
            Step::Applied
            | Step::Opened
            | Step::CustomerId
            | Step::CustomerIdConfirm
            | Step::ClinicName => {
                text_key(m, msg);
                Command::None
            }
            Step::Review => {
                review_key(m, msg);
                Command::None
            }
            Step::Result => result_key(m, msg),
        },
    }
}

fn overlay_key(m: &mut Model<'_>, overlay: Overlay, msg: Msg) -> Command {
    match (overlay, msg) {
        (Overlay::QuitConfirm { .. }, Msg::Interrupt) => {
            m.quit = true;
            Command::Quit
        }
        (Overlay::QuitConfirm { yes }, Msg::Submit) => {
            m.overlay = None;
            if yes {
                m.quit = true;
                Command::Quit
            } else {
                Command::None
            }
        }
        (
            Overlay::QuitConfirm { yes },
            Msg::Up
            | Msg::Down
            | Msg::NextFocus
            | Msg::PrevFocus
            | Msg::Edit(Edit::Left | Edit::Right),
        ) => {
            m.overlay = Some(Overlay::QuitConfirm { yes: !yes });
            Command::None
        }
        (Overlay::QuitConfirm { .. }, Msg::Char(c)) => {
            match c.nfkc().next() {
                Some('1') => m.overlay = Some(Overlay::QuitConfirm { yes: true }),
                Some('2') => m.overlay = Some(Overlay::QuitConfirm { yes: false }),
                _ => {}
            }
            Command::None
        }
        (Overlay::QuitConfirm { .. }, Msg::Back) => {
            m.overlay = None;
            Command::None
        }
        // 保存せずに終了しますか → F2 saves from the dialog itself.
        (Overlay::QuitConfirm { .. }, Msg::Save) if m.step == Step::Result => {
            m.overlay = None;
            result_key(m, Msg::Save)
        }
        (Overlay::SaveResult, Msg::Interrupt) => {
            m.overlay = Some(Overlay::QuitConfirm { yes: false });
            Command::None
        }
        (Overlay::SaveResult, Msg::Back | Msg::Submit | Msg::Help) => {
            m.overlay = None;
            Command::None
        }
        (Overlay::Help, Msg::Interrupt) => {
            m.overlay = Some(Overlay::QuitConfirm { yes: false });
            Command::None
        }
        (Overlay::Help, Msg::Back | Msg::Help | Msg::Submit | Msg::Char('?')) => {
            m.overlay = None;
            Command::None
        }
        _ => Command::None,
    }
}

/// Where Esc leads from the current step (no overlay open): a step, or `None` when it asks
/// whether to quit. The footer's hint for Esc says which.
pub fn back_target(m: &Model<'_>) -> Option<Step> {
    // The confirmation's Esc goes to the first entry, from the review too (its error message
    // says so): that is where a mistyped ID is mended.
    if m.step == Step::CustomerIdConfirm {
        return Some(Step::CustomerId);
    }
    if m.from_review && m.step.is_question() {
        return Some(Step::Review);
    }
    match m.step {
        Step::Result => Some(Step::Review),
        step => m.draft.previous_step(m.rules, step),
    }
}

fn back(m: &mut Model<'_>) {
    match back_target(m) {
        Some(step) => {
            if step == Step::Review {
                m.from_review = false;
            }
            m.go_to(step);
        }
        None => m.overlay = Some(Overlay::QuitConfirm { yes: false }),
    }
}

/// After an answer: on to the next question, or, for a change made from the review, to the
/// first answer the change made stale, else back to the review.
fn advance(m: &mut Model<'_>) {
    let next = if m.from_review {
        match m.draft.first_unsettled(m.rules) {
            Some(step) => step,
            None => {
                m.from_review = false;
                Step::Review
            }
        }
    } else {
        m.draft.next_step(m.rules, m.step)
    };
    m.go_to(next);
}

fn move_cursor(m: &mut Model<'_>, msg: &Msg, len: usize) -> bool {
    if len == 0 {
        m.cursor = 0;
        return matches!(
            msg,
            Msg::Up | Msg::Down | Msg::PageUp | Msg::PageDown | Msg::Home | Msg::End
        );
    }
    let page = usize::from(m.viewport.1.saturating_sub(10)).max(1);
    let last = len - 1;
    m.cursor = match msg {
        Msg::Up => m.cursor.saturating_sub(1),
        Msg::Down => (m.cursor + 1).min(last),
        Msg::PageUp => m.cursor.saturating_sub(page),
        Msg::PageDown => (m.cursor + page).min(last),
        Msg::Home => 0,
        Msg::End => last,
        _ => return false,
    };
    true
}

fn list_key(m: &mut Model<'_>, msg: Msg) {
    let choices = m.choices();
    if move_cursor(m, &msg, choices.len()) {
        return;
    }
    let picked = match msg {
        Msg::Submit => Some(m.cursor.min(choices.len().saturating_sub(1))),
        // A digit picks the option numbered with it; the IME may send it full-width.
        Msg::Char(c) => c
            .nfkc()
            .next()
            .and_then(|d| layout::choice_for_digit(d, choices.len())),
        _ => None,
    };
    let Some(index) = picked else { return };
    let Some(choice) = choices.get(index) else {
        return;
    };
    m.cursor = index;
    let id = choice.id.clone();
    let d = &mut m.draft;
    match m.step {
        Step::Line => d.line = Some(id),
        Step::Collab => d.collab = id.parse().ok(),
        Step::NextType => d.next_type = Some(id),
        Step::V6 => d.v6 = id.parse().ok(),
        Step::MultipleLines => d.multiple_lines = id.parse().ok(),
        _ => return,
    }
    advance(m);
}

fn edit_field(m: &mut Model<'_>, msg: &Msg) -> bool {
    let Some(field) = m.field_mut() else {
        return false;
    };
    match msg {
        Msg::Char(c) => field.insert(*c),
        Msg::Paste(s) => field.insert_str(s),
        Msg::Edit(e) => field.edit(*e),
        _ => return false,
    }
    true
}

fn prefecture_key(m: &mut Model<'_>, msg: Msg) {
    if edit_field(m, &msg) {
        m.cursor = prefecture_highlight(m);
        m.error = None;
        note_truncation(m);
        return;
    }
    let choices = m.choices();
    // Nothing is highlighted yet: the first move down lands on the first prefecture.
    if m.prefecture_unchosen() && msg == Msg::Down {
        m.cursor = 0;
        m.prefecture_pick = choices.first().map(|c| c.id.clone());
        m.error = None;
        return;
    }
    if move_cursor(m, &msg, choices.len()) {
        m.prefecture_pick = choices.get(m.cursor).map(|c| c.id.clone());
        // A choice is highlighted now: a message about having none is out of date.
        m.error = None;
        return;
    }
    if msg != Msg::Submit {
        return;
    }
    if m.prefecture_unchosen() {
        let typed = m.fields.prefecture.value().trim();
        m.error = Some(if typed.is_empty() {
            FieldError::new(Field::Prefecture, "not_chosen", PREFECTURE_NOT_CHOSEN)
        } else {
            let names: Vec<&str> = choices.iter().map(|c| c.label.as_str()).collect();
            FieldError::new(
                Field::Prefecture,
                "ambiguous",
                format!(
                    "「{}」に当てはまる都道府県が{}つあります ({})。上下キーで選ぶか、続けて入力してください",
                    text::sanitize(typed),
                    names.len(),
                    names.join("、")
                ),
            )
        });
        return;
    }
    match choices.get(m.cursor).and_then(|c| c.id.parse::<u8>().ok()) {
        Some(code) => {
            m.draft.prefecture = Some(code);
            advance(m);
        }
        None => {
            m.error = Some(
                prefecture::parse_prefecture(m.rules, m.fields.prefecture.value())
                    .err()
                    .unwrap_or_else(|| {
                        FieldError::new(Field::Prefecture, "unknown", "一覧から選んでください")
                    }),
            );
        }
    }
}

/// Where the 都道府県 highlight goes once the filter changed: on the prefecture the user
/// highlighted with the keys, else on the current answer, while the list shows it; else on the
/// first match. So typing in the filter and clearing it never changes what Enter picks.
fn prefecture_highlight(m: &Model<'_>) -> usize {
    let choices = m.choices();
    let answer = m.draft.prefecture.map(|c| c.to_string());
    [m.prefecture_pick.clone(), answer]
        .into_iter()
        .flatten()
        .find_map(|id| choices.iter().position(|c| c.id == id))
        .unwrap_or(0)
}

fn text_key(m: &mut Model<'_>, msg: Msg) {
    let has_unknown = m.has_unknown_choice();
    match msg {
        Msg::Down | Msg::NextFocus if has_unknown => {
            m.focus = match (m.focus, m.step) {
                (Focus::Field, _) => Focus::Unknown,
                // Only the 申込日 has a third row: 「開通日しかわからない」.
                (_, Step::Applied) => Focus::OpenedOnly,
                (focus, _) => focus,
            };
            return;
        }
        Msg::Up | Msg::PrevFocus if has_unknown => {
            m.focus = match m.focus {
                Focus::OpenedOnly => Focus::Unknown,
                _ => Focus::Field,
            };
            return;
        }
        Msg::Home | Msg::End => {
            m.focus = Focus::Field;
            if let Some(field) = m.field_mut() {
                field.edit(if msg == Msg::Home {
                    Edit::Home
                } else {
                    Edit::End
                });
            }
            return;
        }
        Msg::Char(_) | Msg::Paste(_) | Msg::Edit(_) => {
            // Typing while on わからない goes to the field: nothing typed is dropped.
            m.focus = Focus::Field;
            if edit_field(m, &msg) {
                // The message was about the text before this edit.
                m.error = None;
                m.request = None;
                note_truncation(m);
            }
            return;
        }
        Msg::Submit => {}
        _ => return,
    }
    // 「わからない」 (or 不明, unknown) typed into the field is the わからない choice: the word is
    // the answer, so it leaves the field.
    let typed_unknown = has_unknown
        && m.focus == Focus::Field
        && m.field(m.step).is_some_and(|f| is_unknown(f.value()));
    if typed_unknown && let Some(field) = m.field_mut() {
        field.edit(Edit::Clear);
    }
    if m.focus == Focus::OpenedOnly && m.step == Step::Applied && !typed_unknown {
        m.draft.applied = Some(None);
        m.draft.opened_path = true;
        advance(m);
        return;
    }
    if (m.focus != Focus::Field || typed_unknown) && has_unknown {
        match m.step {
            Step::Applied => {
                m.draft.applied = Some(None);
                m.draft.opened_path = false;
            }
            Step::Opened => m.draft.opened = Some(None),
            Step::CustomerId => {
                m.draft.customer_id = Some(None);
                m.draft.customer_id_confirmed = false;
            }
            _ => return,
        }
        advance(m);
        return;
    }
    let area = m.draft.area(m.rules);
    match m.step {
        Step::Applied => match date::parse_applied_period(m.fields.applied.value(), m.today) {
            Ok(d) => {
                // Asked once: the same month given again is the answer.
                let request = cutoff::day_request(m.rules, &m.draft.answers(m.rules), d, false);
                if request.is_some() && request != m.request {
                    m.request = request;
                    return;
                }
                m.draft.applied = Some(Some(d));
                m.draft.opened_path = false;
                advance(m);
            }
            Err(e) => m.error = Some(with_unknown_hint(e, UNKNOWN_HINT)),
        },
        Step::Opened => match date::parse_period(Field::Opened, m.fields.opened.value(), m.today) {
            Ok(d) => {
                // Asked once, as for the 申込日.
                let request = cutoff::day_request(m.rules, &m.draft.answers(m.rules), d, true);
                if request.is_some() && request != m.request {
                    m.request = request;
                    return;
                }
                m.draft.opened = Some(Some(d));
                advance(m);
            }
            Err(e) => m.error = Some(with_unknown_hint(e, UNKNOWN_HINT)),
        },
        Step::CustomerId => {
            match customer_id::validate(m.rules, area, m.fields.customer_id.value()) {
                Ok(id) => {
                    let same = matches!(&m.draft.customer_id, Some(Some(old)) if old.normalized == id.normalized);
                    if !same {
                        m.draft.customer_id_confirmed = false;
                        // The old ID's confirmation would only mismatch.
                        m.fields.customer_id_confirm = TextField::default();
                    }
                    m.draft.customer_id = Some(Some(id));
                    advance(m);
                }
                Err(e) => m.error = Some(with_unknown_hint(e, UNKNOWN_HINT)),
            }
        }
        Step::CustomerIdConfirm => {
            let typed = customer_id::normalize(m.fields.customer_id_confirm.value());
            let first = m.draft.customer_id.clone().flatten();
            match first {
                Some(first) if first.normalized == typed.normalized => {
                    m.draft.customer_id_confirmed = true;
                    advance(m);
                }
                // The first entry is not shown: copying it back would defeat the check.
                Some(_) => {
                    m.error = Some(FieldError::new(
                        Field::CustomerId,
                        "confirmation_mismatch",
                        "1回目の入力と一致しません。書類のお客さまIDと見比べて入力し直すか、Esc で1回目の入力に戻って直してください",
                    ));
                }
                None => advance(m),
            }
        }
        Step::ClinicName => match clinic_name::parse(m.fields.clinic_name.value()) {
            Ok(name) => {
                m.draft.clinic_name = name;
                advance(m);
            }
            Err(e) => m.error = Some(e),
        },
        _ => {}
    }
}

/// Says so when the last insertion was cut short at [`MAX_CHARS`].
fn note_truncation(m: &mut Model<'_>) {
    if m.field(m.step).is_some_and(|f| f.truncated()) {
        m.error = Some(FieldError::new(
            field_of(m.step),
            "too_long",
            format!("入力できるのは{MAX_CHARS}文字までです。余分な文字は入りませんでした"),
        ));
    }
}

fn field_of(step: Step) -> Field {
    match step {
        Step::Prefecture => Field::Prefecture,
        Step::Applied => Field::Applied,
        Step::ClinicName => Field::ClinicName,
        Step::Opened => Field::Opened,
        _ => Field::CustomerId,
    }
}

fn review_key(m: &mut Model<'_>, msg: Msg) {
    let rows = m.review_rows();
    // The rows, then 「この内容で結果を見る」.
    if move_cursor(m, &msg, rows.len() + 1) {
        return;
    }
    if msg != Msg::Submit {
        return;
    }
    if let Some(row) = rows.get(m.cursor) {
        m.from_review = true;
        m.go_to(row.step);
        return;
    }
    if let Some(step) = m.draft.first_unsettled(m.rules) {
        m.from_review = true;
        m.go_to(step);
        return;
    }
    match m.decide() {
        Ok(decision) => {
            m.decision = Some(decision);
            m.save = SaveState::NotSaved;
            m.go_to(Step::Result);
        }
        Err(errors) => {
            // An answer no longer fits another: open the question it belongs to.
            let step = match errors.first().map(|e| e.field) {
                Some(Field::Prefecture) => Step::Prefecture,
                _ => Step::Line,
            };
            m.from_review = true;
            m.go_to(step);
            m.error = errors.into_iter().next();
        }
    }
}

fn result_key(m: &mut Model<'_>, msg: Msg) -> Command {
    // Laid out once per key (a key here changes where the reader is, not the text).
    let lines = result_view::lines(m);
    match msg {
        Msg::Up => m.result_scroll = m.result_scroll.saturating_sub(1),
        Msg::Down => m.result_scroll += 1,
        // By page, a label is not left alone at the bottom: see `result_view::shown`.
        Msg::PageUp => m.result_scroll = result_view::page_up(m, &lines),
        Msg::PageDown | Msg::Char(' ') => m.result_scroll = result_view::page_down(m, &lines),
        Msg::Home => m.result_scroll = 0,
        Msg::End => m.result_scroll = usize::MAX,
        Msg::Save if m.save != SaveState::Saving => {
            if let Some(decision) = &m.decision {
                let answers = m.draft.answers(m.rules);
                let files = save_content::files(m.rules, &answers, decision, m.today);
                m.save = SaveState::Saving;
                clamp_scroll_to(m, lines.len());
                return Command::Save(SaveRequest {
                    files,
                    clinic_name: answers.clinic_name,
                });
            }
        }
        // Enter offers to quit; 終了する is preselected only once the result is saved.
        Msg::Submit => {
            let saved = matches!(m.save, SaveState::Saved(_));
            m.overlay = Some(Overlay::QuitConfirm { yes: saved });
        }
        _ => {}
    }
    clamp_scroll_to(m, lines.len());
    Command::None
}

/// Rows of the result visible at once.
fn result_page(m: &Model<'_>) -> usize {
    result_view::body_height(m.viewport).max(1)
}

fn clamp_scroll(m: &mut Model<'_>) {
    let total = result_view::lines(m).len();
    clamp_scroll_to(m, total);
}

/// Keeps the last page full: the result is `total` lines long.
fn clamp_scroll_to(m: &mut Model<'_>, total: usize) {
    let max = total.saturating_sub(result_page(m));
    m.result_scroll = m.result_scroll.min(max);
}
