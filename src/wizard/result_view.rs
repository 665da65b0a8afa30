//! The result screen's text, laid out for the terminal's width: the same lines are drawn by the
//! screen and counted by the scrolling.

use crate::rules::Verdict;
use crate::rules::report::{self, Role, SectionKind};

use super::layout;
use super::model::Model;
use super::wrap::{wrap, wrap_hanging};

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
            if line.role == Role::Url {
                push_url(&mut out, &line.text, indent, width);
                continue;
            }
            let style = style(line.role);
            let room = width.saturating_sub(indent).max(4);
            // List items hang: their continuation lines start under the text, not the marker.
            let hang = match line.role {
                Role::Step(_) | Role::Point | Role::Check | Role::Phone => {
                    super::wrap::width(&line.marker())
                }
                _ => 0,
            };
            let hang = if room > hang + 4 { hang } else { 0 };
            for (n, l) in wrap_hanging(&line.to_string(), room, room - hang)
                .into_iter()
                .enumerate()
            {
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

/// An address on its own line under its step: after 「URL: 」 when both fit there; else the
/// label and, under it, the address whole, as far in as it fits; else, when the address is wider
/// than the whole body, in pieces cut after a 「/」, the label saying how many lines make it.
fn push_url(out: &mut Vec<StyledLine>, url: &str, indent: usize, width: usize) {
    let mut push = |at: usize, text: &str, style: LineStyle| {
        out.push(StyledLine {
            text: format!("{}{text}", " ".repeat(at)),
            style,
        });
    };
    let url_width = super::wrap::width(url);
    if indent + super::wrap::width(URL_LABEL) + 1 + url_width <= width {
        push(indent, &format!("{URL_LABEL} {url}"), LineStyle::Value);
        return;
    }
    if url_width <= width {
        let at = indent.min(width - url_width);
        push(at, URL_LABEL, LineStyle::Plain);
        push(at, url, LineStyle::Value);
        return;
    }
    let room = width.saturating_sub(indent).max(10);
    let pieces = split_url(url, room);
    let label = format!("URL (次の{}行で1つのアドレスです):", pieces.len());
    for l in wrap(&label, room) {
        push(indent, &l, LineStyle::Plain);
    }
    for p in pieces {
        push(indent, &p, LineStyle::Value);
    }
}

/// The label in front of an address.
const URL_LABEL: &str = "URL:";

/// `url` in pieces of at most `room` columns, each cut after the last 「/」 that fits (else after
/// another separator, else where the room ends).
fn split_url(url: &str, room: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = url;
    while super::wrap::width(rest) > room {
        let mut fit = 0;
        let mut used = 0;
        for (i, c) in rest.char_indices() {
            used += super::wrap::width(c.encode_utf8(&mut [0u8; 4]));
            if used > room {
                break;
            }
            fit = i + c.len_utf8();
        }
        let head = &rest[..fit];
        let cut = head
            .rfind('/')
            .or_else(|| head.rfind(['?', '&', '=', '.', '-', '_']))
            .map(|i| i + 1)
            .filter(|&i| i > 0 && i < rest.len())
            .unwrap_or(fit.max(rest.chars().next().map_or(1, char::len_utf8)));
        out.push(rest[..cut].to_string());
        rest = &rest[cut..];
    }
    out.push(rest.to_string());
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

    fn url_lines(url: &str, indent: usize, width: usize) -> Vec<String> {
        let mut out = Vec::new();
        push_url(&mut out, url, indent, width);
        out.into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn a_url_sits_under_its_step_whole_when_it_fits_the_width() {
        let short = "https://flets.com/v6option/flow.html";
        assert_eq!(url_lines(short, 3, 76), [format!("   URL: {short}")]);
        // Too long for the label beside it: the label, then the address under it, indented.
        let long = "https://www.ssk.or.jp/seikyushiharai/online/online_04.files/claimsys35.pdf";
        assert_eq!(
            url_lines(long, 3, 78),
            ["   URL:".to_string(), format!("   {long}")]
        );
        // One column short of the step's indent: as far in as it fits, never at the edge.
        assert_eq!(
            url_lines(long, 3, 76),
            ["  URL:".to_string(), format!("  {long}")]
        );
    }

    #[test]
    fn a_url_wider_than_the_screen_is_cut_after_slashes_and_says_so() {
        let long = "https://www.ssk.or.jp/seikyushiharai/online/online_04.files/claimsys35.pdf";
        let lines = url_lines(long, 3, 40);
        assert_eq!(
            lines,
            [
                "   URL (次の2行で1つのアドレスです):",
                "   https://www.ssk.or.jp/seikyushiharai/",
                "   online/online_04.files/claimsys35.pdf",
            ]
        );
        let joined: String = lines[1..].iter().map(|l| l.trim()).collect();
        assert_eq!(joined, long);
        for l in &lines {
            assert!(super::super::wrap::width(l) <= 40, "{l}");
        }
        // No slash to cut at: cut where the room ends, still whole when joined.
        let lines = url_lines(&format!("https://{}", "a".repeat(50)), 0, 20);
        let joined: String = lines
            .iter()
            .skip_while(|l| !l.starts_with("https"))
            .map(String::as_str)
            .collect();
        assert_eq!(joined, format!("https://{}", "a".repeat(50)));
        assert!(lines.iter().all(|l| super::super::wrap::width(l) <= 20));
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
