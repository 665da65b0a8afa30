//! What saving the result writes: a Markdown summary for people, the `check` JSON for scripts,
//! and an answer file that starts the wizard or `check` again with the same answers.

use chrono::NaiveDate;

use crate::rules::answer_rows::answer_rows;
use crate::rules::report::{self, Role};
use crate::rules::{Answers, Decision, RawAnswers, RuleSet, text};

/// The files, as (extension, content).
pub fn files(
    rules: &RuleSet,
    answers: &Answers,
    decision: &Decision,
    today: NaiveDate,
) -> Vec<(&'static str, String)> {
    let mut out = vec![("md", markdown(rules, answers, decision, today))];
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
    }
}

/// The Markdown summary. Every value comes from the rules or was checked by them; user text is
/// sanitised all the same.
pub fn markdown(
    rules: &RuleSet,
    answers: &Answers,
    decision: &Decision,
    today: NaiveDate,
) -> String {
    let mut s = String::new();
    s.push_str("# オンライン資格確認 回線チェックの結果\n\n");
    s.push_str(&format!(
        "- 作成日: {}\n- ルール: {} ({})\n\n",
        today.format("%Y-%m-%d"),
        rules.source.title,
        rules.source.as_of_label
    ));
    s.push_str("## 回答\n\n| 項目 | 回答 |\n| --- | --- |\n");
    for row in answer_rows(rules, answers) {
        s.push_str(&format!("| {} | {} |\n", row.label(), md_cell(&row.value)));
    }
    s.push('\n');
    for section in report::sections(rules, decision) {
        s.push_str(&format!("## {}\n\n", section.title));
        for line in &section.lines {
            let shown = text::sanitize(&line.to_string());
            match line.role {
                Role::Step(_) | Role::Entry | Role::Contact => {
                    s.push_str(&format!("\n**{shown}**\n\n"));
                }
                Role::Paragraph => s.push_str(&format!("{shown}\n\n")),
                // Already a list item: Markdown's own marker replaces ours.
                Role::Point => s.push_str(&format!("- {}\n", text::sanitize(&line.text))),
                Role::Detail | Role::Url | Role::Check | Role::Phone => {
                    s.push_str(&format!("- {shown}\n"));
                }
            }
        }
        s.push('\n');
    }
    s
}

fn md_cell(s: &str) -> String {
    text::sanitize(s).replace('|', "\\|")
}
