//! `[customer_id_input]`: sentences the messages join to others end with 「。」; where the ID is
//! written is said once for each area, with at least one place.

use strum::IntoEnumIterator;

use super::failure::{Failure, fail, i, k};
use super::fields::check_sentence;
use super::raw::RawCustomerIdInput;
use crate::rules::model::{Area, CustomerIdInput};

pub(super) fn check(raw: RawCustomerIdInput) -> Result<CustomerIdInput, Failure> {
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
