//! The wizard's whole state, and the read-only views the screens draw from it.

use chrono::NaiveDate;

use crate::rules::answer_rows::answer_rows;
use crate::rules::answers::{check_consistency, find_line, is_unknown, parse_choice_value};
use crate::rules::clinic_name;
use crate::rules::customer_id::{self, NormalizedId};
use crate::rules::{
    Decision, Field, FieldError, RawAnswers, RuleSet, V6Answer, YesNo, date, decide, prefecture,
};

use super::draft::Draft;
use super::progress::{self, Progress};
use super::step::Step;
use super::text_field::TextField;

/// Where the keyboard is on a step with a text field: in the field, or on its わからない choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    Field,
    Unknown,
    /// 「開通日しかわからない」, under わからない on the 申込日 question.
    OpenedOnly,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help,
    /// 終了しますか: `yes` is the highlighted button.
    QuitConfirm {
        yes: bool,
    },
    /// Where the result was saved, or why it could not be: full paths need more room than the
    /// message line has.
    SaveResult,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SaveState {
    #[default]
    NotSaved,
    Saving,
    Saved(Saved),
    Failed(SaveFailure),
}

/// Where a save wrote the result (the shell's report; every text is shown as it is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// The files written, as full paths.
    pub paths: Vec<String>,
    /// The folder they are in, as a person calls it: 「起動したフォルダー」, 「ホームフォルダー」.
    pub place: String,
    /// Why each folder tried before this one did not take them, with its full path: the
    /// result went to a second place. Empty when the first place took it.
    pub refused: Vec<String>,
}

/// A save that wrote nothing (and left nothing half-written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveFailure {
    /// One row for the message line: 「起動したフォルダーにもホームフォルダーにも保存できません
    /// でした」.
    pub summary: String,
    /// Each folder tried, with its full path and the real cause.
    pub reasons: Vec<String>,
    /// What to do next that keeps every answer (F2 again once the cause is mended): never
    /// "start again", which would lose them.
    pub advice: String,
}

/// The text fields, one per step that has one. They live as long as the wizard, so going back
/// and forth, or resizing, never loses what was typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields {
    pub prefecture: TextField,
    pub applied: TextField,
    pub opened: TextField,
    pub customer_id: TextField,
    pub customer_id_confirm: TextField,
    pub clinic_name: TextField,
}

/// How the 申込日 and お客さまID fields read a word for わからない: it is the わからない choice.
pub const UNKNOWN_WORD_READ: &str = "わからない (Enter で「わからない」を選びます)";

/// What the お客さまID field holds, as Enter will take it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdPreview {
    /// A word for わからない (「わからない」, 「不明」, 「unknown」): Enter picks the わからない
    /// choice, so there is no value to show.
    Unknown,
    /// The value as it will be entered on the portal (what normalising changed is in its
    /// notices), and the rules' verdict on it.
    Id(NormalizedId, Result<(), FieldError>),
}

/// One option of a list question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub id: String,
    pub label: String,
    pub hint: String,
}

/// One row of the review screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewRow {
    pub step: Step,
    pub label: &'static str,
    pub value: String,
    /// Not answered yet, or no longer fits a changed answer.
    pub missing: bool,
}

#[derive(Debug, Clone)]
pub struct Model<'r> {
    pub(super) rules: &'r RuleSet,
    pub(super) today: NaiveDate,
    pub step: Step,
    pub draft: Draft,
    /// A question opened from the review: Enter and Esc lead back there.
    pub from_review: bool,
    pub cursor: usize,
    /// 都道府県: the prefecture (its code) the user highlighted with the keys, if they moved the
    /// highlight since arriving. Filtering keeps it highlighted while it is listed; without
    /// one, the highlight follows the current answer.
    pub prefecture_pick: Option<String>,
    pub fields: Fields,
    pub focus: Focus,
    /// The message of the last rejected answer, shown until the next try.
    pub error: Option<FieldError>,
    /// A request, not an error: the answer can be read but more is needed (the day of a month
    /// that contains the cut-off). The same answer given again goes on without it.
    pub request: Option<String>,
    pub overlay: Option<Overlay>,
    pub result_scroll: usize,
    pub viewport: (u16, u16),
    /// Keys pressed while the window is below the minimum size: not taken, and counted so the
    /// screen that asks for a larger window can say so.
    pub keys_not_taken: usize,
    pub decision: Option<Decision>,
    pub save: SaveState,
    pub quit: bool,
}

impl<'r> Model<'r> {
    pub fn new(rules: &'r RuleSet, today: NaiveDate) -> Self {
        Model {
            rules,
            today,
            step: Step::Line,
            draft: Draft::default(),
            from_review: false,
            cursor: 0,
            prefecture_pick: None,
            fields: Fields::default(),
            focus: Focus::Field,
            error: None,
            request: None,
            overlay: None,
            result_scroll: 0,
            viewport: (80, 24),
            keys_not_taken: 0,
            decision: None,
            save: SaveState::NotSaved,
            quit: false,
        }
    }

    /// A wizard whose questions start answered from `raw` (the `check` flags or an answer file).
    /// An answer that does not parse is left for the user, its text kept in the field.
    pub fn with_answers(rules: &'r RuleSet, today: NaiveDate, raw: &RawAnswers) -> Self {
        let mut m = Model::new(rules, today);
        let d = &mut m.draft;
        // Each flag is read the way `check` reads it (ids or Japanese names, any width).
        if let Some(l) = raw.line.as_deref().and_then(|l| find_line(rules, l)) {
            match (l.subtype, l.family) {
                (true, Some(_)) => {
                    d.line = Some("next".to_string());
                    d.next_type = Some(l.id.clone());
                }
                _ => d.line = Some(l.id.clone()),
            }
        }
        d.collab = raw.collab.as_deref().and_then(parse_choice_value);
        if let Some(p) = raw
            .prefecture
            .as_deref()
            .filter(|p| !is_unknown(p) && !p.trim().is_empty())
        {
            match prefecture::parse_prefecture(rules, p) {
                Ok(p) => d.prefecture = Some(p.code),
                Err(_) => m.fields.prefecture = TextField::with_value(p),
            }
        }
        if let Some(a) = raw.applied.as_deref() {
            if is_unknown(a) {
                d.applied = Some(None);
            } else {
                if let Ok(period) = date::parse_applied_period(a, today) {
                    d.applied = Some(Some(period));
                }
                m.fields.applied = TextField::with_value(a);
            }
        }
        if let Some(o) = raw.opened.as_deref() {
            d.opened_path = true;
            if is_unknown(o) {
                d.opened = Some(None);
            } else {
                if let Ok(period) = date::parse_period(crate::rules::Field::Opened, o, today) {
                    d.opened = Some(Some(period));
                }
                m.fields.opened = TextField::with_value(o);
            }
        }
        d.v6 = raw.v6.as_deref().and_then(parse_choice_value);
        if let Some(id) = raw.customer_id.as_deref() {
            if is_unknown(id) {
                d.customer_id = Some(None);
            } else {
                m.fields.customer_id = TextField::with_value(id);
                let area = d.area(rules);
                // Not typed here, so there is no typing to check: confirmed as given. The
                // confirmation's field stays empty, so a change to the ID is checked by typing
                // it twice, never by an Enter on a copy.
                if let Ok(n) = customer_id::validate(rules, area, id) {
                    d.customer_id = Some(Some(n));
                    d.customer_id_confirmed = true;
                }
            }
        }
        d.multiple_lines = raw.multiple_lines.as_deref().and_then(parse_choice_value);
        if let Some(name) = raw.clinic_name.as_deref() {
            m.fields.clinic_name = TextField::with_value(name);
            d.clinic_name = clinic_name::parse(name).ok().flatten();
        }
        let start = if raw == &RawAnswers::default() {
            Step::Line
        } else {
            m.draft.first_unsettled(rules).unwrap_or(Step::Review)
        };
        m.go_to(start);
        m
    }

    pub fn rules(&self) -> &'r RuleSet {
        self.rules
    }

    pub fn today(&self) -> NaiveDate {
        self.today
    }

    /// Where the current step stands among the questions (see [`progress`]).
    pub fn progress(&self) -> Progress {
        let place = progress::Place {
            step: self.step,
            from_review: self.from_review,
            confirmation_typed: !self.fields.customer_id_confirm.is_empty(),
        };
        progress::progress(&self.draft, self.rules, place)
    }

    /// Whether the current step has a text field that takes typing.
    pub fn typing(&self) -> bool {
        match self.step {
            Step::Prefecture | Step::CustomerIdConfirm | Step::ClinicName => true,
            Step::Applied | Step::Opened | Step::CustomerId => self.focus == Focus::Field,
            _ => false,
        }
    }

    pub fn field(&self, step: Step) -> Option<&TextField> {
        match step {
            Step::Prefecture => Some(&self.fields.prefecture),
            Step::Applied => Some(&self.fields.applied),
            Step::Opened => Some(&self.fields.opened),
            Step::CustomerId => Some(&self.fields.customer_id),
            Step::CustomerIdConfirm => Some(&self.fields.customer_id_confirm),
            Step::ClinicName => Some(&self.fields.clinic_name),
            _ => None,
        }
    }

    pub(super) fn field_mut(&mut self) -> Option<&mut TextField> {
        match self.step {
            Step::Prefecture => Some(&mut self.fields.prefecture),
            Step::Applied => Some(&mut self.fields.applied),
            Step::Opened => Some(&mut self.fields.opened),
            Step::CustomerId => Some(&mut self.fields.customer_id),
            Step::CustomerIdConfirm => Some(&mut self.fields.customer_id_confirm),
            Step::ClinicName => Some(&mut self.fields.clinic_name),
            _ => None,
        }
    }

    /// Whether the step offers わからない next to its text field.
    pub fn has_unknown_choice(&self) -> bool {
        matches!(self.step, Step::Applied | Step::Opened | Step::CustomerId)
    }

    /// The options of a list question (for 都道府県, those the filter leaves).
    pub fn choices(&self) -> Vec<Choice> {
        let r = self.rules;
        let yes_no = |yes: &str, no: &str, unknown: &str| {
            [
                (YesNo::Yes, yes),
                (YesNo::No, no),
                (YesNo::Unknown, unknown),
            ]
            .into_iter()
            .map(|(answer, hint)| choice(answer.as_ref(), answer.label(), hint))
            .collect::<Vec<_>>()
        };
        match self.step {
            Step::Line => r
                .top_level_lines()
                .map(|l| choice(&l.id, &l.name, &l.hint))
                .collect(),
            Step::Collab => yes_no(
                "NTT以外の会社 (携帯電話会社やプロバイダなど) に光回線の料金を払っている",
                "NTT東日本・西日本と直接契約している",
                "確かめ方を最後の画面でご案内します",
            ),
            Step::Prefecture => prefecture::filter(r, self.fields.prefecture.value())
                .into_iter()
                .map(|p| Choice {
                    id: p.code.to_string(),
                    label: p.name.clone(),
                    hint: format!("{:02} {}", p.code, r.area(p.area).name),
                })
                .collect(),
            Step::NextType => {
                let mut v: Vec<Choice> = match self.draft.area(r) {
                    Some(area) => r
                        .next_types(area)
                        .map(|l| choice(&l.id, &l.name, &l.hint))
                        .collect(),
                    None => Vec::new(),
                };
                v.push(choice(
                    "next",
                    "わからない",
                    "タイプがわからなくても判定は変わりません",
                ));
                v
            }
            Step::V6 => vec![
                choice(
                    V6Answer::Contracted.as_ref(),
                    V6Answer::Contracted.label(),
                    "契約書やNTTからの案内で、契約していることを確かめた",
                ),
                choice(
                    V6Answer::NotContracted.as_ref(),
                    V6Answer::NotContracted.label(),
                    "契約していないことを確かめた",
                ),
                choice(
                    V6Answer::Unknown.as_ref(),
                    V6Answer::Unknown.label(),
                    "確かめ方を最後の画面でご案内します",
                ),
            ],
            Step::MultipleLines => yes_no(
                "この医療機関・薬局でフレッツ光の回線を2つ以上契約している",
                "回線は1つだけ",
                "どの回線のお客さまIDで申請するか、最後の画面でご案内します",
            ),
            _ => Vec::new(),
        }
    }

    /// 都道府県 with nothing chosen yet: no answer, the highlight never moved, and nothing
    /// typed in the filter or text that several prefectures start with and that names none of
    /// them (「福」: 福島県, 福井県, 福岡県). The list then highlights nothing, and Enter asks
    /// for a choice rather than taking the first prefecture listed.
    pub fn prefecture_unchosen(&self) -> bool {
        if self.step != Step::Prefecture
            || self.draft.prefecture.is_some()
            || self.prefecture_pick.is_some()
        {
            return false;
        }
        let typed = self.fields.prefecture.value().trim();
        typed.is_empty()
            || (self.choices().len() > 1
                && crate::rules::prefecture::parse_prefecture(self.rules, typed).is_err())
    }

    /// The index in [`Model::choices`] of the current answer, if it is among them.
    pub(super) fn answered_index(&self) -> Option<usize> {
        let d = &self.draft;
        let id: Option<String> = match self.step {
            Step::Line => d.line.clone(),
            Step::Collab => d.collab.map(|c| c.as_ref().to_string()),
            Step::Prefecture => d.prefecture.map(|c| c.to_string()),
            Step::NextType => d.next_type.clone(),
            Step::V6 => d.v6.map(|v| v.as_ref().to_string()),
            Step::MultipleLines => d.multiple_lines.map(|m| m.as_ref().to_string()),
            _ => None,
        };
        let id = id?;
        self.choices().iter().position(|c| c.id == id)
    }

    /// The answers listed for review, for the questions that apply. An answer reads as in
    /// the saved result ([`answer_rows`]), except that the line and its 光ネクスト type are two
    /// questions here.
    pub fn review_rows(&self) -> Vec<ReviewRow> {
        let r = self.rules;
        let d = &self.draft;
        let answered = answer_rows(r, &d.answers(r));
        let line_name = |id: &str| {
            r.line(id)
                .map_or_else(|| id.to_string(), |l| l.name.clone())
        };
        Step::all()
            .filter(|&s| s.is_question() && s != Step::CustomerIdConfirm && d.applies(r, s))
            .map(|s| {
                let missing = !d.settled(r, s)
                    || (s == Step::CustomerId && d.applies(r, Step::CustomerIdConfirm));
                let value = match s {
                    _ if !d.answered(s) => None,
                    Step::ClinicName => Some(
                        d.clinic_name
                            .clone()
                            .unwrap_or_else(|| "未入力 (省略できます)".to_string()),
                    ),
                    Step::Line => d.line.as_deref().map(line_name),
                    Step::Opened => d
                        .opened
                        .map(|o| o.map_or_else(|| "わからない".to_string(), date::describe_period)),
                    Step::NextType => d.next_type.as_deref().map(|t| match t {
                        "next" => "わからない".to_string(),
                        t => line_name(t),
                    }),
                    s => answered
                        .iter()
                        .find(|row| Some(row.field) == s.field())
                        .map(|row| row.value.clone()),
                };
                let value = match (value, missing) {
                    (Some(v), false) => v,
                    (Some(v), true) => format!("{v} (もう一度答えてください)"),
                    (None, _) => "未回答".to_string(),
                };
                ReviewRow {
                    step: s,
                    label: s.title(),
                    value,
                    missing,
                }
            })
            .collect()
    }

    /// The live check of the お客さまID field; `None` while the field is empty.
    pub fn customer_id_preview(&self) -> Option<IdPreview> {
        let text = self.fields.customer_id.value();
        if text.trim().is_empty() {
            return None;
        }
        // Enter takes the word as the わからない choice: nothing is normalised or entered.
        if is_unknown(text) {
            return Some(IdPreview::Unknown);
        }
        let verdict =
            customer_id::validate(self.rules, self.draft.area(self.rules), text).map(|_| ());
        Some(IdPreview::Id(customer_id::normalize(text), verdict))
    }

    /// The date the field holds, as it will be read: 「2012年5月28日 (平成24年)」.
    pub fn applied_preview(&self) -> Option<String> {
        self.date_preview(crate::rules::Field::Applied, &self.fields.applied)
    }

    /// [`Model::applied_preview`] for the 開通日.
    pub fn opened_preview(&self) -> Option<String> {
        self.date_preview(crate::rules::Field::Opened, &self.fields.opened)
    }

    fn date_preview(&self, field: crate::rules::Field, text: &TextField) -> Option<String> {
        if is_unknown(text.value()) {
            return Some(UNKNOWN_WORD_READ.to_string());
        }
        date::parse_period(field, text.value(), self.today)
            .ok()
            .map(date::describe_period)
    }

    /// The decision for the answers so far, if they are consistent.
    pub(super) fn decide(&self) -> Result<Decision, Vec<FieldError>> {
        let answers = self.draft.answers(self.rules);
        let errors = check_consistency(self.rules, &answers);
        if errors.is_empty() {
            Ok(decide(self.rules, &answers))
        } else {
            Err(errors)
        }
    }

    /// Why the answer to `step` no longer fits the other answers, when it has one that does
    /// not: a question asked again because another answer changed says why on arrival. The
    /// words come from the rules (the type's and the area's names, the ID formats' message).
    pub fn stale_reason(&self, step: Step) -> Option<FieldError> {
        let r = self.rules;
        let d = &self.draft;
        if !d.answered(step) || d.settled(r, step) || !d.applies(r, step) {
            return None;
        }
        match step {
            Step::NextType => {
                let line = d.next_type.as_deref().and_then(|t| r.line(t))?;
                let area = d.area(r)?;
                // 「ファミリースーパーハイスピードタイプ」: the type without its family's name,
                // which the question already says.
                let family = r
                    .top_level_lines()
                    .find(|l| l.family.is_some() && l.family == line.family)
                    .map(|l| l.name.as_str());
                let short = family
                    .and_then(|f| line.name.strip_prefix(f))
                    .map(str::trim_start)
                    .filter(|s| !s.is_empty())
                    .unwrap_or(&line.name);
                // One row of an 80-column window: the question above says to choose again.
                Some(FieldError {
                    field: Field::Line,
                    code: "not_offered_in_area",
                    message: format!("{short}は{}にはありません。", r.area(area).name),
                })
            }
            // The formats' own message says which area the ID belongs to and what this one's
            // IDs look like.
            Step::CustomerId => {
                let id = d.customer_id.clone().flatten()?;
                customer_id::validate(r, d.area(r), &id.normalized).err()
            }
            _ => None,
        }
    }

    /// Moves to `step`, with the list cursor on the step's current answer, and the reason when
    /// its answer no longer fits ([`Model::stale_reason`]).
    pub(super) fn go_to(&mut self, step: Step) {
        self.step = step;
        self.error = self.stale_reason(step);
        self.request = None;
        self.prefecture_pick = None;
        self.cursor = match step {
            // On 「この内容で結果を見る」: the usual next step is one Enter away.
            Step::Review => self.review_rows().len(),
            _ => self.answered_index().unwrap_or(0),
        };
        self.focus = match step {
            Step::Applied if self.draft.applied == Some(None) && self.draft.opened_path => {
                Focus::OpenedOnly
            }
            Step::Applied if self.draft.applied == Some(None) => Focus::Unknown,
            Step::Opened if self.draft.opened == Some(None) => Focus::Unknown,
            Step::CustomerId if self.draft.customer_id == Some(None) => Focus::Unknown,
            _ => Focus::Field,
        };
        if step == Step::Result {
            self.result_scroll = 0;
        }
    }
}

fn choice(id: &str, label: &str, hint: &str) -> Choice {
    Choice {
        id: id.to_string(),
        label: label.to_string(),
        hint: hint.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::YesNo;
    use crate::rules::embedded;
    use std::str::FromStr;

    #[test]
    fn the_review_words_each_answer_as_the_saved_result_does() {
        let rules = embedded::rules().expect("rules");
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
        let raw = RawAnswers {
            line: Some("next-family".to_string()),
            prefecture: Some("13".to_string()),
            collab: Some("no".to_string()),
            applied: Some("2010-04-01".to_string()),
            opened: None,
            v6: Some("unknown".to_string()),
            customer_id: Some("caf0123456789".to_string()),
            multiple_lines: Some("no".to_string()),
            clinic_name: Some(" さくら内科　クリニック ".to_string()),
        };
        let m = Model::with_answers(rules, today, &raw);
        let saved = answer_rows(rules, &m.draft.answers(rules));
        let mut compared = 0;
        for row in m.review_rows() {
            if let Some(field) = row.step.field().filter(|&f| f != crate::rules::Field::Line) {
                let same = saved.iter().find(|s| s.field == field);
                assert_eq!(
                    same.map(|s| (s.label(), s.value.as_str())),
                    Some((row.label, row.value.as_str()))
                );
                compared += 1;
            }
        }
        assert_eq!(compared, 7);
        assert_eq!(
            m.draft.clinic_name.as_deref(),
            Some("さくら内科 クリニック")
        );
    }

    // Keep `YesNo` parsing symmetrical with `as_ref` for the prefill.

    #[test]
    fn yes_no_ids_round_trip() {
        for v in [YesNo::Yes, YesNo::No, YesNo::Unknown] {
            assert_eq!(YesNo::from_str(v.as_ref()).ok(), Some(v));
        }
    }
}
