//! The result screen's text, laid out for the terminal's width: the same lines are drawn by the
//! screen and counted by the scrolling.
//!
//! A line that only introduces the next one (a heading, the 「URL:」 label over its address) is
//! never left alone on a page's last row: [`shown`] leaves such a row blank, and the paging keys
//! then start the next page with it, so the label and its address are read together.

use crate::rules::report::{self, Line, Role, SectionKind};
use crate::rules::{Verdict, clinic_name};

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
    /// Belongs with the line after it: not shown as a page's last row (see [`shown`]).
    pub keep_with_next: bool,
}

impl StyledLine {
    fn new(text: String, style: LineStyle) -> Self {
        StyledLine {
            text,
            style,
            keep_with_next: false,
        }
    }

    fn kept_with_next(mut self) -> Self {
        self.keep_with_next = true;
        self
    }
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
    if let Some(name) = clinic_name::heading(decision.clinic_name.as_deref()) {
        out.extend(
            wrap(&name, width)
                .into_iter()
                .map(|l| StyledLine::new(l, LineStyle::Strong)),
        );
    }
    let sections = report::sections(m.rules(), decision);
    for (n, section) in sections.iter().enumerate() {
        let heading = match section.kind {
            SectionKind::Verdict => LineStyle::Banner(decision.verdict),
            _ => LineStyle::Heading,
        };
        // A heading is read with what it heads.
        for l in wrap(&section.title, width) {
            out.push(StyledLine::new(l, heading).kept_with_next());
        }
        for line in &section.lines {
            let indent = INDENT * usize::from(line.role.indent());
            if line.role == Role::Url {
                push_url(&mut out, &line.text, indent, width);
                continue;
            }
            // A step of the summary with its address or number: on its line when it fits,
            // else under it.
            let own = Line {
                target: None,
                ..line.clone()
            };
            let line = match (&line.target, line.role) {
                (Some(t), Role::Todo(_))
                    if indent + super::wrap::width(&line.to_string()) > width =>
                {
                    push_text(&mut out, &own, indent, width);
                    if let Some(last) = out.pop() {
                        out.push(last.kept_with_next());
                    }
                    if t.starts_with("https://") {
                        push_url(&mut out, t, INDENT, width);
                    } else {
                        out.push(StyledLine::new(
                            format!("{}{t}", " ".repeat(INDENT)),
                            LineStyle::Strong,
                        ));
                    }
                    continue;
                }
                _ => line,
            };
            push_text(&mut out, line, indent, width);
        }
        // The summary's parts sit together on the first page; a blank line sets off the rest.
        let next_in_summary = sections.get(n + 1).is_some_and(|s| s.kind.in_summary());
        if !(section.kind.in_summary() && next_in_summary) {
            out.push(StyledLine::new(String::new(), LineStyle::Plain));
        }
    }
    out.pop();
    out
}

/// A line of the report, wrapped to the width at its indent.
fn push_text(out: &mut Vec<StyledLine>, line: &Line, indent: usize, width: usize) {
    let style = style(line.role);
    let room = width.saturating_sub(indent).max(4);
    // List items hang: their continuation lines start under the text, not the marker.
    let hang = match line.role {
        Role::Step(_) | Role::Todo(_) | Role::Point | Role::Check | Role::Phone => {
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
        out.push(StyledLine::new(format!("{}{l}", " ".repeat(pad)), style));
    }
}

/// How many lines from `scroll` a body of `page` rows shows: all that fit, less a run of lines
/// at the bottom that belong with a line below the page (they start the next page instead),
/// unless that run is all the page would show.
pub fn shown(lines: &[StyledLine], scroll: usize, page: usize) -> usize {
    let end = scroll.saturating_add(page).min(lines.len());
    if end >= lines.len() {
        return end.saturating_sub(scroll);
    }
    let mut kept = end;
    while kept > scroll && lines[kept - 1].keep_with_next {
        kept -= 1;
    }
    if kept > scroll {
        kept - scroll
    } else {
        end - scroll
    }
}

/// Where a page down scrolls to: the first line the current page did not show. `lines`: the
/// result laid out, as [`lines`] gives it.
pub fn page_down(m: &Model<'_>, lines: &[StyledLine]) -> usize {
    let page = body_height(m.viewport).max(1);
    m.result_scroll + shown(lines, m.result_scroll, page)
}

/// Where a page up scrolls to: the page that ends just above the current one (moved down a
/// little if a label at its bottom would otherwise be left out of both).
pub fn page_up(m: &Model<'_>, lines: &[StyledLine]) -> usize {
    let page = body_height(m.viewport).max(1);
    let top = m.result_scroll.min(lines.len());
    (top.saturating_sub(page)..top)
        .find(|&s| s + shown(lines, s, page) >= top)
        .unwrap_or(top)
}

/// How a line of the report is drawn.
fn style(role: Role) -> LineStyle {
    match role {
        Role::Url | Role::Entry => LineStyle::Value,
        Role::Step(_) | Role::Todo(_) | Role::Contact => LineStyle::Strong,
        Role::Paragraph | Role::Detail | Role::Point | Role::Check | Role::Phone => {
            LineStyle::Plain
        }
    }
}

/// An address on its own line under its step: after 「URL: 」 when both fit there; else the
/// label and, under it, the address whole at the same indent; else, when the address is wider
/// than the whole body, in pieces cut after a 「/」, the label saying how many lines make it.
/// The label and the pieces are kept with the address (never the last row of a page).
///
/// An address alone on its line may use the body's right padding ([`URL_OVERHANG`]): the
/// longest one (the 一覧表's, 74 columns) then stays at the indent of the other lines under its
/// step on 80 columns, instead of one column further out.
fn push_url(out: &mut Vec<StyledLine>, url: &str, indent: usize, width: usize) {
    let mut push = |at: usize, text: &str, style: LineStyle, keep: bool| {
        let line = StyledLine::new(format!("{}{text}", " ".repeat(at)), style);
        out.push(if keep { line.kept_with_next() } else { line });
    };
    let url_width = super::wrap::width(url);
    if indent + super::wrap::width(URL_LABEL) + 1 + url_width <= width {
        push(
            indent,
            &format!("{URL_LABEL} {url}"),
            LineStyle::Value,
            false,
        );
        return;
    }
    let wide = width + URL_OVERHANG;
    if url_width <= wide {
        let at = indent.min(wide - url_width);
        push(at, URL_LABEL, LineStyle::Plain, true);
        push(at, url, LineStyle::Value, false);
        return;
    }
    let room = width.saturating_sub(indent).max(10);
    let pieces = split_url(url, room);
    let label = format!("URL (次の{}行で1つのアドレスです):", pieces.len());
    for l in wrap(&label, room) {
        push(indent, &l, LineStyle::Plain, true);
    }
    let last = pieces.len().saturating_sub(1);
    for (n, p) in pieces.into_iter().enumerate() {
        push(indent, &p, LineStyle::Value, n < last);
    }
}

/// Columns an address alone on its line may run into the body's right padding.
pub const URL_OVERHANG: usize = layout::PADDING as usize;

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
        // On 80 columns (a body of 76): at the step's indent still, the address running into
        // the right padding by one column.
        assert_eq!(
            url_lines(long, 3, 76),
            ["   URL:".to_string(), format!("   {long}")]
        );
        assert_eq!(super::super::wrap::width(long) + 3, 76 + URL_OVERHANG);
        // Narrower still: as far in as it fits, the label with it, never at the edge.
        assert_eq!(
            url_lines(long, 3, 75),
            ["  URL:".to_string(), format!("  {long}")]
        );
    }

    fn styled(texts: &[(&str, bool)]) -> Vec<StyledLine> {
        texts
            .iter()
            .map(|&(t, keep)| StyledLine {
                text: t.to_string(),
                style: LineStyle::Plain,
                keep_with_next: keep,
            })
            .collect()
    }

    #[test]
    fn a_label_is_never_the_last_row_of_a_page() {
        // Rows 0-3 then a label (4) over its address (5), then more.
        let lines = styled(&[
            ("a", false),
            ("b", false),
            ("c", false),
            ("d", false),
            ("URL:", true),
            ("https://", false),
            ("e", false),
        ]);
        // A page of 5 would end on the label: it shows 4 rows, the label starts the next.
        assert_eq!(shown(&lines, 0, 5), 4);
        assert_eq!(shown(&lines, 4, 5), 3);
        // A page that holds both shows both.
        assert_eq!(shown(&lines, 0, 6), 6);
        assert_eq!(shown(&lines, 1, 5), 5);
        // The end of the text, and a page of nothing but the label: shown as they are.
        assert_eq!(shown(&lines, 5, 5), 2);
        assert_eq!(shown(&lines, 4, 1), 1);
        // A chain (a heading, then a label) moves as one.
        let chain = styled(&[("a", false), ("見出し", true), ("URL:", true), ("x", false)]);
        assert_eq!(shown(&chain, 0, 3), 1);
        assert_eq!(shown(&chain, 1, 2), 2);
    }

    /// The review's case: `--line ipsec`, 東京都, at 80x24. The first page ended on 「URL:」 with
    /// the address on the second.
    #[test]
    fn paging_keeps_the_url_under_its_label() {
        let rules = embedded::rules().expect("rules");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
        let mut answers = crate::rules::Answers::new("ipsec");
        answers.prefecture = Some(13);
        let mut m = Model::new(rules, today);
        m.viewport = (80, 24);
        m.decision = Some(crate::rules::decide(rules, &answers));
        m.step = crate::wizard::Step::Result;
        let all = lines(&m);
        let page = body_height(m.viewport);
        let mut tops = vec![0];
        for _ in 0..10 {
            let next = page_down(&m, &all).min(all.len().saturating_sub(page));
            if next == m.result_scroll {
                break;
            }
            m.result_scroll = next;
            tops.push(next);
        }
        assert!(tops.len() > 2, "{tops:?}");
        let mut seen = 0;
        for &top in &tops {
            let n = shown(&all, top, page);
            let bottom = &all[top + n - 1];
            assert!(
                !bottom.keep_with_next || top + n == all.len(),
                "page at {top} ends on {:?}",
                bottom.text
            );
            // Nothing is skipped between pages.
            assert!(top <= seen, "lines {seen}-{top} never shown: {tops:?}");
            seen = seen.max(top + n);
        }
        assert_eq!(seen, all.len());
        // The label and the address share a page.
        let label = all
            .iter()
            .position(|l| l.text.trim() == URL_LABEL)
            .expect("a label over a long address");
        assert!(
            tops.iter()
                .any(|&t| t <= label && label + 1 < t + shown(&all, t, page)),
            "{tops:?} part line {label} from the next"
        );
        // Page up returns to the pages page down went through (but the last, which the end of
        // the text pulled up).
        for w in tops.windows(2).rev() {
            if w[1] != w[0] + shown(&all, w[0], page) {
                continue;
            }
            m.result_scroll = w[1];
            assert_eq!(page_up(&m, &all), w[0], "{tops:?}");
        }
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
                // The 都道府県 list takes Enter only once a prefecture is highlighted.
                if m.prefecture_unchosen() {
                    update(&mut m, Msg::Down);
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
