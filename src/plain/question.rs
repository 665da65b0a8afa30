//! A question as lines: its number and title, the question, the numbered options (or what to
//! type), the current answer, and the prompt.

use std::io::{BufRead, Write};

use oqs_line_check::rules::text::sanitize;
use oqs_line_check::rules::{Field, customer_id};
use oqs_line_check::wizard::{Focus, Step, layout};

use super::Session;

/// What to type on the 申込日 question for 「開通日しかわからない」 (the long form works too).
pub(super) const OPENED_ONLY: &str = "開通日";

/// Steps answered by picking from a list.
pub fn is_list(step: Step) -> bool {
    matches!(
        step,
        Step::Line | Step::Collab | Step::NextType | Step::V6 | Step::MultipleLines
    )
}

impl<R: BufRead, W: Write> Session<'_, R, W> {
    /// Prints the current question in full.
    pub(super) fn show_question(&mut self) {
        let m = &self.model;
        let heading = format!("[{}]", m.progress().heading(m.step.title()));
        // The review's question tells how to change an answer with the full screen's keys;
        // here the numbered instruction under the answers says how.
        let question = match m.step {
            Step::Review => "答えを確かめてください。",
            step => step.question(),
        };
        let mut lines = vec![String::new(), heading, question.to_string()];
        match m.step {
            step if is_list(step) => {
                let current = self.current_index();
                let choices = m.choices();
                for (i, c) in choices.iter().enumerate() {
                    let mark = if current == Some(i) {
                        " (今の答え)"
                    } else {
                        ""
                    };
                    // Numbered as on the full screen: 1 to 9, then 0 for a tenth.
                    let n = layout::choice_number(i, choices.len());
                    lines.push(format!("  {n}. {}{mark}", c.label));
                    if !c.hint.is_empty() {
                        lines.push(format!("     {}", c.hint));
                    }
                }
            }
            Step::Prefecture => {
                lines.push(format!(
                    "漢字、ひらがな、ローマ字、都道府県コードのどれでも入力できます (例: {})。",
                    oqs_line_check::rules::prefecture::EXAMPLES
                ));
                lines.extend(self.current_text());
            }
            Step::Applied => {
                lines.push(format!("入力例: {}", oqs_line_check::rules::date::FORMS));
                lines.push("わからないときは「わからない」と入力してください。".to_string());
                lines.push(format!(
                    "開通日 (「開通のご案内」の日付) しかわからないときは「{OPENED_ONLY}」と入力してください。"
                ));
                lines.extend(self.current_text());
            }
            Step::Opened => {
                lines.push(m.rules().application_date.opened_tells.clone());
                lines.push(format!("入力例: {}", oqs_line_check::rules::date::FORMS));
                lines.push("わからないときは「わからない」と入力してください。".to_string());
                lines.extend(self.current_text());
            }
            Step::CustomerId => {
                let r = m.rules();
                let hint = customer_id::formats_hint(&r.customer_id_formats, m.draft.area(r));
                lines.push(format!("形式: {hint}"));
                lines.push("わからないときは「わからない」と入力してください。".to_string());
                lines.extend(self.current_text());
            }
            Step::CustomerIdConfirm => {
                lines.push("1回目と同じお客さまIDを入力してください。".to_string());
                lines.extend(self.current_text());
            }
            Step::Review => {
                let rows = m.review_rows();
                let count = rows.len() + 1;
                for (i, row) in rows.iter().enumerate() {
                    lines.push(format!(
                        "  {}. {}: {}",
                        layout::choice_number(i, count),
                        row.label,
                        sanitize(&row.value)
                    ));
                }
                let see = layout::choice_number(rows.len(), count);
                lines.push(format!("  {see}. この内容で結果を見る"));
                lines.push(format!(
                    "直すときは項目の番号を、結果を見るときは {see} を入力してください (Enter だけでも結果を見ます)。"
                ));
            }
            _ => {}
        }
        for l in lines {
            self.console.say(&l);
        }
    }

    /// The prompt for the current question.
    pub(super) fn prompt_text(&self) -> String {
        let m = &self.model;
        match m.step {
            step if is_list(step) => {
                let keep = if self.current_index().is_some() {
                    "。Enter だけで今の答えのまま"
                } else {
                    ""
                };
                format!("番号 ({}{keep}): ", layout::number_range(m.choices().len()))
            }
            Step::Prefecture if self.narrowing => {
                format!(
                    "番号 ({}) か都道府県: ",
                    layout::number_range(m.choices().len())
                )
            }
            Step::Prefecture
            | Step::Applied
            | Step::Opened
            | Step::CustomerId
            | Step::ClinicName => {
                format!("{}: ", m.step.field().map_or("", Field::label))
            }
            Step::CustomerIdConfirm => format!("{} (2回目): ", Field::CustomerId.label()),
            Step::Review => format!(
                "番号 ({}): ",
                layout::number_range(m.review_rows().len() + 1)
            ),
            _ => String::new(),
        }
    }

    /// The option of a list question that is the current answer: the model puts its cursor
    /// there on arrival.
    pub(super) fn current_index(&self) -> Option<usize> {
        let m = &self.model;
        (is_list(m.step) && m.draft.settled(m.rules(), m.step)).then_some(m.cursor)
    }

    /// The current answer of a text question, as lines to show on arrival.
    fn current_text(&self) -> Vec<String> {
        let m = &self.model;
        let r = m.rules();
        if m.has_unknown_choice() && m.focus == Focus::Unknown {
            return vec!["今の答え: わからない (Enter だけでこのまま進みます)".to_string()];
        }
        if m.focus == Focus::OpenedOnly {
            return vec![
                "今の答え: 開通日しかわからない (Enter だけでこのまま進みます)".to_string(),
            ];
        }
        match m.field(m.step) {
            Some(f) if !f.is_empty() => vec![format!(
                "入力されている内容: {} (Enter だけでこの内容で進みます)",
                sanitize(f.value())
            )],
            _ if m.step == Step::Prefecture && m.draft.settled(r, m.step) => {
                let name = m
                    .draft
                    .prefecture
                    .and_then(|c| r.prefecture(c))
                    .map_or_else(String::new, |p| p.name.clone());
                vec![format!("今の答え: {name} (Enter だけでこのまま進みます)")]
            }
            _ => Vec::new(),
        }
    }
}
