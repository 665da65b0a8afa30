//! Whom to call, in order: for a コラボ光 line its operator first (through the area's list of
//! operators), then NTT; for a line of another method, the contacts of the list of connectable
//! lines. The decision words them in full; a batch row lists the first.

use super::answers::YesNo;
use super::decision::ContactEntry;
use super::model::{Area, LineKind, RuleSet};
use std::fmt::Write as _;

/// One contact, borrowed from the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContactRef<'r> {
    pub name: &'r str,
    /// The area the contact is for, when the area is not known and both areas' are listed.
    pub area: Option<&'r str>,
    pub phone: Option<&'r str>,
    pub hours: Option<&'r str>,
    pub url: Option<&'r str>,
    /// When to call them (for the コラボ光 operator, without how to tell one).
    pub about: &'r str,
    /// The コラボ光 operator, when the user is not sure the line is one: how to tell comes first.
    pub how_to_tell: Option<&'r str>,
}

/// The contacts for a line of `kind`, in the order to call them.
pub fn contacts<'r>(
    rules: &'r RuleSet,
    kind: LineKind,
    collab: YesNo,
    area: Option<Area>,
) -> Vec<ContactRef<'r>> {
    let mut out = Vec::new();
    contacts_into(rules, kind, collab, area, &mut out);
    out
}

/// [`contacts`], into `out` (emptied first): a caller that asks row after row reuses one buffer.
pub fn contacts_into<'r>(
    rules: &'r RuleSet,
    kind: LineKind,
    collab: YesNo,
    area: Option<Area>,
    out: &mut Vec<ContactRef<'r>>,
) {
    out.clear();
    let areas: &[Area] = match area {
        Some(Area::East) => &[Area::East],
        Some(Area::West) => &[Area::West],
        None => &[Area::East, Area::West],
    };
    // The operator's own number is theirs to give: point to the area's list of operators.
    let collabo = |out: &mut Vec<ContactRef<'r>>| {
        for &a in areas {
            out.push(ContactRef {
                name: &rules.collabo.name,
                area: area.is_none().then_some(rules.area(a).short.as_str()),
                phone: None,
                hours: None,
                url: Some(&rules.area(a).collabo_list_url),
                about: &rules.collabo.contact_note,
                how_to_tell: (collab == YesNo::Unknown)
                    .then_some(rules.collabo.how_to_tell.as_str()),
            });
        }
    };
    let ntt = |out: &mut Vec<ContactRef<'r>>| {
        for &a in areas {
            if let Some(c) = rules.ntt_contact(a) {
                out.push(ContactRef {
                    name: &c.name,
                    area: None,
                    phone: Some(&c.phone),
                    hours: Some(&c.hours),
                    url: None,
                    about: if collab == YesNo::Yes {
                        &c.about_collabo
                    } else {
                        &c.about
                    },
                    how_to_tell: None,
                });
            }
        }
    };
    match kind {
        LineKind::Flets | LineKind::Unknown => {
            if collab == YesNo::Yes {
                collabo(out);
                ntt(out);
            } else {
                ntt(out);
                if collab == YesNo::Unknown {
                    collabo(out);
                }
            }
        }
        LineKind::OtherMethod | LineKind::NotEligible => out.push(ContactRef {
            name: &rules.connectable_list.contact_name,
            area: None,
            phone: None,
            hours: None,
            url: Some(&rules.connectable_list.url),
            about: &rules.connectable_list.contact_about,
            how_to_tell: None,
        }),
    }
}

impl ContactRef<'_> {
    /// The name with its area when both areas' are listed: 「ご契約中のコラボ光の事業者 (東日本エリア)」.
    pub fn full_name(&self) -> String {
        let mut s = String::new();
        self.push_full_name(&mut s);
        s
    }

    /// [`Self::full_name`], added to `out`.
    pub fn push_full_name(&self, out: &mut String) {
        out.push_str(self.name);
        if let Some(area) = self.area {
            let _ = write!(out, " ({area}エリア)");
        }
    }

    pub fn to_entry(&self) -> ContactEntry {
        ContactEntry {
            name: self.full_name(),
            phone: self.phone.map(str::to_string),
            hours: self.hours.map(str::to_string),
            url: self.url.map(str::to_string),
            // Both sentences end with 「。」 (the loader checks), so they join without a space.
            about: match self.how_to_tell {
                Some(how) => format!("{how}{}", self.about),
                None => self.about.to_string(),
            },
        }
    }
}
