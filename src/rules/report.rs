//! The decision as sections of Japanese text, for people: `check`'s text output, the wizard's
//! result screen and the saved Markdown all read these, so they say the same thing.

use super::answers::Answers;
use super::decision::{Decision, Verdict, v6_question_needed, v6_status};
use super::model::{Family, LineKind, RuleSet};

/// One block of the result: a heading and its lines. Lines never contain control characters
/// or ambiguous-width symbols; where to wrap them is the reader's business.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub kind: SectionKind,
    pub title: String,
    pub lines: Vec<Line>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    Verdict,
    Actions,
    Portal,
    Checklist,
    Contacts,
    Source,
}

/// A line and how it sits: `indent` levels, and whether it starts a numbered item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    pub indent: u8,
    pub strong: bool,
}

impl Line {
    fn plain(text: impl Into<String>) -> Self {
        Line {
            text: text.into(),
            indent: 0,
            strong: false,
        }
    }

    fn strong(text: impl Into<String>) -> Self {
        Line {
            text: text.into(),
            indent: 0,
            strong: true,
        }
    }

    fn indented(text: impl Into<String>) -> Self {
        Line {
            text: text.into(),
            indent: 1,
            strong: false,
        }
    }
}

/// What the verdict means, in one sentence.
pub fn verdict_explanation(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Ready => {
            "この回線はフレッツ光による接続 (IP-VPN接続方式) の対象です。下の内容で申請してください。"
        }
        Verdict::ActionRequired => {
            "この回線は対象ですが、申請の前にやることがあります。下の順に進めてください。"
        }
        Verdict::Confirm => "まだわからないことがあります。下の順に確かめてから申請してください。",
        Verdict::OtherMethod => {
            "この回線はフレッツ光による接続ではなく、別の接続方式です。下の案内に従ってください。"
        }
        Verdict::NotEligible => {
            "この回線はフレッツ光による接続 (IP-VPN接続方式) の対象外です。下の案内に従ってください。"
        }
    }
}

/// The answers as label/value pairs, in question order, for the questions this line asks.
/// The v6 row shows the user's answer where it was asked, else what the rules decided.
pub fn answer_rows(rules: &RuleSet, answers: &Answers) -> Vec<(&'static str, String)> {
    let line = rules.line(&answers.line);
    let kind = line.map_or(LineKind::Unknown, |l| l.kind);
    let family = line.and_then(|l| l.family);
    let mut rows = vec![(
        "回線の種類",
        line.map_or_else(|| answers.line.clone(), |l| l.name.clone()),
    )];
    if matches!(kind, LineKind::Flets | LineKind::Unknown) {
        rows.push(("コラボ光", answers.collab.label().to_string()));
        let pref = answers
            .prefecture
            .and_then(|c| rules.prefecture(c))
            .map_or_else(
                || "わからない".to_string(),
                |p| format!("{} ({})", p.name, rules.area(p.area).name),
            );
        rows.push(("都道府県", pref));
    }
    if family == Some(Family::Next) {
        let applied = answers
            .applied
            .map_or_else(|| "わからない".to_string(), super::date::describe);
        rows.push(("申込日", applied));
    }
    if kind == LineKind::Flets {
        let v6 = if v6_question_needed(rules, answers) {
            answers.v6.label().to_string()
        } else {
            let status = v6_status(rules, line, answers.area(rules), answers);
            format!("{} (判定)", status.label())
        };
        rows.push(("フレッツ・v6オプション", v6));
        let id = answers
            .customer_id
            .as_ref()
            .map_or_else(|| "わからない".to_string(), |n| n.normalized.clone());
        rows.push(("お客さまID", id));
        let multiple = answers.multiple_lines.unwrap_or_default().label();
        rows.push(("複数の回線", multiple.to_string()));
    }
    rows
}

/// The whole result, in reading order.
pub fn sections(rules: &RuleSet, decision: &Decision) -> Vec<Section> {
    let mut out = Vec::new();

    out.push(Section {
        kind: SectionKind::Verdict,
        title: format!("判定: {}", decision.verdict.label()),
        lines: vec![Line::plain(verdict_explanation(decision.verdict))],
    });

    let mut actions = Vec::new();
    for (n, a) in decision.actions.iter().enumerate() {
        actions.push(Line::strong(format!("{}. {}", n + 1, a.text)));
        actions.push(Line::indented(a.detail.clone()));
        for s in &a.steps {
            actions.push(Line::indented(format!("- {s}")));
        }
        if let Some(u) = &a.url {
            actions.push(Line::indented(format!("URL: {u}")));
        }
    }
    out.push(Section {
        kind: SectionKind::Actions,
        title: "やること (この順に)".to_string(),
        lines: actions,
    });

    if let Some(label) = &decision.portal.line_category_label {
        let mut lines = vec![Line::plain(format!("{}で入力する内容:", rules.portal.name))];
        lines.push(Line::strong(format!("{}: {label}", rules.portal.field)));
        let needs_id = decision
            .portal
            .line_category
            .and_then(|c| rules.portal_category(c))
            .is_some_and(|c| c.needs_customer_id);
        if needs_id {
            lines.push(Line::strong(match &decision.portal.customer_id {
                Some(id) => format!("お客さまID: {id}"),
                None => "お客さまID: (まだわかりません。上の手順で確かめてください)".to_string(),
            }));
        }
        out.push(Section {
            kind: SectionKind::Portal,
            title: "ポータルサイトへの入力".to_string(),
            lines,
        });
    }

    if !decision.wrong_applications.is_empty() {
        let mut lines = vec![Line::plain(
            "送信する前に、次の誤りがないか確かめてください:",
        )];
        lines.extend(
            decision
                .wrong_applications
                .iter()
                .map(|w| Line::indented(format!("[ ] {w}"))),
        );
        out.push(Section {
            kind: SectionKind::Checklist,
            title: "よくある申請の誤り".to_string(),
            lines,
        });
    }

    let mut contacts = Vec::new();
    for c in &decision.contacts {
        contacts.push(Line::strong(c.name.clone()));
        if let Some(p) = &c.phone {
            let hours = c
                .hours
                .as_deref()
                .map(|h| format!(" / 受付: {h}"))
                .unwrap_or_default();
            contacts.push(Line::indented(format!("電話: {p}{hours}")));
        }
        if let Some(u) = &c.url {
            contacts.push(Line::indented(format!("URL: {u}")));
        }
        contacts.push(Line::indented(c.about.clone()));
    }
    out.push(Section {
        kind: SectionKind::Contacts,
        title: "問い合わせ先".to_string(),
        lines: contacts,
    });

    out.push(Section {
        kind: SectionKind::Source,
        title: "この結果について".to_string(),
        lines: vec![Line::plain(format!(
            "この判定は「{}」({}) の内容に基づきます。",
            rules.source.title, rules.source.as_of_label
        ))],
    });
    out
}

/// The sections as plain text, as `check` prints them.
pub fn to_text(sections: &[Section]) -> String {
    let mut s = String::new();
    for sec in sections {
        s.push_str(&format!("== {} ==\n", sec.title));
        for l in &sec.lines {
            for _ in 0..l.indent {
                s.push_str("   ");
            }
            s.push_str(&l.text);
            s.push('\n');
        }
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::decide;
    use crate::rules::embedded;

    fn rows(answers: &Answers) -> Vec<(&'static str, String)> {
        answer_rows(embedded::rules().expect("rules"), answers)
    }

    #[test]
    fn answer_rows_list_only_the_questions_the_line_asks() {
        let labels = |a: &Answers| rows(a).into_iter().map(|(l, _)| l).collect::<Vec<_>>();
        assert_eq!(labels(&Answers::new("commufa")), ["回線の種類"]);
        let mut cross = Answers::new("cross");
        cross.prefecture = Some(27);
        assert_eq!(
            labels(&cross),
            [
                "回線の種類",
                "コラボ光",
                "都道府県",
                "フレッツ・v6オプション",
                "お客さまID",
                "複数の回線"
            ]
        );
        // Not asked for 光クロス: the row says what the rules decided, not わからない.
        assert!(
            rows(&cross)[3].1.contains("デフォルトON"),
            "{:?}",
            rows(&cross)
        );
        let mut next = Answers::new("next-family");
        next.prefecture = Some(13);
        next.applied = chrono::NaiveDate::from_ymd_opt(2010, 4, 1);
        assert!(labels(&next).contains(&"申込日"));
        assert_eq!(rows(&next)[4].1, "わからない");
    }

    #[test]
    fn text_has_every_section_in_reading_order() {
        let r = embedded::rules().expect("rules");
        let mut a = Answers::new("cross");
        a.prefecture = Some(27);
        let text = to_text(&sections(r, &decide(r, &a)));
        let order = [
            "== 判定",
            "== やること",
            "== ポータルサイト",
            "== よくある",
            "== 問い合わせ先",
            "== この結果",
        ];
        let positions: Vec<usize> = order
            .iter()
            .map(|h| text.find(h).unwrap_or(usize::MAX))
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
    }
}
