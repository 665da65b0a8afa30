//! What the wizard leaves on the normal screen once the terminal is restored: the verdict, what
//! to enter on the portal, whom to call and where the result was saved. Closing the window
//! after reading it loses nothing. Only the text is built here; the shell prints it.

use crate::rules::decision::Decision;
use crate::rules::{RuleSet, clinic_name, summary, text};

use super::model::{Model, SaveState};
use super::step::Step;

/// The summary, when there is something to keep: a result on the screen at the end, or a
/// result saved earlier. `None` when the wizard was left before any result.
pub fn text(m: &Model<'_>) -> Option<String> {
    let saved = match &m.save {
        SaveState::Saved(s) => Some(s),
        _ => None,
    };
    let decision = m.decision.as_ref().filter(|_| m.step == Step::Result);
    if decision.is_none() && saved.is_none() {
        return None;
    }
    let mut out: Vec<String> = vec!["オンライン資格確認 回線チェックの結果".to_string()];
    if let Some(d) = decision {
        out.extend(result_lines(m.rules(), d));
    }
    match saved {
        Some(s) => {
            out.push(format!("保存したファイル ({}):", text::sanitize(&s.place)));
            out.extend(s.paths.iter().map(|p| format!("  {}", text::sanitize(p))));
            out.push(super::save_content::PRINT_HINT.to_string());
        }
        None => out.push("結果は保存していません。".to_string()),
    }
    let mut s = out.join("\n");
    s.push('\n');
    Some(s)
}

/// The summary the result screen opens with ([`summary::summary`]): the verdict, the steps, the
/// portal entries, then every contact, one line each.
fn result_lines(rules: &RuleSet, d: &Decision) -> Vec<String> {
    let s = summary::summary(rules, d);
    let mut out = Vec::new();
    out.extend(clinic_name::heading(d.clinic_name.as_deref()));
    out.push(s.title.clone());
    out.extend(s.key_notes.iter().cloned());
    out.push("やること (この順に):".to_string());
    for (n, t) in s.todos.iter().enumerate() {
        let target = t
            .target
            .as_ref()
            .map(|t| format!(": {t}"))
            .unwrap_or_default();
        out.push(format!("  {}. {}{target}", n + 1, t.short));
    }
    if !s.portal.is_empty() {
        out.push(format!("{}で入力する内容:", rules.portal.name));
        out.extend(
            s.portal
                .iter()
                .map(|e| format!("  {}: {}", e.field, text::sanitize(&e.value))),
        );
    }
    if !d.contacts.is_empty() {
        out.push("問い合わせ先:".to_string());
    }
    for c in &d.contacts {
        let reach = match (&c.phone, &c.hours, &c.url) {
            (Some(phone), Some(hours), _) => format!("電話 {phone} (受付: {hours})"),
            (Some(phone), None, _) => format!("電話 {phone}"),
            (None, _, Some(url)) => url.clone(),
            (None, _, None) => continue,
        };
        out.push(format!("  {}: {reach}", c.name));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{RawAnswers, embedded};
    use crate::wizard::{Msg, Saved, update};

    fn at_result(raw: &RawAnswers) -> Model<'static> {
        let rules = embedded::rules().expect("rules");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
        let mut m = Model::with_answers(rules, today, raw);
        assert_eq!(m.step, Step::Review);
        update(&mut m, Msg::End);
        update(&mut m, Msg::Submit);
        assert_eq!(m.step, Step::Result);
        m
    }

    fn east() -> RawAnswers {
        RawAnswers {
            line: Some("next-family".into()),
            prefecture: Some("13".into()),
            collab: Some("no".into()),
            applied: Some("2010-04-01".into()),
            opened: None,
            v6: Some("unknown".into()),
            customer_id: Some("caf0123456789".into()),
            multiple_lines: Some("no".into()),
            clinic_name: Some("さくら内科".into()),
        }
    }

    #[test]
    fn the_result_on_screen_is_summed_up_with_where_it_was_saved() {
        let mut m = at_result(&east());
        let before = text(&m).unwrap_or_default();
        assert_eq!(
            before,
            "オンライン資格確認 回線チェックの結果\n\
             医療機関名: さくら内科\n\
             判定: 申請の前に手続きが必要です\n\
             やること (この順に):\n\
             \u{20}\u{20}1. v6オプションの契約を確かめる: 電話 0120-116-116\n\
             \u{20}\u{20}2. 契約がなければv6オプションを申し込む: https://flets.com/v6option/flow.html\n\
             \u{20}\u{20}3. ポータルサイトで申請する\n\
             \u{20}\u{20}4. 自動返信メールで申請内容を確かめる\n\
             医療機関等向けポータルサイトで入力する内容:\n\
             \u{20}\u{20}電気通信回線種別: 1：IP-VPN回線事業者(NTTなど。ただし、CTC・QTnetを除く)\n\
             \u{20}\u{20}お客さまID: CAF0123456789 (「半角大文字」で入力)\n\
             問い合わせ先:\n\
             \u{20}\u{20}NTT東日本 (フレッツ光の契約情報の確認窓口): 電話 0120-116-116 (受付: 午前9時から午後5時、年末年始を除く)\n\
             結果は保存していません。\n"
        );
        update(&mut m, Msg::Save);
        let saved = Saved {
            paths: vec!["/home/u/a.html".into(), "/home/u/a\u{1b}[2J.json".into()],
            place: "起動したフォルダー".into(),
            refused: Vec::new(),
        };
        update(&mut m, Msg::Saved(Ok(saved)));
        let after = text(&m).unwrap_or_default();
        assert!(
            after.ends_with(&format!(
                "保存したファイル (起動したフォルダー):\n  /home/u/a.html\n  /home/u/a\\u{{1b}}[2J.json\n{}\n",
                super::super::save_content::PRINT_HINT
            )),
            "{after}"
        );
        // Back at the review, the saved files are still said; the result is no longer shown.
        update(&mut m, Msg::Back);
        update(&mut m, Msg::Back);
        assert_eq!(m.step, Step::Review);
        let back = text(&m).unwrap_or_default();
        assert!(!back.contains("判定"), "{back}");
        assert!(back.contains("/home/u/a.html"), "{back}");
    }

    #[test]
    fn nothing_before_a_result() {
        let rules = embedded::rules().expect("rules");
        let m = Model::new(rules, chrono::NaiveDate::default());
        assert_eq!(text(&m), None);
    }

    #[test]
    fn every_contact_with_a_phone_or_an_address_is_listed() {
        let m = at_result(&RawAnswers {
            line: Some("unknown".into()),
            collab: Some("unknown".into()),
            prefecture: Some("13".into()),
            ..RawAnswers::default()
        });
        let t = text(&m).unwrap_or_default();
        assert!(t.contains("判定: 確認が必要です"), "{t}");
        assert!(
            t.contains("電気通信回線種別: 回線の種類がわかってから決まります"),
            "{t}"
        );
        assert!(t.contains("電話 0120-116-116"), "{t}");
        assert!(t.contains("https://flets.com/collabo/list/"), "{t}");
        assert!(!t.chars().any(|c| c.is_control() && c != '\n'), "{t}");
    }
}
