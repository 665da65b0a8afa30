//! The decision: from checked answers to a verdict, the steps to take in order, what to enter on
//! the portal, and whom to call. `check`, the wizard's result screen and the saved files all show
//! this one [`Decision`].

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::Serialize;
use strum::{AsRefStr, Display, IntoStaticStr};

use super::answers::{Answers, V6Answer, YesNo};
use super::contacts;
use super::customer_id::{self, NormalizedId};
use super::cutoff;
pub use super::model::Verdict;
use super::model::{
    ActionCode, ActionVariant, Area, LineKind, LineType, RuleSet, V6Default, V6Rule,
};
use super::period::Period;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Display, AsRefStr, IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum V6Status {
    DefaultOn,
    ContractRequired,
    Contracted,
    Unknown,
    NotApplicable,
}

impl V6Status {
    pub fn label(self) -> &'static str {
        match self {
            V6Status::DefaultOn => "最初から契約済み (デフォルトON)",
            V6Status::ContractRequired => "申し込みが必要",
            V6Status::Contracted => "契約済み",
            V6Status::Unknown => "不明 (確認が必要)",
            V6Status::NotApplicable => "対象外",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrefectureRef {
    pub code: u8,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PortalEntry {
    pub line_category: Option<u8>,
    /// The category's full label as the portal shows it.
    pub line_category_label: Option<String>,
    pub customer_id: Option<String>,
    /// What was changed in the typed ID, and how the portal wants it; only when it was changed.
    pub customer_id_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Action {
    pub code: ActionCode,
    /// The step in a few words (the summary's line).
    pub short: String,
    pub text: String,
    pub detail: String,
    /// Further lines: the ways to find the ID, the cost notes, the values to type.
    pub steps: Vec<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactEntry {
    pub name: String,
    pub phone: Option<String>,
    pub hours: Option<String>,
    pub url: Option<String>,
    /// When to call them.
    pub about: String,
}

/// The whole decision. Its JSON form is the `check --format json` contract: fields may be added,
/// none renamed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    /// 医療機関名 as given: shown, never decided on.
    pub clinic_name: Option<String>,
    pub verdict: Verdict,
    pub area: Option<Area>,
    pub prefecture: Option<PrefectureRef>,
    pub line: String,
    pub line_name: String,
    pub collab: YesNo,
    /// The 申込日, when its day is known.
    pub applied: Option<NaiveDate>,
    /// The 申込日 as given: a day, a month or a year, with its first and last day.
    pub applied_period: Option<Period>,
    /// The 開通日, when its day is known.
    pub opened: Option<NaiveDate>,
    /// The 開通日 as given (see `applied_period`).
    pub opened_period: Option<Period>,
    pub v6_option: V6Status,
    pub portal: PortalEntry,
    pub customer_id: Option<NormalizedId>,
    pub multiple_lines: Option<YesNo>,
    pub actions: Vec<Action>,
    pub contacts: Vec<ContactEntry>,
    /// The known wrong applications, to check before sending.
    pub wrong_applications: Vec<String>,
    /// Remarks on an answer: one the rules did not need, said rather than ignored silently (a v6
    /// answer other than 契約済み for フレッツ 光クロス, whose option is always on), or one that
    /// is probably wrong (a prefecture outside the region of CTC's or QTnet's line), or one left
    /// out (an お客さまID for a line whose application takes none); and first, what the verdict
    /// alone does not say of the line's portal category (CTC's and QTnet's lines are IP-VPN too).
    pub notes: Vec<String>,
    /// The notes to read before acting, which the first page shows under the verdict: what the
    /// verdict alone does not say of the line's portal category (CTC's and QTnet's lines are
    /// IP-VPN too), and those that question the answers (a prefecture outside the line's
    /// region, an お客さまID for a line that takes none). Also in [`Decision::notes`].
    pub key_notes: Vec<String>,
    /// The date the rules describe ("as of April 2022").
    pub rules_as_of: NaiveDate,
}

/// The decision without its texts: the verdict, the v6 status, the portal category and the
/// action codes in order. [`decide`] builds on this, so the two never differ; batch checks,
/// which list only these, skip the texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    pub verdict: Verdict,
    pub v6_option: V6Status,
    pub line_category: Option<u8>,
    pub actions: Vec<ActionCode>,
}

/// Outlines the decision for `answers` (see [`Outline`]).
pub fn outline(rules: &RuleSet, answers: &Answers) -> Outline {
    let area = answers.area(rules);
    let line = rules.line(&answers.line);
    let kind = line.map_or(LineKind::Unknown, |l| l.kind);
    let v6 = v6_status(rules, line, area, answers);
    let category = line.and_then(|l| l.line_category);
    let id = answers.customer_id.as_ref();

    let verdict = match kind {
        LineKind::Unknown => Verdict::Confirm,
        LineKind::OtherMethod => Verdict::OtherMethod,
        LineKind::NotEligible => Verdict::NotEligible,
        LineKind::Flets if v6 == V6Status::Unknown || id.is_none() => Verdict::Confirm,
        LineKind::Flets if v6 == V6Status::ContractRequired => Verdict::ActionRequired,
        LineKind::Flets => Verdict::Ready,
    };

    let mut codes = Vec::new();
    match kind {
        // Find out the type; a FLET'S line is checked again, any other is asked about.
        LineKind::Unknown => {
            codes.push(ActionCode::ConfirmLineType);
            codes.push(ActionCode::CheckAgain);
            codes.push(ActionCode::ConsultConnectableList);
        }
        LineKind::NotEligible => codes.push(ActionCode::ConsultConnectableList),
        // Ask how to connect first; then, where the portal has a category for it, apply.
        LineKind::OtherMethod => {
            codes.push(ActionCode::ConsultConnectableList);
            if category.is_some() {
                codes.push(ActionCode::ApplyOnPortal);
                codes.push(ActionCode::CheckAutoReplyEmail);
            }
        }
        LineKind::Flets => {
            if confirm_v6_first(rules, answers, v6) {
                codes.push(ActionCode::ConfirmV6Option);
            }
            if v6 == V6Status::ContractRequired {
                codes.push(ActionCode::ContractV6Option);
            }
            if id.is_none() {
                codes.push(ActionCode::FindCustomerId);
            }
            // わからない is reason enough to say which line's ID to use.
            if matches!(answers.multiple_lines, Some(YesNo::Yes | YesNo::Unknown)) {
                codes.push(ActionCode::UseConnectingLineId);
            }
            codes.push(ActionCode::ApplyOnPortal);
            codes.push(ActionCode::CheckAutoReplyEmail);
        }
    }
    codes.sort();
    Outline {
        verdict,
        v6_option: v6,
        line_category: category,
        actions: codes,
    }
}

/// Whether the v6 option is to be confirmed (before it is contracted, where it must be): its
/// status is unknown; or it must be contracted, and either the user did not know (a line
/// applied for before the cut-off may have it all the same) or said 未契約 for a line that
/// normally has it.
fn confirm_v6_first(rules: &RuleSet, answers: &Answers, v6: V6Status) -> bool {
    match v6 {
        V6Status::Unknown => true,
        V6Status::ContractRequired => {
            answers.v6 == V6Answer::Unknown || normally_on_answered_missing(rules, answers)
        }
        _ => false,
    }
}

/// The answer was 未契約 for a line whose option is normally on: 光クロス, or 光ネクスト applied
/// for on or after the area's cut-off.
pub fn normally_on_answered_missing(rules: &RuleSet, answers: &Answers) -> bool {
    let without_answer = Answers {
        v6: V6Answer::Unknown,
        ..answers.clone()
    };
    answers.v6 == V6Answer::NotContracted
        && v6_status(
            rules,
            rules.line(&answers.line),
            answers.area(rules),
            &without_answer,
        ) == V6Status::DefaultOn
}

/// Decides. `answers` should have passed [`super::answers::check_consistency`]; if not, the
/// decision still comes out, treating what does not fit as unknown.
pub fn decide(rules: &RuleSet, answers: &Answers) -> Decision {
    let pref = answers.prefecture.and_then(|c| rules.prefecture(c));
    let area = pref.map(|p| p.area);
    let line = rules.line(&answers.line);
    let kind = line.map_or(LineKind::Unknown, |l| l.kind);
    let Outline {
        verdict,
        v6_option: v6,
        line_category: category,
        actions: codes,
    } = outline(rules, answers);
    let id = answers.customer_id.as_ref();
    let ctx = Context {
        rules,
        answers,
        area,
        line,
        category,
        v6,
    };
    let actions = codes.into_iter().map(|c| ctx.action(c)).collect();

    Decision {
        clinic_name: answers.clinic_name.clone(),
        verdict,
        area,
        prefecture: pref.map(|p| PrefectureRef {
            code: p.code,
            name: p.name.clone(),
        }),
        line: answers.line.clone(),
        line_name: line.map_or_else(|| answers.line.clone(), |l| l.name.clone()),
        collab: answers.collab,
        applied: answers.applied.and_then(Period::as_day),
        applied_period: answers.applied,
        opened: answers.opened.and_then(Period::as_day),
        opened_period: answers.opened,
        v6_option: v6,
        portal: PortalEntry {
            line_category: category,
            line_category_label: category
                .and_then(|c| rules.portal_category(c))
                .map(|c| c.label.clone()),
            customer_id: match kind {
                LineKind::Flets => id.map(|n| n.normalized.clone()),
                _ => None,
            },
            customer_id_note: match kind {
                LineKind::Flets => id.and_then(|n| customer_id::rewrite_note(rules, n)),
                _ => None,
            },
        },
        customer_id: id.cloned(),
        multiple_lines: answers.multiple_lines,
        actions,
        contacts: ctx.contacts(kind),
        wrong_applications: wrong_applications(rules, kind, category),
        notes: ctx.notes(),
        key_notes: ctx.key_notes(),
        rules_as_of: rules.source.as_of,
    }
}

/// The known wrong applications, for every line that is applied for on the portal: those that
/// concern the line's portal category, in the rules' order; for a line of unknown type, all.
fn wrong_applications(rules: &RuleSet, kind: LineKind, category: Option<u8>) -> Vec<String> {
    let applies = match kind {
        LineKind::Flets | LineKind::Unknown => true,
        LineKind::OtherMethod => category.is_some(),
        LineKind::NotEligible => false,
    };
    if !applies {
        return Vec::new();
    }
    rules
        .wrong_applications
        .iter()
        .filter(|w| category.is_none_or(|c| w.concerns.contains(&c)))
        .map(|w| w.text.clone())
        .collect()
}

/// The v6 status. An explicit 未契約 is believed for every line (「フレッツ・v6オプションのご
/// 契約がない場合には、別途ご契約が必要となります」): the option must be contracted. Otherwise a
/// rule that is always on (フレッツ 光クロス: 「デフォルトONです」) decides; then a user who knows
/// the option is contracted needs no action; failing those, the area's rule and the application
/// date decide.
pub fn v6_status(
    rules: &RuleSet,
    line: Option<&LineType>,
    area: Option<Area>,
    answers: &Answers,
) -> V6Status {
    let Some((family, area)) = line
        .filter(|l| l.kind == LineKind::Flets)
        .and_then(|l| l.family.zip(area))
    else {
        return match line.map(|l| l.kind) {
            Some(LineKind::Flets) => V6Status::Unknown,
            _ => V6Status::NotApplicable,
        };
    };
    let Some(rule) = rules.v6_rule(family, area) else {
        return V6Status::Unknown;
    };
    match (rule.default, answers.v6) {
        // An explicit 未契約 is believed for every line, 光クロス included.
        (_, V6Answer::NotContracted) => V6Status::ContractRequired,
        (V6Default::On, _) => V6Status::DefaultOn,
        (_, V6Answer::Contracted) => V6Status::Contracted,
        (V6Default::ByDate { on_since }, V6Answer::Unknown) => {
            match cutoff::known(on_since, answers).before() {
                Some(false) => V6Status::DefaultOn,
                Some(true) => V6Status::ContractRequired,
                None => V6Status::Unknown,
            }
        }
    }
}

/// Whether the wizard should ask about the v6 option: only where the date does not settle it.
pub fn v6_question_needed(rules: &RuleSet, answers: &Answers) -> bool {
    let line = rules.line(&answers.line);
    let area = answers.area(rules);
    let without_answer = Answers {
        v6: V6Answer::Unknown,
        ..answers.clone()
    };
    matches!(
        v6_status(rules, line, area, &without_answer),
        V6Status::ContractRequired | V6Status::Unknown
    )
}

/// The remarks on the answers ([`Decision::notes`]) without the rest of the decision's texts:
/// what a batch row lists beside its outline. The rules' own sentences are borrowed.
pub fn notes<'r>(rules: &'r RuleSet, answers: &Answers) -> Vec<Cow<'r, str>> {
    let line = rules.line(&answers.line);
    let (v6, category) = (V6Status::Unknown, line.and_then(|l| l.line_category));
    Context {
        rules,
        answers,
        area: answers.area(rules),
        line,
        category,
        // The remarks do not read the v6 status.
        v6,
    }
    .borrowed_notes()
}

struct Context<'r, 'a> {
    rules: &'r RuleSet,
    answers: &'a Answers,
    area: Option<Area>,
    line: Option<&'r LineType>,
    category: Option<u8>,
    v6: V6Status,
}

impl<'r> Context<'r, '_> {
    fn v6_rule(&self) -> Option<&V6Rule> {
        self.line
            .and_then(|l| l.family)
            .zip(self.area)
            .and_then(|(f, a)| self.rules.v6_rule(f, a))
    }

    /// The date from which the option comes with the line, for a `by_date` rule.
    fn cutoff(&self) -> Option<NaiveDate> {
        match self.v6_rule()?.default {
            V6Default::ByDate { on_since } => Some(on_since),
            V6Default::On => None,
        }
    }

    /// Whether the line was applied for before the cut-off: `None` when there is no cut-off
    /// or the dates given do not tell.
    fn applied_before_cutoff(&self) -> Option<bool> {
        cutoff::known(self.cutoff()?, self.answers).before()
    }

    /// See [`Decision::notes`].
    fn notes(&self) -> Vec<String> {
        self.borrowed_notes()
            .into_iter()
            .map(Cow::into_owned)
            .collect()
    }

    fn borrowed_notes(&self) -> Vec<Cow<'r, str>> {
        let mut notes = Vec::new();
        notes.extend(self.category_note_text().map(Cow::Borrowed));
        notes.extend(self.outside_region().map(Cow::Owned));
        let always_on = self
            .v6_rule()
            .is_some_and(|rule| rule.default == V6Default::On);
        if always_on && self.answers.v6 == V6Answer::Unknown {
            notes.push(Cow::Borrowed(self.rules.v6.always_on.as_str()));
        }
        notes.extend(cutoff::date_note(self.rules, self.answers).map(Cow::Owned));
        notes.extend(self.id_not_taken_text().map(Cow::Borrowed));
        notes
    }

    /// See [`Decision::key_notes`].
    fn key_notes(&self) -> Vec<String> {
        self.category_note()
            .into_iter()
            .chain(self.outside_region())
            .chain(self.id_not_taken())
            .collect()
    }

    /// What the verdict alone does not say about the line's category (CTC's and QTnet's lines
    /// are IP-VPN too).
    fn category_note(&self) -> Option<String> {
        self.category_note_text().map(str::to_string)
    }

    fn category_note_text(&self) -> Option<&'r str> {
        self.category
            .and_then(|c| self.rules.portal_category(c))
            .and_then(|c| c.note.as_deref())
    }

    /// An お客さまID given for a line whose application takes none: left out, and said.
    fn id_not_taken(&self) -> Option<String> {
        self.id_not_taken_text().map(str::to_string)
    }

    fn id_not_taken_text(&self) -> Option<&'r str> {
        self.answers
            .ignored_customer_id
            .is_some()
            .then_some(self.rules.customer_id.not_taken.as_str())
    }

    /// A line of a region (CTC's, QTnet's) answered with a prefecture outside it: probably a
    /// wrong answer, said rather than refused.
    fn outside_region(&self) -> Option<String> {
        let region = self.rules.region_of_line(&self.answers.line)?;
        let pref = self
            .answers
            .prefecture
            .and_then(|c| self.rules.prefecture(c))?;
        (!region.prefectures.contains(&pref.code)).then(|| region.outside_note(self.rules, pref))
    }

    fn needs_customer_id(&self) -> bool {
        self.category
            .and_then(|c| self.rules.portal_category(c))
            .is_some_and(|c| c.needs_customer_id)
    }

    fn collab_possible(&self) -> bool {
        self.answers.collab != YesNo::No
    }

    /// "NTT東日本 (0120-116-116)" or, for a コラボ光 line, its operator.
    fn whom_to_ask(&self) -> String {
        let ntt = match self.area {
            Some(a) => self.rules.area(a).name.clone(),
            None => "NTT東日本・西日本".to_string(),
        };
        match self.answers.collab {
            YesNo::Yes => self.rules.collabo.name.clone(),
            YesNo::No => ntt,
            YesNo::Unknown => format!("{ntt} (コラボ光なら契約先の事業者)"),
        }
    }

    /// Whether the rules' wording for `variant` applies here (see [`ActionCode::variants`]).
    fn variant_applies(&self, variant: ActionVariant) -> bool {
        let kind = self.line.map_or(LineKind::Unknown, |l| l.kind);
        match variant {
            ActionVariant::WithoutCustomerId => !self.needs_customer_id(),
            // The contract step follows a confirm step exactly when the user did not know.
            ActionVariant::AfterConfirm => confirm_v6_first(self.rules, self.answers, self.v6),
            ActionVariant::WithoutOrderPage => {
                self.answers.collab != YesNo::Yes
                    && self.v6_rule().is_some_and(|r| r.contract_url.is_none())
            }
            ActionVariant::Collabo => self.answers.collab == YesNo::Yes,
            ActionVariant::UnknownLine => kind == LineKind::Unknown,
            ActionVariant::NotEligible => kind == LineKind::NotEligible,
        }
    }

    /// Where to order the v6 option and what it costs: NTT's page and price for a line known or
    /// possibly contracted with NTT directly, the operator for a コラボ光 line (its price is the
    /// operator's, not NTT's). `if_missing` words it for after a confirm step.
    fn v6_order(&self, if_missing: bool, steps: &mut Vec<String>) -> Option<String> {
        let r = self.rules;
        if self.answers.collab == YesNo::Yes {
            if if_missing {
                steps.push(r.v6.order_from_collabo.clone());
            }
            return None;
        }
        let rule = self.v6_rule()?;
        let url = rule.contract_url.clone()?;
        if if_missing {
            steps.push(r.v6.order_here.clone());
        }
        steps.extend(rule.cost_notes.iter().cloned());
        if self.answers.collab == YesNo::Unknown {
            steps.push(r.v6.collabo_orders.clone());
        }
        Some(url)
    }

    fn action(&self, code: ActionCode) -> Action {
        let mut steps = Vec::new();
        let mut url = None;
        let r = self.rules;
        match code {
            ActionCode::ConfirmLineType => {
                steps.push(format!("問い合わせ先: {}", self.whom_to_ask()));
                steps.push(r.collabo.what.clone());
                steps.push(r.collabo.how_to_tell.clone());
            }
            ActionCode::CheckAgain => {}
            ActionCode::ConsultConnectableList => {
                url = Some(r.connectable_list.url.clone());
                steps.push(format!(
                    "{} ({}、{})",
                    r.connectable_list.name, r.connectable_list.publisher, r.source.as_of_label
                ));
                steps.push(r.connectable_list.note.clone());
                if let Some(op) = self.line.and_then(|l| l.operator.as_ref()) {
                    steps.push(format!("契約先: {op}"));
                }
            }
            ActionCode::ConfirmV6Option
                if normally_on_answered_missing(self.rules, self.answers) =>
            {
                steps.push(format!("問い合わせ先: {}", self.whom_to_ask()));
                steps.push(r.v6.answered_missing.clone());
                steps.push(r.v6.about.clone());
            }
            ActionCode::ConfirmV6Option => {
                steps.push(format!("問い合わせ先: {}", self.whom_to_ask()));
                // 「申込日が古くても…」 only for a line known to be older than the cut-off;
                // without a date, say from when the option comes with the line instead.
                if self.applied_before_cutoff() == Some(true) {
                    steps.push(r.v6.may_already_have.clone());
                } else {
                    if let Some(text) = self.v6_rule().and_then(|r| r.on_or_after_text.clone()) {
                        steps.push(text);
                    }
                    steps.push(r.v6.may_already_have_undated.clone());
                }
                steps.push(r.v6.about.clone());
                // With no date there is no contract step to follow: say where to order it if
                // the answer is "not contracted".
                if self.v6 == V6Status::Unknown {
                    url = self.v6_order(true, &mut steps);
                }
            }
            ActionCode::ContractV6Option => {
                // The reason from the date, only where it is the reason: an explicit 未契約
                // for a newer line, or one of unknown date, needs the option all the same.
                if self.applied_before_cutoff() == Some(true)
                    && let Some(text) = self.v6_rule().and_then(|r| r.before_text.clone())
                {
                    steps.push(text);
                }
                // Free to use and what it is for, in both areas; for a コラボ光 line, that the
                // operator is asked only about the type and the option.
                steps.push(r.v6.about.clone());
                if self.answers.collab == YesNo::Yes {
                    steps.push(r.collabo.no_confirmation_needed.clone());
                    steps.push(r.collabo.ask_only.clone());
                }
                url = self.v6_order(false, &mut steps);
            }
            ActionCode::FindCustomerId => {
                if self.answers.collab == YesNo::Yes {
                    steps.push(r.customer_id_collabo.clone());
                } else if let Some(src) = self.area.and_then(|a| r.customer_id_source(a)) {
                    for (n, s) in src.steps.iter().enumerate() {
                        // The texts end with 「。」 (the loader checks): what follows needs no
                        // space before it.
                        let mut line = format!("{}. {}: {}", n + 1, s.title, s.text);
                        if let Some(c) = s.contact.as_deref().and_then(|c| r.contact(c)) {
                            line.push_str(&format!("電話: {} (受付: {})", c.phone, c.hours));
                        }
                        if let Some(u) = &s.url {
                            line.push_str(&format!("参考: {u}"));
                        }
                        steps.push(line);
                    }
                }
                if self.answers.collab == YesNo::Unknown {
                    steps.push(format!("コラボ光の場合: {}", r.customer_id_collabo));
                }
                steps.push(r.customer_id.about.clone());
            }
            ActionCode::UseConnectingLineId => {}
            ActionCode::ApplyOnPortal => {
                if let Some(c) = self.category.and_then(|c| r.portal_category(c)) {
                    steps.push(format!("{}: {}", r.portal.field, c.label));
                    if c.needs_customer_id {
                        steps.push(match &self.answers.customer_id {
                            Some(id) => format!("お客さまID: {}", id.normalized),
                            None => "お客さまID: (確かめたお客さまIDを半角大文字で)".to_string(),
                        });
                    }
                    if let Some(note) = &c.collabo_note
                        && self.collab_possible()
                    {
                        steps.push(note.clone());
                    }
                }
            }
            ActionCode::CheckAutoReplyEmail => {
                if self.needs_customer_id() {
                    steps.push(r.application.auto_reply.clone());
                    steps.push(r.reapplication.text.clone());
                } else {
                    steps.push(r.application.auto_reply_without_id.clone());
                }
            }
        }
        let (text, detail) = r.action(code).worded(|v| self.variant_applies(v));
        Action {
            code,
            short: r
                .action(code)
                .short_worded(|v| self.variant_applies(v))
                .to_string(),
            text: text.to_string(),
            detail: detail.to_string(),
            steps,
            url,
        }
    }

    fn contacts(&self, kind: LineKind) -> Vec<ContactEntry> {
        contacts::contacts(self.rules, kind, self.answers.collab, self.area)
            .iter()
            .map(contacts::ContactRef::to_entry)
            .collect()
    }
}
