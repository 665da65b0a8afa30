//! The answers as people read them: for each question the line asks, its name and the answer in
//! words. The saved sheet lists these rows and the wizard's review shows the same words, so an
//! answer reads the same on the screen and in the file.

use super::answers::{Answers, V6Answer};
use super::date;
use super::decision::{v6_question_needed, v6_status};
use super::field::Field;
use super::model::{Family, LineKind, RuleSet, V6Default};

/// One answer: which question, and the answer in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerRow {
    pub field: Field,
    pub value: String,
}

impl AnswerRow {
    pub fn label(&self) -> &'static str {
        self.field.label()
    }
}

/// The rows in question order, for the questions this line asks. The v6 row shows the user's
/// answer where it was asked or given (契約済み / 未契約 win over the date), else what the rules
/// decided.
pub fn answer_rows(rules: &RuleSet, answers: &Answers) -> Vec<AnswerRow> {
    let line = rules.line(&answers.line);
    let kind = line.map_or(LineKind::Unknown, |l| l.kind);
    let family = line.and_then(|l| l.family);
    let unknown = || "わからない".to_string();
    let mut rows = vec![AnswerRow {
        field: Field::Line,
        value: line.map_or_else(|| answers.line.clone(), |l| l.name.clone()),
    }];
    let mut push = |field, value| rows.push(AnswerRow { field, value });
    if matches!(kind, LineKind::Flets | LineKind::Unknown) {
        push(Field::Collab, answers.collab.label().to_string());
        let prefecture = answers
            .prefecture
            .and_then(|c| rules.prefecture(c))
            .map_or_else(unknown, |p| {
                format!("{} ({})", p.name, rules.area(p.area).name)
            });
        push(Field::Prefecture, prefecture);
    } else if rules.region_of_line(&answers.line).is_some() {
        // CTC's and QTnet's lines are asked the prefecture for their region, not an NTT area.
        let prefecture = answers
            .prefecture
            .and_then(|c| rules.prefecture(c))
            .map_or_else(unknown, |p| p.name.clone());
        push(Field::Prefecture, prefecture);
    }
    if family == Some(Family::Next) {
        push(
            Field::Applied,
            answers.applied.map_or_else(unknown, date::describe_period),
        );
        if let Some(opened) = answers.opened {
            push(Field::Opened, date::describe_period(opened));
        }
    }
    if kind == LineKind::Flets {
        // An explicit answer counts even where the date settles the status, except for a rule
        // that is always on (光クロス): there the row says what the rules decided.
        let always_on = line
            .and_then(|l| l.family)
            .zip(answers.area(rules))
            .and_then(|(f, a)| rules.v6_rule(f, a))
            .is_some_and(|r| r.default == V6Default::On);
        // 未契約 is believed even then.
        let explicit = answers.v6 == V6Answer::NotContracted
            || (answers.v6 != V6Answer::Unknown && !always_on);
        let v6 = if explicit || v6_question_needed(rules, answers) {
            answers.v6.label().to_string()
        } else {
            let status = v6_status(rules, line, answers.area(rules), answers);
            format!("{} (判定)", status.label())
        };
        push(Field::V6, v6);
        let id = answers
            .customer_id
            .as_ref()
            .map_or_else(unknown, |n| n.normalized.clone());
        push(Field::CustomerId, id);
        let multiple = answers.multiple_lines.unwrap_or_default().label();
        push(Field::MultipleLines, multiple.to_string());
    }
    if let Some(name) = &answers.clinic_name {
        rows.push(AnswerRow {
            field: Field::ClinicName,
            value: name.clone(),
        });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::embedded;

    fn rows(answers: &Answers) -> Vec<AnswerRow> {
        answer_rows(embedded::rules().expect("rules"), answers)
    }

    #[test]
    fn only_the_questions_the_line_asks() {
        let labels = |a: &Answers| rows(a).iter().map(AnswerRow::label).collect::<Vec<_>>();
        assert_eq!(labels(&Answers::new("ipsec")), ["回線の種類"]);
        // CTC's line: its prefecture, for its region, without an NTT area.
        let mut commufa = Answers::new("commufa");
        commufa.prefecture = Some(23);
        assert_eq!(labels(&commufa), ["回線の種類", "都道府県"]);
        assert_eq!(rows(&commufa)[1].value, "愛知県");
        let mut cross = Answers::new("cross");
        cross.prefecture = Some(27);
        assert_eq!(
            labels(&cross),
            [
                "回線の種類",
                "コラボ光",
                "都道府県",
                "フレッツ・v6オプション",
                "お客さまID",
                "複数の回線"
            ]
        );
        // Not asked for 光クロス: the row says what the rules decided, not わからない.
        assert!(
            rows(&cross)[3].value.contains("デフォルトON"),
            "{:?}",
            rows(&cross)
        );
        let mut next = Answers::new("next-family");
        next.prefecture = Some(13);
        next.applied =
            chrono::NaiveDate::from_ymd_opt(2010, 4, 1).map(crate::rules::period::Period::day);
        assert!(labels(&next).contains(&"申込日"));
        assert_eq!(rows(&next)[4].value, "わからない");
    }
}
