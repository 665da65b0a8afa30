//! The sheet: the result as one self-contained HTML page that a clinic PC opens with a
//! double-click and prints on one A4 page, or sends to its vendor. Its style is inline; it has
//! no script and loads nothing: the only addresses in it are the rules' own, written out as
//! text and links to be read or typed, never fetched.
//!
//! Every text is escaped, whether it comes from the rules or from the user (the clinic's name,
//! the お客さまID as typed).

use chrono::NaiveDate;

use super::answer_rows::answer_rows;
use super::answers::Answers;
use super::decision::{Action, ContactEntry, Decision};
use super::field::Field;
use super::model::RuleSet;
use super::text;

/// The page's style: A4 on paper, one column, the portal entries large and in a monospace font.
const STYLE: &str = include_str!("sheet.css");

/// Characters of the clinic's name beyond which it is set smaller (the longest name taken
/// then fits the sheet's width on one line).
const LONG_NAME: usize = 24;

/// The whole page.
pub fn html(rules: &RuleSet, answers: &Answers, decision: &Decision, today: NaiveDate) -> String {
    let mut p = String::with_capacity(16 * 1024);
    let title = match &decision.clinic_name {
        Some(name) => format!("{} 回線チェックの結果", esc(name)),
        None => "オンライン資格確認 回線チェックの結果".to_string(),
    };
    p.push_str("<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n");
    p.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    p.push_str(&format!(
        "<title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n"
    ));
    header(&mut p, rules, answers, decision, today);
    verdict(&mut p, rules, decision);
    actions(&mut p, &decision.actions, &decision.contacts);
    portal(&mut p, rules, decision);
    blanks(&mut p);
    contacts(&mut p, &decision.contacts);
    p.push_str("</body>\n</html>\n");
    p
}

/// Text made safe for HTML: `& < > " '` as references, control and invisible characters
/// dropped the way every other output drops them.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in text::sanitize(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// An address written out in full, as a link when it is a web address (the rules only have
/// those; anything else stays text).
fn link(url: &str) -> String {
    let shown = esc(url);
    if url.starts_with("https://") || url.starts_with("http://") {
        format!("<a href=\"{shown}\">{shown}</a>")
    } else {
        shown
    }
}

fn header(
    p: &mut String,
    rules: &RuleSet,
    answers: &Answers,
    decision: &Decision,
    today: NaiveDate,
) {
    p.push_str("<header>\n<h1>オンライン資格確認 回線チェックの結果</h1>\n");
    let name = match &decision.clinic_name {
        // A long name in a smaller size stays on one line, and the sheet on one page.
        Some(n) if n.chars().count() > LONG_NAME => {
            format!("<span class=\"name long\">{}</span>", esc(n))
        }
        Some(n) => format!("<span class=\"name\">{}</span>", esc(n)),
        None => "<span class=\"fill wide\"></span>".to_string(),
    };
    p.push_str(&format!(
        "<p class=\"clinic\">{}: {name}</p>\n",
        Field::ClinicName.label()
    ));
    p.push_str(&format!(
        "<p class=\"meta\">作成日: {} / 判定のもと: {} ({}) / oqs-line-check</p>\n",
        today.format("%Y年%-m月%-d日"),
        esc(&rules.source.title),
        esc(&rules.source.as_of_label)
    ));
    // The answers the result was made from, for the vendor to check them against the papers.
    p.push_str("<table class=\"answers\">\n");
    let rows: Vec<_> = answer_rows(rules, answers)
        .into_iter()
        .filter(|r| r.field != Field::ClinicName)
        .collect();
    for pair in rows.chunks(2) {
        p.push_str("<tr>");
        for r in pair {
            p.push_str(&format!("<th>{}</th><td>{}</td>", r.label(), esc(&r.value)));
        }
        p.push_str("</tr>\n");
    }
    p.push_str("</table>\n</header>\n");
}

fn verdict(p: &mut String, rules: &RuleSet, decision: &Decision) {
    p.push_str(&format!(
        "<section class=\"verdict {}\">\n<p class=\"label\">判定: {}</p>\n<p>{}</p>\n",
        decision.verdict.as_ref(),
        esc(decision.verdict.label()),
        esc(rules.verdict_explanation(decision.verdict))
    ));
    for n in &decision.notes {
        p.push_str(&format!("<p>{}</p>\n", esc(n)));
    }
    p.push_str("</section>\n");
}

fn actions(p: &mut String, actions: &[Action], contacts: &[ContactEntry]) {
    p.push_str("<section>\n<h2>やること (この順に。済んだら四角に印を付けてください)</h2>\n<ol class=\"actions\">\n");
    for (n, a) in actions.iter().enumerate() {
        p.push_str(&format!(
            "<li><span class=\"box\"></span><span class=\"n\">{}.</span> <b>{}</b>\n<p>{}</p>\n",
            n + 1,
            esc(&a.text),
            esc(&a.detail)
        ));
        if !a.steps.is_empty() {
            p.push_str("<ul>\n");
            for s in &a.steps {
                let phone = phone_of(s, contacts)
                    .map(|n| format!(" <span class=\"phone\">電話 {}</span>", esc(n)))
                    .unwrap_or_default();
                p.push_str(&format!("<li>{}{phone}</li>\n", esc(s)));
            }
            p.push_str("</ul>\n");
        }
        if let Some(u) = &a.url {
            p.push_str(&format!("<p class=\"url\">URL: {}</p>\n", link(u)));
        }
        p.push_str("</li>\n");
    }
    p.push_str("</ol>\n</section>\n");
}

/// The phone number of the contact a point names (「問い合わせ先: NTT東日本」), so the number is
/// on the action's own line: only when the point names exactly one contact, by its name without
/// the remark in brackets.
fn phone_of<'c>(point: &str, contacts: &'c [ContactEntry]) -> Option<&'c str> {
    let named = point.strip_prefix("問い合わせ先: ")?;
    let base = |name: &str| name.split(" (").next().unwrap_or(name).trim().to_string();
    let mut found = contacts
        .iter()
        .filter(|c| base(&c.name) == base(named))
        .filter_map(|c| c.phone.as_deref());
    match (found.next(), found.next()) {
        (Some(phone), None) => Some(phone),
        _ => None,
    }
}

fn portal(p: &mut String, rules: &RuleSet, decision: &Decision) {
    let Some(label) = &decision.portal.line_category_label else {
        return;
    };
    p.push_str(&format!(
        "<section class=\"portal\">\n<h2>{}で入力する内容</h2>\n<dl>\n<dt>{}</dt><dd><code>{}</code></dd>\n",
        esc(&rules.portal.name),
        esc(&rules.portal.field),
        esc(label)
    ));
    let needs_id = decision
        .portal
        .line_category
        .and_then(|c| rules.portal_category(c))
        .is_some_and(|c| c.needs_customer_id);
    if needs_id {
        let id = match &decision.portal.customer_id {
            Some(id) => format!("<code>{}</code> <small>(英字は半角大文字)</small>", esc(id)),
            None => "<span class=\"fill wide\"></span> <small>(まだわかりません。上の手順で確かめて、英字は半角大文字で書き入れてください)</small>".to_string(),
        };
        p.push_str(&format!("<dt>お客さまID</dt><dd>{id}</dd>\n"));
    }
    p.push_str("</dl>\n");
    if let Some(note) = &decision.portal.customer_id_note {
        p.push_str(&format!("<p>{}</p>\n", esc(note)));
    }
    if !decision.wrong_applications.is_empty() {
        p.push_str(
            "<p>送信する前に、次の誤りがないか確かめてください:</p>\n<ul class=\"checks\">\n",
        );
        for w in &decision.wrong_applications {
            p.push_str(&format!("<li><span class=\"box\"></span>{}</li>\n", esc(w)));
        }
        p.push_str("</ul>\n");
    }
    p.push_str("</section>\n");
}

/// What the front desk writes in by hand once it is done.
fn blanks(p: &mut String) {
    let date = "<span class=\"fill\"></span>年<span class=\"fill short\"></span>月<span class=\"fill short\"></span>日";
    p.push_str("<section class=\"blanks\">\n<h2>記入欄</h2>\n<p>");
    p.push_str(&format!("<span>申請日: {date}</span>"));
    p.push_str(&format!("<span>自動返信メール確認日: {date}</span>"));
    p.push_str("<span>担当者: <span class=\"fill wide\"></span></span>");
    p.push_str("</p>\n</section>\n");
}

fn contacts(p: &mut String, contacts: &[ContactEntry]) {
    if contacts.is_empty() {
        return;
    }
    p.push_str("<section>\n<h2>問い合わせ先</h2>\n<table class=\"contacts\">\n");
    for c in contacts {
        let mut reach = Vec::new();
        if let Some(phone) = &c.phone {
            reach.push(format!("<span class=\"phone\">電話 {}</span>", esc(phone)));
        }
        if let Some(hours) = &c.hours {
            reach.push(format!("受付: {}", esc(hours)));
        }
        if let Some(u) = &c.url {
            reach.push(link(u));
        }
        p.push_str(&format!(
            "<tr><th>{}</th><td>{}<br><small>{}</small></td></tr>\n",
            esc(&c.name),
            reach.join("<br>"),
            esc(&c.about)
        ));
    }
    p.push_str("</table>\n</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(name: &str, phone: Option<&str>) -> ContactEntry {
        ContactEntry {
            name: name.into(),
            phone: phone.map(Into::into),
            hours: None,
            url: None,
            about: String::new(),
        }
    }

    #[test]
    fn a_point_naming_one_contact_gets_its_number() {
        let contacts = [
            contact(
                "NTT東日本 (フレッツ光の契約情報の確認窓口)",
                Some("0120-116-116"),
            ),
            contact(
                "NTT西日本 (フレッツ光の契約情報の確認窓口)",
                Some("0120-000-000"),
            ),
            contact("ご契約中のコラボ光の事業者", None),
        ];
        assert_eq!(
            phone_of("問い合わせ先: NTT東日本", &contacts),
            Some("0120-116-116")
        );
        assert_eq!(
            phone_of("問い合わせ先: NTT西日本 (光クロス)", &contacts),
            Some("0120-000-000")
        );
        // Two areas, no phone, or not a contact at all: nothing is guessed.
        assert_eq!(phone_of("問い合わせ先: NTT東日本・西日本", &contacts), None);
        assert_eq!(
            phone_of("問い合わせ先: ご契約中のコラボ光の事業者", &contacts),
            None
        );
        assert_eq!(phone_of("NTT東日本", &contacts), None);
    }

    #[test]
    fn escaping_leaves_no_markup_and_no_control_characters() {
        assert_eq!(
            esc(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert!(!esc("a\u{1b}[2Jb\u{202E}").contains(['\u{1b}', '\u{202E}']));
        assert_eq!(link("javascript:alert(1)"), "javascript:alert(1)");
        assert_eq!(
            link("https://a.example/?q=1&r=\"2\""),
            "<a href=\"https://a.example/?q=1&amp;r=&quot;2&quot;\">https://a.example/?q=1&amp;r=&quot;2&quot;</a>"
        );
    }
}
