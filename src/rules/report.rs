//! The decision as sections of Japanese text, for people: `check`'s text output, the wizard's
//! result screen and the saved Markdown all read these, so they say the same thing.

use super::decision::Decision;
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

/// A line of a section: what it is, and its text without the marker that goes in front of it
/// ("1. ", "- ", "URL: " and so on, see [`Line::marker`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub role: Role,
    pub text: String,
}

/// What a line is, so that every reader can show it its own way without guessing from the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A sentence on its own: the verdict's explanation, the introduction to a list, the source.
    Paragraph,
    /// The title of an action, numbered from 1 in the order to do them.
    Step(usize),
    /// What the action or the contact above is about.
    Detail,
    /// One point under an action.
    Point,
    /// An address to open, under an action or a contact.
    Url,
    /// Something to enter on the portal exactly as shown: the field's name and the value.
    Entry,
    /// One box of the checklist.
    Check,
    /// Whom to ask.
    Contact,
    /// A contact's phone number and hours.
    Phone,
}

impl Role {
    /// How many levels the line sits in: what belongs to an action or a contact is one level in.
    pub fn indent(self) -> u8 {
        match self {
            Role::Paragraph | Role::Step(_) | Role::Entry | Role::Contact => 0,
            Role::Detail | Role::Point | Role::Url | Role::Check | Role::Phone => 1,
        }
    }
}

impl Line {
    fn new(role: Role, text: impl Into<String>) -> Self {
        Line {
            role,
            text: text.into(),
        }
    }

    /// What the text follows when the line is written out: a list marker or a label.
    pub fn marker(&self) -> String {
        match self.role {
            Role::Step(n) => format!("{n}. "),
            Role::Point => "- ".to_string(),
            Role::Check => "[ ] ".to_string(),
            Role::Url => "URL: ".to_string(),
            Role::Phone => "電話: ".to_string(),
            Role::Paragraph | Role::Detail | Role::Entry | Role::Contact => String::new(),
        }
    }
}

/// The line as written out: its marker, then its text.
impl std::fmt::Display for Line {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{}", self.marker(), self.text)
    }
}

/// The whole result, in reading order.
pub fn sections(rules: &RuleSet, decision: &Decision) -> Vec<Section> {
    let mut out = Vec::new();

    // The explanation, then any remark on an answer the rules did not need.
    let mut verdict = vec![Line::new(
        Role::Paragraph,
        rules.verdict_explanation(decision.verdict),
    )];
    verdict.extend(
        decision
            .notes
            .iter()
            .map(|n| Line::new(Role::Paragraph, n.clone())),
    );
    out.push(Section {
        kind: SectionKind::Verdict,
        title: format!("判定: {}", decision.verdict.label()),
        lines: verdict,
    });

    let mut actions = Vec::new();
    for (n, a) in decision.actions.iter().enumerate() {
        actions.push(Line::new(Role::Step(n + 1), a.text.clone()));
        actions.push(Line::new(Role::Detail, a.detail.clone()));
        for s in &a.steps {
            actions.push(Line::new(Role::Point, s.clone()));
        }
        if let Some(u) = &a.url {
            actions.push(Line::new(Role::Url, u.clone()));
        }
    }
    out.push(Section {
        kind: SectionKind::Actions,
        title: "やること (この順に)".to_string(),
        lines: actions,
    });

    if let Some(label) = &decision.portal.line_category_label {
        let mut lines = vec![Line::new(
            Role::Paragraph,
            format!("{}で入力する内容:", rules.portal.name),
        )];
        lines.push(Line::new(
            Role::Entry,
            format!("{}: {label}", rules.portal.field),
        ));
        let needs_id = decision
            .portal
            .line_category
            .and_then(|c| rules.portal_category(c))
            .is_some_and(|c| c.needs_customer_id);
        if needs_id {
            lines.push(Line::new(
                Role::Entry,
                match &decision.portal.customer_id {
                    Some(id) => format!("お客さまID: {id}"),
                    None => {
                        "お客さまID: (まだわかりません。上の手順で確かめてください)".to_string()
                    }
                },
            ));
            if let Some(note) = &decision.portal.customer_id_note {
                lines.push(Line::new(Role::Paragraph, note.clone()));
            }
        }
        out.push(Section {
            kind: SectionKind::Portal,
            title: "ポータルサイトへの入力".to_string(),
            lines,
        });
    }

    if !decision.wrong_applications.is_empty() {
        let mut lines = vec![Line::new(
            Role::Paragraph,
            "送信する前に、次の誤りがないか確かめてください:",
        )];
        lines.extend(
            decision
                .wrong_applications
                .iter()
                .map(|w| Line::new(Role::Check, w.clone())),
        );
        out.push(Section {
            kind: SectionKind::Checklist,
            title: "よくある申請の誤り".to_string(),
            lines,
        });
    }

    let mut contacts = Vec::new();
    for c in &decision.contacts {
        contacts.push(Line::new(Role::Contact, c.name.clone()));
        if let Some(p) = &c.phone {
            let hours = c
                .hours
                .as_deref()
                .map(|h| format!(" / 受付: {h}"))
                .unwrap_or_default();
            contacts.push(Line::new(Role::Phone, format!("{p}{hours}")));
        }
        if let Some(u) = &c.url {
            contacts.push(Line::new(Role::Url, u.clone()));
        }
        contacts.push(Line::new(Role::Detail, c.about.clone()));
    }
    out.push(Section {
        kind: SectionKind::Contacts,
        title: "問い合わせ先".to_string(),
        lines: contacts,
    });

    out.push(Section {
        kind: SectionKind::Source,
        title: "この結果について".to_string(),
        lines: vec![Line::new(
            Role::Paragraph,
            format!(
                "この判定は「{}」({}) の内容に基づきます。",
                rules.source.title, rules.source.as_of_label
            ),
        )],
    });
    out
}

/// The sections as plain text, as `check` prints them.
pub fn to_text(sections: &[Section]) -> String {
    let mut s = String::new();
    for sec in sections {
        s.push_str(&format!("== {} ==\n", sec.title));
        for l in &sec.lines {
            for _ in 0..l.role.indent() {
                s.push_str("   ");
            }
            s.push_str(&l.to_string());
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
    fn addresses_and_numbers_stand_alone_after_their_label() {
        let r = embedded::rules().expect("rules");
        for id in ["unknown", "next-family", "commufa"] {
            let mut a = Answers::new(id);
            a.prefecture = Some(13);
            for line in sections(r, &decide(r, &a)).iter().flat_map(|s| &s.lines) {
                match line.role {
                    Role::Url => assert!(
                        line.text.starts_with("https://") && !line.text.contains(' '),
                        "{line:?}"
                    ),
                    Role::Phone => assert!(
                        line.text.starts_with(|c: char| c.is_ascii_digit()),
                        "{line:?}"
                    ),
                    _ => {}
                }
                assert!(!line.text.starts_with(&line.marker()) || line.marker().is_empty());
            }
        }
    }

    #[test]
    fn a_rewritten_id_is_said_under_the_portal_entry() {
        let r = embedded::rules().expect("rules");
        let mut a = Answers::new("next-family");
        a.prefecture = Some(13);
        a.customer_id = Some(crate::rules::customer_id::normalize("ｃａｆ 0123 456789"));
        let text = to_text(&sections(r, &decide(r, &a)));
        assert!(
            text.contains(
                "お客さまID: CAF0123456789\n入力「ｃａｆ 0123 456789」は「CAF0123456789」として扱いました。全角の文字を半角にしました。空白やハイフンを取り除きました。小文字を大文字にしました。ポータルサイトには、お客さまIDを半角大文字の英字と半角数字で"
            ),
            "{text}"
        );
        a.customer_id = Some(crate::rules::customer_id::normalize("CAF0123456789"));
        let text = to_text(&sections(r, &decide(r, &a)));
        assert!(!text.contains("として扱いました"), "{text}");
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

    #[test]
    fn the_checklist_for_category_2_and_3_puts_what_concerns_them_first() {
        let r = embedded::rules().expect("rules");
        let checks = |line: &str| -> Vec<String> {
            sections(r, &decide(r, &Answers::new(line)))
                .into_iter()
                .filter(|s| s.kind == SectionKind::Checklist)
                .flat_map(|s| s.lines)
                .filter(|l| l.role == Role::Check)
                .map(|l| l.text)
                .collect()
        };
        let id_of = |text: &str| {
            r.wrong_applications
                .iter()
                .find(|w| w.text == text)
                .map(|w| w.id.clone())
                .unwrap_or_default()
        };
        let ids = |line: &str| checks(line).iter().map(|t| id_of(t)).collect::<Vec<_>>();
        assert_eq!(
            ids("bbiq"),
            [
                "collabo-chose-2",
                "flets-chose-3",
                "other-line-id",
                "id-typo"
            ]
        );
        assert_eq!(
            ids("ipsec"),
            [
                "flets-chose-3",
                "collabo-chose-2",
                "other-line-id",
                "id-typo"
            ]
        );
        assert_eq!(ids("cross").len(), 4);
        assert!(ids("other").is_empty());
        assert!(ids("other-flets").is_empty());
    }
}
