//! The rules as the program uses them: plain data, read from `assets/rules.toml` by
//! [`crate::rules::load`], which checks every field before a [`RuleSet`] exists. They also
//! serialise, for the copy the build checks and embeds (see [`crate::rules::embedded`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use strum::{AsRefStr, Display, EnumIter, EnumString, IntoStaticStr};

use super::pattern::Pattern;

/// NTT東日本 or NTT西日本: decides the v6 cut-off date, the line types on offer, the お客さまID
/// formats and whom to call.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    AsRefStr,
    IntoStaticStr,
    EnumIter,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Area {
    East,
    West,
}

/// How a line type relates to this connection method.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Display, EnumString, AsRefStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum LineKind {
    /// フレッツ 光ネクスト / 光クロス (direct or コラボ光): this method, portal category 1.
    Flets,
    /// Another connection method (CTC, QTnet, IPsec+IKE, or something else).
    OtherMethod,
    /// A FLET'S service that is not on the list (Bフレッツ, 光プレミアム, 光ライト …).
    NotEligible,
    /// The user does not know the line type.
    Unknown,
}

/// Groups the FLET'S line types that share one v6 rule.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Display, EnumString, AsRefStr,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Family {
    Next,
    Cross,
}

/// The verdict: what the result says first. Its explanation is `[verdicts.<code>]` in the rules.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    AsRefStr,
    IntoStaticStr,
    EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Verdict {
    /// Everything is known and in order: apply on the portal.
    Ready,
    /// Eligible, but something must be done first (the v6 option).
    ActionRequired,
    /// Something is not known yet: find it out first.
    Confirm,
    /// Another connection method: not this check's business beyond pointing the way.
    OtherMethod,
    /// Not eligible for this method.
    NotEligible,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Ready => "申請できます",
            Verdict::ActionRequired => "申請の前に手続きが必要です",
            Verdict::Confirm => "確認が必要です",
            Verdict::OtherMethod => "別の接続方式です",
            Verdict::NotEligible => "この接続方式の対象外です",
        }
    }
}

/// The steps the result can ask for, in the order a person does them. The first three concern
/// a line that is not (or not yet known to be) FLET'S and never come with the others.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    AsRefStr,
    IntoStaticStr,
    EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ActionCode {
    ConfirmLineType,
    /// After [`ActionCode::ConfirmLineType`]: a FLET'S line is checked again with its type.
    CheckAgain,
    /// Before applying, for a line of another method: how to connect and what to apply.
    ConsultConnectableList,
    ConfirmV6Option,
    ContractV6Option,
    FindCustomerId,
    UseConnectingLineId,
    ApplyOnPortal,
    CheckAutoReplyEmail,
}

/// A situation in which an action reads differently from its plain wording
/// (`[actions.<code>.variants.<variant>]`).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    AsRefStr,
    IntoStaticStr,
    EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ActionVariant {
    /// The line's portal category takes no お客さまID (2 and 3).
    WithoutCustomerId,
    /// The step holds only if the confirm step before it (step 1) found the option missing.
    AfterConfirm,
    /// The rules give no page to order the option for this line (光クロス): ask where.
    WithoutOrderPage,
    /// The line is コラボ光: the operator, not NTT, takes the order.
    Collabo,
    /// The line type is not known yet: the step holds only if it turns out not to be FLET'S.
    UnknownLine,
    /// A FLET'S service that is not on the list.
    NotEligible,
}

impl ActionCode {
    /// The variants the decision uses for this action: the rules must word each of them, and
    /// no other. Where several apply, they are applied in this order, a later one's text or
    /// detail replacing an earlier one's.
    pub fn variants(self) -> &'static [ActionVariant] {
        match self {
            ActionCode::ConsultConnectableList => {
                &[ActionVariant::UnknownLine, ActionVariant::NotEligible]
            }
            ActionCode::ContractV6Option => &[
                ActionVariant::AfterConfirm,
                ActionVariant::WithoutOrderPage,
                ActionVariant::Collabo,
            ],
            ActionCode::ApplyOnPortal => &[ActionVariant::WithoutCustomerId],
            ActionCode::ConfirmLineType
            | ActionCode::CheckAgain
            | ActionCode::ConfirmV6Option
            | ActionCode::FindCustomerId
            | ActionCode::UseConnectingLineId
            | ActionCode::CheckAutoReplyEmail => &[],
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SourceInfo {
    pub title: String,
    /// The date the source describes ("as of April 2022").
    pub as_of: NaiveDate,
    pub as_of_label: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AreaInfo {
    pub area: Area,
    pub name: String,
    pub short: String,
    pub collabo_list_url: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Contact {
    pub id: String,
    pub area: Option<Area>,
    pub name: String,
    pub phone: String,
    pub hours: String,
    /// When to call them.
    pub about: String,
    /// When to call them, for a コラボ光 line (whose operator comes first).
    pub about_collabo: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Collabo {
    pub name: String,
    pub what: String,
    pub how_to_tell: String,
    pub contact_note: String,
    pub no_confirmation_needed: String,
    /// What a コラボ光 operator is asked: the line type and the v6 option only.
    pub ask_only: String,
    /// The lines that are never コラボ光 (CTC's and QTnet's own).
    pub not_collabo_lines: Vec<String>,
    /// The error for an answer that says コラボ光 and one of them; `{line}` is its name.
    pub not_collabo_error: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PortalCategory {
    pub code: u8,
    pub label: String,
    pub who: String,
    pub needs_customer_id: bool,
    /// Said under the category unless the line is known not to be コラボ光.
    pub collabo_note: Option<String>,
    /// Said under the verdict for a line of another method that takes this category.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Portal {
    pub name: String,
    pub field: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LineType {
    pub id: String,
    pub name: String,
    pub kind: LineKind,
    pub family: Option<Family>,
    /// A 光ネクスト type asked after the prefecture, not a choice of the first question.
    pub subtype: bool,
    /// The areas that offer it (empty for lines that are not FLET'S).
    pub areas: Vec<Area>,
    pub line_category: Option<u8>,
    pub operator: Option<String>,
    pub hint: String,
    /// Every name the line is found by, as [`super::text::line_key`] folds them: its name, its
    /// name without a remark in brackets, a 光ネクスト type's name without 「光ネクスト」, and its
    /// aliases. The loader makes them; two lines may share one (the answer is then ambiguous).
    pub keys: Vec<String>,
}

impl LineType {
    pub fn offered_in(&self, area: Area) -> bool {
        self.areas.contains(&area)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct V6Info {
    pub name: String,
    pub about: String,
    pub may_already_have: String,
    /// The same, for a line whose 申込日 is not known.
    pub may_already_have_undated: String,
    /// Under the verdict of a line whose option is always on (光クロス), unless the user
    /// answered 契約済み: the answer is not needed.
    pub always_on: String,
    /// Under the confirm step, when no date settles the status: where to order it from NTT.
    pub order_here: String,
    /// The same, for a コラボ光 line.
    pub order_from_collabo: String,
    /// Under either step when the line may be コラボ光: the operator takes the order.
    pub collabo_orders: String,
    /// Under the confirm step when the answer was 未契約 for a line that normally has the option.
    pub answered_missing: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum V6Default {
    /// Always on (フレッツ 光クロス).
    On,
    /// On for a line applied for on or after the date, off before it.
    ByDate { on_since: NaiveDate },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct V6Rule {
    pub family: Family,
    pub area: Area,
    pub default: V6Default,
    pub contract_url: Option<String>,
    pub cost_notes: Vec<String>,
    /// For a `by_date` rule: from which day the option comes with the line, in a sentence that
    /// names the day.
    pub on_or_after_text: Option<String>,
    /// For a `by_date` rule: that a line applied for before the day has no option at first.
    pub before_text: Option<String>,
}

/// What the rules say about the dates people know of a line: where the 申込日 is written, what
/// the 開通日 tells, and why a month or a 開通日 may not settle the v6 option.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApplicationDate {
    /// Where the 申込日 can be found (the 申込日 question's help).
    pub where_written: String,
    /// What the 開通日 on the 開通のご案内 tells (help and the 開通日 question).
    pub opened_tells: String,
    /// A note when the month or year given contains the area's cut-off: the day decides.
    pub day_decides: String,
    /// The wizard's request for the day, when the month or year typed contains the cut-off.
    pub ask_day: String,
    /// A note when the 開通日's month or year contains the cut-off: its day decides.
    pub opened_day_decides: String,
    /// The wizard's request for the 開通日's day, when the month or year typed contains the
    /// cut-off.
    pub ask_opened_day: String,
    /// A note when the 開通日 is before the cut-off: the option was off at first.
    pub opened_settles: String,
    /// A note when the 開通日 is on or after the cut-off: it does not tell.
    pub opened_does_not_settle: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CustomerIdInfo {
    pub about: String,
    pub multiple_lines: String,
    /// Under the verdict when an ID was given for a line whose application takes none.
    pub not_taken: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CustomerIdFormat {
    pub id: String,
    /// Three half-width upper-case letters, `CAF` or `COP`.
    pub prefix: String,
    /// How many digits follow the prefix.
    pub digits: usize,
    /// The final check; agrees with `prefix` and `digits` (the loader makes sure).
    pub pattern: Pattern,
    pub areas: Vec<Area>,
}

/// What the お客さまID's messages say about how it was typed (`[customer_id_input]`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CustomerIdInput {
    /// Under the ID in the result, when what was typed was rewritten.
    pub portal_form: String,
    /// Kana in the ID: the IME was on.
    pub ime_on: String,
    pub phone_number: String,
    /// Letters and ten digits: a 転用承諾番号 or 事業者変更承諾番号, likely.
    pub approval_number: String,
    /// Ten or eleven digits and no letter.
    pub digits_only: String,
    /// Where the ID is written, one entry per area (the loader checks).
    pub written_on: Vec<(Area, Vec<String>)>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FindStep {
    pub title: String,
    pub text: String,
    pub url: Option<String>,
    /// A contact id, for a step that is a phone call.
    pub contact: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CustomerIdSource {
    pub area: Area,
    pub steps: Vec<FindStep>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Application {
    pub auto_reply: String,
    /// For a portal category that takes no お客さまID.
    pub auto_reply_without_id: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Reapplication {
    pub days: u32,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WrongApplication {
    pub id: String,
    /// The portal categories whose applicants it most concerns: listed first for them.
    pub concerns: Vec<u8>,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ActionText {
    /// The step in a few words, for a list with one line per step.
    pub short: String,
    pub text: String,
    pub detail: String,
    /// Exactly the code's [`ActionCode::variants`], in that order (the loader checks).
    pub variants: Vec<(ActionVariant, VariantText)>,
}

/// What a variant replaces: the text, the detail or both (at least one).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VariantText {
    pub short: Option<String>,
    pub text: Option<String>,
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ConnectableList {
    pub name: String,
    pub publisher: String,
    pub url: String,
    pub note: String,
    /// The contact shown for lines of another method, and when to ask them.
    pub contact_name: String,
    pub contact_about: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Prefecture {
    /// JIS X 0401 code, 1 to 47.
    pub code: u8,
    /// 東京都, 北海道, 大阪府 …
    pub name: String,
    /// Other spellings of the name in kanji that people write: 大坂 (大阪府), 郡馬 (群馬県).
    pub name_alt: Vec<String>,
    /// Reading without the suffix: とうきょう.
    pub kana: String,
    /// Hepburn without long-vowel marks: tokyo.
    pub romaji: String,
    /// Other spellings people type: ibaragi, gumma.
    pub romaji_alt: Vec<String>,
    pub area: Area,
    /// The spellings above as lookups compare them; the loader computes them once.
    pub keys: PrefectureKeys,
}

/// A prefecture's spellings in the forms of the `text::prefecture_key_*` functions, which is what
/// an answer is compared with.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PrefectureKeys {
    /// The name without 都/府/県 (東京), then each of `name_alt` the same way (大坂).
    pub kanji: Vec<String>,
    /// The reading in hiragana: とうきょう.
    pub kana: String,
    /// `romaji`, then each of `romaji_alt`: tokyo.
    pub romaji: Vec<String>,
}

/// A region of portal category 2's lines (中部地区, 九州地区), by prefecture.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Region {
    pub id: String,
    pub name: String,
    /// The lines of the region; a line is in one region at most (the loader checks).
    pub lines: Vec<String>,
    /// JIS codes.
    pub prefectures: Vec<u8>,
    /// Said when the line's prefecture is outside: `{prefecture}` is the one answered,
    /// `{prefectures}` the region's (each at most once, `{prefecture}` once; the loader checks).
    pub outside: String,
}

/// Every rule, checked. Build one with [`crate::rules::load::embedded`] or
/// [`crate::rules::load::from_toml`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RuleSet {
    pub application_date: ApplicationDate,
    pub source: SourceInfo,
    pub areas: Vec<AreaInfo>,
    pub contacts: Vec<Contact>,
    pub collabo: Collabo,
    pub portal_categories: Vec<PortalCategory>,
    pub portal: Portal,
    pub lines: Vec<LineType>,
    pub v6: V6Info,
    pub v6_rules: Vec<V6Rule>,
    pub customer_id: CustomerIdInfo,
    pub customer_id_formats: Vec<CustomerIdFormat>,
    pub customer_id_sources: Vec<CustomerIdSource>,
    pub customer_id_collabo: String,
    pub customer_id_input: CustomerIdInput,
    pub application: Application,
    pub reapplication: Reapplication,
    pub wrong_applications: Vec<WrongApplication>,
    /// One entry per [`ActionCode`], in the code's order (the loader checks that all are there).
    pub actions: Vec<(ActionCode, ActionText)>,
    pub connectable_list: ConnectableList,
    /// One explanation per [`Verdict`], in the enum's order (the loader checks).
    pub verdicts: Vec<(Verdict, String)>,
    pub prefectures: Vec<Prefecture>,
    pub regions: Vec<Region>,
}

impl Region {
    /// Where `outside` names the prefecture answered.
    pub const PREFECTURE: &str = "{prefecture}";
    /// Where `outside` names the region's prefectures.
    pub const PREFECTURES: &str = "{prefectures}";

    /// The remark for a line of this region answered with `answered`, a prefecture outside it.
    pub fn outside_note(&self, rules: &RuleSet, answered: &Prefecture) -> String {
        let names: Vec<&str> = self
            .prefectures
            .iter()
            .filter_map(|&c| rules.prefecture(c))
            .map(|p| p.name.as_str())
            .collect();
        self.outside
            .replace(Self::PREFECTURES, &names.join("、"))
            .replace(Self::PREFECTURE, &answered.name)
    }
}

impl RuleSet {
    /// The region a line belongs to, if any (CTC's and QTnet's lines).
    pub fn region_of_line(&self, line: &str) -> Option<&Region> {
        self.regions
            .iter()
            .find(|r| r.lines.iter().any(|l| l == line))
    }

    pub fn area(&self, area: Area) -> &AreaInfo {
        // The loader guarantees one entry per area.
        self.areas
            .iter()
            .find(|a| a.area == area)
            .unwrap_or(&self.areas[0])
    }

    pub fn line(&self, id: &str) -> Option<&LineType> {
        self.lines.iter().find(|l| l.id == id)
    }

    /// The first question's choices, in the file's order.
    pub fn top_level_lines(&self) -> impl Iterator<Item = &LineType> {
        self.lines.iter().filter(|l| !l.subtype)
    }

    /// The 光ネクスト types an area offers, in the file's order.
    pub fn next_types(&self, area: Area) -> impl Iterator<Item = &LineType> {
        self.lines
            .iter()
            .filter(move |l| l.subtype && l.family == Some(Family::Next) && l.offered_in(area))
    }

    pub fn prefecture(&self, code: u8) -> Option<&Prefecture> {
        self.prefectures.iter().find(|p| p.code == code)
    }

    pub fn contact(&self, id: &str) -> Option<&Contact> {
        self.contacts.iter().find(|c| c.id == id)
    }

    pub fn ntt_contact(&self, area: Area) -> Option<&Contact> {
        self.contacts.iter().find(|c| c.area == Some(area))
    }

    pub fn portal_category(&self, code: u8) -> Option<&PortalCategory> {
        self.portal_categories.iter().find(|c| c.code == code)
    }

    pub fn v6_rule(&self, family: Family, area: Area) -> Option<&V6Rule> {
        self.v6_rules
            .iter()
            .find(|r| r.family == family && r.area == area)
    }

    pub fn customer_id_source(&self, area: Area) -> Option<&CustomerIdSource> {
        self.customer_id_sources.iter().find(|s| s.area == area)
    }

    pub fn action(&self, code: ActionCode) -> &ActionText {
        // The loader guarantees one entry per code.
        self.actions
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, t)| t)
            .unwrap_or(&self.actions[0].1)
    }

    /// What the verdict means, in a sentence or two.
    pub fn verdict_explanation(&self, verdict: Verdict) -> &str {
        // The loader guarantees one entry per verdict.
        self.verdicts
            .iter()
            .find(|(v, _)| *v == verdict)
            .map_or("", |(_, t)| t.as_str())
    }
}

impl ActionText {
    /// The wording under the given variants: each one the rules word replaces what it gives,
    /// in [`ActionCode::variants`] order.
    pub fn worded(&self, applies: impl Fn(ActionVariant) -> bool) -> (&str, &str) {
        let mut text = self.text.as_str();
        let mut detail = self.detail.as_str();
        for (_, t) in self.variants.iter().filter(|(v, _)| applies(*v)) {
            if let Some(x) = &t.text {
                text = x;
            }
            if let Some(x) = &t.detail {
                detail = x;
            }
        }
        (text, detail)
    }

    /// The short title under the given variants (see [`ActionText::worded`]).
    pub fn short_worded(&self, applies: impl Fn(ActionVariant) -> bool) -> &str {
        self.variants
            .iter()
            .filter(|(v, _)| applies(*v))
            .filter_map(|(_, t)| t.short.as_deref())
            .last()
            .unwrap_or(&self.short)
    }
}
