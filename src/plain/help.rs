//! `?`: the question's help, as the full-screen wizard shows it, less what is about its keys
//! (arrow keys, Esc, F2), with how to answer in plain mode instead.

use std::io::{BufRead, Write};

use oqs_line_check::wizard::Step;
use oqs_line_check::wizard::help::help;

use super::Session;
use super::question::is_list;

/// Words that mark a paragraph about the full-screen wizard's keys.
const FULL_SCREEN_KEYS: [&str; 7] = ["キー", "Enter", "Esc", "F1", "F2", "PgUp", "PgDn"];

fn about_full_screen_keys(paragraph: &str) -> bool {
    FULL_SCREEN_KEYS.iter().any(|k| paragraph.contains(k))
}

/// How to answer the step in plain mode.
fn plain_keys(step: Step) -> &'static str {
    match step {
        s if is_list(s) => "答え方: 番号を入力して Enter を押します。",
        Step::Prefecture => {
            "答え方: 都道府県の名前、読み、ローマ字かコードを入力して Enter を押します。いくつも当てはまるときは、続けて番号で選びます。"
        }
        Step::Applied | Step::Opened | Step::CustomerId => {
            "答え方: 入力して Enter を押します。わからないときは「わからない」と入力します。"
        }
        Step::CustomerIdConfirm => {
            "答え方: 1回目と同じお客さまIDを入力して Enter を押します。1回目を直すときは「<」で戻ります。"
        }
        Step::Review => {
            "答え方: 直す項目の番号を入力すると、その質問に戻ります。答え直すと、この確認に戻ります。"
        }
        _ => "答え方: 1 で結果を保存して終了、2 で保存しないで終了します。",
    }
}

impl<R: BufRead, W: Write> Session<'_, R, W> {
    pub(super) fn show_help(&mut self) {
        let (title, paragraphs) = help(&self.model);
        self.console.say("");
        self.console.say(&format!("[{title}]"));
        for p in paragraphs.iter().filter(|p| !about_full_screen_keys(p)) {
            self.console.say(p);
        }
        self.console.say(plain_keys(self.model.step));
        self.console.say(
            "「<」で一つ前の質問に戻ります (答えは消えません)。「?」でこのヘルプを表示します。",
        );
        self.console.say("");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_paragraphs_are_recognised() {
        assert!(about_full_screen_keys(
            "上下キーで選んで Enter を押します。"
        ));
        assert!(about_full_screen_keys("1回目を直すときは Esc で戻ります。"));
        assert!(!about_full_screen_keys(
            "回線を申し込んだ日は、契約書や「開通のご案内」で確かめられます。"
        ));
    }
}
