//! The decision as sections of Japanese text, for people: `check`'s text output, the wizard's
//! result screen and the saved Markdown all read these, so they say the same thing.

use unicode_width::UnicodeWidthStr;

use super::decision::Decision;
use super::model::{ActionCode, RuleSet};
use super::summary::{self, FirstContact, Summary};

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
    /// The summary's parts, first: the verdict, the steps in a line each, the portal's
    /// entries, whom to call first.
    Verdict,
    Todo,
    Portal,
    FirstContact,
    /// The details: each step in full, remarks on the answers, the checklist, the others to
    /// call, the source.
    Actions,
    Notes,
    Checklist,
    Contacts,
    Source,
}

impl SectionKind {
    /// Part of the summary, which fits the first page of an 80x24 window.
    pub fn in_summary(self) -> bool {
        matches!(
            self,
            SectionKind::Verdict
                | SectionKind::Todo
                | SectionKind::Portal
                | SectionKind::FirstContact
        )
    }
}

/// A line of a section: what it is, and its text without the marker that goes in front of it
/// ("1. ", "- ", "URL: " and so on, see [`Line::marker`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub role: Role,
    pub text: String,
    /// For a step of the summary: the page to open or the number to call, said on its line.
    pub target: Option<String>,
}

/// What a line is, so that every reader can show it its own way without guessing from the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A sentence on its own: the verdict's explanation, the introduction to a list, the source.
    Paragraph,
    /// The title of an action, numbered from 1 in the order to do them.
    Step(usize),
    /// An action in a few words, numbered as its step (the summary).
    Todo(usize),
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
            Role::Paragraph | Role::Step(_) | Role::Todo(_) | Role::Entry | Role::Contact => 0,
            Role::Detail | Role::Point | Role::Url | Role::Check | Role::Phone => 1,
        }
    }
}

impl Line {
    fn new(role: Role, text: impl Into<String>) -> Self {
        Line {
            role,
            text: text.into(),
            target: None,
        }
    }

    /// The target as written after the text: 「: https://…」.
    pub fn target_suffix(&self) -> String {
        self.target
            .as_deref()
            .map(|t| format!(": {t}"))
            .unwrap_or_default()
    }

    /// What the text follows when the line is written out: a list marker or a label.
    pub fn marker(&self) -> String {
        match self.role {
            Role::Step(n) | Role::Todo(n) => format!("{n}. "),
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
        write!(f, "{}{}{}", self.marker(), self.text, self.target_suffix())
    }
}

/// The whole result, in reading order: the summary, then the details, none repeating another.
pub fn sections(rules: &RuleSet, decision: &Decision) -> Vec<Section> {
    let summary = summary::summary(rules, decision);
    let mut out = summary_sections(rules, &summary);
    out.push(actions(rules, decision));

    // Remarks: on the answers, on the line, on the ID as typed.
    // (Those to read before acting are on the first page, under the verdict.)
    let notes: Vec<Line> = decision
        .notes
        .iter()
        .filter(|n| !decision.key_notes.contains(n))
        .chain(&decision.portal.customer_id_note)
        .map(|n| Line::new(Role::Paragraph, n.clone()))
        .collect();
    if !notes.is_empty() {
        out.push(Section {
            kind: SectionKind::Notes,
            title: "補足".to_string(),
            lines: notes,
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

    // The first contact is in the summary; here its reason, then the others.
    let mut contacts = Vec::new();
    for (n, c) in decision.contacts.iter().enumerate() {
        contacts.push(Line::new(Role::Contact, c.name.clone()));
        if n > 0 {
            if let Some(p) = &c.phone {
                contacts.push(Line::new(Role::Phone, phone(p, c.hours.as_deref())));
            }
            if let Some(u) = &c.url {
                contacts.push(Line::new(Role::Url, u.clone()));
            }
        }
        contacts.push(Line::new(Role::Detail, c.about.clone()));
    }
    if !contacts.is_empty() {
        out.push(Section {
            kind: SectionKind::Contacts,
            title: "問い合わせ先について".to_string(),
            lines: contacts,
        });
    }

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

/// A number and its hours: 「0120-116-116 / 受付: 午前9時から午後5時」.
fn phone(number: &str, hours: Option<&str>) -> String {
    let hours = hours.map(|h| format!(" / 受付: {h}")).unwrap_or_default();
    format!("{number}{hours}")
}

/// The summary as its four sections.
fn summary_sections(rules: &RuleSet, s: &Summary) -> Vec<Section> {
    let mut out = vec![Section {
        kind: SectionKind::Verdict,
        title: s.title.clone(),
        lines: std::iter::once(&s.explanation)
            .chain(&s.key_notes)
            .map(|t| Line::new(Role::Paragraph, t.clone()))
            .collect(),
    }];
    out.push(Section {
        kind: SectionKind::Todo,
        title: "やること (この順に)".to_string(),
        lines: s
            .todos
            .iter()
            .enumerate()
            .map(|(n, t)| Line {
                target: t.target.as_ref().map(ToString::to_string),
                ..Line::new(Role::Todo(n + 1), t.short.clone())
            })
            .collect(),
    });
    if !s.portal.is_empty() {
        out.push(Section {
            kind: SectionKind::Portal,
            title: format!("{}で入力する内容", rules.portal.name),
            lines: s
                .portal
                .iter()
                .map(|e| Line::new(Role::Entry, format!("{}: {}", e.field, e.value)))
                .collect(),
        });
    }
    // An address a step gives already (the 一覧表's) is not said twice; a contact that is no
    // more than that address (the 一覧表's own contacts) is the step itself.
    let in_steps = |u: &String| {
        s.todos
            .iter()
            .any(|t| t.target.as_ref().is_some_and(|t| t.to_string() == *u))
    };
    let only_a_step = |c: &&FirstContact| c.phone.is_none() && c.url.as_ref().is_some_and(in_steps);
    if let Some(c) = s.first_contact.as_ref().filter(|c| !only_a_step(c)) {
        let mut lines = vec![Line::new(Role::Contact, c.name.clone())];
        if let Some(p) = &c.phone {
            lines.push(Line::new(Role::Phone, phone(p, c.hours.as_deref())));
        }
        if let Some(u) = c.url.as_ref().filter(|u| !in_steps(u)) {
            lines.push(Line::new(Role::Url, u.clone()));
        }
        // One line each, to keep the summary on the first page: the operator is found
        // through the list (the area named when both areas' lists are given).
        for o in &s.if_collabo {
            let area = o.name.find(" (").map_or("", |at| &o.name[at..]);
            let url = o.url.as_deref().unwrap_or_default();
            lines.push(Line::new(
                Role::Contact,
                format!("コラボ光なら契約先の事業者へ{area}: {url}"),
            ));
        }
        out.push(Section {
            kind: SectionKind::FirstContact,
            title: "まず問い合わせる先".to_string(),
            lines,
        });
    }
    out
}

/// Each step in full: why, and how. The portal's entries are in the summary, not repeated here.
fn actions(rules: &RuleSet, decision: &Decision) -> Section {
    let entry_prefixes = [
        format!("{}: ", rules.portal.field),
        "お客さまID: ".to_string(),
    ];
    let mut lines = Vec::new();
    for (n, a) in decision.actions.iter().enumerate() {
        lines.push(Line::new(Role::Step(n + 1), a.text.clone()));
        lines.push(Line::new(Role::Detail, a.detail.clone()));
        for s in &a.steps {
            let entry = entry_prefixes.iter().any(|p| s.starts_with(p.as_str()));
            if a.code == ActionCode::ApplyOnPortal && entry {
                continue;
            }
            lines.push(Line::new(Role::Point, s.clone()));
        }
        if let Some(u) = &a.url {
            lines.push(Line::new(Role::Url, u.clone()));
        }
    }
    Section {
        kind: SectionKind::Actions,
        title: "やることの説明".to_string(),
        lines,
    }
}

/// The widest line of text that a terminal of the smallest supported size shows unbroken.
const TEXT_WIDTH: usize = 80;

/// The sections as plain text, as `check` prints them.
pub fn to_text(sections: &[Section]) -> String {
    let mut s = String::new();
    for sec in sections {
        s.push_str(&format!("== {} ==\n", sec.title));
        for l in &sec.lines {
            let indent = "   ".repeat(usize::from(l.role.indent()));
            let whole = format!("{indent}{l}");
            match &l.target {
                // A step whose address would run past an 80-column terminal: the address on
                // the next line, whole, so that it is not broken where the terminal wraps.
                Some(t) if UnicodeWidthStr::width(whole.as_str()) > TEXT_WIDTH => {
                    s.push_str(&format!("{indent}{}{}\n   {t}\n", l.marker(), l.text));
                }
                _ => {
                    s.push_str(&whole);
                    s.push('\n');
                }
            }
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
    fn a_rewritten_id_is_said_among_the_remarks() {
        let r = embedded::rules().expect("rules");
        let mut a = Answers::new("next-family");
        a.prefecture = Some(13);
        a.customer_id = Some(crate::rules::customer_id::normalize("ｃａｆ 0123 456789"));
        let text = to_text(&sections(r, &decide(r, &a)));
        assert!(
            text.contains(
                "== 補足 ==\n入力「ｃａｆ 0123 456789」は「CAF0123456789」として扱いました。全角の文字を半角にしました。空白やハイフンを取り除きました。小文字を大文字にしました。ポータルサイトには、お客さまIDを半角大文字の英字と半角数字で"
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
            "== やること (",
            "== 医療機関等向けポータルサイト",
            "== まず問い合わせる先",
            "== やることの説明",
            "== よくある",
            "== 問い合わせ先について",
            "== この結果",
        ];
        let positions: Vec<usize> = order
            .iter()
            .map(|h| text.find(h).unwrap_or(usize::MAX))
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
    }

    #[test]
    fn the_checklist_shows_what_concerns_the_category() {
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
        assert_eq!(ids("bbiq"), ["collabo-chose-2"]);
        assert_eq!(ids("ipsec"), ["flets-chose-3"]);
        assert_eq!(
            ids("cross"),
            [
                "collabo-chose-2",
                "flets-chose-3",
                "other-line-id",
                "id-typo"
            ]
        );
        assert_eq!(ids("unknown").len(), 4);
        assert!(ids("other").is_empty());
        assert!(ids("other-flets").is_empty());
    }

    #[test]
    fn no_section_repeats_the_portal_entries() {
        let r = embedded::rules().expect("rules");
        let mut a = Answers::new("next-family");
        a.prefecture = Some(13);
        a.customer_id = Some(crate::rules::customer_id::normalize("CAF0123456789"));
        let text = to_text(&sections(r, &decide(r, &a)));
        assert_eq!(text.matches("電気通信回線種別: 1：").count(), 1, "{text}");
        assert_eq!(text.matches("CAF0123456789").count(), 1, "{text}");
        assert!(
            text.contains("お客さまID: CAF0123456789 (「半角大文字」で入力)"),
            "{text}"
        );
    }
}
