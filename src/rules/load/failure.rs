//! A failed check: where in the document (a path of keys and indexes) and what is wrong. The
//! path becomes a line and column only when the loader reports it.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// One step of a path into the document: a key of a table or an index of an array.
#[derive(Debug, Clone)]
pub(super) enum Seg {
    Key(&'static str),
    Idx(usize),
    Owned(String),
}

pub(super) fn k(key: &'static str) -> Seg {
    Seg::Key(key)
}

pub(super) fn i(index: usize) -> Seg {
    Seg::Idx(index)
}

pub(super) type Failure = (Vec<Seg>, String);

pub(super) fn fail<T>(path: Vec<Seg>, message: impl Into<String>) -> Result<T, Failure> {
    Err((path, message.into()))
}

/// The byte range of the value at `path`; `None` when the document has no such value.
pub(super) fn find_span(root: &DeTable<'_>, path: &[Seg]) -> Option<std::ops::Range<usize>> {
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
