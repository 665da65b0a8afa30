//! The decision as sections of Japanese text, for people: `check`'s text output, the wizard's
//! result screen and the saved Markdown all read these, so they say the same thing.

use super::decision::{Decision, Verdict};
use super::model::RuleSet;

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
    use crate::rules::embedded;
    use crate::rules::{Answers, decide};

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
