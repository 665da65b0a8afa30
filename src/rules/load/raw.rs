//! The rules file's shape, as serde reads it. Unknown keys are mistakes: a misspelt key would
//! otherwise be silently ignored. A section's own checks live in the file named after it.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::rules::model::{Area, Family, LineKind};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRules {
    pub(super) source: RawSource,
    pub(super) areas: Vec<RawArea>,
    pub(super) contacts: Vec<RawContact>,
    pub(super) collabo: RawCollabo,
    pub(super) portal_categories: Vec<RawPortalCategory>,
    pub(super) portal: RawPortal,
    pub(super) lines: Vec<RawLine>,
    pub(super) v6_option: RawV6Option,
    pub(super) v6_rules: Vec<RawV6Rule>,
    pub(super) application_date: RawApplicationDate,
    pub(super) customer_id: RawCustomerId,
    pub(super) customer_id_formats: Vec<RawCustomerIdFormat>,
    pub(super) customer_id_sources: Vec<RawCustomerIdSource>,
    pub(super) customer_id_collabo: RawTextWithSource,
    pub(super) customer_id_input: RawCustomerIdInput,
    pub(super) application: RawApplication,
    pub(super) reapplication: RawReapplication,
    pub(super) wrong_applications: Vec<RawWrongApplication>,
    pub(super) actions: BTreeMap<String, RawAction>,
    pub(super) connectable_list: RawConnectableList,
    pub(super) verdicts: BTreeMap<String, RawVerdict>,
    pub(super) prefectures: Vec<RawPrefecture>,
    pub(super) regions: Vec<RawRegion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRegion {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) lines: Vec<String>,
    pub(super) prefectures: Vec<String>,
    pub(super) outside: String,
    #[allow(dead_code)]
    pub(super) source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSource {
    pub(super) title: String,
    pub(super) as_of: String,
    pub(super) as_of_label: String,
    #[allow(dead_code)]
    pub(super) source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawArea {
    pub(super) id: Area,
    pub(super) name: String,
    pub(super) short: String,
    pub(super) collabo_list_url: String,
    #[allow(dead_code)]
    pub(super) source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawContact {
    pub(super) id: String,
    pub(super) area: Option<Area>,
    pub(super) name: String,
    pub(super) phone: String,
    pub(super) hours: String,
    pub(super) about: String,
    pub(super) about_collabo: String,
    #[allow(dead_code)]
    pub(super) source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCollabo {
    pub(super) name: String,
    pub(super) what: String,
    pub(super) how_to_tell: String,
    pub(super) contact_note: String,
    pub(super) no_confirmation_needed: String,
    pub(super) ask_only: String,
    #[allow(dead_code)]
    pub(super) source: String,
    pub(super) not_collabo: RawNotCollabo,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawNotCollabo {
    pub(super) lines: Vec<String>,
    pub(super) error: String,
    #[allow(dead_code)]
    pub(super) source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPortalCategory {
    pub(super) code: u8,
    pub(super) label: String,
    pub(super) who: String,
    pub(super) needs_customer_id: bool,
    pub(super) collabo_note: Option<String>,
    pub(super) note: Option<String>,
    #[allow(dead_code)]
    pub(super) source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPortal {
    pub(super) name: String,
    pub(super) field: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLine {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) kind: LineKind,
    pub(super) family: Option<Family>,
    pub(super) subtype: bool,
    pub(super) areas: Vec<Area>,
    pub(super) line_category: Option<u8>,
    pub(super) operator: Option<String>,
    pub(super) hint: String,
    #[serde(default)]
    pub(super) aliases: Vec<String>,
    #[allow(dead_code)]
    pub(super) source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawV6Option {
    pub(super) name: String,
    pub(super) about: String,
    pub(super) may_already_have: String,
    pub(super) may_already_have_undated: String,
    pub(super) always_on: String,
    pub(super) order_here: String,
    pub(super) order_from_collabo: String,
    pub(super) collabo_orders: String,
    #[allow(dead_code)]
    pub(super) source: String,
    pub(super) answered_missing: RawTextWithSource,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawApplicationDate {
    pub(super) where_written: String,
    pub(super) opened_tells: String,
    pub(super) day_decides: String,
    pub(super) ask_day: String,
    pub(super) opened_day_decides: String,
    pub(super) ask_opened_day: String,
    pub(super) opened_settles: String,
    pub(super) opened_does_not_settle: String,
    #[allow(dead_code)]
    pub(super) source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawV6Rule {
    pub(super) family: Family,
    pub(super) area: Area,
    pub(super) default: String,
    pub(super) on_since: Option<String>,
    pub(super) on_or_after_text: Option<String>,
    pub(super) before_text: Option<String>,
    pub(super) contract_url: Option<String>,
    pub(super) cost_notes: Vec<String>,
    #[allow(dead_code)]
    pub(super) source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCustomerId {
    pub(super) about: String,
    pub(super) multiple_lines: String,
    #[allow(dead_code)]
    pub(super) source: String,
    pub(super) not_taken: RawTextWithSource,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCustomerIdFormat {
    pub(super) id: String,
    pub(super) prefix: String,
    pub(super) digits: usize,
    pub(super) pattern: String,
    pub(super) areas: Vec<Area>,
    #[allow(dead_code)]
    pub(super) source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCustomerIdSource {
    pub(super) area: Area,
    pub(super) steps: Vec<RawFindStep>,
    #[allow(dead_code)]
    pub(super) source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFindStep {
    pub(super) title: String,
    pub(super) text: String,
    pub(super) url: Option<String>,
    pub(super) contact: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTextWithSource {
    pub(super) text: String,
    #[allow(dead_code)]
    pub(super) source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawApplication {
    pub(super) auto_reply: String,
    pub(super) auto_reply_without_id: String,
    #[allow(dead_code)]
    pub(super) source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawReapplication {
    pub(super) days: u32,
    pub(super) text: String,
    #[allow(dead_code)]
    pub(super) source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawWrongApplication {
    pub(super) id: String,
    pub(super) concerns: Vec<u8>,
    pub(super) text: String,
    #[allow(dead_code)]
    pub(super) source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAction {
    pub(super) short: String,
    pub(super) text: String,
    pub(super) detail: String,
    #[allow(dead_code)]
    pub(super) source: String,
    #[serde(default)]
    pub(super) variants: BTreeMap<String, RawVariant>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawVariant {
    pub(super) short: Option<String>,
    pub(super) text: Option<String>,
    pub(super) detail: Option<String>,
    /// Where the seed says it; our own wording has a comment instead.
    #[allow(dead_code)]
    pub(super) source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawVerdict {
    pub(super) explanation: String,
    #[allow(dead_code)]
    pub(super) source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConnectableList {
    pub(super) name: String,
    pub(super) publisher: String,
    pub(super) url: String,
    pub(super) note: String,
    pub(super) contact_name: String,
    pub(super) contact_about: String,
    #[allow(dead_code)]
    pub(super) source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPrefecture {
    pub(super) code: u8,
    pub(super) name: String,
    #[serde(default)]
    pub(super) name_alt: Vec<String>,
    pub(super) kana: String,
    pub(super) romaji: String,
    #[serde(default)]
    pub(super) romaji_alt: Vec<String>,
    pub(super) area: Area,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCustomerIdInput {
    pub(super) portal_form: String,
    pub(super) ime_on: String,
    pub(super) phone_number: String,
    pub(super) approval_number: String,
    pub(super) digits_only: String,
    pub(super) written_on: Vec<RawWrittenOn>,
    #[allow(dead_code)]
    pub(super) source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawWrittenOn {
    pub(super) area: Area,
    pub(super) places: Vec<String>,
    #[allow(dead_code)]
    pub(super) source: String,
}
