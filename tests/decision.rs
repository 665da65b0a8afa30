//! The decision, through the library: every boundary of the v6 rules, every area,
//! every line id, the actions and their order, the contacts and the verdict rules.

use chrono::NaiveDate;
use oqs_line_check::rules::answers::{check_consistency, parse_answers};
use oqs_line_check::rules::decision::Action;
use oqs_line_check::rules::embedded;
use oqs_line_check::rules::report;

use oqs_line_check::rules::prefecture::parse_prefecture;
use oqs_line_check::rules::{
    ActionCode, Answers, Area, Decision, Field, FieldError, LineKind, RawAnswers, RuleSet,
    V6Status, Verdict, YesNo, decide,
};
use strum::IntoEnumIterator;

const TODAY: (i32, u32, u32) = (2024, 4, 1);

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(TODAY.0, TODAY.1, TODAY.2).unwrap()
}

fn rules() -> &'static RuleSet {
    embedded::rules().unwrap()
}

const EAST_URL: &str = "https://flets.com/v6option/flow.html";
const WEST_URL: &str = "https://flets-w.com/opt/v6option/";
const EAST_COLLABO_LIST: &str = "https://flets.com/collabo/list/";
const WEST_COLLABO_LIST: &str = "https://flets-w.com/collabo/list/index.php";
const CONNECTABLE_LIST: &str =
    "https://www.ssk.or.jp/seikyushiharai/online/online_04.files/claimsys35.pdf";
const PHONE: &str = "0120-116-116";
const HOURS: &str = "午前9時から午後5時、年末年始を除く";
const ID: &str = "CAF0123456789";

/// The action codes in the order of the contract: the three for a line that is not (or not yet
/// known to be) FLET'S, then the FLET'S ones.
const ORDER: [&str; 9] = [
    "confirm_line_type",
    "check_again",
    "consult_connectable_list",
    "confirm_v6_option",
    "contract_v6_option",
    "find_customer_id",
    "use_connecting_line_id",
    "apply_on_portal",
    "check_auto_reply_email",
];

/// The seed's two lists, verbatim.
const SEED_EAST: &str = "北海道、青森県、岩手県、宮城県、秋田県、山形県、福島県、茨城県、栃木県、群馬県、埼玉県、千葉県、東京都、神奈川県、新潟県、山梨県、長野県";
const SEED_WEST: &str = "富山県、石川県、福井県、岐阜県、静岡県、愛知県、三重県、滋賀県、京都府、大阪府、兵庫県、奈良県、和歌山県、鳥取県、島根県、岡山県、広島県、山口県、徳島県、香川県、愛媛県、高知県、福岡県、佐賀県、長崎県、熊本県、大分県、宮崎県、鹿児島県、沖縄県";

/// All the line ids of the contract.
const LINE_IDS: [&str; 19] = [
    "next",
    "next-family",
    "next-family-hispeed",
    "next-mansion",
    "next-mansion-hispeed",
    "next-business",
    "next-giga-family-smart",
    "next-giga-mansion-smart",
    "next-family-gigaline",
    "next-mansion-gigaline",
    "next-family-superhispeed",
    "next-mansion-superhispeed",
    "cross",
    "commufa",
    "bbiq",
    "ipsec",
    "other-flets",
    "other",
    "unknown",
];
const EAST_ONLY: [&str; 4] = [
    "next-giga-family-smart",
    "next-giga-mansion-smart",
    "next-family-gigaline",
    "next-mansion-gigaline",
];
const WEST_ONLY: [&str; 2] = ["next-family-superhispeed", "next-mansion-superhispeed"];

/// The コラボ光 answers a line can take: CTC's and QTnet's lines are never コラボ光.
fn collabs(line: &str) -> &'static [&'static str] {
    if ["commufa", "bbiq"].contains(&line) {
        &["no", "unknown"]
    } else {
        &["yes", "no", "unknown"]
    }
}

/// Answers as the flags give them.
#[derive(Clone)]
struct Q(RawAnswers);

fn q(line: &str) -> Q {
    Q(RawAnswers {
        line: Some(line.to_string()),
        ..RawAnswers::default()
    })
}

impl Q {
    fn pref(mut self, p: &str) -> Self {
        self.0.prefecture = Some(p.to_string());
        self
    }
    fn applied(mut self, d: &str) -> Self {
        self.0.applied = Some(d.to_string());
        self
    }
    fn v6(mut self, v: &str) -> Self {
        self.0.v6 = Some(v.to_string());
        self
    }
    fn collab(mut self, c: &str) -> Self {
        self.0.collab = Some(c.to_string());
        self
    }
    fn id(mut self, id: &str) -> Self {
        self.0.customer_id = Some(id.to_string());
        self
    }
    fn multiple(mut self, m: &str) -> Self {
        self.0.multiple_lines = Some(m.to_string());
        self
    }
    fn answers(&self) -> Answers {
        parse_answers(rules(), &self.0, today())
            .unwrap_or_else(|e| panic!("{:?} should parse: {e:?}", self.0))
    }
    fn decide(&self) -> Decision {
        decide(rules(), &self.answers())
    }
    fn errors(&self) -> Vec<FieldError> {
        match parse_answers(rules(), &self.0, today()) {
            Ok(a) => panic!("{:?} should fail, got {a:?}", self.0),
            Err(e) => e,
        }
    }
}

fn codes(d: &Decision) -> Vec<&'static str> {
    d.actions.iter().map(|a| a.code.into()).collect()
}

fn action(d: &Decision, code: ActionCode) -> &Action {
    d.actions
        .iter()
        .find(|a| a.code == code)
        .unwrap_or_else(|| panic!("no {code} in {:?}", codes(d)))
}

fn has(d: &Decision, code: ActionCode) -> bool {
    d.actions.iter().any(|a| a.code == code)
}

// ---------------------------------------------------------------------------------------------
// The v6 boundaries.

#[test]
fn east_cut_off_is_2012_05_29() {
    let old = q("next-family")
        .pref("東京")
        .applied("2012-05-28")
        .id(ID)
        .decide();
    assert_eq!(old.area, Some(Area::East));
    assert_eq!(old.v6_option, V6Status::ContractRequired);
    assert_eq!(old.verdict, Verdict::ActionRequired);
    let contract = action(&old, ActionCode::ContractV6Option);
    assert_eq!(contract.url.as_deref(), Some(EAST_URL));
    // The East has no cost notes in the seed: none of the West's may leak in.
    assert!(
        contract.steps.iter().all(|s| !s.contains("2,000")),
        "{:?}",
        contract.steps
    );

    let new = q("next-family")
        .pref("東京")
        .applied("2012-05-29")
        .id(ID)
        .decide();
    assert_eq!(new.v6_option, V6Status::DefaultOn);
    assert_eq!(new.verdict, Verdict::Ready);
    assert!(!has(&new, ActionCode::ContractV6Option));
    assert!(!has(&new, ActionCode::ConfirmV6Option));
}

#[test]
fn west_cut_off_is_2021_05_11() {
    let old = q("next-family")
        .pref("大阪")
        .applied("2021-05-10")
        .id(ID)
        .decide();
    assert_eq!(old.area, Some(Area::West));
    assert_eq!(old.v6_option, V6Status::ContractRequired);
    assert_eq!(old.verdict, Verdict::ActionRequired);
    let contract = action(&old, ActionCode::ContractV6Option);
    assert_eq!(contract.url.as_deref(), Some(WEST_URL));
    // West's cost notes: 工事費 税抜2,000円, free to use, no 工事費 in the two cases.
    let steps = contract.steps.join("\n");
    assert!(steps.contains("税抜2,000円"), "{steps}");
    assert!(steps.contains("利用料は無料"), "{steps}");
    assert!(steps.contains("回線の開通と同時"), "{steps}");
    assert!(steps.contains("サービス情報サイト"), "{steps}");
    assert!(steps.contains("工事費も無料"), "{steps}");

    let new = q("next-family")
        .pref("大阪")
        .applied("2021-05-11")
        .id(ID)
        .decide();
    assert_eq!(new.v6_option, V6Status::DefaultOn);
    assert_eq!(new.verdict, Verdict::Ready);
    assert!(!has(&new, ActionCode::ContractV6Option));
}

#[test]
fn the_east_rule_does_not_apply_in_the_west_nor_the_west_rule_in_the_east() {
    // 2015: after the East cut-off, before the West one.
    let east = q("next-family").pref("東京").applied("2015-01-01").decide();
    assert_eq!(east.v6_option, V6Status::DefaultOn);
    let west = q("next-family").pref("大阪").applied("2015-01-01").decide();
    assert_eq!(west.v6_option, V6Status::ContractRequired);
}

#[test]
fn every_next_type_follows_its_areas_cut_off() {
    let cases = [
        ("東京", Area::East, "2012-05-28", "2012-05-29", EAST_URL),
        ("大阪", Area::West, "2021-05-10", "2021-05-11", WEST_URL),
    ];
    for (pref, area, before, on, url) in cases {
        for line in rules()
            .lines
            .iter()
            .filter(|l| l.id.starts_with("next") && l.offered_in(area))
        {
            let d = q(&line.id).pref(pref).applied(before).id(ID).decide();
            assert_eq!(
                d.v6_option,
                V6Status::ContractRequired,
                "{} {pref}",
                line.id
            );
            assert_eq!(d.verdict, Verdict::ActionRequired, "{} {pref}", line.id);
            assert_eq!(
                action(&d, ActionCode::ContractV6Option).url.as_deref(),
                Some(url)
            );
            assert_eq!(d.portal.line_category, Some(1));
            let d = q(&line.id).pref(pref).applied(on).id(ID).decide();
            assert_eq!(d.v6_option, V6Status::DefaultOn, "{} {pref}", line.id);
            assert_eq!(d.verdict, Verdict::Ready, "{} {pref}", line.id);
        }
    }
}

#[test]
fn cross_is_default_on_in_both_areas_whatever_the_date() {
    for pref in ["東京", "大阪", "北海道", "沖縄"] {
        for applied in [
            None,
            Some("2001-01-01"),
            Some("2012-05-28"),
            Some("2012-05-29"),
            Some("2021-05-10"),
            Some("2021-05-11"),
            Some("2024-04-01"),
        ] {
            let mut question = q("cross").pref(pref).id(ID);
            if let Some(a) = applied {
                question = question.applied(a);
            }
            let d = question.decide();
            assert_eq!(d.v6_option, V6Status::DefaultOn, "{pref} {applied:?}");
            assert_eq!(d.verdict, Verdict::Ready, "{pref} {applied:?}");
            assert_eq!(d.portal.line_category, Some(1));
            assert!(!has(&d, ActionCode::ContractV6Option));
            assert!(!has(&d, ActionCode::ConfirmV6Option));

            // Without the ID it is only the ID that is missing.
            let mut question = q("cross").pref(pref);
            if let Some(a) = applied {
                question = question.applied(a);
            }
            let d = question.decide();
            assert_eq!(d.v6_option, V6Status::DefaultOn);
            assert_eq!(d.verdict, Verdict::Confirm);
            assert_eq!(
                codes(&d),
                [
                    "find_customer_id",
                    "apply_on_portal",
                    "check_auto_reply_email"
                ]
            );
        }
    }
}

#[test]
fn v6_contracted_overrides_an_old_date_or_no_date() {
    for (pref, old) in [("東京", "2012-05-28"), ("大阪", "2021-05-10")] {
        for applied in [Some(old), Some("2000-01-01"), None] {
            let mut question = q("next-mansion").pref(pref).v6("contracted").id(ID);
            if let Some(a) = applied {
                question = question.applied(a);
            }
            let d = question.decide();
            assert_eq!(d.v6_option, V6Status::Contracted, "{pref} {applied:?}");
            assert_eq!(d.verdict, Verdict::Ready, "{pref} {applied:?}");
            assert_eq!(codes(&d), ["apply_on_portal", "check_auto_reply_email"]);
        }
    }
}

#[test]
fn v6_not_contracted_overrides_a_new_date_or_no_date() {
    for (pref, new, url) in [
        ("東京", "2012-05-29", EAST_URL),
        ("大阪", "2021-05-11", WEST_URL),
    ] {
        for applied in [Some(new), Some("2024-03-31"), None] {
            let mut question = q("next-mansion").pref(pref).v6("not-contracted").id(ID);
            if let Some(a) = applied {
                question = question.applied(a);
            }
            let d = question.decide();
            assert_eq!(
                d.v6_option,
                V6Status::ContractRequired,
                "{pref} {applied:?}"
            );
            assert_eq!(d.verdict, Verdict::ActionRequired, "{pref} {applied:?}");
            // The user says it is missing: contract it. On a line that normally has it (applied
            // on or after the cut-off), confirm first.
            let mut expected = vec![
                "contract_v6_option",
                "apply_on_portal",
                "check_auto_reply_email",
            ];
            if applied.is_some() {
                expected.insert(0, "confirm_v6_option");
            }
            assert_eq!(codes(&d), expected, "{pref} {applied:?}");
            assert_eq!(
                action(&d, ActionCode::ContractV6Option).url.as_deref(),
                Some(url)
            );
        }
    }
}

#[test]
fn an_old_line_with_v6_unknown_is_told_how_to_check_and_how_to_contract() {
    // The default was OFF but the contract form may have added it: confirm, then contract.
    let d = q("next-family")
        .pref("東京")
        .applied("2012-05-28")
        .v6("unknown")
        .id(ID)
        .decide();
    assert_eq!(d.v6_option, V6Status::ContractRequired);
    assert_eq!(d.verdict, Verdict::ActionRequired);
    assert_eq!(
        codes(&d),
        [
            "confirm_v6_option",
            "contract_v6_option",
            "apply_on_portal",
            "check_auto_reply_email"
        ]
    );
    let confirm = action(&d, ActionCode::ConfirmV6Option);
    assert!(
        confirm
            .steps
            .iter()
            .any(|s| s.contains("すでに契約されている場合")),
        "{:?}",
        confirm.steps
    );
}

#[test]
fn date_unknown_and_v6_unknown_is_unknown_and_confirm() {
    for pref in ["東京", "大阪"] {
        for applied in [None, Some("unknown")] {
            let mut question = q("next-family").pref(pref).id(ID);
            if let Some(a) = applied {
                question = question.applied(a);
            }
            for question in [question.clone(), question.v6("unknown")] {
                let d = question.decide();
                assert_eq!(d.applied, None);
                assert_eq!(d.v6_option, V6Status::Unknown, "{pref}");
                assert_eq!(d.verdict, Verdict::Confirm, "{pref}");
                assert_eq!(
                    codes(&d),
                    [
                        "confirm_v6_option",
                        "apply_on_portal",
                        "check_auto_reply_email"
                    ]
                );
            }
        }
    }
    // The type unknown (`next`) too.
    let d = q("next").pref("北海道").decide();
    assert_eq!(d.v6_option, V6Status::Unknown);
    assert_eq!(d.verdict, Verdict::Confirm);
}

// ---------------------------------------------------------------------------------------------
// Areas.

#[test]
fn every_prefecture_is_in_the_seeds_area() {
    let east: Vec<&str> = SEED_EAST.split('、').collect();
    let west: Vec<&str> = SEED_WEST.split('、').collect();
    assert_eq!(east.len(), 17);
    assert_eq!(west.len(), 30);
    let mut codes_seen = Vec::new();
    for (names, area, url, contact) in [
        (&east, Area::East, EAST_URL, "NTT東日本"),
        (&west, Area::West, WEST_URL, "NTT西日本"),
    ] {
        for name in names {
            let p = parse_prefecture(rules(), name).unwrap();
            assert_eq!(p.name, *name);
            assert_eq!(p.area, area, "{name}");
            codes_seen.push(p.code);

            // And the decision follows it: the area, the URL, the contact.
            let d = q("next-business")
                .pref(name)
                .applied("2000-01-01")
                .collab("no")
                .decide();
            assert_eq!(d.area, Some(area), "{name}");
            let pref = d.prefecture.as_ref().unwrap();
            assert_eq!((pref.code, pref.name.as_str()), (p.code, *name));
            assert_eq!(
                action(&d, ActionCode::ContractV6Option).url.as_deref(),
                Some(url),
                "{name}"
            );
            assert_eq!(d.contacts.len(), 1, "{name}");
            assert!(d.contacts[0].name.starts_with(contact), "{name}");
        }
    }
    codes_seen.sort_unstable();
    assert_eq!(codes_seen, (1..=47).collect::<Vec<u8>>());
}

#[test]
fn a_type_the_area_does_not_offer_is_an_input_error() {
    for (lines, pref) in [(&EAST_ONLY[..], "大阪"), (&WEST_ONLY[..], "東京")] {
        for line in lines {
            let errors = q(line).pref(pref).applied("2020-01-01").id(ID).errors();
            assert_eq!(errors.len(), 1, "{line} {pref}: {errors:?}");
            assert_eq!(errors[0].field, Field::Line);
            assert_eq!(errors[0].code, "not_offered_in_area");
            assert!(errors[0].message.starts_with("回線の種類: "), "{errors:?}");
            assert!(errors[0].message.contains(pref), "{errors:?}");
        }
    }
    // Each type is accepted where it is offered.
    for line in EAST_ONLY {
        q(line).pref("北海道").answers();
        q(line).pref("長野").answers();
    }
    for line in WEST_ONLY {
        q(line).pref("富山").answers();
        q(line).pref("沖縄").answers();
    }
}

#[test]
fn next_and_cross_need_the_prefecture() {
    for line in LINE_IDS
        .iter()
        .filter(|l| l.starts_with("next") || **l == "cross")
    {
        for question in [
            q(line),
            q(line).pref("unknown"),
            q(line).applied("2020-01-01").id(ID),
        ] {
            let errors = question.errors();
            assert_eq!(errors.len(), 1, "{line}: {errors:?}");
            assert_eq!(errors[0].field, Field::Prefecture, "{line}");
            assert_eq!(errors[0].code, "missing");
            assert!(errors[0].message.starts_with("都道府県: "));
        }
    }
    // The others do not.
    for line in [
        "commufa",
        "bbiq",
        "ipsec",
        "other-flets",
        "other",
        "unknown",
    ] {
        let d = q(line).decide();
        assert_eq!(d.prefecture, None);
        assert_eq!(d.area, None);
    }
}

// ---------------------------------------------------------------------------------------------
// Line ids.

#[test]
fn the_rules_have_exactly_the_contracts_line_ids() {
    let mut ids: Vec<&str> = rules().lines.iter().map(|l| l.id.as_str()).collect();
    ids.sort_unstable();
    let mut want = LINE_IDS.to_vec();
    want.sort_unstable();
    assert_eq!(ids, want);
    // Full-width and upper case are accepted for the id too.
    assert_eq!(q("ＣＲＯＳＳ").pref("東京").answers().line, "cross");
}

#[test]
fn lines_of_another_method_or_not_eligible() {
    let cases: [(&str, Verdict, Option<u8>); 6] = [
        ("commufa", Verdict::OtherMethod, Some(2)),
        ("bbiq", Verdict::OtherMethod, Some(2)),
        ("ipsec", Verdict::OtherMethod, Some(3)),
        ("other", Verdict::OtherMethod, None),
        ("other-flets", Verdict::NotEligible, None),
        ("unknown", Verdict::Confirm, None),
    ];
    for (line, verdict, category) in cases {
        for question in [
            q(line),
            q(line)
                .pref("東京")
                .collab(collabs(line)[0])
                .applied("2010-01-01")
                .v6("unknown"),
            q(line).pref("大阪").id(ID).multiple("yes"),
        ] {
            let d = question.decide();
            assert_eq!(d.verdict, verdict, "{line}");
            assert_eq!(d.line, line);
            assert_eq!(d.portal.line_category, category, "{line}");
            assert_eq!(d.portal.customer_id, None, "{line}");
            assert_eq!(d.v6_option, V6Status::NotApplicable, "{line}");
            let c = codes(&d);
            assert_eq!(
                action(&d, ActionCode::ConsultConnectableList)
                    .url
                    .as_deref(),
                Some(CONNECTABLE_LIST)
            );
            // Asking how to connect comes before applying.
            let want: Vec<&str> = match (line, category) {
                ("unknown", _) => vec![
                    "confirm_line_type",
                    "check_again",
                    "consult_connectable_list",
                ],
                (_, Some(_)) => vec![
                    "consult_connectable_list",
                    "apply_on_portal",
                    "check_auto_reply_email",
                ],
                (_, None) => vec!["consult_connectable_list"],
            };
            assert_eq!(c, want, "{line}");
            if let Some(cat) = category {
                let apply = action(&d, ActionCode::ApplyOnPortal);
                let label = &rules().portal_category(cat).unwrap().label;
                assert!(
                    apply.steps.iter().any(|s| s.contains(label.as_str())),
                    "{line}: {:?}",
                    apply.steps
                );
                assert_eq!(d.portal.line_category_label.as_ref(), Some(label));
                // Categories 2 and 3 take no お客さまID.
                assert!(apply.steps.iter().all(|s| !s.contains("お客さまID")));
            }
        }
    }
}

/// The verdict 「別の接続方式」 must not read as "not IP-VPN" for CTC's and QTnet's lines:
/// right under it, the result says they are IP-VPN too, and that the portal takes 「2」.
#[test]
fn ctc_and_qtnet_lines_are_said_to_be_ip_vpn_too_and_to_take_category_2() {
    for line in ["commufa", "bbiq"] {
        let d = q(line).decide();
        let verdict = [rules().verdict_explanation(d.verdict).to_string()]
            .into_iter()
            .chain(d.notes.iter().cloned())
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            !verdict.contains("ではなく、別の接続方式"),
            "{line}: {verdict}"
        );
        let said = d
            .notes
            .first()
            .unwrap_or_else(|| panic!("{line}: no note under the verdict"));
        assert!(said.contains("この回線もIP-VPN接続"), "{line}: {said}");
        assert!(said.contains("「2」を選びます"), "{line}: {said}");
    }
    // Lines of other categories say nothing of the kind.
    for line in ["ipsec", "other", "next-family", "cross"] {
        let d = q(line).pref("東京").decide();
        assert!(
            d.notes.iter().all(|n| !n.contains("この回線もIP-VPN接続")),
            "{line}: {:?}",
            d.notes
        );
    }
}

#[test]
fn the_category_labels_are_the_portals() {
    let label = |c| rules().portal_category(c).unwrap().label.as_str();
    assert_eq!(
        label(1),
        "1：IP-VPN回線事業者(NTTなど。ただし、CTC・QTnetを除く)"
    );
    assert_eq!(label(2), "2：IP-VPN回線事業者(CTC・QTnetに限る)");
    assert_eq!(label(3), "3：インターネット接続(IPsec+IKE)");
}

#[test]
fn the_operators_are_named_for_other_methods() {
    let op = |line: &str| {
        action(&q(line).decide(), ActionCode::ConsultConnectableList)
            .steps
            .join("\n")
    };
    assert!(op("commufa").contains("CTC"));
    assert!(op("bbiq").contains("QTnet"));
    let ipsec = op("ipsec");
    for name in ["NTTPC", "NTTデータ中国", "富士通", "三菱電機"] {
        assert!(ipsec.contains(name), "{ipsec}");
    }
}

#[test]
fn an_unknown_line_gets_confirm_line_type_with_whom_to_ask() {
    let d = q("unknown").decide();
    assert_eq!(d.verdict, Verdict::Confirm);
    let confirm = action(&d, ActionCode::ConfirmLineType);
    assert!(
        confirm
            .steps
            .iter()
            .any(|s| s.contains("NTT東日本・西日本"))
    );
    // Both NTTs without a prefecture, then the コラボ operator (collab unknown), pointing to
    // both areas' operator lists.
    let names: Vec<&str> = d.contacts.iter().map(|c| c.name.as_str()).collect();
    assert!(names[0].starts_with("NTT東日本"), "{names:?}");
    assert!(names[1].starts_with("NTT西日本"), "{names:?}");
    assert_eq!(d.contacts.len(), 4, "{names:?}");
    assert!(
        names[2].contains("東日本エリア") && names[3].contains("西日本エリア"),
        "{names:?}"
    );

    let d = q("unknown").pref("大阪").collab("no").decide();
    assert_eq!(d.contacts.len(), 1);
    assert!(d.contacts[0].name.starts_with("NTT西日本"));
    assert_eq!(d.contacts[0].phone.as_deref(), Some(PHONE));
}

// ---------------------------------------------------------------------------------------------
// Actions.

#[test]
fn the_full_list_of_actions_comes_in_the_contracts_order() {
    // Everything a FLET'S line can need at once.
    let d = q("next-family")
        .pref("東京")
        .applied("2012-05-28")
        .multiple("yes")
        .decide();
    assert_eq!(
        codes(&d),
        [
            "confirm_v6_option",
            "contract_v6_option",
            "find_customer_id",
            "use_connecting_line_id",
            "apply_on_portal",
            "check_auto_reply_email",
        ]
    );
    assert_eq!(d.verdict, Verdict::Confirm);
    // The enum's own order is the contract's.
    let all: Vec<&str> = ActionCode::iter().map(<&str>::from).collect();
    assert_eq!(all, ORDER);
    // And the rules file has an entry for each, in that order.
    let in_rules: Vec<&str> = rules().actions.iter().map(|(c, _)| (*c).into()).collect();
    assert_eq!(in_rules, ORDER);
}

#[test]
fn use_connecting_line_id_with_multiple_lines_yes_or_unknown() {
    let base = q("next-family").pref("東京").applied("2020-01-01").id(ID);
    let yes = base.clone().multiple("yes").decide();
    assert!(has(&yes, ActionCode::UseConnectingLineId));
    assert_eq!(yes.verdict, Verdict::Ready);
    assert_eq!(
        codes(&yes),
        [
            "use_connecting_line_id",
            "apply_on_portal",
            "check_auto_reply_email"
        ]
    );
    for question in [base.clone(), base.clone().multiple("no")] {
        assert!(!has(&question.decide(), ActionCode::UseConnectingLineId));
    }
    // Not knowing is reason enough to be told which line's ID to use.
    assert!(has(
        &base.clone().multiple("unknown").decide(),
        ActionCode::UseConnectingLineId
    ));
}

#[test]
fn find_customer_id_lists_the_areas_ways() {
    let east = q("next-family").pref("東京").collab("no").decide();
    let steps = &action(&east, ActionCode::FindCustomerId).steps;
    let text = steps.join("\n");
    assert!(text.contains("開通のご案内"), "{text}");
    assert!(text.contains("https://flets.com/key/"), "{text}");
    assert!(text.contains("ONU"), "{text}");
    assert!(text.contains("NTT東日本"), "{text}");
    assert!(text.contains(PHONE), "{text}");
    // In the seed's order: ① letter, ② ONU, ③ phone.
    let letter = text.find("開通のご案内").unwrap();
    let onu = text.find("ONU").unwrap();
    let phone = text.find(PHONE).unwrap();
    assert!(letter < onu && onu < phone, "{text}");

    let west = q("next-family").pref("大阪").collab("no").decide();
    let text = action(&west, ActionCode::FindCustomerId).steps.join("\n");
    assert!(!text.contains("flets.com/key"), "the West has no ①: {text}");
    assert!(text.contains("ONU"), "{text}");
    assert!(text.contains("NTT西日本"), "{text}");
    assert!(text.contains(PHONE), "{text}");
    assert!(!text.contains("COP"), "the West has only CAF: {text}");

    // A コラボ光 line: the operator's 開通のご案内.
    let collab = q("next-family").pref("大阪").collab("yes").decide();
    let steps = &action(&collab, ActionCode::FindCustomerId).steps;
    let text = steps.join("\n");
    assert!(text.contains("コラボ光の事業者"), "{text}");
    // First, before any of NTT's ways.
    assert!(
        steps
            .first()
            .is_some_and(|s| s.contains("コラボ光の事業者から届いた開通のご案内")),
        "{text}"
    );
    assert!(!text.contains("ONU") && !text.contains(PHONE), "{text}");
}

#[test]
fn apply_on_portal_says_category_1_and_the_normalized_id() {
    let d = q("next-family")
        .pref("東京")
        .applied("2020-01-01")
        .id("caf-0123-456789")
        .decide();
    assert_eq!(d.verdict, Verdict::Ready);
    assert_eq!(d.portal.line_category, Some(1));
    assert_eq!(d.portal.customer_id.as_deref(), Some(ID));
    let id = d.customer_id.as_ref().unwrap();
    assert_eq!(id.input, "caf-0123-456789");
    assert_eq!(id.normalized, ID);
    let steps = action(&d, ActionCode::ApplyOnPortal).steps.join("\n");
    assert!(steps.contains("電気通信回線種別: 1："), "{steps}");
    assert!(steps.contains(&format!("お客さまID: {ID}")), "{steps}");

    // COP in the East.
    let d = q("cross").pref("東京").id("COP01234567").decide();
    assert_eq!(d.portal.customer_id.as_deref(), Some("COP01234567"));
    assert_eq!(d.verdict, Verdict::Ready);
    // COP is refused in the West.
    let errors = q("cross").pref("大阪").id("COP01234567").errors();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field, Field::CustomerId);
}

// ---------------------------------------------------------------------------------------------
// Contacts.

#[test]
fn contacts_follow_the_area_and_collab() {
    for (pref, ntt, list) in [
        ("東京", "NTT東日本", EAST_COLLABO_LIST),
        ("大阪", "NTT西日本", WEST_COLLABO_LIST),
    ] {
        let no = q("next-family").pref(pref).collab("no").decide();
        assert_eq!(no.contacts.len(), 1);
        let c = &no.contacts[0];
        assert!(c.name.starts_with(ntt), "{}", c.name);
        assert_eq!(c.phone.as_deref(), Some(PHONE));
        assert_eq!(c.hours.as_deref(), Some(HOURS));
        assert_eq!(c.url, None);

        let yes = q("next-family").pref(pref).collab("yes").decide();
        assert_eq!(yes.collab, YesNo::Yes);
        assert_eq!(yes.contacts.len(), 2);
        let first = &yes.contacts[0];
        assert!(first.name.contains("コラボ光"), "{}", first.name);
        assert_eq!(first.url.as_deref(), Some(list));
        assert_eq!(first.phone, None);
        assert!(yes.contacts[1].name.starts_with(ntt));
        assert_eq!(yes.contacts[1].phone.as_deref(), Some(PHONE));
        // The operator is asked first: NTT is described as the window for direct contracts.
        assert!(
            yes.contacts[1]
                .about
                .contains("まず契約先のコラボ光の事業者"),
            "{}",
            yes.contacts[1].about
        );
        assert!(
            !no.contacts[0].about.contains("コラボ光"),
            "{}",
            no.contacts[0].about
        );

        let unknown = q("next-family").pref(pref).decide();
        assert_eq!(unknown.collab, YesNo::Unknown);
        assert!(unknown.contacts[0].name.starts_with(ntt));
        assert!(
            unknown
                .contacts
                .iter()
                .any(|c| c.url.as_deref() == Some(list))
        );
        // The other area's NTT never appears once the area is known.
        let other = if ntt == "NTT東日本" {
            "NTT西日本"
        } else {
            "NTT東日本"
        };
        for d in [&no, &yes, &unknown] {
            assert!(d.contacts.iter().all(|c| !c.name.contains(other)));
        }
    }
}

#[test]
fn collab_yes_asks_the_operator_about_type_and_v6() {
    let d = q("next-family").pref("東京").collab("yes").id(ID).decide();
    let confirm = action(&d, ActionCode::ConfirmV6Option);
    assert!(confirm.steps[0].contains("コラボ光"), "{:?}", confirm.steps);
    let d = q("next-family").pref("東京").collab("no").id(ID).decide();
    let confirm = action(&d, ActionCode::ConfirmV6Option);
    assert!(
        confirm.steps[0].contains("NTT東日本"),
        "{:?}",
        confirm.steps
    );
    assert!(!confirm.steps[0].contains("コラボ"), "{:?}", confirm.steps);
}

#[test]
fn other_method_lines_are_sent_to_the_connectable_list() {
    for line in ["commufa", "bbiq", "ipsec", "other", "other-flets"] {
        for &collab in collabs(line) {
            let d = q(line).collab(collab).pref("東京").decide();
            assert_eq!(d.contacts.len(), 1, "{line}");
            assert_eq!(d.contacts[0].url.as_deref(), Some(CONNECTABLE_LIST));
            assert!(d.contacts[0].name.contains("接続可能回線・事業者一覧表"));
            // The checklist for lines applied for with category 2 or 3: the one mistake that
            // concerns the category; none for the others.
            assert_eq!(
                d.wrong_applications.len(),
                usize::from(d.portal.line_category.is_some()),
                "{line}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Verdicts.

#[test]
fn verdict_rules_for_eligible_types() {
    let base = || q("next-family").pref("東京");
    // ID missing → confirm, even when v6 is settled.
    assert_eq!(
        base().applied("2020-01-01").decide().verdict,
        Verdict::Confirm
    );
    assert_eq!(base().v6("contracted").decide().verdict, Verdict::Confirm);
    // v6 unknown → confirm, even with the ID.
    assert_eq!(base().id(ID).decide().verdict, Verdict::Confirm);
    // v6 must be contracted → action_required.
    assert_eq!(
        base().id(ID).v6("not-contracted").decide().verdict,
        Verdict::ActionRequired
    );
    // Everything known and in order → ready.
    assert_eq!(
        base().id(ID).v6("contracted").decide().verdict,
        Verdict::Ready
    );
    // The wrong-application checklist goes with every FLET'S result.
    let d = base().id(ID).v6("contracted").decide();
    assert_eq!(d.wrong_applications.len(), 4);
}

#[test]
fn two_bad_fields_give_two_errors_in_question_order() {
    let errors = q("next-family")
        .pref("東京")
        .id("CAF12")
        .applied("2012-02-30")
        .errors();
    let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
    assert_eq!(fields, [Field::Applied, Field::CustomerId]);
    assert!(errors[0].message.starts_with("申込日: "));
    assert!(errors[1].message.starts_with("お客さまID: "));

    let errors = q("nope")
        .collab("maybe")
        .v6("perhaps")
        .multiple("often")
        .errors();
    let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
    assert_eq!(
        fields,
        [Field::Line, Field::Collab, Field::V6, Field::MultipleLines]
    );
    for e in &errors {
        assert!(!e.code.is_empty());
        assert!(e.message.starts_with(e.field.label()), "{e}");
    }
    // Never two errors for one field.
    let errors = q("next-giga-family-smart").pref("とうきょ").errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].field, Field::Prefecture);
}

#[test]
fn a_date_after_today_is_refused() {
    let errors = q("next-family").pref("東京").applied("2024-04-02").errors();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field, Field::Applied);
    // Today itself is fine.
    let d = q("next-family").pref("東京").applied("2024-04-01").decide();
    assert_eq!(d.applied, Some(today()));
}

#[test]
fn answer_words_are_case_insensitive_like_the_other_choices() {
    let d = q("next-family")
        .pref("東京")
        .collab("YES")
        .v6("Contracted")
        .multiple("Yes")
        .applied("Unknown")
        .id(ID)
        .decide();
    assert_eq!(d.collab, YesNo::Yes);
    assert_eq!(d.v6_option, V6Status::Contracted);
    assert_eq!(d.multiple_lines, Some(YesNo::Yes));
    assert_eq!(d.applied, None);
    assert!(has(&d, ActionCode::UseConnectingLineId));
}

#[test]
fn check_consistency_agrees_with_parse_answers() {
    // The wizard calls check_consistency directly: same verdict on the same answers.
    let mut a = Answers::new("next-giga-family-smart");
    a.prefecture = Some(27);
    let errors = check_consistency(rules(), &a);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field, Field::Line);
    a.prefecture = Some(13);
    assert!(check_consistency(rules(), &a).is_empty());
    a.prefecture = None;
    assert_eq!(check_consistency(rules(), &a)[0].field, Field::Prefecture);
    let a = Answers::new("no-such-line");
    assert_eq!(check_consistency(rules(), &a)[0].field, Field::Line);
    // And decide copes with answers that did not pass it.
    let d = decide(rules(), &a);
    assert_eq!(d.verdict, Verdict::Confirm);
    let kind = rules().line("next").map(|l| l.kind);
    assert_eq!(kind, Some(LineKind::Flets));
}

// ---------------------------------------------------------------------------------------------
// Steps that hold only under a condition say so; categories without an ID never mention one.

#[test]
fn a_contract_after_an_unsure_answer_is_conditional() {
    let d = q("next-family").pref("東京").applied("2010-04-01").decide();
    // The title itself carries the condition, and step 1 is the check it depends on.
    assert_eq!(d.actions[0].code, ActionCode::ConfirmV6Option);
    let contract = action(&d, ActionCode::ContractV6Option);
    assert_eq!(
        contract.text,
        "1で契約がないとわかったときは、フレッツ・v6オプションを申し込んでください。"
    );
    let sure = q("next-family")
        .pref("東京")
        .applied("2010-04-01")
        .v6("not-contracted")
        .decide();
    let contract = action(&sure, ActionCode::ContractV6Option);
    assert_eq!(
        contract.text,
        "フレッツ・v6オプションを申し込んでください。"
    );
    assert!(
        !contract.detail.contains("わかったとき"),
        "{}",
        contract.detail
    );
}

#[test]
fn without_a_date_the_v6_check_says_where_to_order_it() {
    for (pref, url) in [("東京", EAST_URL), ("大阪", WEST_URL)] {
        let d = q("next-family").pref(pref).decide();
        assert_eq!(d.v6_option, V6Status::Unknown);
        let confirm = action(&d, ActionCode::ConfirmV6Option);
        assert_eq!(confirm.url.as_deref(), Some(url));
        assert!(
            confirm
                .steps
                .iter()
                .any(|s| s.contains("契約がないとわかったとき"))
        );
    }
}

#[test]
fn categories_without_an_id_never_ask_for_one() {
    for line in ["commufa", "bbiq", "ipsec"] {
        let d = q(line).decide();
        for a in &d.actions {
            let all = format!("{} {} {}", a.text, a.detail, a.steps.join(" "));
            assert!(!all.contains("お客さまID"), "{line} {:?}: {all}", a.code);
        }
    }
}

#[test]
fn an_unknown_line_is_sent_to_the_list_only_if_it_turns_out_not_flets() {
    for question in [q("unknown"), q("unknown").pref("大阪").collab("yes")] {
        let d = question.decide();
        assert_eq!(d.actions[0].code, ActionCode::ConfirmLineType);
        // A FLET'S line: check again with its type.
        let again = action(&d, ActionCode::CheckAgain);
        assert!(
            again
                .text
                .starts_with("1で確かめた回線がフレッツ 光ネクストかフレッツ 光クロス"),
            "{}",
            again.text
        );
        assert!(again.text.contains("もう一度このチェックをしてください"));
        // Anything else: the list. The title itself says so, and the detail does not repeat it.
        let list = action(&d, ActionCode::ConsultConnectableList);
        assert!(
            list.text.starts_with("1で確かめた回線が") && list.text.contains("以外だったときは"),
            "{}",
            list.text
        );
        assert!(!list.detail.contains("以外だったときは"), "{}", list.detail);
        assert!(
            list.detail
                .starts_with("その回線はこの接続方式の対象ではありません。")
        );
    }
}

#[test]
fn each_kind_of_line_gets_its_own_words_for_the_list() {
    let list = |line: &str| action(&q(line).decide(), ActionCode::ConsultConnectableList).clone();
    // Another method: how to connect, then (with a category) apply as told.
    let title = "「接続可能回線・事業者一覧表」に書かれた問い合わせ先に、接続のしかたを問い合わせてください。";
    for line in ["commufa", "bbiq", "ipsec", "other"] {
        let a = list(line);
        assert_eq!(a.text, title, "{line}");
        assert!(
            a.detail.contains("接続のしかたと申請の内容"),
            "{line}: {}",
            a.detail
        );
        assert!(!a.detail.contains("ではないか"), "{line}: {}", a.detail);
    }
    for line in ["commufa", "bbiq", "ipsec"] {
        let d = q(line).decide();
        assert_eq!(d.actions[0].code, ActionCode::ConsultConnectableList);
        let apply = action(&d, ActionCode::ApplyOnPortal);
        assert!(
            apply.detail.contains("1で問い合わせたときの案内に従って"),
            "{line}: {}",
            apply.detail
        );
    }
    // Not on the list of types: says why.
    let a = list("other-flets");
    assert_eq!(a.text, title);
    assert!(
        a.detail
            .starts_with("光ネクスト・光クロス以外のフレッツ回線は、「IP-VPN接続方式 (フレッツ光による接続)」の対象外です。"),
        "{}",
        a.detail
    );
}

#[test]
fn a_step_that_points_to_step_1_comes_after_it() {
    // Every text that says 「1で…」 relies on step 1 being the check it depends on.
    let firsts = [
        ActionCode::ConfirmLineType,
        ActionCode::ConfirmV6Option,
        ActionCode::ConsultConnectableList,
    ];
    for line in LINE_IDS {
        for pref in ["東京", "大阪"] {
            if (EAST_ONLY.contains(&line) && pref == "大阪")
                || (WEST_ONLY.contains(&line) && pref == "東京")
            {
                continue;
            }
            for &collab in collabs(line) {
                for v6 in ["contracted", "not-contracted", "unknown"] {
                    for applied in ["2000-01-01", "2024-01-01", "unknown"] {
                        let d = q(line)
                            .pref(pref)
                            .collab(collab)
                            .v6(v6)
                            .applied(applied)
                            .decide();
                        for (n, a) in d.actions.iter().enumerate() {
                            if a.text.starts_with("1で") || a.detail.contains("1で") {
                                assert!(n > 0, "{line} {collab} {v6}: {a:?}");
                                assert!(
                                    firsts.contains(&d.actions[0].code),
                                    "{line} {collab} {v6}: {:?}",
                                    codes(&d)
                                );
                            }
                        }
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// コラボ光 and the v6 option: the operator takes the order, at its own price.

#[test]
fn collabo_in_the_west_is_not_shown_ntts_price_or_page() {
    let d = q("next")
        .pref("大阪")
        .collab("yes")
        .applied("2010-01-01")
        .decide();
    let contract = action(&d, ActionCode::ContractV6Option);
    let all = format!(
        "{} {} {}",
        contract.text,
        contract.detail,
        contract.steps.join(" ")
    );
    assert!(!all.contains("2,000"), "{all}");
    assert!(!all.contains("工事費も無料"), "{all}");
    assert_eq!(contract.url, None);
    assert!(
        contract
            .detail
            .contains("ご契約中のコラボ光の事業者に申し込んでください"),
        "{}",
        contract.detail
    );
    // The cut-off still holds for the line.
    assert!(all.contains("2021年5月11日"), "{all}");

    // Without a date, the confirm step says the same.
    let d = q("next").pref("大阪").collab("yes").decide();
    let confirm = action(&d, ActionCode::ConfirmV6Option);
    let all = confirm.steps.join(" ");
    assert!(!all.contains("2,000"), "{all}");
    assert_eq!(confirm.url, None);
    assert!(
        all.contains("ご契約中のコラボ光の事業者に申し込みます"),
        "{all}"
    );
}

#[test]
fn the_west_price_is_labelled_as_ntts_for_direct_contracts() {
    for collab in ["no", "unknown"] {
        let d = q("next")
            .pref("大阪")
            .collab(collab)
            .applied("2010-01-01")
            .decide();
        let contract = action(&d, ActionCode::ContractV6Option);
        assert_eq!(contract.url.as_deref(), Some(WEST_URL), "{collab}");
        let price = contract
            .steps
            .iter()
            .find(|s| s.contains("税抜2,000円"))
            .unwrap_or_else(|| panic!("{collab}: {:?}", contract.steps));
        assert!(
            price.starts_with("NTT西日本と直接契約している回線では"),
            "{price}"
        );
        // Not sure it is コラボ光: where a コラボ光 line orders it, too.
        let operator = contract
            .steps
            .iter()
            .any(|s| s.starts_with("コラボ光の場合は、ご契約中のコラボ光の事業者に申し込みます。"));
        assert_eq!(
            operator,
            collab == "unknown",
            "{collab}: {:?}",
            contract.steps
        );
    }
}

#[test]
fn collabo_in_the_east_orders_from_the_operator_too() {
    let d = q("next-family")
        .pref("東京")
        .collab("yes")
        .applied("2010-01-01")
        .v6("not-contracted")
        .decide();
    let contract = action(&d, ActionCode::ContractV6Option);
    assert_eq!(contract.url, None);
    assert_eq!(
        contract.text,
        "フレッツ・v6オプションを申し込んでください。"
    );
    assert!(contract.detail.contains("ご契約中のコラボ光の事業者"));
    let d = q("next-family")
        .pref("東京")
        .collab("no")
        .applied("2010-01-01")
        .decide();
    let contract = action(&d, ActionCode::ContractV6Option);
    assert_eq!(contract.url.as_deref(), Some(EAST_URL));
    assert!(!contract.detail.contains("コラボ"), "{}", contract.detail);
}

// ---------------------------------------------------------------------------------------------
// The texts come from the rules.

#[test]
fn verdict_explanations_and_contact_texts_are_the_rules() {
    let r = rules();
    for v in Verdict::iter() {
        let e = r.verdict_explanation(v);
        assert!(e.ends_with('。'), "{v}: {e:?}");
        assert!(
            embedded::TOML.contains(&format!("explanation = \"{e}\"")),
            "{v}"
        );
    }
    let d = q("commufa").decide();
    assert_eq!(d.contacts[0].name, r.connectable_list.contact_name);
    assert_eq!(d.contacts[0].about, r.connectable_list.contact_about);
    let d = q("next").pref("東京").collab("no").decide();
    assert_eq!(d.contacts[0].about, r.contact("ntt-east").unwrap().about);
    let d = q("next").pref("大阪").collab("yes").decide();
    assert_eq!(
        d.contacts[1].about,
        r.contact("ntt-west").unwrap().about_collabo
    );
}

#[test]
fn joined_sentences_have_no_space_between_them() {
    // コラボ光 not known: how to tell, then whom to ask, as one text.
    let d = q("next-family").pref("東京").decide();
    let about = &d
        .contacts
        .iter()
        .find(|c| c.name.contains("コラボ光"))
        .unwrap()
        .about;
    assert!(about.contains("見てください。回線タイプ"), "{about}");
    for line in ["unknown", "next", "cross", "commufa", "other-flets"] {
        for &collab in collabs(line) {
            let d = q(line).pref("大阪").collab(collab).decide();
            let json = serde_json::to_string(&d).unwrap();
            for bad in ["。 ", "、 ", "」 ", "） "] {
                assert!(!json.contains(bad), "{line} {collab}: {bad:?} in {json}");
            }
        }
    }
    // The ways to find the ID: the phone number follows the sentence directly.
    let d = q("next-family").pref("東京").collab("no").decide();
    let steps = action(&d, ActionCode::FindCustomerId).steps.join("\n");
    assert!(
        steps.contains("電話してください。電話: 0120-116-116 (受付: "),
        "{steps}"
    );
    assert!(
        steps.contains("書かれています。参考: https://flets.com/key/"),
        "{steps}"
    );
}

#[test]
fn collab_unknown_says_how_to_tell() {
    let d = q("next-family").pref("東京").decide();
    assert!(
        d.contacts.iter().any(|c| c.about.contains("請求書")),
        "{:?}",
        d.contacts
    );
}

// ---------------------------------------------------------------------------------------------
// Every v6 sentence fits the case.

/// Every line the decision's actions show.
fn action_lines(d: &Decision) -> Vec<String> {
    d.actions
        .iter()
        .flat_map(|a| {
            [a.text.clone(), a.detail.clone()]
                .into_iter()
                .chain(a.steps.clone())
        })
        .collect()
}

#[test]
fn the_cut_off_and_old_line_sentences_only_for_a_line_older_than_the_cut_off() {
    let r = rules();
    let cut_off_reason =
        "より前に申し込んだ回線ではフレッツ・v6オプションが最初は契約されていません";
    let from_when = "以降に申し込んだ回線ならフレッツ・v6オプションが最初から契約されています";
    for (pref, before, on, after) in [
        ("東京", "2012-05-28", "2012-05-29", "2013-01-01"),
        ("大阪", "2021-05-10", "2021-05-11", "2022-01-01"),
    ] {
        for applied in [Some(before), Some(on), Some(after), None] {
            for v6 in ["contracted", "not-contracted", "unknown"] {
                let mut question = q("next-family").pref(pref).v6(v6).id(ID);
                if let Some(a) = applied {
                    question = question.applied(a);
                }
                let d = question.decide();
                let lines = action_lines(&d);
                let has_line = |s: &str| lines.iter().any(|l| l.contains(s));
                let old = applied == Some(before);
                let what = format!("{pref} {applied:?} {v6}: {lines:#?}");
                assert_eq!(
                    has_line(cut_off_reason),
                    old && v6 != "contracted",
                    "{what}"
                );
                assert_eq!(
                    has_line(&r.v6.may_already_have),
                    old && v6 == "unknown",
                    "{what}"
                );
                // Without a date the confirm step says from when the option comes with the
                // line, and the old-line point without presuming the line is old.
                let confirms = has(&d, ActionCode::ConfirmV6Option);
                let normally_on = applied.is_some() && !old;
                assert_eq!(
                    confirms,
                    (v6 == "unknown" && (old || applied.is_none()))
                        || (v6 == "not-contracted" && normally_on),
                    "{what}"
                );
                assert_eq!(
                    has_line(&r.v6.answered_missing),
                    v6 == "not-contracted" && normally_on,
                    "{what}"
                );
                let undated = confirms && applied.is_none();
                assert_eq!(has_line(&r.v6.may_already_have_undated), undated, "{what}");
                assert_eq!(has_line(from_when), undated, "{what}");
            }
        }
    }
}

#[test]
fn an_explicit_v6_answer_wins_over_the_date() {
    // 未契約 for a line after the cut-off: the option must be contracted, with no reason from
    // the date, after confirming (the line normally has it).
    let d = q("next-family")
        .pref("13")
        .applied("2013-01-01")
        .v6("not-contracted")
        .id(ID)
        .decide();
    assert_eq!(d.v6_option, V6Status::ContractRequired);
    assert_eq!(d.verdict, Verdict::ActionRequired);
    assert_eq!(codes(&d)[..2], ["confirm_v6_option", "contract_v6_option"]);
    assert!(d.notes.is_empty());
}

#[test]
fn cross_believes_not_contracted_and_says_unknown_is_not_needed() {
    let r = rules();
    for pref in ["東京", "大阪"] {
        for v6 in ["not-contracted", "未契約"] {
            let d = q("cross").pref(pref).collab("no").id(ID).v6(v6).decide();
            assert_eq!(d.v6_option, V6Status::ContractRequired, "{pref} {v6}");
            assert_eq!(d.verdict, Verdict::ActionRequired, "{pref} {v6}");
            assert!(d.notes.is_empty(), "{pref} {v6}: {:?}", d.notes);
            assert_eq!(codes(&d)[..2], ["confirm_v6_option", "contract_v6_option"]);
            let confirm = action(&d, ActionCode::ConfirmV6Option);
            assert!(
                confirm.steps.contains(&r.v6.answered_missing),
                "{confirm:?}"
            );
            // The rules give no page to order it for 光クロス: ask where.
            let contract = action(&d, ActionCode::ContractV6Option);
            assert_eq!(contract.url, None);
            assert!(
                contract
                    .detail
                    .contains("申し込み方は、問い合わせ先に聞いてください"),
                "{contract:?}"
            );
        }
        for v6 in [None, Some("unknown")] {
            let mut question = q("cross").pref(pref).collab("no").id(ID);
            if let Some(v) = v6 {
                question = question.v6(v);
            }
            let d = question.decide();
            assert_eq!(d.v6_option, V6Status::DefaultOn, "{pref} {v6:?}");
            assert_eq!(d.verdict, Verdict::Ready, "{pref} {v6:?}");
            assert_eq!(d.notes, vec![r.v6.always_on.clone()], "{pref} {v6:?}");
            // In the text, among the remarks on the answers after the summary.
            let text = report::to_text(&report::sections(r, &d));
            assert!(
                text.contains(&format!("== 補足 ==\n{}\n", r.v6.always_on)),
                "{text}"
            );
        }
        let d = q("cross").pref(pref).v6("contracted").id(ID).decide();
        assert!(d.notes.is_empty(), "{d:?}");
    }
    // No other line carries the note.
    for line in LINE_IDS.iter().filter(|&&l| l != "cross") {
        for v6 in ["not-contracted", "unknown"] {
            let mut question = q(line).v6(v6);
            if rules()
                .line(line)
                .is_some_and(|l| l.kind == LineKind::Flets)
            {
                let pref = if WEST_ONLY.contains(line) {
                    "大阪"
                } else {
                    "東京"
                };
                question = question.pref(pref);
            }
            let notes = question.decide().notes;
            assert!(
                !notes.contains(&rules().v6.always_on),
                "{line} {v6}: {notes:?}"
            );
        }
    }
}
