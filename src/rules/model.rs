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

/// The steps the result can ask for, in the order a person does them.
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
    ConfirmV6Option,
    ContractV6Option,
    FindCustomerId,
    UseConnectingLineId,
    ApplyOnPortal,
    CheckAutoReplyEmail,
    ConsultConnectableList,
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
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Collabo {
    pub name: String,
    pub what: String,
    pub how_to_tell: String,
    pub contact_note: String,
    pub no_confirmation_needed: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PortalCategory {
    pub code: u8,
    pub label: String,
    pub who: String,
    pub needs_customer_id: bool,
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
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CustomerIdInfo {
    pub about: String,
    pub multiple_lines: String,
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
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Reapplication {
    pub days: u32,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WrongApplication {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ActionText {
    pub text: String,
    pub detail: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ConnectableList {
    pub name: String,
    pub publisher: String,
    pub url: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Prefecture {
    /// JIS X 0401 code, 1 to 47.
    pub code: u8,
    /// 東京都, 北海道, 大阪府 …
    pub name: String,
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
    /// The name without 都/府/県: 東京.
    pub kanji: String,
    /// The reading in hiragana: とうきょう.
    pub kana: String,
    /// `romaji`, then each of `romaji_alt`: tokyo.
    pub romaji: Vec<String>,
}

/// Every rule, checked. Build one with [`crate::rules::load::embedded`] or
/// [`crate::rules::load::from_toml`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RuleSet {
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
    pub application: Application,
    pub reapplication: Reapplication,
    pub wrong_applications: Vec<WrongApplication>,
    /// One entry per [`ActionCode`], in the code's order (the loader checks that all are there).
    pub actions: Vec<(ActionCode, ActionText)>,
    pub connectable_list: ConnectableList,
    pub prefectures: Vec<Prefecture>,
}

impl RuleSet {
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
}
