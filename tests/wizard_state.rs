//! The wizard's state machine without a terminal (the questions, keys, text input, a technician's
//! start, faults and bad input): which questions each branch asks,
//! that going back and forth keeps every answer, the review's jump-and-return, that the result is
//! `check`'s decision for the same answers, saving, and random message sequences.

use chrono::NaiveDate;
use oqs_line_check::rules::answers::{check_consistency, parse_answers};
use oqs_line_check::rules::embedded;
use oqs_line_check::rules::{
    Answers, Area, Decision, Field, RawAnswers, RuleSet, V6Answer, Verdict, YesNo, decide,
};
use oqs_line_check::wizard::draft::Draft;
use oqs_line_check::wizard::help::key_hints;
use oqs_line_check::wizard::model::Fields;
use oqs_line_check::wizard::progress::Progress;
use oqs_line_check::wizard::save_content;
use oqs_line_check::wizard::text_field::MAX_CHARS;
use oqs_line_check::wizard::update::{PREFECTURE_NOT_CHOSEN, UNKNOWN_HINT};
use oqs_line_check::wizard::{
    Command, Edit, Focus, IdPreview, Model, Msg, Overlay, SaveFailure, SaveRequest, SaveState,
    Saved, Step, update,
};
use proptest::prelude::*;

#[path = "common/events.rs"]
mod events;
use events::any_msg;

// -------------------------------------------------------------------------------------------
// Helpers
// -------------------------------------------------------------------------------------------

fn rules() -> &'static RuleSet {
    embedded::rules().expect("the embedded rules load")
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 4, 1).unwrap()
}

fn new_model() -> Model<'static> {
    Model::new(rules(), today())
}

fn send(m: &mut Model<'_>, msg: Msg) -> Command {
    update(m, msg)
}

fn send_all(m: &mut Model<'_>, msgs: impl IntoIterator<Item = Msg>) {
    for msg in msgs {
        let cmd = update(m, msg.clone());
        assert_eq!(cmd, Command::None, "{msg:?} on {:?}", m.step);
    }
}

fn type_text(m: &mut Model<'_>, s: &str) {
    send_all(m, s.chars().map(Msg::Char));
}

fn choice_ids(m: &Model<'_>) -> Vec<String> {
    m.choices().into_iter().map(|c| c.id).collect()
}

/// Picks the option `id` of the current list question with the arrow keys and Enter.
fn pick(m: &mut Model<'_>, id: &str) {
    let index = choice_ids(m)
        .iter()
        .position(|c| c == id)
        .unwrap_or_else(|| panic!("no option {id} on {:?}: {:?}", m.step, choice_ids(m)));
    send(m, Msg::Home);
    for _ in 0..index {
        send(m, Msg::Down);
    }
    assert_eq!(m.cursor, index);
    send(m, Msg::Submit);
}

/// Replaces what the current step's field holds with `s` and presses Enter.
fn enter_text(m: &mut Model<'_>, s: &str) {
    send_all(m, [Msg::Up, Msg::Edit(Edit::Clear)]);
    type_text(m, s);
    send(m, Msg::Submit);
}

/// For a step with a text field and a わからない choice: `unknown` picks the choice.
fn enter_text_or_unknown(m: &mut Model<'_>, s: &str) {
    if s == "unknown" {
        send_all(m, [Msg::Down, Msg::Submit]);
    } else {
        enter_text(m, s);
    }
}

fn progress_line(m: &Model<'_>) -> String {
    m.progress().heading(m.step.title())
}

fn row_index(m: &Model<'_>, step: Step) -> usize {
    m.review_rows()
        .iter()
        .position(|r| r.step == step)
        .unwrap_or_else(|| panic!("no review row for {step:?}"))
}

/// From the review, opens the question of `step` with the arrow keys and Enter.
fn open_from_review(m: &mut Model<'_>, step: Step) {
    assert_eq!(m.step, Step::Review);
    let index = row_index(m, step);
    send(m, Msg::Home);
    for _ in 0..index {
        send(m, Msg::Down);
    }
    send(m, Msg::Submit);
    assert_eq!(m.step, step);
    assert!(m.from_review);
}

/// From the review, 「この内容で結果を見る」.
fn show_result(m: &mut Model<'_>) {
    assert_eq!(m.step, Step::Review);
    send_all(m, [Msg::End, Msg::Submit]);
    assert_eq!(m.step, Step::Result, "error: {:?}", m.error);
}

/// One set of answers, as the user would give them (ids of the rules, `unknown` for わからない).
#[derive(Debug, Clone)]
struct Spec {
    line: &'static str,
    collab: &'static str,
    prefecture: &'static str,
    next_type: &'static str,
    applied: &'static str,
    v6: &'static str,
    id: &'static str,
    multiple: &'static str,
}

const ID: &str = "CAF0123456789";

impl Spec {
    fn new(line: &'static str) -> Spec {
        Spec {
            line,
            collab: "no",
            prefecture: "13",
            next_type: "next-family",
            applied: "2010-04-01",
            v6: "not-contracted",
            id: ID,
            multiple: "no",
        }
    }

    /// The flags `check` takes for the answers of the questions that were asked.
    fn raw(&self, asked: &[Step]) -> RawAnswers {
        let given = |s: Step, v: &str| asked.contains(&s).then(|| v.to_string());
        let line = if asked.contains(&Step::NextType) && self.next_type != "unknown" {
            self.next_type
        } else {
            self.line
        };
        RawAnswers {
            line: Some(line.to_string()),
            prefecture: given(Step::Prefecture, self.prefecture),
            collab: given(Step::Collab, self.collab),
            applied: given(Step::Applied, self.applied),
            opened: None,
            v6: given(Step::V6, self.v6),
            customer_id: given(Step::CustomerId, self.id).filter(|id| id != "unknown"),
            multiple_lines: given(Step::MultipleLines, self.multiple),
            clinic_name: None,
        }
    }
}

/// Answers the current question from `spec`.
fn answer(m: &mut Model<'_>, spec: &Spec) {
    match m.step {
        Step::Line => pick(m, spec.line),
        Step::Collab => pick(m, spec.collab),
        Step::Prefecture => enter_text(m, spec.prefecture),
        Step::NextType => pick(
            m,
            if spec.next_type == "unknown" {
                "next"
            } else {
                spec.next_type
            },
        ),
        Step::Applied => enter_text_or_unknown(m, spec.applied),
        // The specs never choose 「開通日しかわからない」.
        Step::Opened => panic!("the 開通日 is asked only on that path"),
        Step::V6 => pick(m, spec.v6),
        Step::CustomerId => enter_text_or_unknown(m, spec.id),
        Step::CustomerIdConfirm => enter_text(m, spec.id),
        Step::MultipleLines => pick(m, spec.multiple),
        Step::ClinicName | Step::Review | Step::Result => {
            panic!("not asked on the way to the review: {:?}", m.step)
        }
    }
}

/// Answers every question from `spec` until the review; returns the questions asked, in order.
fn walk(m: &mut Model<'_>, spec: &Spec) -> Vec<Step> {
    let mut asked = Vec::new();
    while m.step.is_question() {
        assert!(
            asked.len() < 20,
            "the wizard goes round in circles: {asked:?}"
        );
        let step = m.step;
        asked.push(step);
        answer(m, spec);
        assert_eq!(m.error, None, "on {step:?} with {spec:?}");
        assert_ne!(m.step, step, "{step:?} did not move on with {spec:?}");
    }
    assert_eq!(m.step, Step::Review);
    asked
}

fn walked(spec: &Spec) -> (Model<'static>, Vec<Step>) {
    let mut m = new_model();
    let asked = walk(&mut m, spec);
    (m, asked)
}

/// `check`'s decision for the same answers.
fn check_decision(raw: &RawAnswers) -> Decision {
    let answers = parse_answers(rules(), raw, today())
        .unwrap_or_else(|e| panic!("check rejects {raw:?}: {e:?}"));
    decide(rules(), &answers)
}

use Step::*;

const NEXT_PATH: [Step; 9] = [
    Line,
    Collab,
    Prefecture,
    NextType,
    Applied,
    V6,
    CustomerId,
    CustomerIdConfirm,
    MultipleLines,
];

// -------------------------------------------------------------------------------------------
// Each branch
// -------------------------------------------------------------------------------------------

#[test]
fn first_question_offers_every_line_in_order() {
    let m = new_model();
    assert_eq!(m.step, Line);
    assert_eq!(
        choice_ids(&m),
        [
            "next",
            "cross",
            "commufa",
            "bbiq",
            "ipsec",
            "other-flets",
            "other",
            "unknown"
        ]
    );
    assert!(m.choices().iter().all(|c| !c.hint.is_empty()));
}

#[test]
fn next_east_and_west_ask_every_question() {
    for (pref, date) in [("13", "2010-04-01"), ("27", "2015-04-01")] {
        let spec = Spec {
            prefecture: pref,
            applied: date,
            ..Spec::new("next")
        };
        let (_, asked) = walked(&spec);
        assert_eq!(asked, NEXT_PATH, "{spec:?}");
    }
}

#[test]
fn cross_asks_no_type_date_or_v6() {
    for pref in ["13", "27"] {
        let spec = Spec {
            prefecture: pref,
            ..Spec::new("cross")
        };
        let (m, asked) = walked(&spec);
        assert_eq!(
            asked,
            [
                Line,
                Collab,
                Prefecture,
                CustomerId,
                CustomerIdConfirm,
                MultipleLines
            ]
        );
        assert_eq!(m.draft.next_type, None);
        assert_eq!(m.draft.applied, None);
    }
}

#[test]
fn lines_of_other_methods_go_straight_to_the_review() {
    for line in ["ipsec", "other-flets", "other"] {
        let (m, asked) = walked(&Spec::new(line));
        assert_eq!(asked, [Line], "{line}");
        assert_eq!(m.draft.line.as_deref(), Some(line));
        let rows: Vec<Step> = m.review_rows().iter().map(|r| r.step).collect();
        // The clinic's name is the review's last row for every line.
        assert_eq!(rows, [Line, Step::ClinicName], "{line}");
    }
}

#[test]
fn ctc_and_qtnet_lines_ask_the_prefecture_and_say_when_it_is_outside_their_region() {
    for (line, note) in [
        ("commufa", "ビジネスコムファ光は中部地区"),
        ("bbiq", "BBIQは九州地区"),
    ] {
        let (mut m, asked) = walked(&Spec::new(line));
        assert_eq!(
            asked,
            [Line, Prefecture],
            "{line}: never コラボ光, so no コラボ question"
        );
        let rows: Vec<Step> = m.review_rows().iter().map(|r| r.step).collect();
        assert_eq!(rows, [Line, Prefecture, Step::ClinicName], "{line}");
        assert_eq!(m.review_rows()[1].value, "東京都", "{line}");
        show_result(&mut m);
        let d = m.decision.clone().expect("a decision");
        assert!(
            d.notes
                .iter()
                .any(|n| n.starts_with(note) && n.contains("東京都")),
            "{line}: {:?}",
            d.notes
        );
        assert_eq!(d, check_decision(&Spec::new(line).raw(&asked)));
    }
    let (mut m, _) = walked(&Spec {
        prefecture: "福岡",
        ..Spec::new("bbiq")
    });
    show_result(&mut m);
    // Inside the region, no remark on the prefecture: only that the line is IP-VPN too.
    let category_2 = rules().portal_category(2).and_then(|c| c.note.clone());
    assert_eq!(
        m.decision.map(|d| d.notes),
        Some(category_2.into_iter().collect())
    );
}

#[test]
fn unknown_line_asks_collab_and_prefecture_only() {
    let (_, asked) = walked(&Spec::new("unknown"));
    assert_eq!(asked, [Line, Collab, Prefecture]);
}

#[test]
fn unknown_id_skips_the_confirmation() {
    let spec = Spec {
        id: "unknown",
        ..Spec::new("cross")
    };
    let (m, asked) = walked(&spec);
    assert_eq!(asked, [Line, Collab, Prefecture, CustomerId, MultipleLines]);
    assert_eq!(m.draft.customer_id, Some(None));
}

fn asks_v6(pref: &'static str, applied: &'static str) -> bool {
    let spec = Spec {
        prefecture: pref,
        applied,
        v6: "contracted",
        ..Spec::new("next")
    };
    let (_, asked) = walked(&spec);
    asked.contains(&V6)
}

#[test]
fn v6_is_asked_only_before_the_areas_cut_off_or_without_a_date() {
    assert!(asks_v6("13", "2012-05-28"), "East, the day before");
    assert!(!asks_v6("13", "2012-05-29"), "East, the day of the cut-off");
    assert!(asks_v6("27", "2021-05-10"), "West, the day before");
    assert!(!asks_v6("27", "2021-05-11"), "West, the day of the cut-off");
    assert!(asks_v6("13", "unknown"));
    assert!(asks_v6("27", "unknown"));
    // The East date is long before the West cut-off.
    assert!(asks_v6("27", "2012-05-29"));
}

#[test]
fn applied_date_is_echoed_before_moving_on() {
    let mut m = new_model();
    walk_to(&mut m, &Spec::new("next"), Applied);
    type_text(&mut m, "平成24年5月28日");
    assert_eq!(
        m.applied_preview().as_deref(),
        Some("2012年5月28日 (平成24年)")
    );
    send(&mut m, Msg::Submit);
    assert_eq!(
        m.draft.applied,
        Some(NaiveDate::from_ymd_opt(2012, 5, 28).map(oqs_line_check::rules::period::Period::day))
    );
    assert_eq!(m.step, V6);
}

#[test]
fn typing_wakaranai_in_a_text_field_chooses_wakaranai() {
    for word in [
        "わからない",
        "不明",
        " ワカラナイ ",
        "ﾜｶﾗﾅｲ",
        "UNKNOWN",
        "ｕｎｋｎｏｗｎ",
        "分からない",
    ] {
        let mut m = new_model();
        walk_to(&mut m, &Spec::new("next"), Applied);
        type_text(&mut m, word);
        assert_eq!(
            m.applied_preview().as_deref(),
            Some("わからない (Enter で「わからない」を選びます)"),
            "{word:?}"
        );
        send(&mut m, Msg::Submit);
        assert_eq!(m.error, None, "{word:?}");
        assert_eq!(m.draft.applied, Some(None), "{word:?}");
        assert_eq!(m.step, V6, "{word:?}");
        // Back on the question, the わからない choice is the answer and the field is free.
        send(&mut m, Msg::Back);
        assert_eq!((m.step, m.focus), (Applied, Focus::Unknown));
        assert_eq!(m.fields.applied.value(), "");

        let mut m = new_model();
        walk_to(&mut m, &Spec::new("cross"), CustomerId);
        type_text(&mut m, word);
        // The word is read as わからない: no value to enter on the portal, nothing normalised.
        assert_eq!(
            m.customer_id_preview(),
            Some(IdPreview::Unknown),
            "{word:?}"
        );
        send(&mut m, Msg::Submit);
        assert_eq!(m.error, None, "{word:?}");
        assert_eq!(m.draft.customer_id, Some(None), "{word:?}");
        assert_eq!(m.step, MultipleLines, "{word:?}");
    }
}

#[test]
fn a_refused_date_or_id_says_how_to_answer_wakaranai() {
    let mut m = new_model();
    walk_to(&mut m, &Spec::new("next"), Applied);
    for typed in ["きのう", "", "2012年13月1日"] {
        enter_text(&mut m, typed);
        assert_eq!(m.step, Applied);
        let message = m.error.as_ref().expect("refused").message.clone();
        assert!(message.ends_with(UNKNOWN_HINT), "{typed:?}: {message}");
        assert!(message.contains("下の「わからない」"), "{message}");
    }
    let mut m = new_model();
    walk_to(&mut m, &Spec::new("cross"), CustomerId);
    for typed in ["わからないです", "CAF123", ""] {
        enter_text(&mut m, typed);
        assert_eq!(m.step, CustomerId);
        let message = m.error.as_ref().expect("refused").message.clone();
        assert!(message.ends_with(UNKNOWN_HINT), "{typed:?}: {message}");
    }
}

#[test]
fn japanese_answers_prefill_the_wizard_as_check_reads_them() {
    let raw = RawAnswers {
        line: Some("フレッツ 光ネクスト ファミリータイプ".into()),
        collab: Some("いいえ".into()),
        prefecture: Some("東京".into()),
        applied: Some("不明".into()),
        opened: None,
        v6: Some("未契約".into()),
        customer_id: Some("わからない".into()),
        multiple_lines: Some("ｲｲｴ".into()),
        clinic_name: None,
    };
    let m = Model::with_answers(rules(), today(), &raw);
    let d = &m.draft;
    assert_eq!(d.next_type.as_deref(), Some("next-family"));
    assert_eq!(d.collab, Some(YesNo::No));
    assert_eq!(d.applied, Some(None));
    assert_eq!(d.v6, Some(V6Answer::NotContracted));
    assert_eq!(d.customer_id, Some(None));
    assert_eq!(d.multiple_lines, Some(YesNo::No));
    assert_eq!(m.step, Review);
    assert!(parse_answers(rules(), &raw, today()).is_ok());
}

/// Answers from `spec` until the wizard is on `target`.
fn walk_to(m: &mut Model<'_>, spec: &Spec, target: Step) {
    let mut n = 0;
    while m.step != target {
        assert!(m.step.is_question() && n < 20, "{target:?} never came");
        answer(m, spec);
        n += 1;
    }
}

#[test]
fn next_type_lists_only_the_areas_types_and_unknown() {
    for (pref, area) in [("13", Area::East), ("27", Area::West)] {
        let mut m = new_model();
        walk_to(
            &mut m,
            &Spec {
                prefecture: pref,
                ..Spec::new("next")
            },
            NextType,
        );
        let mut expected: Vec<String> = rules()
            .lines
            .iter()
            .filter(|l| l.subtype && l.offered_in(area))
            .map(|l| l.id.clone())
            .collect();
        expected.push("next".to_string());
        assert_eq!(choice_ids(&m), expected, "{area:?}");
        assert_eq!(m.choices().last().unwrap().label, "わからない");
        let ids = choice_ids(&m);
        match area {
            Area::East => {
                assert!(ids.contains(&"next-giga-family-smart".to_string()));
                assert!(!ids.contains(&"next-family-superhispeed".to_string()));
            }
            Area::West => {
                assert!(ids.contains(&"next-family-superhispeed".to_string()));
                assert!(!ids.contains(&"next-giga-family-smart".to_string()));
            }
        }
    }
}

#[test]
fn digits_pick_a_type_in_both_areas_zero_for_the_tenth() {
    // The East offers nine types plus わからない: ten, numbered 1 to 9 and 0.
    let mut m = new_model();
    walk_to(&mut m, &Spec::new("next"), NextType);
    let choices = choice_ids(&m);
    assert_eq!(choices.len(), 10);
    send(&mut m, Msg::Char('9'));
    assert_eq!(m.draft.next_type.as_ref(), Some(&choices[8]));
    assert_eq!(m.step, Applied);
    send(&mut m, Msg::Back);
    send(&mut m, Msg::Char('０'));
    assert_eq!(m.draft.next_type.as_deref(), Some("next"));
    assert_eq!(m.step, Applied);

    let mut m = new_model();
    walk_to(
        &mut m,
        &Spec {
            prefecture: "27",
            ..Spec::new("next")
        },
        NextType,
    );
    let choices = choice_ids(&m);
    assert!(choices.len() <= 9);
    // Past the end, and 0 on a list of fewer than ten, pick nothing.
    for c in ['9', '0'] {
        send(&mut m, Msg::Char(c));
        assert_eq!(
            (m.step, m.draft.next_type.clone()),
            (NextType, None),
            "{c:?}"
        );
    }
    send(&mut m, Msg::Char('２'));
    assert_eq!(m.draft.next_type.as_ref(), Some(&choices[1]));
    assert_eq!(m.step, Applied);
}

#[test]
fn the_id_is_typed_twice_and_a_mismatch_keeps_the_second_text() {
    let mut m = new_model();
    walk_to(&mut m, &Spec::new("cross"), CustomerId);
    enter_text(&mut m, "caf 0123-456789");
    assert_eq!(m.step, CustomerIdConfirm);
    assert_eq!(
        m.draft.customer_id.clone().flatten().unwrap().normalized,
        ID
    );
    assert!(!m.draft.customer_id_confirmed);

    type_text(&mut m, "CAF0123456780");
    send(&mut m, Msg::Submit);
    assert_eq!(m.step, CustomerIdConfirm);
    assert_eq!(m.fields.customer_id_confirm.value(), "CAF0123456780");
    assert_eq!(m.fields.customer_id.value(), "caf 0123-456789");
    let error = m.error.clone().expect("a mismatch shows an error");
    assert_eq!(error.field, Field::CustomerId);
    assert_eq!(error.code, "confirmation_mismatch");
    // The first entry is not shown: copying it back would defeat the check.
    assert!(!error.message.contains(ID), "{}", error.message);
    assert!(error.message.contains("一致しません"), "{}", error.message);
    assert!(!m.draft.customer_id_confirmed);

    // Fixing the last digit confirms; full-width input counts as the same ID.
    send_all(&mut m, [Msg::Edit(Edit::Backspace), Msg::Char('９')]);
    assert_eq!(m.error, None, "typing clears the message");
    send(&mut m, Msg::Submit);
    assert_eq!(m.step, MultipleLines);
    assert!(m.draft.customer_id_confirmed);
}

#[test]
fn a_bad_id_is_refused_with_the_rules_message_and_kept() {
    let mut m = new_model();
    walk_to(&mut m, &Spec::new("cross"), CustomerId);
    type_text(&mut m, "CAF12345");
    let Some(IdPreview::Id(normalized, verdict)) = m.customer_id_preview() else {
        panic!("a live preview of an ID");
    };
    assert_eq!(normalized.normalized, "CAF12345");
    let live = verdict.expect_err("too short");
    send(&mut m, Msg::Submit);
    assert_eq!(m.step, CustomerId);
    // The live message, and how to answer わからない instead.
    let error = m.error.clone().expect("refused");
    assert_eq!((error.field, error.code), (live.field, live.code));
    assert_eq!(
        error.message,
        format!("{}。{}", live.message.trim_end_matches('。'), UNKNOWN_HINT)
    );
    assert_eq!(m.fields.customer_id.value(), "CAF12345");
    assert_eq!(m.draft.customer_id, None);
}

#[test]
fn digits_pick_options_also_full_width() {
    let mut m = new_model();
    send(&mut m, Msg::Char('2'));
    assert_eq!(m.draft.line.as_deref(), Some("cross"));
    assert_eq!(m.step, Collab);
    // The IME sends full-width digits.
    send(&mut m, Msg::Char('２'));
    assert_eq!(m.draft.collab, Some(YesNo::No));
    assert_eq!(m.step, Prefecture);

    // Out of range, zero and letters pick nothing.
    let mut m = new_model();
    for c in ['9', '0', '０', 'a', 'あ'] {
        send(&mut m, Msg::Char(c));
        assert_eq!(m.step, Line, "{c:?}");
        assert_eq!(m.draft, Draft::default(), "{c:?}");
    }
    send(&mut m, Msg::Char('８'));
    assert_eq!(m.draft.line.as_deref(), Some("unknown"));
}

#[test]
fn typing_filters_the_prefecture_list_and_enter_picks_the_highlighted_one() {
    let cases = [
        ("とう", "東京都", 13),
        ("osaka", "大阪府", 27),
        ("13", "東京都", 13),
        ("おおさか", "大阪府", 27),
        ("大阪", "大阪府", 27),
    ];
    for (query, name, code) in cases {
        let mut m = new_model();
        walk_to(&mut m, &Spec::new("cross"), Prefecture);
        assert_eq!(m.choices().len(), 47);
        type_text(&mut m, query);
        let labels: Vec<String> = m.choices().into_iter().map(|c| c.label).collect();
        assert!(labels.len() < 47, "{query} filters: {labels:?}");
        assert_eq!(labels.first().map(String::as_str), Some(name), "{query}");
        assert_eq!(m.cursor, 0);
        send(&mut m, Msg::Submit);
        assert_eq!(m.draft.prefecture, Some(code), "{query}");
        assert_eq!(m.step, CustomerId);
    }

    // "13" is the one code; the list shows the area it implies.
    let mut m = new_model();
    walk_to(&mut m, &Spec::new("cross"), Prefecture);
    type_text(&mut m, "13");
    let choices = m.choices();
    assert_eq!(choices.len(), 1);
    assert!(choices[0].hint.contains("NTT東日本"), "{}", choices[0].hint);

    // Enter picks the highlighted one, not the first: text several start with highlights
    // nothing until a move (the first Down lands on the first, the second on the next).
    let mut m = new_model();
    walk_to(&mut m, &Spec::new("cross"), Prefecture);
    type_text(&mut m, "ka");
    let choices = m.choices();
    assert!(choices.len() >= 2, "{choices:?}");
    assert!(m.prefecture_unchosen());
    send_all(&mut m, [Msg::Down, Msg::Down, Msg::Submit]);
    assert_eq!(
        m.draft.prefecture.map(|c| c.to_string()),
        Some(choices[1].id.clone())
    );

    // Nothing matches: Enter explains and stays.
    let mut m = new_model();
    walk_to(&mut m, &Spec::new("cross"), Prefecture);
    type_text(&mut m, "zzz");
    assert!(m.choices().is_empty());
    send(&mut m, Msg::Submit);
    assert_eq!(m.step, Prefecture);
    assert_eq!(m.draft.prefecture, None);
    assert_eq!(m.error.as_ref().map(|e| e.field), Some(Field::Prefecture));
}

#[test]
fn enter_on_the_prefecture_list_before_any_choice_asks_for_one() {
    let mut m = new_model();
    walk_to(&mut m, &Spec::new("cross"), Prefecture);
    assert!(m.prefecture_unchosen());
    send(&mut m, Msg::Submit);
    assert_eq!((m.step, m.draft.prefecture), (Prefecture, None));
    let error = m.error.clone().expect("Enter says why it did not go on");
    assert_eq!(error.field, Field::Prefecture);
    assert!(
        error.message.ends_with(PREFECTURE_NOT_CHOSEN),
        "{}",
        error.message
    );

    // Typing something and clearing it again is still no choice.
    type_text(&mut m, "o");
    send_all(&mut m, [Msg::Edit(Edit::Clear), Msg::Submit]);
    assert_eq!((m.step, m.draft.prefecture), (Prefecture, None));

    // The first move down highlights the first prefecture, and the message goes; that one
    // is a choice.
    send(&mut m, Msg::Submit);
    assert!(m.error.is_some());
    send(&mut m, Msg::Down);
    assert_eq!(m.error, None);
    send(&mut m, Msg::Submit);
    assert_eq!((m.step, m.draft.prefecture), (CustomerId, Some(1)));

    // A moved highlight is a choice too: down twice is 青森県.
    let mut m = new_model();
    walk_to(&mut m, &Spec::new("cross"), Prefecture);
    send_all(&mut m, [Msg::Down, Msg::Down, Msg::Submit]);
    assert_eq!(m.draft.prefecture, Some(2));

    // Back on the question with an answer, Enter keeps that answer.
    send(&mut m, Msg::Back);
    assert_eq!(m.step, Prefecture);
    assert!(!m.prefecture_unchosen());
    send(&mut m, Msg::Submit);
    assert_eq!((m.step, m.draft.prefecture), (CustomerId, Some(2)));
}

/// Typed text several prefectures start with is no choice of the first of them: 「福」 is
/// 福島県 in the East or 福井県 and 福岡県 in the West.
#[test]
fn enter_on_a_filter_several_prefectures_match_asks_which() {
    let mut m = new_model();
    walk_to(&mut m, &Spec::new("cross"), Prefecture);
    type_text(&mut m, "福");
    send(&mut m, Msg::Submit);
    assert_eq!((m.step, m.draft.prefecture), (Prefecture, None));
    let error = m.error.clone().expect("Enter says why it did not go on");
    assert_eq!(error.field, Field::Prefecture);
    assert!(
        error
            .message
            .contains("「福」に当てはまる都道府県が3つあります")
            && error.message.contains("福岡県"),
        "{}",
        error.message
    );
    // Typed on to one: taken.
    type_text(&mut m, "岡");
    send(&mut m, Msg::Submit);
    assert_eq!((m.step, m.draft.prefecture), (CustomerId, Some(40)));

    // A highlight moved onto one of them is a choice.
    let mut m = new_model();
    walk_to(&mut m, &Spec::new("cross"), Prefecture);
    type_text(&mut m, "福");
    send_all(&mut m, [Msg::Down, Msg::Submit]);
    assert_eq!(m.step, CustomerId);
    assert!(m.draft.prefecture.is_some());
}

/// The prefecture the 都道府県 list highlights: what Enter picks.
fn highlighted(m: &Model<'_>) -> Option<String> {
    m.choices().get(m.cursor).map(|c| c.id.clone())
}

/// 大阪府 answered, at the review (the reviewer's start).
fn osaka_at_review() -> Model<'static> {
    let raw = RawAnswers {
        line: Some("cross".into()),
        collab: Some("no".into()),
        prefecture: Some("27".into()),
        customer_id: Some(ID.into()),
        multiple_lines: Some("no".into()),
        ..RawAnswers::default()
    };
    let m = Model::with_answers(rules(), today(), &raw);
    assert_eq!(m.step, Review);
    m
}

#[test]
fn typing_in_the_filter_and_clearing_it_keeps_the_chosen_prefecture() {
    // The reviewer's steps: 都道府県 from the review, 「o」, Backspace, Enter.
    let mut m = osaka_at_review();
    open_from_review(&mut m, Prefecture);
    assert_eq!(highlighted(&m).as_deref(), Some("27"));
    type_text(&mut m, "o");
    assert!(m.choices().len() < 47);
    assert_eq!(highlighted(&m).as_deref(), Some("27"), "大阪 still listed");
    send_all(&mut m, [Msg::Edit(Edit::Backspace)]);
    assert_eq!(m.choices().len(), 47);
    assert_eq!(highlighted(&m).as_deref(), Some("27"));
    send(&mut m, Msg::Submit);
    assert_eq!((m.step, m.draft.prefecture), (Review, Some(27)));
    assert!(
        m.review_rows()
            .iter()
            .any(|r| r.step == Prefecture && r.value.contains("大阪府")),
        "{:?}",
        m.review_rows()
    );

    // A filter that hides the answer highlights its first match; clearing it brings the
    // highlight back to the answer, not to 北海道.
    let mut m = osaka_at_review();
    open_from_review(&mut m, Prefecture);
    type_text(&mut m, "tokyo");
    assert_eq!(highlighted(&m).as_deref(), Some("13"));
    send_all(&mut m, [Msg::Edit(Edit::Clear)]);
    assert_eq!(highlighted(&m).as_deref(), Some("27"));

    // A prefecture the user highlighted stays highlighted through the filter, and comes back
    // when the filter hid it for a while.
    let mut m = osaka_at_review();
    open_from_review(&mut m, Prefecture);
    send_all(&mut m, [Msg::Down]);
    let moved = highlighted(&m);
    assert_ne!(moved.as_deref(), Some("27"));
    type_text(&mut m, "zzz");
    assert_eq!(highlighted(&m), None);
    send_all(&mut m, [Msg::Edit(Edit::Clear)]);
    assert_eq!(highlighted(&m), moved);
    send(&mut m, Msg::Submit);
    assert_eq!(m.draft.prefecture.map(|c| c.to_string()), moved);
}

/// A key that edits the 都道府県 filter.
fn filter_edit() -> impl Strategy<Value = Msg> {
    prop_oneof![
        4 => prop::sample::select(vec!['o', 's', 'k', 'a', 't', '1', '2', 'と', 'う', '大', 'ﾄ'])
            .prop_map(Msg::Char),
        2 => Just(Msg::Edit(Edit::Backspace)),
        1 => Just(Msg::Edit(Edit::Left)),
        1 => Just(Msg::Edit(Edit::Delete)),
        1 => Just(Msg::Paste("おお".into())),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Editing the filter and clearing it never changes which prefecture Enter picks, unless
    /// the user moved the highlight (the moves here come before the edits).
    #[test]
    fn the_filter_never_changes_the_prefecture_enter_picks(
        answer in 1u8..=47,
        downs in 0usize..47,
        edits in prop::collection::vec(filter_edit(), 0..12),
    ) {
        let raw = RawAnswers {
            line: Some("cross".into()),
            collab: Some("no".into()),
            prefecture: Some(answer.to_string()),
            customer_id: Some(ID.into()),
            multiple_lines: Some("no".into()),
            ..RawAnswers::default()
        };
        let mut m = Model::with_answers(rules(), today(), &raw);
        open_from_review(&mut m, Prefecture);
        prop_assert_eq!(highlighted(&m), Some(answer.to_string()));
        for _ in 0..downs {
            send(&mut m, Msg::Down);
        }
        let before = highlighted(&m);
        for e in edits {
            send(&mut m, e);
            // While listed, the highlighted prefecture stays highlighted.
            if let Some(id) = &before
                && m.choices().iter().any(|c| &c.id == id)
            {
                prop_assert_eq!(highlighted(&m), Some(id.clone()));
            }
        }
        send(&mut m, Msg::Edit(Edit::Clear));
        prop_assert_eq!(highlighted(&m), before.clone());
        send(&mut m, Msg::Submit);
        prop_assert_eq!(m.draft.prefecture.map(|c| c.to_string()), before);
    }
}

// -------------------------------------------------------------------------------------------
// The footer's hints say what the keys do
// -------------------------------------------------------------------------------------------

fn hint(m: &Model<'_>, key: &str) -> Option<&'static str> {
    let result_lines = if m.step == Step::Result {
        oqs_line_check::wizard::result_view::lines(m).len()
    } else {
        0
    };
    key_hints(m, result_lines)
        .into_iter()
        .find(|(k, _)| *k == key)
        .map(|(_, what)| what)
}

/// Presses Esc on a copy of `m` and checks it does what the footer says.
fn esc_does_what_the_hint_says(m: &Model<'_>, origin: &str) {
    let said = hint(m, "Esc");
    let mut after = m.clone();
    send(&mut after, Msg::Back);
    let at = format!("{:?} ({origin}), overlay {:?}", m.step, m.overlay);
    match said {
        Some("終了") => {
            assert_eq!(
                after.overlay,
                Some(Overlay::QuitConfirm { yes: false }),
                "{at}"
            );
            assert_eq!(after.step, m.step, "{at}");
        }
        Some("戻る") => {
            assert_eq!(after.overlay, None, "{at}");
            assert_ne!(after.step, m.step, "{at}");
        }
        // The overlays: Esc closes them and leaves the step.
        Some("閉じる" | "やめる") => {
            assert!(m.overlay.is_some(), "{at}");
            assert_eq!((after.overlay, after.step), (None, m.step), "{at}");
        }
        other => panic!("Esc hint {other:?} on {at}"),
    }
}

#[test]
fn the_esc_hint_says_what_esc_does_on_every_step_and_from_the_review() {
    let specs = [
        Spec::new("next"),
        Spec {
            prefecture: "27",
            ..Spec::new("cross")
        },
        Spec::new("commufa"),
        Spec::new("unknown"),
    ];
    for spec in &specs {
        // Answering forward: each question as first reached.
        let mut m = new_model();
        while m.step.is_question() {
            esc_does_what_the_hint_says(&m, "forward");
            let mut help = m.clone();
            send(&mut help, Msg::Help);
            esc_does_what_the_hint_says(&help, "help");
            answer(&mut m, spec);
        }
        esc_does_what_the_hint_says(&m, "review");
        let mut quit = m.clone();
        send(&mut quit, Msg::Interrupt);
        esc_does_what_the_hint_says(&quit, "quit question");

        // Each question opened from the review (回線の種類 too: Esc returns to the review).
        for row in m.review_rows() {
            let mut opened = m.clone();
            open_from_review(&mut opened, row.step);
            esc_does_what_the_hint_says(&opened, "from the review");
            if row.step == Line {
                assert_eq!(hint(&opened, "Esc"), Some("戻る"));
            }
            // A changed ID is confirmed from there too.
            if row.step == CustomerId {
                enter_text(&mut opened, "CAF0123456780");
                assert_eq!(opened.step, CustomerIdConfirm);
                esc_does_what_the_hint_says(&opened, "confirmation from the review");
            }
        }

        let mut result = m.clone();
        show_result(&mut result);
        esc_does_what_the_hint_says(&result, "result");
    }
}

#[test]
fn the_result_offers_scrolling_only_when_there_is_more_to_read() {
    let mut offered = Vec::new();
    for line in ["next", "cross", "commufa", "unknown"] {
        for (width, height) in [(80, 24), (100, 60), (120, 200)] {
            let (mut m, _) = walked(&Spec::new(line));
            send(&mut m, Msg::Resize { width, height });
            show_result(&mut m);
            let says_read = hint(&m, "上下") == Some("読む");
            let mut moved = m.clone();
            send(&mut moved, Msg::Down);
            assert_eq!(
                says_read,
                moved.result_scroll > 0,
                "{line} at {width}x{height}"
            );
            offered.push(says_read);
        }
    }
    // Both cases were seen.
    assert!(
        offered.contains(&true) && offered.contains(&false),
        "{offered:?}"
    );
}

#[test]
fn progress_moves_forward_on_every_screen_and_says_how_many_may_follow() {
    let mut m = new_model();
    assert_eq!(progress_line(&m), "1問目 回線の種類 (あと最大9問)");
    walk_to(&mut m, &Spec::new("next"), Prefecture);
    assert_eq!(progress_line(&m), "3問目 都道府県 (あと最大7問)");
    walk_to(&mut m, &Spec::new("next"), V6);
    assert_eq!(
        progress_line(&m),
        "6問目 フレッツ・v6オプション (あと最大3問)"
    );
    walk_to(&mut m, &Spec::new("next"), CustomerId);
    assert_eq!(progress_line(&m), "7問目 お客さまID (あと最大2問)");
    walk_to(&mut m, &Spec::new("next"), CustomerIdConfirm);
    assert_eq!(progress_line(&m), "8問目 お客さまID (確認) (あと1問)");
    walk_to(&mut m, &Spec::new("next"), MultipleLines);
    assert_eq!(progress_line(&m), "9問目 複数の回線 (最後の質問です)");
    walk(&mut m, &Spec::new("next"));
    assert_eq!(progress_line(&m), "入力内容の確認");

    // A date after the cut-off leaves out the v6 question: what may follow falls, the
    // number goes on.
    let spec = Spec {
        applied: "2015-04-01",
        ..Spec::new("next")
    };
    let mut m = new_model();
    walk_to(&mut m, &spec, Applied);
    assert_eq!(progress_line(&m), "5問目 申込日 (あと最大5問)");
    walk_to(&mut m, &spec, CustomerId);
    assert_eq!(progress_line(&m), "6問目 お客さまID (あと最大2問)");

    let mut m = new_model();
    walk_to(&mut m, &Spec::new("cross"), Prefecture);
    assert_eq!(progress_line(&m), "3問目 都道府県 (あと最大3問)");
    walk_to(&mut m, &Spec::new("cross"), MultipleLines);
    assert_eq!(progress_line(&m), "6問目 複数の回線 (最後の質問です)");

    // わからない for the ID: no confirmation, so 複数の回線 follows as the next number.
    let spec = Spec {
        id: "unknown",
        ..Spec::new("cross")
    };
    let mut m = new_model();
    walk_to(&mut m, &spec, MultipleLines);
    assert_eq!(progress_line(&m), "5問目 複数の回線 (最後の質問です)");

    let mut m = new_model();
    walk_to(&mut m, &Spec::new("commufa"), Prefecture);
    assert_eq!(progress_line(&m), "2問目 都道府県 (最後の質問です)");

    // Opened from the review: the number only.
    let (mut m, _) = walked(&Spec::new("cross"));
    open_from_review(&mut m, Prefecture);
    assert_eq!(progress_line(&m), "3問目 都道府県");
}

/// One answer set for the forward walk, the 開通日 path and every line included.
#[derive(Debug, Clone)]
struct Walk {
    spec: Spec,
    /// 「開通日しかわからない」 on the 申込日, then this 開通日.
    opened: Option<&'static str>,
}

fn any_walk() -> impl Strategy<Value = Walk> {
    let line = prop::sample::select(vec![
        "next",
        "cross",
        "commufa",
        "bbiq",
        "ipsec",
        "other-flets",
        "other",
        "unknown",
    ]);
    let yes_no = || prop::sample::select(vec!["yes", "no", "unknown"]);
    let date = || {
        prop::sample::select(vec![
            "2008-01-01",
            "2012-05",
            "2015-04-01",
            "2021-05",
            "2023-01-01",
            "unknown",
        ])
    };
    (
        line,
        yes_no(),
        prop::sample::select(vec!["13", "27", "23", "40", "1"]),
        prop::sample::select(vec!["next-family", "unknown"]),
        date(),
        prop::sample::select(vec!["contracted", "not-contracted", "unknown"]),
        prop::sample::select(vec![ID, "unknown"]),
        yes_no(),
        prop::option::of(date()),
    )
        .prop_map(
            |(line, collab, prefecture, next_type, applied, v6, id, multiple, opened)| Walk {
                spec: Spec {
                    line,
                    collab,
                    prefecture,
                    next_type,
                    applied,
                    v6,
                    id,
                    multiple,
                },
                opened,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Walking forward, every screen's number is the last one's plus one, what may follow only
    /// falls, nothing said to follow at most is exceeded, and the last question says it is
    /// the last.
    #[test]
    fn the_progress_never_goes_back_or_promises_less_than_comes(w in any_walk()) {
        let mut m = new_model();
        let mut seen: Vec<(usize, usize, bool)> = Vec::new();
        while m.step.is_question() {
            prop_assert!(seen.len() < 20, "round in circles: {:?}", w);
            let Progress::Question { number, left, exact } = m.progress() else {
                panic!("{:?} unnumbered on the way: {:?}", m.step, w);
            };
            if let Some(&(n, l, e)) = seen.last() {
                prop_assert_eq!(number, n + 1, "{:?} {:?}", m.step, w);
                prop_assert!(left < l, "{:?}: あと{} after あと{}: {:?}", m.step, left, l, w);
                if e {
                    prop_assert!(exact && left + 1 == l, "{:?} {:?}", m.step, w);
                }
            }
            seen.push((number, left, exact));
            let step = m.step;
            match (step, w.opened) {
                (Applied, Some(_)) => send_all(&mut m, [Msg::Down, Msg::Down, Msg::Submit]),
                (Opened, Some(o)) => enter_text_or_unknown(&mut m, o),
                _ => answer(&mut m, &w.spec),
            }
            // A 申込日 that contains the cut-off asks for the day once: the same again goes on.
            if m.step == step && m.request.is_some() {
                send(&mut m, Msg::Submit);
            }
            prop_assert_ne!(m.step, step, "{:?} did not move on: {:?}", step, m.error);
        }
        prop_assert_eq!(m.step, Review);
        prop_assert_eq!(m.progress(), Progress::Unnumbered);
        let (last, left, exact) = *seen.last().expect("a question was asked");
        // (The first question cannot know: a line of another method asks nothing more.)
        if seen.len() > 1 {
            prop_assert!(exact && left == 0, "the last question says あと{}", left);
        }
        for (n, l, _) in &seen {
            prop_assert!(last <= n + l, "{}問目 said at most {} more, {} came", n, l, last - n);
        }
    }
}

// -------------------------------------------------------------------------------------------
// Back and forward keep answers
// -------------------------------------------------------------------------------------------

#[test]
fn back_to_the_first_question_and_forward_again_keeps_everything() {
    for spec in [
        Spec::new("next"),
        Spec {
            applied: "unknown",
            id: "unknown",
            prefecture: "おおさか",
            next_type: "unknown",
            multiple: "unknown",
            v6: "unknown",
            ..Spec::new("next")
        },
        Spec::new("cross"),
    ] {
        let (mut m, asked) = walked(&spec);
        let draft = m.draft.clone();
        let fields: Fields = m.fields.clone();

        let mut back = Vec::new();
        while m.step != Line {
            send(&mut m, Msg::Back);
            back.push(m.step);
            assert_eq!(m.draft, draft, "Back changed an answer on {:?}", m.step);
            assert_eq!(m.fields, fields, "Back changed a field on {:?}", m.step);
            assert!(back.len() <= asked.len(), "{back:?}");
        }
        // A confirmed お客さまID is not asked to be typed a second time again, back or forth.
        let asked: Vec<Step> = asked
            .into_iter()
            .filter(|&s| s != CustomerIdConfirm)
            .collect();
        let mut expected_back = asked.clone();
        expected_back.reverse();
        assert_eq!(back, expected_back, "{spec:?}");

        let mut forward = Vec::new();
        while m.step != Review {
            forward.push(m.step);
            send(&mut m, Msg::Submit);
            assert_eq!(m.error, None, "on {:?}", forward.last());
            assert!(forward.len() <= asked.len(), "{forward:?}");
        }
        assert_eq!(forward, asked, "{spec:?}");
        assert_eq!(m.draft, draft, "{spec:?}");
        assert_eq!(m.fields, fields, "{spec:?}");
    }
}

#[test]
fn back_on_the_first_question_asks_to_quit_and_back_closes_it() {
    let mut m = new_model();
    send(&mut m, Msg::Back);
    assert_eq!(m.overlay, Some(Overlay::QuitConfirm { yes: false }));
    send(&mut m, Msg::Back);
    assert_eq!(m.overlay, None);
    assert_eq!(m.step, Line);
    assert!(!m.quit);

    // The same with answers given: nothing is lost.
    let (mut m, _) = walked(&Spec::new("next"));
    let draft = m.draft.clone();
    while m.step != Line {
        send(&mut m, Msg::Back);
    }
    send(&mut m, Msg::Back);
    assert_eq!(m.overlay, Some(Overlay::QuitConfirm { yes: false }));
    // Enter on the highlighted いいえ closes it too.
    assert_eq!(send(&mut m, Msg::Submit), Command::None);
    assert_eq!(m.overlay, None);
    assert_eq!(m.draft, draft);
    assert!(!m.quit);
}

#[test]
fn back_keeps_the_text_being_typed() {
    let mut m = new_model();
    walk_to(&mut m, &Spec::new("next"), Applied);
    type_text(&mut m, "2010年4");
    send(&mut m, Msg::Back);
    assert_eq!(m.step, NextType);
    send(&mut m, Msg::Submit);
    assert_eq!(m.step, Applied);
    assert_eq!(m.fields.applied.value(), "2010年4");
    assert_eq!(m.draft.applied, None);
}

#[test]
fn back_from_the_result_and_the_review() {
    let (mut m, _) = walked(&Spec::new("next"));
    show_result(&mut m);
    send(&mut m, Msg::Back);
    assert_eq!(m.step, Review);
    send(&mut m, Msg::Back);
    assert_eq!(m.step, MultipleLines);
}

// -------------------------------------------------------------------------------------------
// Review: jump and return
// -------------------------------------------------------------------------------------------

#[test]
fn review_lists_every_answer() {
    let (m, _) = walked(&Spec::new("next"));
    let rows = m.review_rows();
    let steps: Vec<Step> = rows.iter().map(|r| r.step).collect();
    assert_eq!(
        steps,
        [
            Line,
            Collab,
            Prefecture,
            NextType,
            Applied,
            V6,
            CustomerId,
            MultipleLines,
            Step::ClinicName
        ]
    );
    assert!(rows.iter().all(|r| !r.missing), "{rows:?}");
    let values: Vec<&str> = rows.iter().map(|r| r.value.as_str()).collect();
    assert_eq!(values[0], "フレッツ 光ネクスト");
    assert!(values[2].starts_with("東京都"), "{}", values[2]);
    assert_eq!(values[3], "フレッツ 光ネクスト ファミリータイプ");
    assert_eq!(values[4], "2010年4月1日 (平成22年)");
    assert_eq!(values[5], "未契約");
    assert_eq!(values[6], ID);
    assert_eq!(values[7], "いいえ");
    // The cursor starts on 「この内容で結果を見る」.
    assert_eq!(m.cursor, rows.len());
}

#[test]
fn a_prefecture_change_re_asks_only_the_stale_type() {
    let spec = Spec {
        next_type: "next-giga-family-smart",
        applied: "2022-01-01",
        ..Spec::new("next")
    };
    let (mut m, asked) = walked(&spec);
    assert!(!asked.contains(&V6), "after both cut-offs");
    let applied = m.draft.applied;

    open_from_review(&mut m, Prefecture);
    enter_text(&mut m, "大阪");
    assert_eq!(m.draft.prefecture, Some(27));
    assert_eq!(m.step, NextType, "the East-only type is stale in the West");
    assert!(!choice_ids(&m).contains(&"next-giga-family-smart".to_string()));
    let row = &m.review_rows()[row_index(&m, NextType)];
    assert!(row.missing, "{row:?}");

    pick(&mut m, "next-family-superhispeed");
    assert_eq!(m.step, Review, "the date is still valid: not asked again");
    assert!(!m.from_review);
    assert_eq!(m.draft.applied, applied);
    assert!(m.review_rows().iter().all(|r| !r.missing));
    assert_eq!(
        m.draft.next_type.as_deref(),
        Some("next-family-superhispeed")
    );
}

#[test]
fn a_prefecture_change_asks_a_v6_question_that_now_applies() {
    // 2015 is after the East cut-off but before the West one.
    let spec = Spec {
        applied: "2015-04-01",
        ..Spec::new("next")
    };
    let (mut m, asked) = walked(&spec);
    assert!(!asked.contains(&V6));
    open_from_review(&mut m, Prefecture);
    enter_text(&mut m, "27");
    assert_eq!(
        m.step, V6,
        "the type is offered in the West; the v6 question now applies"
    );
    pick(&mut m, "contracted");
    assert_eq!(m.step, Review);
    assert_eq!(m.draft.v6, Some(V6Answer::Contracted));
}

#[test]
fn a_cop_id_is_stale_in_the_west() {
    let spec = Spec {
        id: "COP12345678",
        ..Spec::new("cross")
    };
    let (mut m, _) = walked(&spec);
    open_from_review(&mut m, Prefecture);
    enter_text(&mut m, "27");
    assert_eq!(m.step, CustomerId, "COP is East only");
    assert!(m.review_rows()[row_index(&m, CustomerId)].missing);
    enter_text(&mut m, ID);
    assert_eq!(m.step, CustomerIdConfirm);
    enter_text(&mut m, ID);
    assert_eq!(m.step, Review);
}

#[test]
fn an_id_change_from_the_review_is_confirmed_again() {
    let (mut m, _) = walked(&Spec::new("next"));
    open_from_review(&mut m, CustomerId);
    enter_text(&mut m, "CAF9876543210");
    assert_eq!(m.step, CustomerIdConfirm);
    assert!(!m.draft.customer_id_confirmed);
    assert!(m.review_rows()[row_index(&m, CustomerId)].missing);
    enter_text(&mut m, "CAF9876543210");
    assert_eq!(m.step, Review);
    assert!(m.draft.customer_id_confirmed);
    assert_eq!(
        m.review_rows()[row_index(&m, CustomerId)].value,
        "CAF9876543210"
    );

    // The same ID again needs no second confirmation.
    open_from_review(&mut m, CustomerId);
    send(&mut m, Msg::Submit);
    assert_eq!(m.step, Review);
    assert!(m.draft.customer_id_confirmed);
}

#[test]
fn a_change_that_makes_nothing_stale_goes_straight_back() {
    let (mut m, _) = walked(&Spec::new("next"));
    let before = m.draft.clone();
    open_from_review(&mut m, Collab);
    pick(&mut m, "yes");
    assert_eq!(m.step, Review);
    assert_eq!(m.draft.collab, Some(YesNo::Yes));
    assert_eq!(
        Draft {
            collab: before.collab,
            ..m.draft.clone()
        },
        before
    );

    open_from_review(&mut m, Applied);
    enter_text(&mut m, "2011-01-01");
    assert_eq!(
        m.step, Review,
        "still before the cut-off: the v6 answer stands"
    );

    open_from_review(&mut m, MultipleLines);
    pick(&mut m, "yes");
    assert_eq!(m.step, Review);
    assert_eq!(m.draft.multiple_lines, Some(YesNo::Yes));
}

#[test]
fn esc_from_a_question_opened_from_the_review_returns_to_it() {
    let (mut m, _) = walked(&Spec::new("next"));
    let draft = m.draft.clone();
    for step in [Line, Prefecture, Applied, CustomerId, MultipleLines] {
        open_from_review(&mut m, step);
        // Look around, type a little, then change one's mind.
        send_all(&mut m, [Msg::Down, Msg::Up]);
        if m.typing() {
            type_text(&mut m, "x");
        }
        send(&mut m, Msg::Back);
        assert_eq!(m.step, Review, "{step:?}");
        assert!(!m.from_review);
        assert_eq!(m.draft, draft, "{step:?}");
    }
}

#[test]
fn a_line_change_from_the_review_asks_the_new_questions() {
    let (mut m, _) = walked(&Spec::new("cross"));
    open_from_review(&mut m, Line);
    pick(&mut m, "next");
    assert_eq!(m.step, NextType);
    pick(&mut m, "next-family");
    assert_eq!(m.step, Applied);
    enter_text(&mut m, "2010-04-01");
    assert_eq!(m.step, V6);
    pick(&mut m, "contracted");
    assert_eq!(m.step, Review, "collab, prefecture and the ID were kept");
    assert_eq!(
        m.draft.customer_id.clone().flatten().unwrap().normalized,
        ID
    );

    // And to a line with no further questions: straight back.
    open_from_review(&mut m, Line);
    pick(&mut m, "bbiq");
    assert_eq!(m.step, Review, "the prefecture was kept");
    assert_eq!(m.review_rows().len(), 3, "line, prefecture, clinic name");
    open_from_review(&mut m, Line);
    pick(&mut m, "ipsec");
    assert_eq!(m.step, Review);
    assert_eq!(m.review_rows().len(), 2);
}

// -------------------------------------------------------------------------------------------
// The result is check's decision
// -------------------------------------------------------------------------------------------

fn decision_specs() -> Vec<(Spec, Verdict)> {
    vec![
        (Spec::new("next"), Verdict::ActionRequired),
        (
            Spec {
                v6: "contracted",
                multiple: "yes",
                ..Spec::new("next")
            },
            Verdict::Ready,
        ),
        (
            Spec {
                prefecture: "27",
                collab: "yes",
                ..Spec::new("cross")
            },
            Verdict::Ready,
        ),
        (
            Spec {
                id: "caf 0123-456789",
                ..Spec::new("cross")
            },
            Verdict::Ready,
        ),
        (
            Spec {
                id: "ＣＡＦ０１２３－４５６７８９",
                prefecture: "とうきょう",
                ..Spec::new("cross")
            },
            Verdict::Ready,
        ),
        (Spec::new("commufa"), Verdict::OtherMethod),
        (Spec::new("bbiq"), Verdict::OtherMethod),
        (Spec::new("ipsec"), Verdict::OtherMethod),
        (Spec::new("other"), Verdict::OtherMethod),
        (Spec::new("other-flets"), Verdict::NotEligible),
        (
            Spec {
                collab: "unknown",
                ..Spec::new("unknown")
            },
            Verdict::Confirm,
        ),
        (
            Spec {
                collab: "unknown",
                next_type: "unknown",
                applied: "unknown",
                v6: "unknown",
                id: "unknown",
                multiple: "unknown",
                ..Spec::new("next")
            },
            Verdict::Confirm,
        ),
        (
            Spec {
                prefecture: "27",
                next_type: "next-mansion-superhispeed",
                applied: "2022-01-01",
                ..Spec::new("next")
            },
            Verdict::Ready,
        ),
        (
            Spec {
                prefecture: "40",
                applied: "2012-05-28",
                v6: "unknown",
                ..Spec::new("next")
            },
            // Before the cut-off the option is off unless contracted: to contract, after checking.
            Verdict::ActionRequired,
        ),
        (
            Spec {
                id: "COP12345678",
                next_type: "next-family-gigaline",
                applied: "2012-05-29",
                ..Spec::new("next")
            },
            Verdict::Ready,
        ),
    ]
}

#[test]
fn the_result_is_checks_decision_for_the_same_answers() {
    for (spec, verdict) in decision_specs() {
        let (mut m, asked) = walked(&spec);
        show_result(&mut m);
        let raw = spec.raw(&asked);
        let expected = check_decision(&raw);
        let got = m.decision.clone().expect("a decision on the result");
        assert_eq!(got, expected, "{spec:?}");
        assert_eq!(
            serde_json::to_value(&got).unwrap(),
            serde_json::to_value(&expected).unwrap()
        );
        assert_eq!(got.verdict, verdict, "{spec:?}");
        assert_eq!(
            m.draft.answers(rules()),
            parse_answers(rules(), &raw, today()).unwrap()
        );
    }
}

// -------------------------------------------------------------------------------------------
// Technician start
// -------------------------------------------------------------------------------------------

fn full_raw() -> RawAnswers {
    RawAnswers {
        line: Some("next-family".into()),
        prefecture: Some("13".into()),
        collab: Some("no".into()),
        applied: Some("2010-04-01".into()),
        opened: None,
        v6: Some("not-contracted".into()),
        customer_id: Some("caf-0123-456789".into()),
        multiple_lines: Some("no".into()),
        clinic_name: None,
    }
}

#[test]
fn technician_start_with_every_answer_opens_the_review() {
    let raw = full_raw();
    let mut m = Model::with_answers(rules(), today(), &raw);
    assert_eq!(m.step, Review);
    assert!(m.review_rows().iter().all(|r| !r.missing));
    assert_eq!(m.draft.next_type.as_deref(), Some("next-family"));
    assert!(m.draft.customer_id_confirmed);
    assert_eq!(m.fields.customer_id.value(), "caf-0123-456789");
    show_result(&mut m);
    assert_eq!(m.decision, Some(check_decision(&raw)));

    // Pre-filled answers can still be changed.
    send(&mut m, Msg::Back);
    open_from_review(&mut m, MultipleLines);
    pick(&mut m, "yes");
    assert_eq!(m.step, Review);
    assert_eq!(m.draft.multiple_lines, Some(YesNo::Yes));

    // Every line of the first question, given alone where nothing else applies.
    for line in ["ipsec", "other-flets", "other"] {
        let raw = RawAnswers {
            line: Some(line.into()),
            ..RawAnswers::default()
        };
        let m = Model::with_answers(rules(), today(), &raw);
        assert_eq!(m.step, Review, "{line}");
    }
    // CTC's and QTnet's lines are asked their prefecture.
    for line in ["commufa", "bbiq"] {
        let raw = RawAnswers {
            line: Some(line.into()),
            ..RawAnswers::default()
        };
        let m = Model::with_answers(rules(), today(), &raw);
        assert_eq!(m.step, Prefecture, "{line}");
    }
}

#[test]
fn technician_start_with_answers_missing_opens_the_first_missing_question() {
    let some = RawAnswers {
        line: Some("next".into()),
        prefecture: Some("東京都".into()),
        ..RawAnswers::default()
    };
    let m = Model::with_answers(rules(), today(), &some);
    assert_eq!(m.step, Collab);
    assert_eq!(m.draft.prefecture, Some(13));

    for (drop, expected) in [
        ("collab", Collab),
        ("prefecture", Prefecture),
        ("applied", Applied),
        ("v6", V6),
        ("customer_id", CustomerId),
        ("multiple_lines", MultipleLines),
    ] {
        let mut raw = full_raw();
        match drop {
            "collab" => raw.collab = None,
            "prefecture" => raw.prefecture = None,
            "applied" => raw.applied = None,
            "v6" => raw.v6 = None,
            "customer_id" => raw.customer_id = None,
            _ => raw.multiple_lines = None,
        }
        let m = Model::with_answers(rules(), today(), &raw);
        assert_eq!(m.step, expected, "without {drop}");
    }

    // The generic line asks for the type.
    let raw = RawAnswers {
        line: Some("next".into()),
        ..full_raw()
    };
    assert_eq!(Model::with_answers(rules(), today(), &raw).step, NextType);
    // An East-only type in the West: asked again, with the West's types.
    let raw = RawAnswers {
        line: Some("next-giga-family-smart".into()),
        prefecture: Some("27".into()),
        ..full_raw()
    };
    let m = Model::with_answers(rules(), today(), &raw);
    assert_eq!(m.step, NextType);
    assert!(!choice_ids(&m).contains(&"next-giga-family-smart".to_string()));

    // Nothing given: the first question.
    let m = Model::with_answers(rules(), today(), &RawAnswers::default());
    assert_eq!(m.step, Line);
}

#[test]
fn technician_start_with_a_bad_id_keeps_the_text_on_the_id_question() {
    let raw = RawAnswers {
        customer_id: Some("C0P12345678".into()),
        ..full_raw()
    };
    let mut m = Model::with_answers(rules(), today(), &raw);
    assert_eq!(m.step, CustomerId);
    assert_eq!(m.fields.customer_id.value(), "C0P12345678");
    assert_eq!(m.draft.customer_id, None);
    assert_eq!(m.focus, Focus::Field);
    assert!(m.typing());
    let Some(IdPreview::Id(_, verdict)) = m.customer_id_preview() else {
        panic!("the live check shows");
    };
    assert!(verdict.is_err());
    // The answers before it are all there.
    assert_eq!(m.draft.prefecture, Some(13));
    assert_eq!(m.draft.v6, Some(V6Answer::NotContracted));

    // Fixing the letter (O, not zero) and confirming leads to the review.
    send_all(&mut m, [Msg::Edit(Edit::Home), Msg::Edit(Edit::Right)]);
    send_all(&mut m, [Msg::Edit(Edit::Delete), Msg::Char('O')]);
    assert_eq!(m.fields.customer_id.value(), "COP12345678");
    send(&mut m, Msg::Submit);
    assert_eq!(m.step, CustomerIdConfirm);
    enter_text(&mut m, "COP12345678");
    assert_eq!(m.step, MultipleLines, "the next question of a forward walk");
}

#[test]
fn technician_start_with_a_bad_date_keeps_the_text() {
    let raw = RawAnswers {
        applied: Some("2010-13-45".into()),
        ..full_raw()
    };
    let m = Model::with_answers(rules(), today(), &raw);
    assert_eq!(m.step, Applied);
    assert_eq!(m.fields.applied.value(), "2010-13-45");
    assert_eq!(m.draft.applied, None);
}

#[test]
fn technician_start_reads_flags_the_way_check_does() {
    // `check` takes these spellings (case, spaces, full-width); the wizard must not ask again.
    let raw = RawAnswers {
        line: Some(" Next-Family ".into()),
        prefecture: Some("tokyo".into()),
        collab: Some("No".into()),
        applied: Some("2010-04-01".into()),
        opened: None,
        v6: Some("Not-Contracted".into()),
        customer_id: Some(ID.into()),
        multiple_lines: Some("NO".into()),
        clinic_name: None,
    };
    let expected = check_decision(&raw);
    let mut m = Model::with_answers(rules(), today(), &raw);
    assert_eq!(m.step, Review, "{:?}", m.draft);
    show_result(&mut m);
    assert_eq!(m.decision, Some(expected));

    let raw = RawAnswers {
        applied: Some("Unknown".into()),
        ..full_raw()
    };
    let m = Model::with_answers(rules(), today(), &raw);
    assert_eq!(m.draft.applied, Some(None));
    assert_eq!(m.step, Review);
}

// -------------------------------------------------------------------------------------------
// Ctrl-C, help
// -------------------------------------------------------------------------------------------

#[test]
fn ctrl_c_asks_and_a_second_one_quits() {
    let mut m = new_model();
    assert_eq!(send(&mut m, Msg::Interrupt), Command::None);
    assert_eq!(m.overlay, Some(Overlay::QuitConfirm { yes: false }));
    assert!(!m.quit);
    assert_eq!(send(&mut m, Msg::Interrupt), Command::Quit);
    assert!(m.quit);

    // Mid-answer, with the help open: asks first, and Back keeps what was typed.
    let mut m = new_model();
    walk_to(&mut m, &Spec::new("next"), Applied);
    type_text(&mut m, "2010");
    send(&mut m, Msg::Help);
    assert_eq!(m.overlay, Some(Overlay::Help));
    assert_eq!(send(&mut m, Msg::Interrupt), Command::None);
    assert_eq!(m.overlay, Some(Overlay::QuitConfirm { yes: false }));
    send(&mut m, Msg::Back);
    assert_eq!(m.overlay, None);
    assert_eq!(m.step, Applied);
    assert_eq!(m.fields.applied.value(), "2010");

    // Choosing はい quits with Enter.
    send(&mut m, Msg::Interrupt);
    send(&mut m, Msg::Char('1'));
    assert_eq!(m.overlay, Some(Overlay::QuitConfirm { yes: true }));
    assert_eq!(send(&mut m, Msg::Submit), Command::Quit);
}

#[test]
fn question_mark_is_help_only_where_nothing_is_typed() {
    let mut m = new_model();
    send(&mut m, Msg::Char('?'));
    assert_eq!(m.overlay, Some(Overlay::Help));
    send(&mut m, Msg::Back);
    assert_eq!(m.overlay, None);

    walk_to(&mut m, &Spec::new("next"), Prefecture);
    send(&mut m, Msg::Char('?'));
    assert_eq!(m.overlay, None);
    assert_eq!(m.fields.prefecture.value(), "?");
}

// -------------------------------------------------------------------------------------------
// Saving
// -------------------------------------------------------------------------------------------

fn save_request(cmd: Command) -> SaveRequest {
    match cmd {
        Command::Save(req) => req,
        other => panic!("expected a save, got {other:?}"),
    }
}

#[test]
fn save_writes_markdown_json_and_answers() {
    let (mut m, asked) = walked(&Spec::new("next"));
    show_result(&mut m);
    let decision = m.decision.clone().unwrap();
    let req = save_request(send(&mut m, Msg::Save));
    assert_eq!(m.save, SaveState::Saving);
    let exts: Vec<&str> = req.files.iter().map(|(e, _)| *e).collect();
    assert_eq!(exts, ["html", "json", "toml"]);

    let json = &req.files[1].1;
    let parsed: serde_json::Value = serde_json::from_str(json).expect("valid JSON");
    assert_eq!(parsed, serde_json::to_value(&decision).unwrap());

    let sheet = &req.files[0].1;
    assert!(sheet.starts_with("<!DOCTYPE html>"), "{sheet}");
    assert!(sheet.contains(ID), "{sheet}");
    assert!(sheet.contains(decision.verdict.label()), "{sheet}");
    assert!(!sheet.chars().any(|c| c.is_control() && c != '\n'));

    // The answer file starts the wizard again at the review, with the same result.
    let toml_text = &req.files[2].1;
    let raw: RawAnswers = toml::from_str(toml_text).expect("the answer file parses");
    let mut again = Model::with_answers(rules(), today(), &raw);
    assert_eq!(again.step, Review);
    show_result(&mut again);
    assert_eq!(again.decision, Some(decision.clone()));
    assert_eq!(check_decision(&Spec::new("next").raw(&asked)), decision);

    // A second press while saving does nothing.
    assert_eq!(send(&mut m, Msg::Save), Command::None);
}

#[test]
fn a_failed_save_keeps_everything_and_says_so() {
    let (mut m, _) = walked(&Spec::new("cross"));
    show_result(&mut m);
    let decision = m.decision.clone();
    let draft = m.draft.clone();
    let fields = m.fields.clone();
    send_all(&mut m, [Msg::Down, Msg::Down]);
    let scroll = m.result_scroll;
    save_request(send(&mut m, Msg::Save));
    let failure = SaveFailure {
        summary: "起動したフォルダーにもホームフォルダーにも保存できませんでした".into(),
        reasons: vec![
            "起動したフォルダー (/mnt/cd) に保存できません: 読み取り専用の場所です。".into(),
            "ホームフォルダー (/home/u) に保存できません: ディスクに空きがありません。".into(),
        ],
        advice: "保存先を直して (…) から、F2 でもう一度保存してください。".into(),
    };
    let cmd = send(&mut m, Msg::Saved(Err(failure.clone())));
    assert_eq!(cmd, Command::None);
    assert_eq!(m.save, SaveState::Failed(failure));
    assert_eq!(m.step, Result);
    assert_eq!(m.decision, decision);
    assert_eq!(m.draft, draft);
    assert_eq!(m.fields, fields);
    assert_eq!(m.result_scroll, scroll);
    // The reason is shown in a box; Enter closes it and the result is as it was.
    assert_eq!(m.overlay, Some(Overlay::SaveResult));
    send(&mut m, Msg::Submit);
    assert_eq!(m.overlay, None);

    // Trying again is possible, and success is shown.
    save_request(send(&mut m, Msg::Save));
    let saved = saved_in_home(&["/home/u/a.md", "/home/u/a.json"]);
    send(&mut m, Msg::Saved(Ok(saved.clone())));
    assert_eq!(m.save, SaveState::Saved(saved));
}

/// A save the start folder refused and the home folder took.
fn saved_in_home(paths: &[&str]) -> Saved {
    Saved {
        paths: paths.iter().map(|p| p.to_string()).collect(),
        place: "ホームフォルダー".into(),
        refused: vec![
            "起動したフォルダー (/proc) に保存できません: ファイルを作れないフォルダーです。"
                .into(),
        ],
    }
}

#[test]
fn save_is_only_on_the_result() {
    let (mut m, _) = walked(&Spec::new("next"));
    assert_eq!(send(&mut m, Msg::Save), Command::None);
    assert_eq!(m.save, SaveState::NotSaved);
}

// -------------------------------------------------------------------------------------------
// Text input
// -------------------------------------------------------------------------------------------

#[test]
fn pasted_text_is_cleaned_bounded_and_never_submits() {
    let mut m = new_model();
    walk_to(&mut m, &Spec::new("cross"), CustomerId);
    send(&mut m, Msg::Paste("CAF\u{1b}[2J0123\n456789\r\n".into()));
    assert_eq!(m.step, CustomerId, "a newline does not advance");
    assert_eq!(m.fields.customer_id.value(), "CAF[2J0123456789");

    send(&mut m, Msg::Edit(Edit::Clear));
    send(&mut m, Msg::Paste("あ".repeat(1_000_000)));
    assert_eq!(m.fields.customer_id.value().chars().count(), MAX_CHARS);
    let error = m.error.clone().expect("a message when the field is full");
    assert_eq!(error.code, "too_long");

    // The prefecture's filter is bounded the same way, and says so.
    let mut m = new_model();
    walk_to(&mut m, &Spec::new("cross"), Prefecture);
    send(&mut m, Msg::Paste("とうきょう".repeat(100)));
    assert_eq!(m.fields.prefecture.value().chars().count(), MAX_CHARS);
    let error = m.error.clone().expect("a message when the filter is full");
    assert_eq!((error.field, error.code), (Field::Prefecture, "too_long"));
    send(&mut m, Msg::Edit(Edit::Backspace));
    assert_eq!(m.error, None);

    // Typing while on わからない goes to the field.
    let mut m = new_model();
    walk_to(&mut m, &Spec::new("cross"), CustomerId);
    send_all(&mut m, [Msg::Edit(Edit::Clear), Msg::Down]);
    assert_eq!(m.focus, Focus::Unknown);
    send(&mut m, Msg::Char('C'));
    assert_eq!(m.focus, Focus::Field);
    assert_eq!(m.fields.customer_id.value(), "C");
}

#[test]
fn resizing_keeps_answers_and_text() {
    let mut m = new_model();
    walk_to(&mut m, &Spec::new("next"), Applied);
    type_text(&mut m, "平成22");
    let draft = m.draft.clone();
    let fields = m.fields.clone();
    for (width, height) in [(0, 0), (1, 1), (10, 3), (40, 10), (300, 100), (80, 24)] {
        send(&mut m, Msg::Resize { width, height });
        assert_eq!(m.viewport, (width, height));
        assert_eq!(m.draft, draft);
        assert_eq!(m.fields, fields);
        assert_eq!(m.step, Applied);
    }

    // Keys pressed while the window is too small are not taken, and counted for the screen
    // that says so; what was typed before stays.
    send(
        &mut m,
        Msg::Resize {
            width: 40,
            height: 10,
        },
    );
    send_all(
        &mut m,
        [Msg::Char('x'), Msg::Edit(Edit::Backspace), Msg::Submit],
    );
    assert_eq!(m.keys_not_taken, 3);
    assert_eq!((m.step, &m.draft, &m.fields), (Applied, &draft, &fields));
    send(
        &mut m,
        Msg::Resize {
            width: 80,
            height: 24,
        },
    );
    assert_eq!(m.keys_not_taken, 0);
    assert_eq!((m.step, &m.draft, &m.fields), (Applied, &draft, &fields));

    let (mut m, _) = walked(&Spec::new("next"));
    show_result(&mut m);
    send(&mut m, Msg::End);
    let bottom = m.result_scroll;
    assert!(bottom > 0, "the result is taller than 80x24");
    send(
        &mut m,
        Msg::Resize {
            width: 300,
            height: 100,
        },
    );
    assert!(m.result_scroll <= bottom);
    send(
        &mut m,
        Msg::Resize {
            width: 0,
            height: 0,
        },
    );
    send(
        &mut m,
        Msg::Resize {
            width: 80,
            height: 24,
        },
    );
    assert_eq!(m.step, Result);
}

// -------------------------------------------------------------------------------------------
// Properties
// -------------------------------------------------------------------------------------------

/// Only moving around: never answers anything.
fn navigation_msg() -> impl Strategy<Value = Msg> {
    prop::sample::select(vec![Msg::Back, Msg::Up, Msg::Down])
}

/// Where a random run starts: a fresh wizard, the review reached by walking one of the answer
/// sets (so `from_review`, the focus and the fields are as a user leaves them), or a technician
/// start from the same answers.
#[derive(Debug, Clone, Copy)]
enum Start {
    Fresh,
    Walked(usize),
    Technician(usize),
}

fn start() -> impl Strategy<Value = Start> {
    let n = decision_specs().len();
    prop_oneof![
        1 => Just(Start::Fresh),
        1 => (0..n).prop_map(Start::Walked),
        1 => (0..n).prop_map(Start::Technician),
    ]
}

fn start_model(start: Start) -> Model<'static> {
    match start {
        Start::Fresh => new_model(),
        Start::Walked(i) => walked(&decision_specs()[i].0).0,
        Start::Technician(i) => {
            let spec = &decision_specs()[i].0;
            let (_, asked) = walked(spec);
            Model::with_answers(rules(), today(), &spec.raw(&asked))
        }
    }
}

fn check_invariants(m: &Model<'_>, before: &Model<'_>, msg: &Msg, cmd: &Command) {
    let r = rules();
    for (name, field) in [
        ("prefecture", &m.fields.prefecture),
        ("applied", &m.fields.applied),
        ("customer_id", &m.fields.customer_id),
        ("customer_id_confirm", &m.fields.customer_id_confirm),
    ] {
        let value = field.value();
        assert!(
            value.chars().count() <= MAX_CHARS,
            "{name} holds {} characters",
            value.chars().count()
        );
        assert!(
            !value.chars().any(char::is_control),
            "{name} holds a control character: {value:?}"
        );
    }
    // Only Enter and a typed digit answer a question.
    if !matches!(msg, Msg::Submit | Msg::Char(_)) {
        assert_eq!(m.draft, before.draft, "{msg:?} changed an answer");
    }
    // Only typing, pasting and editing change what a field holds (Home and End move the
    // caret of a text field).
    if !matches!(
        msg,
        Msg::Char(_) | Msg::Paste(_) | Msg::Edit(_) | Msg::Home | Msg::End
    ) {
        let mut expected = before.fields.clone();
        // The one exception: entering a new お客さまID empties the old one's confirmation,
        // which would only mismatch.
        if *msg == Msg::Submit
            && before.step == CustomerId
            && m.fields.customer_id_confirm.value().is_empty()
            && before.draft.customer_id != m.draft.customer_id
        {
            expected.customer_id_confirm = m.fields.customer_id_confirm.clone();
        }
        assert_eq!(m.fields, expected, "{msg:?} changed a field");
    }
    if let Msg::Resize { width, height } = msg {
        assert_eq!(m.viewport, (*width, *height));
    }
    if m.step == Step::Result {
        let decision = m.decision.as_ref().expect("a decision on the result");
        let answers = m.draft.answers(r);
        assert_eq!(decision, &decide(r, &answers));
        // Only settled, consistent answers reach the result, and `check` reads the saved
        // answer file to the same answers (the ID as its normalised text).
        assert_eq!(m.draft.first_unsettled(r), None);
        assert_eq!(check_consistency(r, &answers), []);
        let reread = parse_answers(r, &save_content::raw_answers(&answers), today())
            .expect("check takes the saved answers");
        let id = |a: &Answers| a.customer_id.as_ref().map(|n| n.normalized.clone());
        assert_eq!(id(&reread), id(&answers));
        assert_eq!(
            Answers {
                customer_id: None,
                ..reread
            },
            Answers {
                customer_id: None,
                ..answers
            }
        );
    }
    if let Command::Save(req) = cmd {
        assert_eq!(before.step, Step::Result);
        let json = &req.files.iter().find(|(e, _)| *e == "json").unwrap().1;
        let parsed: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(
            parsed,
            serde_json::to_value(m.decision.as_ref().unwrap()).unwrap()
        );
        assert_eq!(m.save, SaveState::Saving);
    }
    if *cmd == Command::Quit {
        assert!(m.quit);
    }
    // The cursor is on something that exists.
    match m.step {
        Step::Review => assert!(m.cursor <= m.review_rows().len()),
        Step::Result => {}
        s if s.is_question() => {
            let n = m.choices().len();
            assert!(
                n == 0 || m.cursor < n,
                "cursor {} of {n} on {s:?}",
                m.cursor
            );
        }
        _ => {}
    }
    // The step is one that applies, and the progress line makes sense.
    assert!(m.draft.applies(r, m.step), "{:?} does not apply", m.step);
    // Every question on the way to the review has a number; the review and the result none.
    assert_eq!(
        m.progress().number().is_some(),
        m.step.is_question() && m.step != Step::ClinicName,
        "{:?}: {:?}",
        m.step,
        m.progress()
    );
    if m.overlay.is_none() && m.step == Step::Review && m.draft.first_unsettled(r).is_none() {
        assert!(m.review_rows().iter().all(|row| !row.missing));
    }
}

fn run(m: &mut Model<'_>, msgs: Vec<Msg>) {
    for msg in msgs {
        let before = m.clone();
        let cmd = update(m, msg.clone());
        check_invariants(m, &before, &msg, &cmd);
        if cmd == Command::Quit {
            break;
        }
    }
}

/// The state machine's run: 256 random walks, and a bounded shrink. Unbounded, a failing walk of
/// up to 200 messages can shrink for a long time; capped, a regression fails fast, with a walk
/// still short enough to read.
fn state_machine_config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        max_shrink_iters: 2048,
        max_shrink_time: 10_000,
        ..ProptestConfig::default()
    }
}

#[test]
fn the_state_machine_property_shrinks_for_a_bounded_time() {
    let c = state_machine_config();
    assert!(
        c.max_shrink_time > 0 && c.max_shrink_time <= 10_000,
        "{c:?}"
    );
    assert!(
        c.max_shrink_iters > 0 && c.max_shrink_iters <= 4096,
        "{c:?}"
    );
}

proptest! {
    #![proptest_config(state_machine_config())]

    #[test]
    fn random_messages_never_break_the_wizard(
        start in start(),
        msgs in prop::collection::vec(any_msg(), 0..200),
    ) {
        let mut m = start_model(start);
        run(&mut m, msgs);
    }

    #[test]
    fn navigating_never_changes_an_answer(
        start in start(),
        prefix in prop::collection::vec(any_msg(), 0..60),
        moves in prop::collection::vec(navigation_msg(), 1..100),
    ) {
        let mut m = start_model(start);
        run(&mut m, prefix);
        prop_assume!(!m.quit);
        let draft = m.draft.clone();
        let fields = m.fields.clone();
        let settled: Vec<Step> = Step::all()
            .filter(|&s| s.is_question() && m.draft.settled(rules(), s))
            .collect();
        for msg in moves {
            prop_assert_ne!(update(&mut m, msg), Command::Quit);
        }
        prop_assert_eq!(&m.draft, &draft);
        prop_assert_eq!(&m.fields, &fields);
        for s in settled {
            prop_assert!(m.draft.settled(rules(), s), "{:?} is no longer settled", s);
        }
    }
}

#[test]
fn a_changed_id_starts_its_confirmation_empty_and_esc_there_goes_to_the_first_entry() {
    let (mut m, _) = walked(&Spec::new("next"));
    open_from_review(&mut m, CustomerId);
    enter_text(&mut m, "CAF9876543210");
    assert_eq!(m.step, CustomerIdConfirm);
    // The old ID's confirmation is gone: it would only mismatch.
    assert_eq!(m.fields.customer_id_confirm.value(), "");
    // Esc on the confirmation goes to the first entry (as its mismatch message says), even
    // when the question was opened from the review.
    send(&mut m, Msg::Back);
    assert_eq!(m.step, CustomerId);
    assert_eq!(m.fields.customer_id.value(), "CAF9876543210");
}

#[test]
fn an_unknown_id_survives_a_saved_answer_file() {
    let mut raw = full_raw();
    raw.customer_id = Some("unknown".into());
    let m = Model::with_answers(rules(), today(), &raw);
    assert_eq!(m.draft.customer_id, Some(None));
    assert_eq!(m.step, Review);
    // And `check` reads the same file the same way.
    assert!(parse_answers(rules(), &raw, today()).is_ok());
}

#[test]
fn invisible_formatting_characters_never_enter_a_field() {
    let (mut m, _) = walked(&Spec::new("next"));
    open_from_review(&mut m, CustomerId);
    send_all(&mut m, [Msg::Edit(Edit::Clear)]);
    send(
        &mut m,
        Msg::Paste("\u{202E}CAF\u{200B}0123456789\u{FEFF}\u{2028}".into()),
    );
    assert_eq!(m.fields.customer_id.value(), "CAF0123456789");
}

#[test]
fn an_unsaved_result_does_not_quit_on_a_second_enter_and_f2_saves_from_the_dialog() {
    let (mut m, _) = walked(&Spec::new("next"));
    show_result(&mut m);
    send(&mut m, Msg::Submit);
    assert_eq!(m.overlay, Some(Overlay::QuitConfirm { yes: false }));
    // Enter again keeps the wizard open.
    assert_eq!(send(&mut m, Msg::Submit), Command::None);
    assert_eq!(m.step, Result);
    // From the dialog, F2 saves.
    send(&mut m, Msg::Submit);
    assert!(matches!(send(&mut m, Msg::Save), Command::Save(_)));
    send(&mut m, Msg::Saved(Ok(saved_in_home(&["/home/u/a.md"]))));
    assert_eq!(m.overlay, Some(Overlay::SaveResult));
    send(&mut m, Msg::Submit);
    assert_eq!(m.overlay, None);
    // Saved: now 終了する is preselected.
    send(&mut m, Msg::Submit);
    assert_eq!(m.overlay, Some(Overlay::QuitConfirm { yes: true }));
    assert_eq!(send(&mut m, Msg::Submit), Command::Quit);
}

// -------------------------------------------------------------------------------------------
// An お客さまID given in a file or a flag, and answers a change made stale
// -------------------------------------------------------------------------------------------

/// The reviewer's partial answer file: every answer but the 光ネクスト type.
fn partial_raw() -> RawAnswers {
    RawAnswers {
        line: Some("next".into()),
        prefecture: Some("tokyo".into()),
        collab: Some("no".into()),
        applied: Some("2012-05-28".into()),
        opened: None,
        v6: Some("unknown".into()),
        customer_id: Some("caf0123456789".into()),
        multiple_lines: Some("no".into()),
        clinic_name: None,
    }
}

#[test]
fn an_id_from_a_file_is_not_typed_again_whether_the_file_is_partial_or_complete() {
    let mut m = Model::with_answers(rules(), today(), &partial_raw());
    assert_eq!(m.step, NextType);
    assert!(
        m.draft.customer_id_confirmed,
        "not typed here: nothing to check"
    );
    assert_eq!(m.fields.customer_id_confirm.value(), "", "never a copy");
    pick(&mut m, "next-family");
    // Enter through the given answers: the ID once, no confirmation.
    let mut seen = Vec::new();
    while m.step != Review {
        seen.push(m.step);
        assert!(seen.len() <= 5, "{seen:?}");
        send(&mut m, Msg::Submit);
        assert_eq!(m.error, None, "on {:?}", seen.last());
    }
    assert_eq!(seen, [Applied, V6, CustomerId, MultipleLines]);
    assert_eq!(m.fields.customer_id_confirm.value(), "");
    assert!(m.review_rows().iter().all(|r| !r.missing));

    // The complete file: straight to the review, the same answers, the same decision.
    let complete = RawAnswers {
        line: Some("next-family".into()),
        ..partial_raw()
    };
    let mut c = Model::with_answers(rules(), today(), &complete);
    assert_eq!(c.step, Review);
    assert_eq!(c.draft, m.draft);
    show_result(&mut c);
    show_result(&mut m);
    assert_eq!(m.decision, c.decision);
    assert_eq!(m.decision, Some(check_decision(&complete)));

    // Back from the question after it goes to the ID itself, not to a second entry.
    let mut m = Model::with_answers(rules(), today(), &partial_raw());
    pick(&mut m, "next-family");
    send_all(&mut m, [Msg::Submit, Msg::Submit, Msg::Submit]);
    assert_eq!(m.step, MultipleLines);
    send(&mut m, Msg::Back);
    assert_eq!(m.step, CustomerId);
}

#[test]
fn a_changed_id_from_a_file_is_typed_twice_into_an_empty_field() {
    let mut m = Model::with_answers(rules(), today(), &full_raw());
    assert_eq!(m.step, Review);
    open_from_review(&mut m, CustomerId);
    enter_text(&mut m, "CAF9876543210");
    assert_eq!(m.step, CustomerIdConfirm);
    assert!(!m.draft.customer_id_confirmed);
    assert_eq!(m.fields.customer_id_confirm.value(), "");
    // Enter alone is no confirmation.
    send(&mut m, Msg::Submit);
    assert_eq!(m.step, CustomerIdConfirm);
    assert_eq!(
        m.error.as_ref().map(|e| e.code),
        Some("confirmation_mismatch")
    );
    type_text(&mut m, "CAF9876543210");
    send(&mut m, Msg::Submit);
    assert_eq!(m.step, Review);
    assert!(m.draft.customer_id_confirmed);

    // Back to the file's ID: a change like any other, typed twice.
    open_from_review(&mut m, CustomerId);
    enter_text(&mut m, "caf-0123-456789");
    assert_eq!(m.step, CustomerIdConfirm);
    assert_eq!(m.fields.customer_id_confirm.value(), "");
}

#[test]
fn a_typed_id_once_confirmed_is_not_asked_twice_again() {
    let (mut m, asked) = walked(&Spec::new("next"));
    assert!(
        asked.contains(&CustomerIdConfirm),
        "typed here: checked once"
    );
    assert!(!m.draft.applies(rules(), CustomerIdConfirm));
    // The same ID again from the review, and Enter through it going forward.
    open_from_review(&mut m, CustomerId);
    send(&mut m, Msg::Submit);
    assert_eq!(m.step, Review);
    let mut m2 = new_model();
    walk_to(&mut m2, &Spec::new("next"), MultipleLines);
    send(&mut m2, Msg::Back);
    assert_eq!(m2.step, CustomerId);
    send(&mut m2, Msg::Submit);
    assert_eq!(m2.step, MultipleLines);
}

/// The message line's width in an 80-column window.
const MESSAGE_COLUMNS: usize = 76;

#[test]
fn a_type_the_new_area_does_not_offer_says_why_in_the_rules_words() {
    // The reviewer's walk: a West-only type with 大阪府, then 東京都 from the review.
    let spec = Spec {
        prefecture: "27",
        next_type: "next-family-superhispeed",
        ..Spec::new("next")
    };
    let (mut m, _) = walked(&spec);
    assert_eq!(m.error, None);
    open_from_review(&mut m, Prefecture);
    enter_text(&mut m, "東京都");
    assert_eq!(m.step, NextType);
    let e = m.error.clone().expect("a reason on arrival");
    assert_eq!(
        e.message,
        "ファミリースーパーハイスピードタイプはNTT東日本にはありません。"
    );
    // Moving in the list keeps it; answering clears it.
    send(&mut m, Msg::Down);
    assert_eq!(m.error.as_ref(), Some(&e));
    pick(&mut m, "next-family");
    assert_eq!(m.error, None);
    assert_eq!(m.step, Review);

    // The East-only types the other way round.
    let (mut m, _) = walked(&Spec {
        next_type: "next-giga-mansion-smart",
        ..Spec::new("next")
    });
    open_from_review(&mut m, Prefecture);
    enter_text(&mut m, "27");
    assert_eq!(
        m.error.map(|e| e.message).as_deref(),
        Some("ギガマンション・スマートタイプはNTT西日本にはありません。")
    );
}

#[test]
fn every_stale_type_reason_names_type_and_area_and_fits_the_message_line() {
    use unicode_width::UnicodeWidthStr;
    let r = rules();
    let mut checked = 0;
    for line in r.lines.iter().filter(|l| l.subtype) {
        for (pref, area) in [(13u8, Area::East), (27, Area::West)] {
            if line.offered_in(area) {
                continue;
            }
            let other = if pref == 13 { 27 } else { 13 };
            let raw = RawAnswers {
                line: Some(line.id.clone()),
                prefecture: Some(other.to_string()),
                ..full_raw()
            };
            let mut m = Model::with_answers(r, today(), &raw);
            assert_eq!(m.step, Review, "{}", line.id);
            open_from_review(&mut m, Prefecture);
            enter_text(&mut m, &pref.to_string());
            assert_eq!(m.step, NextType);
            let message = m.error.expect("a reason").message;
            let short = line.name.trim_start_matches("フレッツ 光ネクスト ");
            assert!(message.starts_with(short), "{message}");
            assert!(message.contains(&r.area(area).name), "{message}");
            assert!(message.width() <= MESSAGE_COLUMNS, "{message}");
            checked += 1;
        }
    }
    assert_eq!(checked, 6, "four East-only and two West-only types");
}

#[test]
fn a_stale_type_from_a_file_or_reopened_from_the_review_says_why_too() {
    let raw = RawAnswers {
        line: Some("next-giga-family-smart".into()),
        prefecture: Some("27".into()),
        ..full_raw()
    };
    let mut m = Model::with_answers(rules(), today(), &raw);
    assert_eq!(m.step, NextType);
    let reason = m.error.clone().expect("a reason on the first screen");
    assert!(reason.message.contains("NTT西日本"), "{reason}");
    // Esc to the review and back again: the same reason.
    send(&mut m, Msg::Back);
    assert_eq!(m.step, Prefecture);
    assert_eq!(m.error, None, "the prefecture is fine");
    send(&mut m, Msg::Submit);
    assert_eq!(m.step, NextType);
    assert_eq!(m.error.as_ref(), Some(&reason));
}

#[test]
fn an_id_the_new_area_does_not_take_says_why() {
    let spec = Spec {
        id: "COP12345678",
        ..Spec::new("cross")
    };
    let (mut m, _) = walked(&spec);
    open_from_review(&mut m, Prefecture);
    enter_text(&mut m, "27");
    assert_eq!(m.step, CustomerId);
    let e = m.error.clone().expect("a reason on arrival");
    assert_eq!(e.field, Field::CustomerId);
    assert!(e.message.contains("NTT西日本"), "{e}");
    assert!(e.message.contains("CAF"), "{e}");
    // The old ID is still in the field, to mend; typing clears the message.
    assert_eq!(m.fields.customer_id.value(), "COP12345678");
    send(&mut m, Msg::Edit(Edit::End));
    send(&mut m, Msg::Char('9'));
    assert_eq!(m.error, None);
    // A change that leaves every answer fitting says nothing.
    let (mut m, _) = walked(&Spec::new("cross"));
    open_from_review(&mut m, Prefecture);
    enter_text(&mut m, "27");
    assert_eq!(m.step, Review);
    assert_eq!(m.error, None);
}

// -------------------------------------------------------------------------------------------
// An explicit v6 answer: the wizard follows `check`
// -------------------------------------------------------------------------------------------

/// Every answer given as a technician gives it, with `v6` and `applied` as asked.
fn technician_raw(line: &str, pref: &str, applied: &str, v6: Option<&str>) -> RawAnswers {
    RawAnswers {
        line: Some(line.into()),
        prefecture: Some(pref.into()),
        collab: Some("no".into()),
        applied: (line != "cross").then(|| applied.into()),
        opened: None,
        v6: v6.map(Into::into),
        customer_id: Some(ID.into()),
        multiple_lines: Some("no".into()),
        clinic_name: None,
    }
}

/// Starts the wizard from `raw`, shows the result and saves it: the result, and the answer
/// file's answers read back.
fn result_and_saved_answers(raw: &RawAnswers) -> (Model<'static>, RawAnswers) {
    let mut m = Model::with_answers(rules(), today(), raw);
    // Only a v6 answer the date leaves open is asked: answered as `check` reads its absence.
    // The questions after it keep their given answers: Enter on each.
    if m.step == V6 {
        assert_eq!(raw.v6, None);
        pick(&mut m, "unknown");
        for _ in 0..5 {
            if m.step == Review {
                break;
            }
            send(&mut m, Msg::Submit);
        }
    }
    assert_eq!(m.step, Review, "{raw:?}");
    show_result(&mut m);
    let req = save_request(send(&mut m, Msg::Save));
    let toml_text = &req.files[2].1;
    let saved: RawAnswers = toml::from_str(toml_text).expect("the answer file parses");
    (m, saved)
}

#[test]
fn a_given_v6_answer_after_the_cut_off_is_kept_shown_and_saved() {
    // The reviewer's case: a 2013 line (after the East cut-off) whose technician knows the
    // option is not contracted.
    let raw = technician_raw("next-family", "13", "2013-01-01", Some("not-contracted"));
    let m = Model::with_answers(rules(), today(), &raw);
    let row = m
        .review_rows()
        .into_iter()
        .find(|r| r.step == V6)
        .expect("the given v6 answer has a review row");
    assert_eq!(row.value, "未契約");
    assert!(!row.missing);

    let (m, saved) = result_and_saved_answers(&raw);
    let decision = m.decision.clone().unwrap();
    assert_eq!(decision, check_decision(&raw));
    assert_eq!(decision.verdict, Verdict::ActionRequired);
    assert_eq!(saved.v6.as_deref(), Some("not-contracted"));
    assert_eq!(check_decision(&saved), decision);
}

#[test]
fn the_wizard_ends_with_checks_decision_whatever_the_v6_answer_and_date() {
    let cases = [
        (
            "next-family",
            "13",
            ["2012-05-28", "2012-05-29", "2013-01-01", "unknown"],
        ),
        (
            "next-family",
            "27",
            ["2021-05-10", "2021-05-11", "2010-04-01", "unknown"],
        ),
        ("cross", "13", ["unknown"; 4]),
        ("cross", "27", ["unknown"; 4]),
    ];
    let mut compared = 0;
    for (line, pref, dates) in cases {
        for applied in dates {
            for v6 in [
                None,
                Some("contracted"),
                Some("not-contracted"),
                Some("unknown"),
            ] {
                let raw = technician_raw(line, pref, applied, v6);
                let (m, saved) = result_and_saved_answers(&raw);
                let decision = m.decision.clone().unwrap();
                let what = format!("{line} {pref} {applied} {v6:?}");
                assert_eq!(decision, check_decision(&raw), "{what}");
                // The answer file says what was given, and reads back to the same decision.
                assert_eq!(saved.v6.as_deref(), Some(v6.unwrap_or("unknown")), "{what}");
                assert_eq!(check_decision(&saved), decision, "{what}");
                let mut again = Model::with_answers(rules(), today(), &saved);
                show_result(&mut again);
                assert_eq!(again.decision, Some(decision), "{what}");
                compared += 1;
            }
        }
    }
    assert_eq!(compared, 64);
}

#[test]
fn the_review_row_of_a_v6_answer_the_date_made_unnecessary_opens_the_question() {
    let raw = technician_raw("next-family", "13", "2013-01-01", Some("not-contracted"));
    let mut m = Model::with_answers(rules(), today(), &raw);
    open_from_review(&mut m, V6);
    assert_eq!(choice_ids(&m)[m.cursor], "not-contracted");
    pick(&mut m, "contracted");
    assert_eq!(m.step, Review);
    show_result(&mut m);
    let mut changed = raw.clone();
    changed.v6 = Some("contracted".into());
    assert_eq!(m.decision, Some(check_decision(&changed)));
    assert_eq!(m.decision.as_ref().map(|d| d.verdict), Some(Verdict::Ready));

    // Without an answer the date settles it: no question, no row.
    let m = Model::with_answers(
        rules(),
        today(),
        &technician_raw("next-family", "13", "2013-01-01", None),
    );
    assert!(m.review_rows().iter().all(|r| r.step != V6));
}

#[test]
fn a_v6_answer_given_in_the_wizard_stays_when_a_later_date_settles_the_default() {
    // 2010: the question is asked and answered 未契約; then the date is mended to 2013.
    let (mut m, asked) = walked(&Spec::new("next"));
    assert!(asked.contains(&V6));
    open_from_review(&mut m, Applied);
    enter_text(&mut m, "2013-01-01");
    assert_eq!(m.step, Review);
    let row = m.review_rows().into_iter().find(|r| r.step == V6);
    assert_eq!(row.map(|r| r.value), Some("未契約".to_string()));
    show_result(&mut m);
    let mut raw = Spec::new("next").raw(&asked);
    raw.applied = Some("2013-01-01".into());
    assert_eq!(m.decision, Some(check_decision(&raw)));
    assert_eq!(
        m.decision.as_ref().map(|d| d.verdict),
        Some(Verdict::ActionRequired)
    );
}

/// The 申込日 help names the cut-off of the chosen prefecture's area only, as the seed gives it
/// (平成24年5月29日 for NTT東日本, 令和3年5月11日 for NTT西日本).
#[test]
fn the_applied_help_names_only_the_areas_own_cut_off() {
    let east = "NTT東日本の光ネクストは、2012年5月29日 (平成24年) 以降";
    let west = "NTT西日本の光ネクストは、2021年5月11日 (令和3年) 以降";
    for (prefecture, own, other) in [("13", east, west), ("27", west, east)] {
        let spec = Spec {
            prefecture,
            ..Spec::new("next")
        };
        let (mut m, _) = walked(&spec);
        open_from_review(&mut m, Applied);
        let (_, paragraphs) = oqs_line_check::wizard::help::help(&m);
        let text = paragraphs.join("\n");
        assert!(text.contains(own), "{prefecture}: {text}");
        assert!(!text.contains(other), "{prefecture}: {text}");
    }
}

/// 医療機関名 is never a question on the way to the review; it is a row there, typed into a
/// field that leads back to the review, checked as `check` checks it, and carried into the
/// result, the saved files and their name.
#[test]
fn the_clinic_name_is_a_row_of_the_review_and_goes_into_the_saved_files() {
    let (mut m, asked) = walked(&Spec::new("cross"));
    assert!(!asked.contains(&Step::ClinicName));
    assert_eq!(m.step, Review);
    let row = &m.review_rows()[row_index(&m, Step::ClinicName)];
    assert_eq!(row.label, "医療機関名");
    assert!(!row.missing);
    let progress = progress_line(&m);

    open_from_review(&mut m, Step::ClinicName);
    assert!(m.typing());
    // The field takes no invisible character; a name too long is refused with the field's name.
    type_text(&mut m, "さくら\u{200B}医院");
    assert_eq!(m.fields.clinic_name.value(), "さくら医院");
    type_text(&mut m, &"あ".repeat(50));
    send(&mut m, Msg::Submit);
    assert_eq!(m.step, Step::ClinicName);
    let e = m.error.clone().unwrap_or_else(|| panic!("too long"));
    assert_eq!(e.field, Field::ClinicName);
    assert!(e.message.starts_with("医療機関名: "), "{}", e.message);
    // Esc leads back to the review and keeps no half-typed name as the answer.
    send(&mut m, Msg::Back);
    assert_eq!(m.step, Review);
    assert_eq!(m.draft.clinic_name, None);

    open_from_review(&mut m, Step::ClinicName);
    send(&mut m, Msg::Edit(Edit::Clear));
    type_text(&mut m, " ｻｸﾗ医院／本院 ");
    send(&mut m, Msg::Submit);
    assert_eq!(m.step, Review);
    assert_eq!(progress_line(&m), progress);
    assert_eq!(m.draft.clinic_name.as_deref(), Some("サクラ医院/本院"));
    assert_eq!(
        m.review_rows()[row_index(&m, Step::ClinicName)].value,
        "サクラ医院/本院"
    );

    show_result(&mut m);
    let decision = m.decision.clone().unwrap_or_else(|| panic!("a result"));
    assert_eq!(decision.clinic_name.as_deref(), Some("サクラ医院/本院"));
    let req = save_request(send(&mut m, Msg::Save));
    assert_eq!(req.clinic_name.as_deref(), Some("サクラ医院/本院"));
    let toml_text = &req.files.iter().find(|(e, _)| *e == "toml").unwrap().1;
    let raw: RawAnswers = toml::from_str(toml_text).expect("the answer file parses");
    assert_eq!(raw.clinic_name.as_deref(), Some("サクラ医院/本院"));
    let json = &req.files.iter().find(|(e, _)| *e == "json").unwrap().1;
    assert!(
        json.contains(r#""clinic_name": "サクラ医院/本院""#),
        "{json}"
    );
    let at = NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(9, 30, 0))
        .unwrap();
    assert_eq!(
        oqs_line_check::wizard::file_name::stem(req.clinic_name.as_deref(), at),
        "oqs-line-check-サクラ医院_本院-20261125-093000"
    );

    // Cleared again: no name anywhere.
    send(&mut m, Msg::Back);
    open_from_review(&mut m, Step::ClinicName);
    send_all(&mut m, [Msg::Edit(Edit::Clear), Msg::Submit]);
    assert_eq!(m.step, Review);
    assert_eq!(m.draft.clinic_name, None);
}

#[test]
fn cross_with_not_contracted_from_a_flag_is_shown_and_decided_as_check_does() {
    let raw = RawAnswers {
        line: Some("cross".into()),
        collab: Some("no".into()),
        prefecture: Some("13".into()),
        v6: Some("未契約".into()),
        customer_id: Some(ID.into()),
        multiple_lines: Some("no".into()),
        ..RawAnswers::default()
    };
    let mut m = Model::with_answers(rules(), today(), &raw);
    assert_eq!(m.step, Review);
    let v6 = m.review_rows().into_iter().find(|r| r.step == V6);
    assert_eq!(v6.map(|r| r.value), Some("未契約".to_string()));
    show_result(&mut m);
    let d = m.decision.clone().expect("a decision");
    assert_eq!(d.verdict, Verdict::ActionRequired);
    assert_eq!(d, check_decision(&raw));
}
