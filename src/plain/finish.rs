//! The end: the result as text (the same sections `check` prints), then saving it, with the
//! full-screen wizard's save (src/shell/save.rs).

use std::io::{BufRead, Write};

use chrono::Local;
use oqs_line_check::rules::text::{self, sanitize};
use oqs_line_check::rules::{clinic_name, report};
use oqs_line_check::wizard::{Command, Msg, Overlay, SaveState, Step, file_name};

use super::{Flow, Session};
use crate::shell::save;

impl<R: BufRead, W: Write> Session<'_, R, W> {
    /// Shows the result (once), then offers to save it.
    pub(super) fn result(&mut self) -> Flow {
        if self.shown != Some(Step::Result) {
            self.shown = Some(Step::Result);
            if let Some(decision) = &self.model.decision {
                let out = report::to_text(&report::sections(self.model.rules(), decision));
                self.console.say("");
                if let Some(name) = clinic_name::heading(decision.clinic_name.as_deref()) {
                    self.console.say(&name);
                }
                self.console.say(out.trim_end());
            }
        }
        self.console.say("");
        self.console
            .say("結果をファイルに保存できます (印刷用のページ、JSON、回答ファイルの3つ)。");
        self.console.say("  1. 保存して終了する");
        self.console.say("  2. 保存しないで終了する");
        self.console
            .prompt("番号 (1-2。「<」で入力内容の確認に戻ります): ");
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
            "<" => {
                self.send(Msg::Back);
                Flow::Continue
            }
            "?" => {
                self.show_help();
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
