//! What saving the result writes: the sheet for people (one HTML page to print or send, see
//! [`sheet`]), the `check` JSON for scripts, and an answer file that starts the wizard or
//! `check` again with the same answers.

use chrono::NaiveDate;

use crate::rules::sheet;
use crate::rules::{Answers, Decision, RawAnswers, RuleSet};

/// Said wherever the saved files are listed: which one a front desk prints or sends.
pub const PRINT_HINT: &str = "印刷用は .html のファイルです (ダブルクリックで開いて印刷)。";

/// The files, as (extension, content).
pub fn files(
    rules: &RuleSet,
    answers: &Answers,
    decision: &Decision,
    today: NaiveDate,
) -> Vec<(&'static str, String)> {
    let mut out = vec![("html", sheet::html(rules, answers, decision, today))];
    if let Ok(json) = serde_json::to_string_pretty(decision) {
        out.push(("json", format!("{json}\n")));
    }
    if let Ok(toml) = toml::to_string(&raw_answers(answers)) {
        out.push((
            "toml",
            format!("# oqs-line-check の回答 (--answers で読み込めます)\n{toml}"),
        ));
    }
    out
}

/// The answers as an answer file holds them.
pub fn raw_answers(a: &Answers) -> RawAnswers {
    RawAnswers {
        line: Some(a.line.clone()),
        prefecture: a.prefecture.map(|c| c.to_string()),
        collab: Some(a.collab.as_ref().to_string()),
        applied: Some(a.applied.map_or_else(|| "unknown".to_string(), |d| d.iso())),
        // Only when given: the wizard asks for it only when the 申込日 is not known.
        opened: a.opened.map(|d| d.iso()),
        v6: Some(a.v6.as_ref().to_string()),
        // "unknown" keeps わからない apart from "not asked" when the file is read back.
        customer_id: Some(
            a.customer_id
                .as_ref()
                .map_or_else(|| "unknown".to_string(), |n| n.normalized.clone()),
        ),
        multiple_lines: a.multiple_lines.map(|m| m.as_ref().to_string()),
        clinic_name: a.clinic_name.clone(),
    }
}
