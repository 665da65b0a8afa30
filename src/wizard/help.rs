//! The help for each question (F1): how to tell, where to look, what happens with わからない.

use crate::rules::{Area, YesNo};

use super::model::Model;
use super::step::Step;

/// The help's title and paragraphs for the current step.
pub fn help(m: &Model<'_>) -> (String, Vec<String>) {
    let r = m.rules();
    let area = m.draft.area(r);
    let mut p: Vec<String> = Vec::new();
    match m.step {
        Step::Line => {
            p.push("契約書、請求書、「開通のご案内」に書かれた回線の名前で選びます。".into());
            p.push("上下キーで選択肢を選ぶと、その説明が一覧の下に出ます。".into());
            p.push(r.collabo.what.clone());
            p.push("コラボ光も、もとの回線 (光ネクストか光クロス) を選びます。".into());
            p.push("どれかわからないときは「わからない」を選んでください。確かめ方を最後の画面でご案内します。".into());
        }
        Step::Collab => {
            p.push(r.collabo.what.clone());
            p.push(r.collabo.how_to_tell.clone());
            p.push(r.collabo.no_confirmation_needed.clone());
        }
        Step::Prefecture => {
            p.push(format!("文字を入力すると一覧が絞り込まれます。漢字、ひらがな、ローマ字、都道府県コードのどれでも使えます (例: {})。", crate::rules::prefecture::EXAMPLES));
            p.push("上下キーで選んで Enter を押します。".into());
            match m.draft.line.as_deref().and_then(|l| r.region_of_line(l)) {
                Some(region) => p.push(format!(
                    "この回線は{}の回線です。都道府県がその外なら、結果でお知らせします。",
                    region.name
                )),
                None => {
                    p.push("都道府県で、NTT東日本と西日本のどちらのエリアかが決まります。".into())
                }
            }
        }
        Step::NextType => {
            p.push("タイプは契約書や「開通のご案内」に書かれています。".into());
            p.push("エリアで提供されているタイプだけが表示されます。".into());
            p.push("タイプがわからなくても、フレッツ・v6オプションの判定は変わりません。".into());
        }
        Step::Applied => {
            p.push(r.application_date.where_written.clone());
            p.push(format!(
                "次の書き方で入力できます: {}",
                crate::rules::date::FORMS
            ));
            p.extend(cut_offs(m));
            p.push(r.application_date.opened_tells.clone());
            p.push("わからないときは、下キーで「わからない」を選んで Enter を押します。開通日だけわかるときは「開通日しかわからない」を選びます。".into());
        }
        Step::Opened => {
            p.push(r.application_date.opened_tells.clone());
            p.extend(cut_offs(m));
            p.push(format!(
                "次の書き方で入力できます: {}",
                crate::rules::date::FORMS
            ));
            p.push("わからないときは、下キーで「わからない」を選んで Enter を押します。".into());
        }
        Step::V6 => {
            p.push(r.v6.about.clone());
            p.push(r.v6.may_already_have_undated.clone());
            p.push(match area.map(|a| r.area(a).name.clone()) {
                Some(ntt) => format!(
                    "契約しているかは{ntt}の窓口 (コラボ光なら契約先の事業者) に聞くとわかります。"
                ),
                None => {
                    "契約しているかはNTTの窓口 (コラボ光なら契約先の事業者) に聞くとわかります。"
                        .into()
                }
            });
        }
        Step::CustomerId => {
            p.push(r.customer_id.about.clone());
            p.push(format!(
                "形式: {} (英字は半角大文字)",
                crate::rules::customer_id::formats_hint(&r.customer_id_formats, area)
            ));
            p.extend(customer_id_places(m, area));
        }
        Step::CustomerIdConfirm => {
            p.push("打ち間違いを防ぐため、1回目と同じお客さまIDをもう一度入力します。".into());
            p.push("1回目を直すときは Esc で戻ります。".into());
        }
        Step::MultipleLines => {
            p.push(r.customer_id.multiple_lines.clone());
        }
        Step::ClinicName => {
            p.push("入力した名前は、結果の画面、印刷用のページ、保存するファイルとその名前に入ります。判定には使いません。".into());
            p.push(format!(
                "{}文字まで入力できます。空のまま Enter を押すと、名前なしで進みます。",
                crate::rules::clinic_name::MAX_CHARS
            ));
        }
        Step::Review => {
            p.push(
                "上下キーで項目を選び、Enter で答えを直せます。直したあとはこの画面に戻ります。"
                    .into(),
            );
            p.push("最後の「この内容で結果を見る」で結果に進みます。".into());
        }
        Step::Result => {
            p.push(
                "上下キー、PgUp、PgDn で読み進めます。F2 で結果をファイルに保存できます。".into(),
            );
            p.push("Esc で入力内容の確認に戻り、答えを直せます。".into());
        }
    }
    (format!("ヘルプ: {}", m.step.title()), p)
}

/// The 光ネクスト cut-off of the area chosen, or of both when it is not known yet, as the rules
/// word it.
/// Where to find the お客さまID. A コラボ光 line's ID is in the operator's own 開通のご案内, so
/// for one that comes first and NTT's ways follow as those of lines contracted with NTT; when
/// it is not known whether the line is コラボ光, the operator's way follows NTT's.
fn customer_id_places(m: &Model<'_>, area: Option<Area>) -> Vec<String> {
    let r = m.rules();
    let mut ntt: Vec<String> = Vec::new();
    if let Some(src) = area.and_then(|a| r.customer_id_source(a)) {
        for (n, s) in src.steps.iter().enumerate() {
            let mut line = format!("{}. {}: {}", n + 1, s.title, s.text);
            if let Some(c) = s.contact.as_deref().and_then(|c| r.contact(c)) {
                line.push_str(&format!(" 電話 {} ({})", c.phone, c.hours));
            }
            ntt.push(line);
        }
    }
    match m.draft.collab {
        Some(YesNo::Yes) => {
            let mut p = vec![r.customer_id_collabo.clone()];
            if !ntt.is_empty() {
                p.push("NTTと直接契約している回線の場合の探し方:".into());
                p.extend(ntt);
            }
            p
        }
        Some(YesNo::No) => ntt,
        Some(YesNo::Unknown) | None => {
            ntt.push(format!("コラボ光の場合: {}", r.customer_id_collabo));
            ntt
        }
    }
}

fn cut_offs(m: &Model<'_>) -> Vec<String> {
    let r = m.rules();
    let area = m.draft.area(r);
    [Area::East, Area::West]
        .into_iter()
        .filter(|&a| area.is_none_or(|x| x == a))
        .filter_map(|a| r.v6_rule(crate::rules::Family::Next, a))
        .filter_map(|rule| rule.on_or_after_text.clone())
        .collect()
}

/// The keys that work on the current screen, for the footer. `result_lines`: how many lines
/// the result is laid out in (the view has them already; laying them out again per frame
/// doubled the result screen's cost); ignored on other screens.
pub fn key_hints(m: &Model<'_>, result_lines: usize) -> Vec<(&'static str, &'static str)> {
    use super::model::Overlay;
    match &m.overlay {
        Some(Overlay::Help) => return vec![("Esc", "閉じる")],
        Some(Overlay::SaveResult) => return vec![("Enter", "閉じる")],
        Some(Overlay::QuitConfirm { .. }) => {
            let mut keys = vec![("左右", "選ぶ"), ("Enter", "決定"), ("Esc", "やめる")];
            if m.step == Step::Result && !matches!(m.save, super::model::SaveState::Saved(_)) {
                keys.push(("F2", "保存"));
            }
            return keys;
        }
        None => {}
    }
    let mut k = Vec::new();
    match m.step {
        Step::Line | Step::Collab | Step::NextType | Step::V6 | Step::MultipleLines => {
            k.push(("上下", "選ぶ"));
            k.push(("Enter", "決定"));
            if m.choices().len() <= super::layout::MAX_NUMBERED {
                k.push(("数字", "その番号に決定"));
            }
        }
        Step::Prefecture => {
            k.push(("文字", "絞り込み"));
            k.push(("上下", "選ぶ"));
            k.push(("Enter", "決定"));
        }
        Step::Applied | Step::Opened | Step::CustomerId => {
            k.push(("Enter", "決定"));
            k.push(("上下", "入力/わからない"));
        }
        Step::CustomerIdConfirm | Step::ClinicName => k.push(("Enter", "決定")),
        Step::Review => {
            k.push(("上下", "選ぶ"));
            k.push(("Enter", "直す/結果へ"));
        }
        Step::Result => {
            // Only when there is more than one screen of it (the message line then says where
            // the reader is).
            if result_lines > super::result_view::body_height(m.viewport) {
                k.push(("上下", "読む"));
            }
            k.push(("F2", "保存"));
            k.push(("Enter", "終了"));
        }
    }
    // What Esc does here: the quit question on the first question, else one step back (to
    // the review for a question opened from it).
    k.push((
        "Esc",
        match super::update::back_target(m) {
            Some(_) => "戻る",
            None => "終了",
        },
    ));
    k.push(("F1", "ヘルプ"));
    k
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::rules::{RawAnswers, embedded};

    fn applied_help(prefecture: Option<&str>) -> String {
        let rules = embedded::rules().expect("rules");
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
        let raw = RawAnswers {
            line: Some("next-family".into()),
            prefecture: prefecture.map(String::from),
            ..RawAnswers::default()
        };
        let mut m = Model::with_answers(rules, today, &raw);
        m.step = Step::Applied;
        help(&m).1.join("\n")
    }

    fn customer_id_help(collab: &str) -> Vec<String> {
        let rules = embedded::rules().expect("rules");
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
        let raw = RawAnswers {
            line: Some("cross".into()),
            collab: Some(collab.into()),
            prefecture: Some("東京".into()),
            ..RawAnswers::default()
        };
        let mut m = Model::with_answers(rules, today, &raw);
        m.step = Step::CustomerId;
        help(&m).1
    }

    fn position(help: &[String], part: &str) -> usize {
        help.iter()
            .position(|p| p.contains(part))
            .unwrap_or_else(|| panic!("{part} not in {help:#?}"))
    }

    #[test]
    fn a_collabo_lines_id_help_names_the_operators_guide_before_ntts_ways() {
        let collabo = "コラボ光の事業者から届いた開通のご案内";
        let ntt_guide = "1. 「開通のご案内」を見る";
        let ntt_phone = "NTT東日本に問い合わせる";

        let yes = customer_id_help("yes");
        assert!(
            position(&yes, collabo) < position(&yes, ntt_guide),
            "{yes:#?}"
        );
        assert!(
            position(&yes, collabo) < position(&yes, ntt_phone),
            "{yes:#?}"
        );
        assert!(
            !yes.iter().any(|p| p.starts_with("コラボ光の場合")),
            "{yes:#?}"
        );

        // Not known: NTT's ways, then the operator's for the case it is one.
        let unknown = customer_id_help("unknown");
        assert!(
            position(&unknown, ntt_guide) < position(&unknown, "コラボ光の場合: "),
            "{unknown:#?}"
        );

        // Contracted with NTT: NTT's ways only.
        let no = customer_id_help("no");
        position(&no, ntt_guide);
        assert!(!no.iter().any(|p| p.contains(collabo)), "{no:#?}");
    }

    /// The source's cut-offs: 平成24年5月29日 (East), 令和3年5月11日 (West).
    #[test]
    fn the_applied_help_names_the_cut_off_of_the_area_chosen() {
        let east = applied_help(Some("東京"));
        assert!(
            east.contains("NTT東日本の光ネクストは、2012年5月29日"),
            "{east}"
        );
        assert!(
            !east.contains("2021年5月11日") && !east.contains("NTT西日本"),
            "{east}"
        );
        let west = applied_help(Some("大阪"));
        assert!(
            west.contains("NTT西日本の光ネクストは、2021年5月11日"),
            "{west}"
        );
        // The forms' example is that day too: the East's sentence and its era are not there.
        assert!(
            !west.contains("2012年5月29日 (平成24年)") && !west.contains("NTT東日本"),
            "{west}"
        );
        let both = applied_help(None);
        assert!(
            both.contains("2012年5月29日") && both.contains("2021年5月11日"),
            "{both}"
        );
    }

    #[test]
    fn the_applied_help_says_where_the_date_is_and_what_an_opened_day_tells() {
        let h = applied_help(Some("東京"));
        assert!(
            h.contains("申込日は、回線を申し込んだときの申込書の控え"),
            "{h}"
        );
        assert!(
            h.contains("「開通のご案内」に書かれているのは開通日"),
            "{h}"
        );
        assert!(h.contains("申込日もそれより前だとわかります"), "{h}");
    }
}
