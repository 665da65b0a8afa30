//! A typed line as the messages a key press would send: a number moves the list cursor to the
//! option and presses Enter; text replaces the field's text (as a paste) and presses Enter;
//! わからない moves to the わからない choice; `<` is Esc. The model decides what happens, as in
//! the full-screen wizard; this file then says it in lines.

use std::io::{BufRead, Write};

use oqs_line_check::rules::answers::{find_line, is_unknown, parse_choice_value};
use oqs_line_check::rules::customer_id::notice_message;
use oqs_line_check::rules::prefecture::parse_prefecture;
use oqs_line_check::rules::text::{self, sanitize};
use oqs_line_check::rules::{V6Answer, YesNo};
use oqs_line_check::wizard::update::UNKNOWN_HINT;
use oqs_line_check::wizard::{Edit, Focus, Msg, Step, layout};

use super::Session;
use super::question::{OPENED_ONLY, is_list};

/// How to answer わからない here, in place of the full screen's 「the row below」.
/// 「開通日」 or 「開通日しかわからない」, typed on the 申込日 question.
fn is_opened_only(typed: &str) -> bool {
    let f = text::fold(typed);
    f == text::fold(OPENED_ONLY) || f == text::fold("開通日しかわからない")
}

const TYPED_UNKNOWN_HINT: &str = "わからないときは「わからない」と入力してください";

impl<R: BufRead, W: Write> Session<'_, R, W> {
    /// Acts on one typed line.
    pub(super) fn answer(&mut self, typed: &str) {
        let folded = text::fold(typed).to_lowercase();
        match folded.as_str() {
            "<" => {
                let before = self.model.step;
                self.narrowing = false;
                self.send(Msg::Back);
                if self.model.step == before {
                    // The first question: the quit question comes next, then this one again.
                    self.shown = None;
                }
                return;
            }
            "?" => {
                self.show_help();
                return;
            }
            _ => {}
        }
        let before = self.model.step;
        match before {
            step if is_list(step) => self.pick(typed, &folded),
            Step::Prefecture => self.prefecture(typed, &folded),
            Step::Applied if is_opened_only(typed) => {
                // 「開通日しかわからない」: the third row under the field.
                self.send(Msg::Home);
                self.send(Msg::NextFocus);
                self.send(Msg::NextFocus);
                self.send(Msg::Submit);
            }
            Step::Applied | Step::Opened | Step::CustomerId => self.text_or_unknown(typed, &folded),
            Step::CustomerIdConfirm | Step::ClinicName => self.text(typed),
            Step::Review => self.pick(typed, &folded),
            _ => {}
        }
        if self.model.step != before {
            self.acknowledge(before);
            // The review sends the user to an answer that no longer fits, with the reason.
            if let Some(e) = self.model.error.clone() {
                self.console.say(&format!(
                    "エラー: {}",
                    e.message.replace("Esc で", "「<」で")
                ));
            }
        } else if self.model.error.is_some() {
            self.show_error(typed);
        } else if let Some(request) = self.model.request.clone() {
            // Not an error: the answer was read, and the day is asked for.
            self.console.say(&request);
        }
    }

    /// Picks option `n` (1-based) of the list the model shows: Home, Down n-1 times, Enter.
    fn choose(&mut self, n: usize) {
        self.send(Msg::Home);
        for _ in 1..n {
            self.send(Msg::Down);
        }
        self.send(Msg::Submit);
    }

    /// A list question, or the review (whose last entry is 「この内容で結果を見る」): by number,
    /// or by the option's id or label; 「不明」 and the other words for わからない pick the
    /// question's わからない option.
    fn pick(&mut self, typed: &str, folded: &str) {
        let m = &self.model;
        let labels: Vec<(String, String)> = if m.step == Step::Review {
            let mut v: Vec<(String, String)> = m
                .review_rows()
                .iter()
                .map(|r| (String::new(), text::fold(r.label)))
                .collect();
            v.push((String::new(), text::fold("この内容で結果を見る")));
            v
        } else {
            m.choices()
                .iter()
                .map(|c| (c.id.to_lowercase(), text::fold(&c.label).to_lowercase()))
                .collect()
        };
        let count = labels.len();
        if folded.is_empty() {
            // Enter alone: the current answer (the review's cursor starts on 結果を見る).
            if m.step == Step::Review || self.current_index().is_some() {
                self.send(Msg::Submit);
            } else {
                self.console.say(&format!(
                    "番号 ({}) を入力してください。",
                    layout::number_range(count)
                ));
            }
            return;
        }
        // Numbered as the list shows it (1 to 9, then 0 for a tenth).
        let index = layout::choice_for_number(folded, count)
            .map(|i| i + 1)
            .or_else(|| {
                labels
                    .iter()
                    .position(|(id, label)| folded == id || folded == label)
                    .map(|i| i + 1)
            })
            .or_else(|| {
                // As `check` reads the flag: 「光クロス」, 「ﾌﾚｯﾂ光ｸﾛｽ」, 「不明」, 「未契約」…
                let id = self.answer_id(typed)?;
                labels.iter().position(|(i, _)| *i == id).map(|i| i + 1)
            });
        match index {
            Some(n) => self.choose(n),
            None => self.console.say(&format!(
                "「{}」は選択肢にありません。番号 ({}) を入力してください。",
                sanitize(folded),
                layout::number_range(count)
            )),
        }
    }

    /// The option id `typed` names on the current list question, read by the parsers `check`
    /// and answer files use; 「わからない」 and its other words name the わからない option.
    fn answer_id(&self, typed: &str) -> Option<String> {
        let m = &self.model;
        let id = match m.step {
            Step::Line | Step::NextType if is_unknown(typed) => m
                .choices()
                .into_iter()
                .find(|c| c.label == YesNo::Unknown.label())
                .map(|c| c.id),
            Step::Line | Step::NextType => find_line(m.rules(), typed).map(|l| l.id.clone()),
            Step::Collab | Step::MultipleLines => {
                parse_choice_value::<YesNo>(typed).map(|v| v.as_ref().to_string())
            }
            Step::V6 => parse_choice_value::<V6Answer>(typed).map(|v| v.as_ref().to_string()),
            _ => None,
        };
        id.map(|i| i.to_lowercase())
    }

    /// 都道府県: a name, reading or code; several matches are listed to pick from by number.
    fn prefecture(&mut self, typed: &str, folded: &str) {
        let choices = self.model.choices().len();
        if self.narrowing
            && let Some(i) = layout::choice_for_number(folded, choices)
        {
            self.narrowing = false;
            self.choose(i + 1);
            return;
        }
        self.narrowing = false;
        if folded.is_empty() {
            let field_empty = self.model.fields.prefecture.is_empty();
            if field_empty
                && self
                    .model
                    .draft
                    .settled(self.model.rules(), Step::Prefecture)
            {
                self.send(Msg::Submit);
            } else if field_empty {
                self.console.say(&format!(
                    "都道府県を入力してください (例: {})。",
                    oqs_line_check::rules::prefecture::EXAMPLES
                ));
            } else {
                let kept = self.model.fields.prefecture.value().to_string();
                self.prefecture_text(&kept);
            }
            return;
        }
        self.prefecture_text(typed);
    }

    fn prefecture_text(&mut self, typed: &str) {
        self.send(Msg::Edit(Edit::Clear));
        self.send(Msg::Paste(typed.to_string()));
        let rules = self.model.rules();
        let choices = self.model.choices();
        if let Ok(p) = parse_prefecture(rules, typed) {
            let at = choices.iter().position(|c| c.id == p.code.to_string());
            match at {
                Some(i) => self.choose(i + 1),
                None => {
                    // Named exactly, but not a prefix the list filters by: filter by the code.
                    self.send(Msg::Edit(Edit::Clear));
                    self.send(Msg::Paste(format!("{:02}", p.code)));
                    self.choose(1);
                }
            }
            return;
        }
        match choices.len() {
            // No match: Enter makes the model explain, as on the full screen.
            0 => {
                self.send(Msg::Submit);
            }
            1 => self.choose(1),
            n => {
                self.narrowing = true;
                self.console.say(&format!(
                    "「{}」に当てはまる都道府県が {n} 件あります。番号で選ぶか、入力し直してください。",
                    sanitize(typed.trim())
                ));
                for (i, c) in choices.iter().enumerate() {
                    let number = layout::choice_number(i, n);
                    self.console
                        .say(&format!("  {number}. {} ({})", c.label, c.hint));
                }
            }
        }
    }

    /// 申込日 and お客さまID: text, or わからない.
    fn text_or_unknown(&mut self, typed: &str, folded: &str) {
        if is_unknown(typed) {
            if self.model.focus != Focus::Unknown {
                self.send(Msg::NextFocus);
            }
            self.send(Msg::Submit);
            return;
        }
        if folded.is_empty() {
            let has_text = self
                .model
                .field(self.model.step)
                .is_some_and(|f| !f.is_empty());
            if self.model.focus != Focus::Field || has_text {
                self.send(Msg::Submit);
            } else {
                self.console.say(&format!(
                    "{}を入力してください。わからないときは「わからない」と入力してください。",
                    self.model.step.title()
                ));
            }
            return;
        }
        self.text(typed);
    }

    /// Replaces the field's text with what was typed and presses Enter. An empty line keeps
    /// the field's text.
    fn text(&mut self, typed: &str) {
        if typed.trim().is_empty() {
            // The clinic's name is optional: an empty line keeps it as it is.
            if self.model.step == Step::ClinicName
                || self
                    .model
                    .field(self.model.step)
                    .is_some_and(|f| !f.is_empty())
            {
                self.send(Msg::Submit);
            } else {
                self.console.say("入力してください。");
            }
            return;
        }
        self.send(Msg::Edit(Edit::Clear));
        self.send(Msg::Paste(typed.trim().to_string()));
        self.send(Msg::Submit);
    }

    /// Says what was taken, after an answer moved the wizard on.
    fn acknowledge(&mut self, answered: Step) {
        let m = &self.model;
        let line = match answered {
            Step::Review => return,
            Step::CustomerIdConfirm => "確認できました。".to_string(),
            Step::CustomerId => match &m.draft.customer_id {
                Some(Some(id)) => {
                    let notices: Vec<&str> =
                        id.notices.iter().map(|n| notice_message(*n)).collect();
                    if notices.is_empty() {
                        format!("受け付けました: {}", id.normalized)
                    } else {
                        format!("受け付けました: {} ({})", id.normalized, notices.join("、"))
                    }
                }
                _ => "受け付けました: わからない".to_string(),
            },
            step => match m.review_rows().into_iter().find(|r| r.step == step) {
                Some(row) => format!("受け付けました: {}", sanitize(&row.value)),
                None => return,
            },
        };
        self.console.say(&line);
    }

    /// The model's error for what was typed, and what was typed, so nothing is lost.
    fn show_error(&mut self, typed: &str) {
        let Some(e) = self.model.error.clone() else {
            return;
        };
        // The full-screen wizard's Esc is `<` here.
        let message = e
            .message
            .replace("Esc で", "「<」で")
            .replace(UNKNOWN_HINT, TYPED_UNKNOWN_HINT);
        self.console.say(&format!("エラー: {message}"));
        let shown = self
            .model
            .field(self.model.step)
            .map_or_else(|| typed.trim().to_string(), |f| f.value().to_string());
        if !shown.is_empty() {
            self.console
                .say(&format!("入力した内容: {}", sanitize(&shown)));
        }
    }
}
