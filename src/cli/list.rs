//! `oqs-line-check list lines|prefectures`: the ids and names the flags take.

use std::io::Write;
use std::process::ExitCode;

use oqs_line_check::rules::{Area, RuleSet};
use serde_json::json;

use super::args::{Format, ListWhat};

pub fn run(rules: &RuleSet, what: ListWhat, format: Format, out: &mut impl Write) -> ExitCode {
    let areas = |areas: &[Area]| -> String {
        areas
            .iter()
            .map(|a| rules.area(*a).short.clone())
            .collect::<Vec<_>>()
            .join("・")
    };
    let written = match (what, format) {
        (ListWhat::Lines, Format::Text) => rules.lines.iter().try_for_each(|l| {
            let offered = if l.areas.is_empty() {
                String::new()
            } else {
                format!(" [{}]", areas(&l.areas))
            };
            writeln!(out, "{:<26} {}{offered}", l.id, l.name)
        }),
        (ListWhat::Prefectures, Format::Text) => rules.prefectures.iter().try_for_each(|p| {
            writeln!(
                out,
                "{:02} {} ({} / {}) {}",
                p.code,
                p.name,
                p.kana,
                p.romaji,
                rules.area(p.area).name
            )
        }),
        (ListWhat::Lines, Format::Json) => {
            let v: Vec<_> = rules
                .lines
                .iter()
                .map(|l| {
                    json!({"id": l.id, "name": l.name, "kind": l.kind, "areas": l.areas,
                           "line_category": l.line_category, "hint": l.hint})
                })
                .collect();
            writeln!(out, "{}", serde_json::Value::Array(v))
        }
        (ListWhat::Prefectures, Format::Json) => {
            let v: Vec<_> = rules
                .prefectures
                .iter()
                .map(|p| {
                    json!({"code": p.code, "name": p.name, "kana": p.kana,
                           "romaji": p.romaji, "area": p.area})
                })
                .collect();
            writeln!(out, "{}", serde_json::Value::Array(v))
        }
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}
