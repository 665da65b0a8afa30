//! Reading and checking a rules file. Nothing half-checked gets out: [`from_toml`] either returns
//! a [`RuleSet`] whose every id, date, pattern and address is sound, or a [`LoadError`] that names
//! the file, line and column and what is wrong.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use serde::Deserialize;
use strum::IntoEnumIterator;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::model::*;
use super::pattern::Pattern;
use super::text;

/// Reads and checks a rules file from disk.
pub fn from_file(path: &Path) -> Result<RuleSet, LoadError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| LoadError {
        file: name.clone(),
        line: 0,
        column: 0,
        message: format!("ルールファイルを読めません ({})", io_reason(&e)),
    })?;
    from_toml(&name, &text)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "ファイルがありません".to_string(),
        std::io::ErrorKind::PermissionDenied => "読む権限がありません".to_string(),
        std::io::ErrorKind::InvalidData => "UTF-8 のテキストではありません".to_string(),
        std::io::ErrorKind::IsADirectory => {
            "フォルダです。ルールファイル (TOML) を指定してください".to_string()
        }
        _ => text::sanitize(&e.to_string()),
    }
}

/// A mistake in a rules file. `line` and `column` count from 1; 0 means "the whole file".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}",
            text::position(&self.file, self.line, self.column),
            self.message
        )
    }
}

impl std::error::Error for LoadError {}

/// Parses and checks rules from TOML text. `name` is what errors call the file.
pub fn from_toml(name: &str, input: &str) -> Result<RuleSet, LoadError> {
    let at = |span: Option<std::ops::Range<usize>>, message: String| {
        let (line, column) = span.map_or((0, 0), |s| text::line_column(input, s.start));
        LoadError {
            file: name.to_string(),
            line,
            column,
            message,
        }
    };
    let syntax = |e: toml::de::Error| {
        at(
            e.span(),
            format!(
                "ルールファイルの書き方が正しくありません: {}",
                explain_toml_error(e.message().trim())
            ),
        )
    };
    // The text is parsed once (the parse is most of the cost of loading): the strings are
    // checked on the tree, then the same tree is deserialised, as `toml::from_str` would after
    // parsing the text again. A file with several mistakes still reports the same first one:
    // the syntax, then the shape (serde), then the strings, then the rules' own checks.
    let doc = DeTable::parse(input).map_err(syntax)?;
    let strings = check_strings(doc.get_ref())
        .map_err(|(path, msg)| at(find_span(doc.get_ref(), &path), msg));
    let raw = RawRules::deserialize(toml::de::Deserializer::from(doc)).map_err(syntax)?;
    strings?;
    validate(raw).map_err(|(path, msg)| {
        // Only a mistake needs the spans again: parse them anew rather than keep a copy.
        let doc = DeTable::parse(input).ok();
        at(doc.and_then(|d| find_span(d.get_ref(), &path)), msg)
    })
}

/// toml and serde explain in English; the common cases are retold in Japanese, anything else is
/// shown as it is (sanitised) after a Japanese lead.
fn explain_toml_error(message: &str) -> String {
    static PATTERNS: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
        [
            (
                r"^unknown field `([^`]*)`, expected (?:one of )?(.*)$",
                "「$1」という項目はありません。綴りを確かめてください (使える項目: $2)",
            ),
            (
                r"^unknown field `([^`]*)`.*$",
                "「$1」という項目はありません",
            ),
            (
                r"^missing field `([^`]*)`",
                "項目「$1」がありません。追加してください",
            ),
            (
                r"^unknown variant `([^`]*)`, expected (.*)$",
                "値「$1」は使えません。使える値: $2",
            ),
            (
                r"^invalid type: (.*), expected (.*)$",
                "値の型が違います ($1 ではなく $2 が必要です)",
            ),
            (
                r"^duplicate key `([^`]*)`",
                "項目「$1」が二度書かれています",
            ),
            (
                r"^invalid value: (.*), expected (.*)$",
                "値が正しくありません ($1。必要なのは $2)",
            ),
        ]
        .into_iter()
        .filter_map(|(p, r)| Regex::new(p).ok().map(|re| (re, r)))
        .collect()
    });
    let first = message.lines().next().unwrap_or(message);
    for (re, replacement) in PATTERNS.iter() {
        if re.is_match(first) {
            return text::sanitize(&re.replace(first, *replacement).replace("` or `", "`, `"));
        }
    }
    format!("TOML として読めません ({})", text::sanitize(first))
}

/// One step of a path into the document: a key of a table or an index of an array.
#[derive(Debug, Clone)]
enum Seg {
    Key(&'static str),
    Idx(usize),
    Owned(String),
}

fn k(key: &'static str) -> Seg {
    Seg::Key(key)
}

fn i(index: usize) -> Seg {
    Seg::Idx(index)
}

type Failure = (Vec<Seg>, String);

fn fail<T>(path: Vec<Seg>, message: impl Into<String>) -> Result<T, Failure> {
    Err((path, message.into()))
}

fn find_span(root: &DeTable<'_>, path: &[Seg]) -> Option<std::ops::Range<usize>> {
    let mut span = None;
    let mut current: Option<&DeValue<'_>> = None;
    for (n, seg) in path.iter().enumerate() {
        let next = match (n, seg, current) {
            (0, Seg::Key(key), _) => table_get(root, key),
            (0, Seg::Owned(key), _) => table_get(root, key),
            (_, Seg::Key(key), Some(DeValue::Table(t))) => table_get(t, key),
            (_, Seg::Owned(key), Some(DeValue::Table(t))) => table_get(t, key),
            (_, Seg::Idx(idx), Some(DeValue::Array(a))) => a.get(*idx),
            _ => None,
        };
        let next = next?;
        span = Some(next.span());
        current = Some(next.get_ref());
    }
    span
}

fn table_get<'a, 'i>(t: &'a DeTable<'i>, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
    t.iter()
        .find(|(k, _)| k.get_ref().as_ref() == key)
        .map(|(_, v)| v)
}

/// Checks every string of the document that a user can see (all but the `source` quotes): no
/// control characters, no invisible formatting characters, no ambiguous-width symbols, no
/// `fleets` address, no plain `http://`.
fn check_strings(root: &DeTable<'_>) -> Result<(), Failure> {
    fn walk(value: &DeValue<'_>, path: &mut Vec<Seg>) -> Result<(), Failure> {
        match value {
            DeValue::String(s) => check_string(s, path),
            DeValue::Array(a) => {
                for (n, v) in a.iter().enumerate() {
                    path.push(Seg::Idx(n));
                    walk(v.get_ref(), path)?;
                    path.pop();
                }
                Ok(())
            }
            DeValue::Table(t) => walk_table(t, path),
            _ => Ok(()),
        }
    }
    fn walk_table(t: &DeTable<'_>, path: &mut Vec<Seg>) -> Result<(), Failure> {
        for (key, v) in t.iter() {
            // A `source` string quotes the seed verbatim (typos and symbols included) and is
            // never shown; a table named `source` is checked like any other.
            if key.get_ref().as_ref() == "source" && matches!(v.get_ref(), DeValue::String(_)) {
                continue;
            }
            path.push(Seg::Owned(key.get_ref().to_string()));
            walk(v.get_ref(), path)?;
            path.pop();
        }
        Ok(())
    }
    fn check_string(s: &str, path: &[Seg]) -> Result<(), Failure> {
        if let Some(c) = s.chars().find(|c| c.is_control()) {
            return fail(
                path.to_vec(),
                format!(
                    "制御文字 ({}) は使えません。取り除いてください",
                    c.escape_unicode()
                ),
            );
        }
        // Zero-width joiners, direction overrides …: invisible, yet they would reach the
        // terminal and `check`'s output as they are.
        if let Some(c) = s.chars().find(|&c| text::is_invisible(c)) {
            return fail(
                path.to_vec(),
                format!(
                    "見えない書式文字 ({}) は使えません。取り除いてください",
                    c.escape_unicode()
                ),
            );
        }
        if let Some(c) = s.chars().find(|&c| text::is_ambiguous_width(c)) {
            return fail(
                path.to_vec(),
                format!(
                    "「{c}」(U+{:04X}) は端末によって幅が変わる記号なので使えません。ほかの書き方にしてください",
                    c as u32
                ),
            );
        }
        if s.to_ascii_lowercase().contains("fleets") {
            return fail(
                path.to_vec(),
                "「fleets」は誤記です (NTTのサイトは flets.com と flets-w.com)。直してください",
            );
        }
        if s.contains("http://") {
            return fail(
                path.to_vec(),
                "http:// のアドレスは使えません。https:// にしてください",
            );
        }
        Ok(())
    }
    walk_table(root, &mut Vec::new())
}

fn check_url(url: &str, path: Vec<Seg>) -> Result<String, Failure> {
    static URL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^https://[A-Za-z0-9.-]+(/[A-Za-z0-9._~:/?#@!$&'()*+,;=%-]*)?$")
            .expect("the URL pattern is a valid regex")
    });
    if !url.starts_with("https://") {
        return fail(
            path,
            format!(
                "アドレス「{}」は https:// で始めてください",
                text::sanitize(url)
            ),
        );
    }
    if !URL.is_match(url) {
        return fail(
            path,
            format!("アドレス「{}」の形が正しくありません", text::sanitize(url)),
        );
    }
    Ok(url.to_string())
}

fn check_date(s: &str, path: Vec<Seg>) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").or_else(|_| {
        fail(
            path,
            format!(
                "日付「{}」が正しくありません。2012-05-29 のように、ある日付を書いてください",
                text::sanitize(s)
            ),
        )
    })
}

/// A text the result joins to another: it must end with 「。」, so that the two read as two
/// sentences without a space between them.
fn check_sentence(s: &str, path: Vec<Seg>) -> Result<(), Failure> {
    if s.ends_with('。') {
        Ok(())
    } else {
        fail(
            path,
            "この文は「。」で終えてください (結果の画面でほかの文の前に続けて表示します)",
        )
    }
}

fn check_unique<'a>(
    ids: impl Iterator<Item = &'a str>,
    table: &'static str,
    field: &'static str,
) -> Result<(), Failure> {
    let mut seen = HashSet::new();
    for (n, id) in ids.enumerate() {
        if !seen.insert(id) {
            return fail(
                vec![k(table), i(n), k(field)],
                format!(
                    "{table} の {field}「{}」が重複しています。一つにしてください",
                    text::sanitize(id)
                ),
            );
        }
    }
    Ok(())
}

fn validate(raw: RawRules) -> Result<RuleSet, Failure> {
    // Areas: exactly one entry for each.
    check_unique(raw.areas.iter().map(|a| a.id.as_ref()), "areas", "id")?;
    let mut areas = Vec::new();
    for (n, a) in raw.areas.into_iter().enumerate() {
        areas.push(AreaInfo {
            area: a.id,
            name: a.name,
            short: a.short,
            collabo_list_url: check_url(
                &a.collabo_list_url,
                vec![k("areas"), i(n), k("collabo_list_url")],
            )?,
        });
    }
    for area in Area::iter() {
        if !areas.iter().any(|a| a.area == area) {
            return fail(
                vec![k("areas")],
                format!("areas に「{area}」がありません。追加してください"),
            );
        }
    }

    // Contacts.
    check_unique(raw.contacts.iter().map(|c| c.id.as_str()), "contacts", "id")?;
    let contacts: Vec<Contact> = raw
        .contacts
        .into_iter()
        .map(|c| Contact {
            id: c.id,
            area: c.area,
            name: c.name,
            phone: c.phone,
            hours: c.hours,
            about: c.about,
            about_collabo: c.about_collabo,
        })
        .collect();
    for area in Area::iter() {
        if !contacts.iter().any(|c| c.area == Some(area)) {
            return fail(
                vec![k("contacts")],
                format!("contacts に area = \"{area}\" の問い合わせ先がありません"),
            );
        }
    }

    // Portal categories.
    let codes: Vec<String> = raw
        .portal_categories
        .iter()
        .map(|c| c.code.to_string())
        .collect();
    check_unique(
        codes.iter().map(String::as_str),
        "portal_categories",
        "code",
    )?;
    let portal_categories: Vec<PortalCategory> = raw
        .portal_categories
        .into_iter()
        .map(|c| PortalCategory {
            code: c.code,
            label: c.label,
            who: c.who,
            needs_customer_id: c.needs_customer_id,
            collabo_note: c.collabo_note,
        })
        .collect();

    // Lines.
    check_unique(raw.lines.iter().map(|l| l.id.as_str()), "lines", "id")?;
    let mut lines = Vec::new();
    for (n, l) in raw.lines.into_iter().enumerate() {
        let at = |field: &'static str| vec![k("lines"), i(n), k(field)];
        if let Some(code) = l.line_category
            && !portal_categories.iter().any(|c| c.code == code)
        {
            return fail(
                at("line_category"),
                format!("line_category = {code} は portal_categories にありません"),
            );
        }
        if l.kind == LineKind::Flets {
            if l.family.is_none() {
                return fail(
                    at("kind"),
                    format!(
                        "フレッツの回線「{}」には family (next か cross) が必要です",
                        l.id
                    ),
                );
            }
            if l.areas.is_empty() {
                return fail(
                    at("areas"),
                    format!("フレッツの回線「{}」には areas が必要です", l.id),
                );
            }
            if l.line_category.is_none() {
                return fail(
                    at("kind"),
                    format!("フレッツの回線「{}」には line_category が必要です", l.id),
                );
            }
        }
        lines.push(LineType {
            id: l.id,
            name: l.name,
            kind: l.kind,
            family: l.family,
            subtype: l.subtype,
            areas: l.areas,
            line_category: l.line_category,
            operator: l.operator,
            hint: l.hint,
        });
    }
    // The wizard offers these two by id: the generic 光ネクスト (its 「わからない」 type) and the
    // unknown line.
    for (id, ok) in [
        (
            "next",
            (|l: &LineType| l.family == Some(Family::Next) && !l.subtype) as fn(&LineType) -> bool,
        ),
        ("unknown", |l: &LineType| l.kind == LineKind::Unknown),
    ] {
        if !lines.iter().any(|l| l.id == id && ok(l)) {
            return fail(
                vec![k("lines")],
                format!("lines に id = \"{id}\" の回線がありません (ウィザードが使います)"),
            );
        }
    }
    if !lines.iter().any(|l| !l.subtype) {
        return fail(
            vec![k("lines")],
            "最初の質問の選択肢 (subtype = false) がありません",
        );
    }

    // v6 rules: one for each FLET'S family in each area that offers it.
    let mut v6_rules = Vec::new();
    for (n, r) in raw.v6_rules.into_iter().enumerate() {
        let at = |field: &'static str| vec![k("v6_rules"), i(n), k(field)];
        let default = match r.default.as_str() {
            "on" => V6Default::On,
            "by_date" => match &r.on_since {
                Some(d) => V6Default::ByDate {
                    on_since: check_date(d, at("on_since"))?,
                },
                None => {
                    return fail(
                        at("default"),
                        "default = \"by_date\" には on_since が必要です",
                    );
                }
            },
            other => {
                return fail(
                    at("default"),
                    format!(
                        "default は \"on\" か \"by_date\" です (「{}」は使えません)",
                        text::sanitize(other)
                    ),
                );
            }
        };
        let contract_url = match r.contract_url {
            Some(u) => Some(check_url(&u, at("contract_url"))?),
            None => None,
        };
        if matches!(default, V6Default::ByDate { .. }) && contract_url.is_none() {
            return fail(
                at("default"),
                "default = \"by_date\" には contract_url が必要です",
            );
        }
        if v6_rules
            .iter()
            .any(|x: &V6Rule| x.family == r.family && x.area == r.area)
        {
            return fail(
                at("family"),
                format!("{} / {} の v6_rules が重複しています", r.family, r.area),
            );
        }
        v6_rules.push(V6Rule {
            family: r.family,
            area: r.area,
            default,
            contract_url,
            cost_notes: r.cost_notes,
        });
    }
    for (n, l) in lines.iter().enumerate() {
        if let Some(family) = l.family {
            for &area in &l.areas {
                if !v6_rules
                    .iter()
                    .any(|r| r.family == family && r.area == area)
                {
                    return fail(
                        vec![k("lines"), i(n), k("areas")],
                        format!("{family} / {area} の v6_rules がありません"),
                    );
                }
            }
        }
    }

    // お客さまID formats.
    check_unique(
        raw.customer_id_formats.iter().map(|f| f.id.as_str()),
        "customer_id_formats",
        "id",
    )?;
    let mut customer_id_formats = Vec::new();
    for (n, f) in raw.customer_id_formats.into_iter().enumerate() {
        let at = |field: &'static str| vec![k("customer_id_formats"), i(n), k(field)];
        if f.prefix.len() != 3 || !f.prefix.chars().all(|c| c.is_ascii_uppercase()) {
            return fail(at("prefix"), "prefix は半角大文字の英字3文字にしてください");
        }
        if f.digits == 0 || f.digits > 32 {
            return fail(at("digits"), "digits は 1 から 32 にしてください");
        }
        let pattern = Pattern::new(&f.pattern).or_else(|e| {
            fail(
                at("pattern"),
                format!(
                    "pattern が正規表現として正しくありません: {}",
                    text::sanitize(&e.to_string())
                ),
            )
        })?;
        let sample = format!("{}{}", f.prefix, "0".repeat(f.digits));
        let longer = format!("{sample}0");
        if !pattern.is_match(&sample) || pattern.is_match(&longer) {
            return fail(
                at("pattern"),
                format!(
                    "pattern が prefix「{}」と digits = {} に合っていません",
                    f.prefix, f.digits
                ),
            );
        }
        if f.areas.is_empty() {
            return fail(at("areas"), "areas を一つ以上書いてください");
        }
        customer_id_formats.push(CustomerIdFormat {
            id: f.id,
            prefix: f.prefix,
            digits: f.digits,
            pattern,
            areas: f.areas,
        });
    }
    for area in Area::iter() {
        if !customer_id_formats.iter().any(|f| f.areas.contains(&area)) {
            return fail(
                vec![k("customer_id_formats")],
                format!("{area} で使えるお客さまIDの形式がありません"),
            );
        }
    }

    // Where to find the ID: one list per area, contacts that exist.
    let mut customer_id_sources = Vec::new();
    for (n, s) in raw.customer_id_sources.into_iter().enumerate() {
        if customer_id_sources
            .iter()
            .any(|x: &CustomerIdSource| x.area == s.area)
        {
            return fail(
                vec![k("customer_id_sources"), i(n), k("area")],
                format!("{} の customer_id_sources が重複しています", s.area),
            );
        }
        let mut steps = Vec::new();
        for (m, st) in s.steps.into_iter().enumerate() {
            let at = |field: &'static str| {
                vec![k("customer_id_sources"), i(n), k("steps"), i(m), k(field)]
            };
            // The result follows a step's text with its phone number or address.
            check_sentence(&st.text, at("text"))?;
            if let Some(c) = &st.contact
                && !contacts.iter().any(|x| &x.id == c)
            {
                return fail(
                    at("contact"),
                    format!("contact「{}」は contacts にありません", text::sanitize(c)),
                );
            }
            let url = match st.url {
                Some(u) => Some(check_url(&u, at("url"))?),
                None => None,
            };
            steps.push(FindStep {
                title: st.title,
                text: st.text,
                url,
                contact: st.contact,
            });
        }
        customer_id_sources.push(CustomerIdSource {
            area: s.area,
            steps,
        });
    }
    for area in Area::iter() {
        if !customer_id_sources.iter().any(|s| s.area == area) {
            return fail(
                vec![k("customer_id_sources")],
                format!("{area} の customer_id_sources がありません"),
            );
        }
    }

    // Actions: every code, once, each with exactly the variants the decision uses.
    let mut actions = Vec::new();
    for code in ActionCode::iter() {
        let Some(a) = raw.actions.get(code.as_ref()) else {
            return fail(
                vec![k("actions")],
                format!("actions.{code} がありません。追加してください"),
            );
        };
        let at = || vec![k("actions"), Seg::Owned(code.to_string())];
        let mut variants = Vec::new();
        for &variant in code.variants() {
            let Some(v) = a.variants.get(variant.as_ref()) else {
                let mut path = at();
                if !a.variants.is_empty() {
                    path.push(k("variants"));
                }
                return fail(
                    path,
                    format!(
                        "actions.{code}.variants.{variant} がありません。この場合の文を追加してください"
                    ),
                );
            };
            let mut path = at();
            path.extend([k("variants"), Seg::Owned(variant.to_string())]);
            if v.text.is_none() && v.detail.is_none() {
                return fail(
                    path,
                    format!(
                        "actions.{code}.variants.{variant} には text か detail の少なくとも一方を書いてください"
                    ),
                );
            }
            variants.push((
                variant,
                VariantText {
                    text: v.text.clone(),
                    detail: v.detail.clone(),
                },
            ));
        }
        for key in a.variants.keys() {
            let known = key
                .parse::<ActionVariant>()
                .is_ok_and(|v| code.variants().contains(&v));
            if !known {
                let mut path = at();
                path.extend([k("variants"), Seg::Owned(key.clone())]);
                let used: Vec<&str> = code.variants().iter().map(|v| v.as_ref()).collect();
                return fail(
                    path,
                    format!(
                        "actions.{code}.variants.{} は使われません (使える場合: {})",
                        text::sanitize(key),
                        if used.is_empty() {
                            "なし".to_string()
                        } else {
                            used.join(", ")
                        }
                    ),
                );
            }
        }
        actions.push((
            code,
            ActionText {
                text: a.text.clone(),
                detail: a.detail.clone(),
                variants,
            },
        ));
    }
    for key in raw.actions.keys() {
        if key.parse::<ActionCode>().is_err() {
            return fail(
                vec![k("actions"), Seg::Owned(key.clone())],
                format!("actions.{} という動作はありません", text::sanitize(key)),
            );
        }
    }

    // Verdicts: an explanation for each, and nothing else.
    let mut verdicts = Vec::new();
    for verdict in Verdict::iter() {
        match raw.verdicts.get(verdict.as_ref()) {
            Some(v) => verdicts.push((verdict, v.explanation.clone())),
            None => {
                return fail(
                    vec![k("verdicts")],
                    format!("verdicts.{verdict} がありません。追加してください"),
                );
            }
        }
    }
    for key in raw.verdicts.keys() {
        if key.parse::<Verdict>().is_err() {
            return fail(
                vec![k("verdicts"), Seg::Owned(key.clone())],
                format!("verdicts.{} という判定はありません", text::sanitize(key)),
            );
        }
    }

    // The result joins these to other sentences: each must end as one.
    check_sentence(
        &raw.collabo.how_to_tell,
        vec![k("collabo"), k("how_to_tell")],
    )?;
    check_sentence(
        &raw.collabo.contact_note,
        vec![k("collabo"), k("contact_note")],
    )?;

    check_unique(
        raw.wrong_applications.iter().map(|w| w.id.as_str()),
        "wrong_applications",
        "id",
    )?;

    let prefectures = validate_prefectures(raw.prefectures)?;

    Ok(RuleSet {
        source: SourceInfo {
            title: raw.source.title,
            as_of: check_date(&raw.source.as_of, vec![k("source"), k("as_of")])?,
            as_of_label: raw.source.as_of_label,
        },
        areas,
        contacts,
        collabo: Collabo {
            name: raw.collabo.name,
            what: raw.collabo.what,
            how_to_tell: raw.collabo.how_to_tell,
            contact_note: raw.collabo.contact_note,
            no_confirmation_needed: raw.collabo.no_confirmation_needed,
        },
        portal_categories,
        portal: Portal {
            name: raw.portal.name,
            field: raw.portal.field,
        },
        lines,
        v6: V6Info {
            name: raw.v6_option.name,
            about: raw.v6_option.about,
            may_already_have: raw.v6_option.may_already_have,
            may_already_have_undated: raw.v6_option.may_already_have_undated,
            always_on: raw.v6_option.always_on,
            order_here: raw.v6_option.order_here,
            order_from_collabo: raw.v6_option.order_from_collabo,
            collabo_orders: raw.v6_option.collabo_orders,
        },
        v6_rules,
        customer_id: CustomerIdInfo {
            about: raw.customer_id.about,
            multiple_lines: raw.customer_id.multiple_lines,
        },
        customer_id_formats,
        customer_id_sources,
        customer_id_collabo: raw.customer_id_collabo.text,
        customer_id_input: validate_customer_id_input(raw.customer_id_input)?,
        application: Application {
            auto_reply: raw.application.auto_reply,
            auto_reply_without_id: raw.application.auto_reply_without_id,
        },
        reapplication: Reapplication {
            days: raw.reapplication.days,
            text: raw.reapplication.text,
        },
        wrong_applications: raw
            .wrong_applications
            .into_iter()
            .map(|w| WrongApplication {
                id: w.id,
                text: w.text,
            })
            .collect(),
        actions,
        connectable_list: ConnectableList {
            name: raw.connectable_list.name,
            publisher: raw.connectable_list.publisher,
            url: check_url(
                &raw.connectable_list.url,
                vec![k("connectable_list"), k("url")],
            )?,
            note: raw.connectable_list.note,
            contact_name: raw.connectable_list.contact_name,
            contact_about: raw.connectable_list.contact_about,
        },
        verdicts,
        prefectures,
    })
}

fn validate_prefectures(raw: Vec<RawPrefecture>) -> Result<Vec<Prefecture>, Failure> {
    if raw.len() != 47 {
        return fail(
            vec![k("prefectures")],
            format!(
                "都道府県は47あるはずですが、{}件です。足りないものを追加してください",
                raw.len()
            ),
        );
    }
    let mut codes = HashSet::new();
    // (entry, code, field, spelling): the entries' own spellings first, then the other kanji
    // spellings (name_alt), so a clash is reported at the name_alt that makes it.
    let mut primary: Vec<(usize, u8, &'static str, String)> = Vec::new();
    let mut alternates: Vec<(usize, u8, &'static str, String)> = Vec::new();
    let mut out = Vec::new();
    for (n, p) in raw.into_iter().enumerate() {
        let at = |field: &'static str| vec![k("prefectures"), i(n), k(field)];
        if !(1..=47).contains(&p.code) {
            return fail(
                at("code"),
                format!("code = {} は 1 から 47 にしてください", p.code),
            );
        }
        if !codes.insert(p.code) {
            return fail(at("code"), format!("code = {} が重複しています", p.code));
        }
        let keys = PrefectureKeys {
            kanji: std::iter::once(&p.name)
                .chain(&p.name_alt)
                .map(|n| text::prefecture_key_kanji(n))
                .collect(),
            kana: text::prefecture_key_kana(&p.kana),
            romaji: std::iter::once(&p.romaji)
                .chain(&p.romaji_alt)
                .map(|r| text::prefecture_key_romaji(r))
                .collect(),
        };
        // Each spelling as lookups compare it, with the field it comes from. A name in kanji
        // is found with or without the prefecture's own 都/府/県, so both forms are spellings:
        // 「京都」 for 東京都 would be 京都府's name.
        let suffix = p
            .name
            .chars()
            .last()
            .filter(|c| matches!(c, '都' | '府' | '県'));
        for (n_key, key) in keys.kanji.iter().enumerate() {
            let field = if n_key == 0 { "name" } else { "name_alt" };
            let queue = if n_key == 0 {
                &mut primary
            } else {
                &mut alternates
            };
            queue.push((n, p.code, field, key.clone()));
            if let Some(suffix) = suffix.filter(|_| !key.is_empty()) {
                queue.push((n, p.code, field, format!("{key}{suffix}")));
            }
        }
        primary.push((n, p.code, "kana", keys.kana.clone()));
        for (n_key, key) in keys.romaji.iter().enumerate() {
            let field = if n_key == 0 { "romaji" } else { "romaji_alt" };
            primary.push((n, p.code, field, key.clone()));
        }
        out.push(Prefecture {
            code: p.code,
            name: p.name,
            name_alt: p.name_alt,
            kana: p.kana,
            romaji: p.romaji,
            romaji_alt: p.romaji_alt,
            area: p.area,
            keys,
        });
    }
    let mut spellings: BTreeMap<String, u8> = BTreeMap::new();
    for (n, code, field, key) in primary.into_iter().chain(alternates) {
        let at = vec![k("prefectures"), i(n), k(field)];
        if key.is_empty() {
            return fail(at, format!("{field} が空です"));
        }
        if let Some(other) = spellings.insert(key.clone(), code) {
            let whose = if other == code {
                "この都道府県の別の綴りと同じです。一つにしてください".to_string()
            } else {
                format!("code = {other} の都道府県と区別できません")
            };
            return fail(at, format!("{field}「{}」は{whose}", text::sanitize(&key)));
        }
    }
    out.sort_by_key(|p| p.code);
    Ok(out)
}

/// `[customer_id_input]`: sentences the messages join to others end with 「。」; where the ID is
/// written is said once for each area, with at least one place.
fn validate_customer_id_input(raw: RawCustomerIdInput) -> Result<CustomerIdInput, Failure> {
    let at = |field: &'static str| vec![k("customer_id_input"), k(field)];
    for (field, s) in [
        ("portal_form", &raw.portal_form),
        ("ime_on", &raw.ime_on),
        ("phone_number", &raw.phone_number),
        ("approval_number", &raw.approval_number),
        ("digits_only", &raw.digits_only),
    ] {
        check_sentence(s, at(field))?;
    }
    let mut written_on: Vec<(Area, Vec<String>)> = Vec::new();
    for (n, w) in raw.written_on.into_iter().enumerate() {
        let at =
            |field: &'static str| vec![k("customer_id_input"), k("written_on"), i(n), k(field)];
        if written_on.iter().any(|(a, _)| *a == w.area) {
            return fail(
                at("area"),
                format!(
                    "{} の written_on が重複しています。一つにしてください",
                    w.area
                ),
            );
        }
        if w.places.is_empty() || w.places.iter().any(|p| p.trim().is_empty()) {
            return fail(
                at("places"),
                "places には、お客さまIDが書かれている場所を一つ以上書いてください (空の文字列は使えません)",
            );
        }
        written_on.push((w.area, w.places));
    }
    for area in Area::iter() {
        if !written_on.iter().any(|(a, _)| *a == area) {
            return fail(
                at("written_on"),
                format!("{area} の written_on がありません。追加してください"),
            );
        }
    }
    Ok(CustomerIdInput {
        portal_form: raw.portal_form,
        ime_on: raw.ime_on,
        phone_number: raw.phone_number,
        approval_number: raw.approval_number,
        digits_only: raw.digits_only,
        written_on,
    })
}

// ---------------------------------------------------------------------------------------------
// The file's shape. Unknown keys are mistakes: a misspelt key would otherwise be silently ignored.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    source: RawSource,
    areas: Vec<RawArea>,
    contacts: Vec<RawContact>,
    collabo: RawCollabo,
    portal_categories: Vec<RawPortalCategory>,
    portal: RawPortal,
    lines: Vec<RawLine>,
    v6_option: RawV6Option,
    v6_rules: Vec<RawV6Rule>,
    customer_id: RawCustomerId,
    customer_id_formats: Vec<RawCustomerIdFormat>,
    customer_id_sources: Vec<RawCustomerIdSource>,
    customer_id_collabo: RawTextWithSource,
    customer_id_input: RawCustomerIdInput,
    application: RawApplication,
    reapplication: RawReapplication,
    wrong_applications: Vec<RawWrongApplication>,
    actions: BTreeMap<String, RawAction>,
    connectable_list: RawConnectableList,
    verdicts: BTreeMap<String, RawVerdict>,
    prefectures: Vec<RawPrefecture>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    title: String,
    as_of: String,
    as_of_label: String,
    #[allow(dead_code)]
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArea {
    id: Area,
    name: String,
    short: String,
    collabo_list_url: String,
    #[allow(dead_code)]
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContact {
    id: String,
    area: Option<Area>,
    name: String,
    phone: String,
    hours: String,
    about: String,
    about_collabo: String,
    #[allow(dead_code)]
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCollabo {
    name: String,
    what: String,
    how_to_tell: String,
    contact_note: String,
    no_confirmation_needed: String,
    #[allow(dead_code)]
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPortalCategory {
    code: u8,
    label: String,
    who: String,
    needs_customer_id: bool,
    collabo_note: Option<String>,
    #[allow(dead_code)]
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPortal {
    name: String,
    field: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLine {
    id: String,
    name: String,
    kind: LineKind,
    family: Option<Family>,
    subtype: bool,
    areas: Vec<Area>,
    line_category: Option<u8>,
    operator: Option<String>,
    hint: String,
    #[allow(dead_code)]
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawV6Option {
    name: String,
    about: String,
    may_already_have: String,
    may_already_have_undated: String,
    always_on: String,
    order_here: String,
    order_from_collabo: String,
    collabo_orders: String,
    #[allow(dead_code)]
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawV6Rule {
    family: Family,
    area: Area,
    default: String,
    on_since: Option<String>,
    contract_url: Option<String>,
    cost_notes: Vec<String>,
    #[allow(dead_code)]
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCustomerId {
    about: String,
    multiple_lines: String,
    #[allow(dead_code)]
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCustomerIdFormat {
    id: String,
    prefix: String,
    digits: usize,
    pattern: String,
    areas: Vec<Area>,
    #[allow(dead_code)]
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCustomerIdSource {
    area: Area,
    steps: Vec<RawFindStep>,
    #[allow(dead_code)]
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFindStep {
    title: String,
    text: String,
    url: Option<String>,
    contact: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTextWithSource {
    text: String,
    #[allow(dead_code)]
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCustomerIdInput {
    portal_form: String,
    ime_on: String,
    phone_number: String,
    approval_number: String,
    digits_only: String,
    written_on: Vec<RawWrittenOn>,
    #[allow(dead_code)]
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWrittenOn {
    area: Area,
    places: Vec<String>,
    #[allow(dead_code)]
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawApplication {
    auto_reply: String,
    auto_reply_without_id: String,
    #[allow(dead_code)]
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReapplication {
    days: u32,
    text: String,
    #[allow(dead_code)]
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWrongApplication {
    id: String,
    text: String,
    #[allow(dead_code)]
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAction {
    text: String,
    detail: String,
    #[allow(dead_code)]
    source: String,
    #[serde(default)]
    variants: BTreeMap<String, RawVariant>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVariant {
    text: Option<String>,
    detail: Option<String>,
    /// Where the seed says it; our own wording has a comment instead.
    #[allow(dead_code)]
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVerdict {
    explanation: String,
    #[allow(dead_code)]
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConnectableList {
    name: String,
    publisher: String,
    url: String,
    note: String,
    contact_name: String,
    contact_about: String,
    #[allow(dead_code)]
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPrefecture {
    code: u8,
    name: String,
    #[serde(default)]
    name_alt: Vec<String>,
    kana: String,
    romaji: String,
    #[serde(default)]
    romaji_alt: Vec<String>,
    area: Area,
}
