//! The end: the result as text (the same sections `check` prints), then saving it, with the
//! full-screen wizard's save (src/shell/save.rs). At a terminal the summary comes alone, so that
//! it and the choices fill the last 24 rows; the details follow when asked for.

use std::io::{BufRead, Write};

use chrono::Local;
use oqs_line_check::rules::text::{self, sanitize};
use oqs_line_check::rules::{clinic_name, report};
use oqs_line_check::wizard::{Command, Msg, Overlay, SaveState, Step, file_name, save_content};

use super::{Flow, Session};
use crate::shell::save;

/// The choice that shows the details of a result shown as its summary.
const DETAILS_CHOICE: &str =
    "  3. 詳しい説明を見る (お客さまIDの探し方、確認リスト、ほかの問い合わせ先)";

impl<R: BufRead, W: Write> Session<'_, R, W> {
    /// Shows the result (once), then offers to save it.
    pub(super) fn result(&mut self) -> Flow {
        if self.shown != Some(Step::Result) {
            self.shown = Some(Step::Result);
            if let Some(decision) = &self.model.decision {
                let sections = report::sections(self.model.rules(), decision);
                let (summary, details): (Vec<_>, Vec<_>) =
                    sections.into_iter().partition(|s| s.kind.in_summary());
                self.console.say("");
                if let Some(name) = clinic_name::heading(decision.clinic_name.as_deref()) {
                    self.console.say(&name);
                }
                self.console.say(report::to_text(&summary).trim_end());
                if self.paged {
                    self.details_pending = true;
                } else {
                    self.console.say("");
                    self.console.say(report::to_text(&details).trim_end());
                }
            }
        }
        // A summary shown as a terminal's last page keeps every row for itself: the choices
        // follow it directly.
        if !self.details_pending {
            self.console.say("");
        }
        if self.details_pending {
            self.console
                .say("  1. 結果を保存して終了する (印刷用のページ、JSON、回答ファイル)");
            self.console
                .say("  2. 保存しないで終了する (Enter だけでも同じです)");
            self.console.say(DETAILS_CHOICE);
            self.console
                .prompt("番号 (1-3。「<」で入力内容の確認に戻ります): ");
        } else {
            self.console
                .say("結果をファイルに保存できます (印刷用のページ、JSON、回答ファイルの3つ)。");
            self.console.say("  1. 保存して終了する");
            self.console
                .say("  2. 保存しないで終了する (Enter だけでも同じです)");
            self.console
                .prompt("番号 (1-2。「<」で入力内容の確認に戻ります): ");
        }
        let Some(line) = self.console.read_line() else {
            // The result was shown: that is a finished run.
            return Flow::Done(0);
        };
        match text::fold(&line).as_str() {
            "1" => self.save(),
            "2" | "" => {
                self.console.say("保存しないで終了します。");
                Flow::Done(0)
            }
            "3" if self.details_pending => {
                self.details_pending = false;
                if let Some(decision) = &self.model.decision {
                    let details: Vec<_> = report::sections(self.model.rules(), decision)
                        .into_iter()
                        .filter(|s| !s.kind.in_summary())
                        .collect();
                    self.console.say("");
                    self.console.say(report::to_text(&details).trim_end());
                }
                Flow::Continue
            }
            "<" => {
                self.send(Msg::Back);
                Flow::Continue
            }
            "?" => {
                self.show_help();
                Flow::Continue
            }
            _ if self.details_pending => {
                self.console.say("1、2、3 のどれかを入力してください。");
                Flow::Continue
            }
            _ => {
                self.console.say("1 か 2 を入力してください。");
                Flow::Continue
            }
        }
    }

    fn save(&mut self) -> Flow {
        let Command::Save(request) = self.send(Msg::Save) else {
            self.console.say("保存できませんでした。");
            return Flow::Continue;
        };
        let stem = file_name::stem(request.clinic_name.as_deref(), Local::now().naive_local());
        let places = save::places(save::start_folder(self.dir.as_deref()));
        let result = save::save(&places, &stem, &request);
        self.send(Msg::Saved(result));
        // The full-screen wizard shows the outcome in a dialog; here it is printed.
        if self.model.overlay.is_some()
            && !matches!(self.model.overlay, Some(Overlay::QuitConfirm { .. }))
        {
            self.send(Msg::Back);
        }
        match self.model.save.clone() {
            SaveState::Saved(saved) => {
                for r in &saved.refused {
                    self.console.say(&sanitize(r));
                }
                if saved.refused.is_empty() {
                    self.console.say("保存しました:");
                } else {
                    self.console
                        .say(&format!("代わりに{}に保存しました:", saved.place));
                }
                for p in &saved.paths {
                    self.console.say(&format!("  {}", sanitize(p)));
                }
                self.console.say(save_content::PRINT_HINT);
                Flow::Done(0)
            }
            SaveState::Failed(failure) => {
                self.console.say(&format!("エラー: {}", failure.summary));
                for r in &failure.reasons {
                    self.console.say(&format!("  {}", sanitize(r)));
                }
                let advice = failure.advice.replace("F2 で", "1 を選んで");
                self.console.say(&sanitize(&advice));
                Flow::Continue
            }
            _ => Flow::Continue,
        }
    }
}
