//! `[connectable_list]`: the list of lines that can connect, with a sound address.

use super::failure::{Failure, k};
use super::fields::check_url;
use super::raw::RawConnectableList;
use crate::rules::model::ConnectableList;

pub(super) fn check(raw: RawConnectableList) -> Result<ConnectableList, Failure> {
    Ok(ConnectableList {
        name: raw.name,
        publisher: raw.publisher,
        url: check_url(&raw.url, vec![k("connectable_list"), k("url")])?,
        note: raw.note,
        contact_name: raw.contact_name,
        contact_about: raw.contact_about,
    })
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::rules::load::testing::{accepted, refusal};

    fn list(url: &str) -> String {
        format!(
            "[connectable_list]\nname = \"一覧表\"\npublisher = \"支払基金\"\nurl = \"{url}\"\n\
             note = \"n\"\ncontact_name = \"c\"\ncontact_about = \"a\"\nsource = \"s\"\n"
        )
    }

    const URL: &str = "https://www.ssk.or.jp/seikyushiharai/online/online_04.files/claimsys35.pdf";

    #[test]
    fn a_sound_address_is_accepted() {
        let list = accepted(&list(URL), check);
        assert_eq!(list.url, URL);
        assert_eq!(list.publisher, "支払基金");
    }

    #[test]
    fn the_address_is_https_and_well_formed() {
        assert_eq!(
            refusal(&list("www.ssk.or.jp/"), check),
            "rules.toml:4:7: アドレス「www.ssk.or.jp/」は https:// で始めてください"
        );
        assert_eq!(
            refusal(&list("https://www.ssk.or.jp/一覧.pdf"), check),
            "rules.toml:4:7: アドレス「https://www.ssk.or.jp/一覧.pdf」に半角英数字でない文字 (U+4E00, U+89A7) があります。アドレスは半角の英数字と記号だけで書いてください (見た目の似たキリル文字などにも注意)"
        );
    }
}
