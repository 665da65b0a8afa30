//! `[[lines]]`: unique ids, a known 回線区分, what a FLET'S line needs, and the lines the wizard
//! offers by id.

use super::failure::{Failure, fail, i, k};
use super::fields::check_unique;
use super::raw::RawLine;
use crate::rules::model::{Family, LineKind, LineType, PortalCategory};
use crate::rules::text;

pub(super) fn check(
    raw: Vec<RawLine>,
    portal_categories: &[PortalCategory],
) -> Result<Vec<LineType>, Failure> {
    check_unique(raw.iter().map(|l| l.id.as_str()), "lines", "id")?;
    let ids: Vec<String> = raw.iter().map(|l| l.id.clone()).collect();
    let mut lines = Vec::new();
    for (n, l) in raw.into_iter().enumerate() {
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
        let keys = keys(&l, n, &ids)?;
        lines.push(LineType {
            keys,
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
    check_wizard_lines(&lines)?;
    Ok(lines)
}

/// The names a line is found by (see [`LineType::keys`]). An alias may not be another line's id:
/// the id would always win, and the alias would never be read.
fn keys(l: &RawLine, n: usize, ids: &[String]) -> Result<Vec<String>, Failure> {
    let mut keys = vec![text::line_key(&l.name)];
    if let Some(head) = text::without_remark(&l.name) {
        keys.push(text::line_key(head));
    }
    if l.subtype
        && let Some(kind) = keys[0].strip_prefix(&text::line_key("光ネクスト"))
        && !kind.is_empty()
    {
        keys.push(kind.to_string());
    }
    for (a, alias) in l.aliases.iter().enumerate() {
        let key = text::line_key(alias);
        let an_id = ids.iter().any(|id| id.eq_ignore_ascii_case(alias.trim()));
        if key.is_empty() || an_id {
            return fail(
                vec![k("lines"), i(n), k("aliases"), i(a)],
                format!(
                    "回線「{}」の aliases の「{}」は使えません (空か、回線の id と同じです)",
                    l.id,
                    text::sanitize(alias)
                ),
            );
        }
        keys.push(key);
    }
    let mut unique = Vec::with_capacity(keys.len());
    for key in keys {
        if !unique.contains(&key) {
            unique.push(key);
        }
    }
    Ok(unique)
}

/// The wizard offers two lines by id: the generic 光ネクスト (its 「わからない」 type) and the
/// unknown line; and its first question needs at least one line that is no subtype.
fn check_wizard_lines(lines: &[LineType]) -> Result<(), Failure> {
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
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::rules::load::testing::{accepted, refusal};
    use crate::rules::model::{Family, LineKind, PortalCategory};

    /// Six lines that every line has (its id on the second), then `rest`.
    fn line(id: &str, subtype: bool, rest: &str) -> String {
        format!(
            "[[lines]]\nid = \"{id}\"\nname = \"回線\"\nsubtype = {subtype}\nhint = \"h\"\n\
             source = \"s\"\n{rest}"
        )
    }

    const FLETS_NEXT: &str =
        "kind = \"flets\"\nfamily = \"next\"\nareas = [\"east\", \"west\"]\nline_category = 1\n";
    const UNKNOWN: &str = "kind = \"unknown\"\nareas = []\n";

    fn next() -> String {
        line("next", false, FLETS_NEXT)
    }

    fn unknown() -> String {
        line("unknown", false, UNKNOWN)
    }

    fn categories() -> Vec<PortalCategory> {
        vec![PortalCategory {
            code: 1,
            label: "1：回線".to_string(),
            who: "w".to_string(),
            needs_customer_id: true,
            collabo_note: None,
            note: None,
        }]
    }

    fn refused(input: &str) -> String {
        refusal(input, |raw| check(raw, &categories()))
    }

    #[test]
    fn the_lines_the_wizard_needs_are_accepted() {
        let input = next() + &unknown() + &line("next-family", true, FLETS_NEXT);
        let lines = accepted(&input, |raw| check(raw, &categories()));
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0].family, Some(Family::Next));
        assert_eq!(lines[1].kind, LineKind::Unknown);
        assert!(lines[2].subtype);
    }

    #[test]
    fn an_id_twice_is_refused_at_the_second() {
        assert_eq!(
            refused(&(next() + &unknown() + &next())),
            "rules.toml:20:6: lines の id「next」が重複しています。一つにしてください"
        );
    }

    #[test]
    fn a_category_the_portal_lacks_is_refused() {
        let input = line("next", false, &FLETS_NEXT.replace("= 1", "= 9")) + &unknown();
        assert_eq!(
            refused(&input),
            "rules.toml:10:17: line_category = 9 は portal_categories にありません"
        );
    }

    #[test]
    fn a_flets_line_needs_a_family_areas_and_a_category() {
        let no_family = FLETS_NEXT.replace("family = \"next\"\n", "");
        assert_eq!(
            refused(&(line("next", false, &no_family) + &unknown())),
            "rules.toml:7:8: フレッツの回線「next」には family (next か cross) が必要です"
        );
        let no_areas = FLETS_NEXT.replace("[\"east\", \"west\"]", "[]");
        assert_eq!(
            refused(&(line("next", false, &no_areas) + &unknown())),
            "rules.toml:9:9: フレッツの回線「next」には areas が必要です"
        );
        let no_category = FLETS_NEXT.replace("line_category = 1\n", "");
        assert_eq!(
            refused(&(line("next", false, &no_category) + &unknown())),
            "rules.toml:7:8: フレッツの回線「next」には line_category が必要です"
        );
    }

    #[test]
    fn the_wizard_needs_the_generic_next_and_the_unknown_line() {
        assert_eq!(
            refused(&unknown()),
            "rules.toml:1:1: lines に id = \"next\" の回線がありません (ウィザードが使います)"
        );
        // A subtype named `next` is not the generic type the wizard offers.
        assert_eq!(
            refused(&(line("next", true, FLETS_NEXT) + &unknown())),
            "rules.toml:1:1: lines に id = \"next\" の回線がありません (ウィザードが使います)"
        );
        assert_eq!(
            refused(&(next() + &line("unknown", false, FLETS_NEXT))),
            "rules.toml:1:1: lines に id = \"unknown\" の回線がありません (ウィザードが使います)"
        );
    }

    #[test]
    fn a_line_is_found_by_its_names_and_aliases_folded() {
        let input = format!(
            "{}{}",
            line(
                "next",
                false,
                &format!("{FLETS_NEXT}aliases = [\"ネクスト\", \"光ネクスト\"]\n")
            ),
            unknown()
        )
        .replace(
            "id = \"next\"\nname = \"回線\"\nsubtype = false",
            "id = \"next\"\nname = \"フレッツ 光ネクスト (NTT)\"\nsubtype = false",
        );
        let lines = accepted(&input, |raw| check(raw, &categories()));
        // The name, the name without its remark, the aliases; each once.
        assert_eq!(lines[0].keys, ["光ねくすと(ntt)", "光ねくすと", "ねくすと"]);
    }

    #[test]
    fn an_alias_that_is_empty_or_an_id_is_refused() {
        for alias in [" ", "UNKNOWN"] {
            let input = format!(
                "{}{}",
                line(
                    "next",
                    false,
                    &format!("{FLETS_NEXT}aliases = [\"光\", \"{alias}\"]\n")
                ),
                unknown()
            );
            let line_no = input
                .lines()
                .position(|l| l.starts_with("aliases"))
                .unwrap()
                + 1;
            assert_eq!(
                refusal(&input, |raw| check(raw, &categories())),
                format!(
                    "rules.toml:{line_no}:17: 回線「next」の aliases の「{alias}」は使えません (空か、回線の id と同じです)"
                )
            );
        }
    }
}
