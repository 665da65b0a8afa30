//! The result screen's text, laid out for the terminal's width: the same lines are drawn by the
//! screen and counted by the scrolling.

use crate::rules::Verdict;
use crate::rules::report::{self, Role, SectionKind};

use super::layout;
use super::model::Model;
use super::wrap::wrap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineStyle {
    /// The verdict banner, coloured by verdict.
    Banner(Verdict),
    Heading,
    Strong,
    Plain,
    /// Something to type or open exactly as shown (portal values, URLs).
    Value,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyledLine {
    pub text: String,
    pub style: LineStyle,
}

/// Indentation per level, in columns.
const INDENT: usize = 3;

/// The result, wrapped to the body's width.
pub fn lines(m: &Model<'_>) -> Vec<StyledLine> {
    let Some(decision) = &m.decision else {
        return Vec::new();
    };
    let width = layout::body_width(m.viewport).max(10);
    let mut out = Vec::new();
    for section in report::sections(m.rules(), decision) {
        let heading = match section.kind {
            SectionKind::Verdict => LineStyle::Banner(decision.verdict),
            _ => LineStyle::Heading,
        };
        for l in wrap(&section.title, width) {
            out.push(StyledLine {
                text: l,
                style: heading,
            });
        }
        for line in &section.lines {
            let indent = INDENT * usize::from(line.role.indent());
            let style = style(line.role);
            let room = width.saturating_sub(indent).max(4);
            let whole = line.to_string();
            // A URL gets a line of its own rather than being broken: under its label, or from
            // the first column when even that is too narrow, so it can be read and copied whole.
            let (text, indent, room) = match line.role {
                Role::Url if super::wrap::width(&whole) > room => {
                    out.push(StyledLine {
                        text: format!("{}{}", " ".repeat(indent), line.marker().trim_end()),
                        style: LineStyle::Plain,
                    });
                    if super::wrap::width(&line.text) > room {
                        (line.text.as_str(), 0, width)
                    } else {
                        (line.text.as_str(), indent, room)
                    }
                }
                _ => (whole.as_str(), indent, room),
            };
            // List items hang: their continuation lines start under the text, not the marker.
            let hang = match line.role {
                Role::Step(_) | Role::Point | Role::Check => super::wrap::width(&line.marker()),
                _ => 0,
            };
            for (n, l) in wrap_hanging(text, room, hang).into_iter().enumerate() {
                let pad = indent + if n == 0 { 0 } else { hang };
                out.push(StyledLine {
                    text: format!("{}{l}", " ".repeat(pad)),
                    style,
                });
            }
        }
        out.push(StyledLine {
            text: String::new(),
            style: LineStyle::Plain,
        });
    }
    out.pop();
    out
}

/// How a line of the report is drawn.
fn style(role: Role) -> LineStyle {
    match role {
        Role::Url | Role::Entry => LineStyle::Value,
        Role::Step(_) | Role::Contact => LineStyle::Strong,
        Role::Paragraph | Role::Detail | Role::Point | Role::Check | Role::Phone => {
            LineStyle::Plain
        }
    }
}

/// Wraps `text` in `room` columns, the lines after the first `hang` columns narrower.
fn wrap_hanging(text: &str, room: usize, hang: usize) -> Vec<String> {
    let first = wrap(text, room);
    if first.len() <= 1 || hang == 0 || room <= hang + 4 {
        return first;
    }
    let head = first[0].clone();
    let rest = &text[head.len()..];
    let mut out = vec![head];
    out.extend(wrap(rest, room - hang));
    out
}

/// Rows of the result visible at once.
pub fn body_height(viewport: (u16, u16)) -> usize {
    layout::body_height(viewport)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::embedded;
    use crate::wizard::{Msg, update};

    #[test]
    fn what_to_type_or_open_stands_out() {
        let rules = embedded::rules().expect("rules");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
        let mut answers = crate::rules::Answers::new("next-family");
        answers.prefecture = Some(13);
        let mut m = Model::new(rules, today);
        m.decision = Some(crate::rules::decide(rules, &answers));
        let lines = lines(&m);
        let style_of = |start: &str| {
            lines
                .iter()
                .find(|l| l.text.trim_start().starts_with(start))
                .map(|l| l.style)
        };
        assert_eq!(style_of(&rules.portal.field), Some(LineStyle::Value));
        assert_eq!(style_of("URL: https://"), Some(LineStyle::Value));
        assert_eq!(style_of("1. "), Some(LineStyle::Strong));
        assert_eq!(style_of("電話: "), Some(LineStyle::Plain));
    }

    #[test]
    fn every_url_stays_whole_at_80_columns() {
        let rules = embedded::rules().expect("rules");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
        // 「わからない」 lists the longest address (the 一覧表) in an action and a contact.
        for first in ['3', '8'] {
            let mut m = Model::new(rules, today);
            update(
                &mut m,
                Msg::Resize {
                    width: 80,
                    height: 24,
                },
            );
            update(&mut m, Msg::Char(first));
            // Answer whatever else is asked with its first option (bounded, whatever the path).
            for _ in 0..20 {
                if m.step == crate::wizard::Step::Review {
                    break;
                }
                update(&mut m, Msg::Submit);
            }
            assert_eq!(m.step, crate::wizard::Step::Review);
            update(&mut m, Msg::End);
            update(&mut m, Msg::Submit);
            assert_eq!(m.step, crate::wizard::Step::Result);
            let text: Vec<String> = lines(&m).into_iter().map(|l| l.text).collect();
            let url = &rules.connectable_list.url;
            assert!(
                text.iter().any(|l| l.trim() == url.as_str()),
                "{url} is broken across lines:\n{}",
                text.join("\n")
            );
        }
    }
}
