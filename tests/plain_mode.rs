//! Plain mode: the wizard as numbered line prompts. Every test runs the real binary
//! with its answers piped into stdin (which is also what turns plain mode on by itself) and
//! reads the transcript: the questions asked, in order, what was accepted, the errors, the
//! result, and the exit status. A few run it in a pseudo-terminal to check what turns it on
//! there (`--plain`, `TERM=dumb`).

use std::io::{Read, Write};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use tempfile::TempDir;
use unicode_width::UnicodeWidthChar;

const BIN: &str = env!("CARGO_BIN_EXE_oqs-line-check");
const ID: &str = "CAF0123456789";

struct Run {
    out: String,
    err: String,
    code: Option<i32>,
    dir: TempDir,
}

/// Runs `oqs-line-check ARGS` in a fresh directory with `input` on stdin (then closed).
fn plain(args: &[&str], input: &str) -> Run {
    let dir = tempfile::tempdir().expect("a temporary directory");
    plain_in(dir, args, input)
}

fn plain_in(dir: TempDir, args: &[&str], input: &str) -> Run {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir.path())
        .env("TERM", "xterm-256color")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start oqs-line-check");
    let mut stdin = child.stdin.take().expect("stdin");
    // A run that stops before reading (a bad answer file) may close its stdin first.
    if let Err(e) = stdin.write_all(input.as_bytes()) {
        assert_eq!(
            e.kind(),
            std::io::ErrorKind::BrokenPipe,
            "write answers: {e}"
        );
    }
    drop(stdin);
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().expect("wait for oqs-line-check");
    let run = Run {
        out: String::from_utf8(stdout).expect("stdout is UTF-8"),
        err: String::from_utf8(stderr).expect("stderr is UTF-8"),
        code: status.code(),
        dir,
    };
    assert_plain_text(&run.out);
    run
}

/// What plain mode may never print: escape sequences (cursor movement, colours, the alternate
/// screen), box drawing, or ambiguous-width symbols a console would draw at the wrong width.
fn assert_plain_text(out: &str) {
    for c in out.chars() {
        assert!(c != '\u{1b}', "an escape sequence in plain mode:\n{out}");
        assert!(
            !('\u{2500}'..='\u{257F}').contains(&c),
            "box drawing ({c}) in plain mode:\n{out}"
        );
        assert!(
            c.is_control() || c.width() == c.width_cjk(),
            "ambiguous-width {c:?} in plain mode:\n{out}"
        );
    }
}

/// Asserts that `pieces` appear in `text` in this order.
fn assert_in_order(text: &str, pieces: &[&str]) {
    let mut at = 0;
    for p in pieces {
        match text[at..].find(p) {
            Some(i) => at += i + p.len(),
            None => panic!("{p:?} not found (in order) after byte {at} of the transcript:\n{text}"),
        }
    }
}

/// The answers, one per line.
fn lines(answers: &[&str]) -> String {
    answers.iter().map(|a| format!("{a}\n")).collect()
}

#[test]
fn east_next_applied_2010_walks_every_question_and_needs_the_v6_option() {
    let r = plain(
        &[],
        &lines(&[
            "1",          // フレッツ 光ネクスト
            "2",          // コラボ光: いいえ
            "東京",       // 都道府県
            "1",          // ファミリータイプ
            "2010-04-01", // 申込日
            "3",          // v6: わからない
            "ＣＡＦ０１２３４５６７８９",
            ID,  // the confirmation
            "2", // 複数の回線: いいえ
            "",  // review: Enter shows the result
            "2", // do not save
        ]),
    );
    assert_eq!(r.code, Some(0), "{}\n{}", r.out, r.err);
    assert_in_order(
        &r.out,
        &[
            "文字だけの表示",
            "[1問目 回線の種類",
            "  1. フレッツ 光ネクスト",
            "  8. わからない",
            "番号 (1-8): 1\n",
            "受け付けました: フレッツ 光ネクスト",
            "[2問目 コラボ光",
            "受け付けました: いいえ",
            "[3問目 都道府県",
            "都道府県: 東京\n",
            "受け付けました: 東京都 (NTT東日本)",
            "[4問目 光ネクストのタイプ",
            "受け付けました: フレッツ 光ネクスト ファミリータイプ",
            "[5問目 申込日",
            "受け付けました: 2010年4月1日 (平成22年)",
            "[6問目 フレッツ・v6オプション",
            "受け付けました: わからない",
            "[7問目 お客さまID",
            "形式: CAF + 数字10桁、または COP + 数字8桁",
            "受け付けました: CAF0123456789 (全角の文字を半角にしました)",
            "[8問目 お客さまID (確認)",
            "確認できました。",
            "[9問目 複数の回線",
            "[入力内容の確認]",
            "  5. 申込日: 2010年4月1日 (平成22年)",
            "  7. お客さまID: CAF0123456789",
            "  9. 医療機関名: 未入力 (省略できます)",
            "  0. この内容で結果を見る",
            "== 判定: 申請の前に手続きが必要です ==",
            "1. v6オプションの契約を確かめる: 電話 0120-116-116",
            "2. 契約がなければv6オプションを申し込む: https://flets.com/v6option/flow.html",
            "お客さまID: CAF0123456789 (「半角大文字」で入力)",
            "電話: 0120-116-116 / 受付: ",
            "== やることの説明 ==",
            "フレッツ・v6オプションを申し込んでください。",
            "URL: https://flets.com/v6option/flow.html",
            "  1. 保存して終了する",
            "保存しないで終了します。",
        ],
    );
    // Nothing was saved.
    assert_eq!(std::fs::read_dir(r.dir.path()).expect("dir").count(), 0);
}

#[test]
fn west_cross_via_collab_is_ready_and_names_the_collab_operator() {
    let r = plain(&[], &lines(&["2", "1", "osaka", ID, ID, "2", "", ""]));
    assert_eq!(r.code, Some(0), "{}", r.out);
    assert_in_order(
        &r.out,
        &[
            "[1問目 回線の種類",
            "受け付けました: フレッツ 光クロス",
            // 光クロス asks five questions: no type, date or v6 question.
            "[2問目 コラボ光",
            "受け付けました: はい",
            "[3問目 都道府県",
            "受け付けました: 大阪府 (NTT西日本)",
            "[4問目 お客さまID",
            // The West takes CAF only.
            "形式: CAF + 数字10桁\n",
            "[5問目 お客さまID (確認)",
            "[6問目 複数の回線",
            "[入力内容の確認]",
            "== 判定: 申請できます ==",
            "電気通信回線種別: 1：IP-VPN回線事業者",
            "お客さまID: CAF0123456789",
            "== まず問い合わせる先 ==",
            "コラボ光",
        ],
    );
    assert!(!r.out.contains("[7問目"), "{}", r.out);
    assert!(!r.out.contains("申込日"), "{}", r.out);
}

#[test]
fn ctc_asks_the_prefecture_then_the_review_and_another_method() {
    // The clinic's name is offered on the review only: 3 opens it, then Enter shows the result.
    let r = plain(&[], &lines(&["3", "大阪", "3", "ｻｸﾗ医院", "", "2"]));
    assert_eq!(r.code, Some(0), "{}", r.out);
    assert_in_order(
        &r.out,
        &[
            "受け付けました: ビジネスコムファ光 (CTC)",
            "[2問目 都道府県",
            "受け付けました: 大阪府",
            "[入力内容の確認]",
            "  1. 回線の種類: ビジネスコムファ光 (CTC)",
            "  2. 都道府県: 大阪府",
            "  3. 医療機関名: 未入力 (省略できます)",
            "  4. この内容で結果を見る",
            "医療機関名: ",
            "  3. 医療機関名: サクラ医院",
            "  4. この内容で結果を見る",
            "医療機関名: サクラ医院\n",
            "== 判定: 別の接続方式です ==",
            // To check before applying: under the verdict.
            "ビジネスコムファ光は中部地区 (愛知県、岐阜県、三重県、静岡県、長野県) の回線ですが、答えた都道府県は大阪府です。",
            "電気通信回線種別: 2：IP-VPN回線事業者(CTC・QTnetに限る)",
            "URL: https://www.ssk.or.jp/",
        ],
    );
    assert!(!r.out.contains("コラボ光ですか"), "{}", r.out);
    // The review says how to change an answer here (by number), not with the full screen's keys.
    assert_in_order(
        &r.out,
        &[
            "[入力内容の確認]\n答えを確かめてください。\n",
            "直すときは項目の番号を",
        ],
    );
    assert!(!r.out.contains("項目を選んで Enter"), "{}", r.out);
}

#[test]
fn the_technicians_guides_piped_example_shows_the_result_and_saves_nothing() {
    // The guide's `printf '...' | oqs-line-check` line, run as written.
    let guide =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/technicians.md"))
            .expect("the guide");
    let example = guide
        .lines()
        .find(|l| l.starts_with("printf '") && l.contains("| oqs-line-check"))
        .expect("the guide has a piped example");
    let quoted = example.split('\'').nth(1).expect("printf's quoted answers");
    let r = plain(&[], &quoted.replace("\\n", "\n"));
    assert_eq!(r.code, Some(0), "{example}\n{}", r.out);
    assert_in_order(&r.out, &["== 判定: ", "保存しないで終了します。"]);
    assert_eq!(std::fs::read_dir(r.dir.path()).expect("dir").count(), 0);
}

#[test]
fn the_east_type_list_numbers_ten_options_as_the_screen_does() {
    // 1 to 9, then 0 for the tenth, as the full screen numbers and takes them: 「10」 is refused
    // with the numbers the list takes, 「0」 picks わからない.
    let r = plain(&[], &lines(&["1", "2", "13", "10", "0", "2010/4/1", "3"]));
    assert_in_order(
        &r.out,
        &[
            "  9. フレッツ 光ネクスト マンション・ギガラインタイプ",
            "  0. わからない",
            "番号 (1-9、0): 10\n",
            "「10」は選択肢にありません。番号 (1-9、0) を入力してください。",
            "番号 (1-9、0): 0\n",
            "受け付けました: わからない",
        ],
    );
    assert!(!r.out.contains("10. "), "{}", r.out);
}

#[test]
fn all_unknown_on_the_longest_path_asks_to_confirm_everything() {
    let r = plain(
        &[],
        &lines(&[
            "1",
            "3",          // コラボ光: わからない
            "13",         // a prefecture has no わからない: the JIS code
            "わからない", // the type, by its label
            "わからない", // 申込日
            "3",          // v6: わからない
            "わからない", // お客さまID: no confirmation is asked
            "3",          // 複数の回線: わからない
            "",
            "",
        ]),
    );
    assert_eq!(r.code, Some(0), "{}", r.out);
    assert_in_order(
        &r.out,
        &[
            "[3問目 都道府県",
            "受け付けました: 東京都 (NTT東日本)",
            "[4問目 光ネクストのタイプ",
            "受け付けました: わからない",
            "[5問目 申込日",
            "受け付けました: わからない",
            "[6問目 フレッツ・v6オプション",
            "[7問目 お客さまID",
            "受け付けました: わからない",
            "[8問目 複数の回線",
            "[入力内容の確認]",
            "== 判定: 確認が必要です ==",
            "フレッツ・v6オプションを契約しているか確かめてください。",
            "お客さまIDを確かめてください",
        ],
    );
    assert!(!r.out.contains("お客さまID (確認)"), "{}", r.out);
    // An empty line on the save question ends without saving, as the choice says.
    assert!(
        r.out
            .contains("  2. 保存しないで終了する (Enter だけでも同じです)"),
        "{}",
        r.out
    );
    assert!(r.out.contains("保存しないで終了します。"), "{}", r.out);
}

#[test]
fn less_than_goes_back_a_question_and_keeps_the_answer() {
    let r = plain(&[], &lines(&["1", "<", "", "2", "<", "<"]));
    // Input ends on the line question after going back twice.
    assert_eq!(r.code, Some(1), "{}", r.out);
    assert_in_order(
        &r.out,
        &[
            "[1問目 回線の種類",
            "受け付けました: フレッツ 光ネクスト",
            "[2問目 コラボ光",
            "番号 (1-3): <\n",
            // Back on the first question, the answer is marked and Enter keeps it.
            "[1問目 回線の種類",
            "  1. フレッツ 光ネクスト (今の答え)",
            "番号 (1-8。Enter だけで今の答えのまま): \n",
            "受け付けました: フレッツ 光ネクスト",
            "[2問目 コラボ光",
            "受け付けました: いいえ",
            "[3問目 都道府県",
            "都道府県: <\n",
            "[2問目 コラボ光",
            "  2. いいえ (今の答え)",
            "番号 (1-3。Enter だけで今の答えのまま): <\n",
            "[1問目 回線の種類",
            "入力が終わったため、結果を出さずに終了します。",
        ],
    );
}

#[test]
fn less_than_on_the_first_question_asks_before_quitting() {
    let r = plain(&[], &lines(&["<", "2", "<", "1"]));
    assert_eq!(r.code, Some(0), "{}", r.out);
    assert_in_order(
        &r.out,
        &[
            "[1問目 回線の種類",
            "最初の質問です。終了しますか。",
            "  1. 終了する",
            "  2. 続ける",
            "番号 (1-2): 2\n",
            "[1問目 回線の種類",
            "最初の質問です。終了しますか。",
            "番号 (1-2): 1\n",
            "終了します。",
        ],
    );
}

#[test]
fn question_mark_shows_the_help_without_the_full_screen_keys() {
    let r = plain(
        &[],
        &lines(&["1", "2", "東京", "0", "?", "ｈ２４．５．２９"]),
    );
    assert_in_order(
        &r.out,
        &[
            "[5問目 申込日",
            "申込日: ?\n",
            "[ヘルプ: 申込日]",
            "申込日は、回線を申し込んだときの申込書の控えや契約内容のお知らせで確かめられます。",
            "次の書き方で入力できます:",
            "NTT東日本の光ネクストは、2012年5月29日 (平成24年) 以降に申し込んだ回線なら",
            "「開通のご案内」に書かれているのは開通日",
            "答え方: 入力して Enter を押します。わからないときは「わからない」と入力します。",
            "「<」で一つ前の質問に戻ります",
            // The question is asked again, and the full-width era date is read.
            "申込日: ｈ２４．５．２９\n",
            "受け付けました: 2012年5月29日 (平成24年)",
        ],
    );
    let help = &r.out[r.out.find("[ヘルプ").expect("help")..];
    let help = &help[..help.find("申込日: ｈ").expect("the prompt after the help")];
    for key in ["下キー", "Esc", "F1", "F2"] {
        assert!(!help.contains(key), "{key} in plain help:\n{help}");
    }
}

#[test]
fn choices_by_the_words_check_takes_and_fumei_for_wakaranai() {
    let r = plain(
        &[],
        &lines(&[
            "光ネクスト", // 回線の種類, as `check --line` reads it
            "ｲｲｴ",        // コラボ光
            "東京",
            "不明",       // the type
            "きのう",     // 申込日: refused, with how to answer わからない here
            "不明",       // 申込日
            "未契約",     // v6
            "ワカラナイ", // お客さまID
            "不明",       // 複数の回線
            "",
            "",
        ]),
    );
    assert_eq!(r.code, Some(0), "{}", r.out);
    assert_in_order(
        &r.out,
        &[
            "受け付けました: フレッツ 光ネクスト",
            "受け付けました: いいえ",
            "[4問目 光ネクストのタイプ",
            "受け付けました: わからない",
            "[5問目 申込日",
            "エラー: 申込日: 日付として読み取れませんでした。",
            "わからないときは「わからない」と入力してください",
            "申込日: 不明\n",
            "受け付けました: わからない",
            "受け付けました: 未契約",
            "[7問目 お客さまID",
            "受け付けました: わからない",
            "[8問目 複数の回線",
            "受け付けました: わからない",
            "== 判定: 確認が必要です ==",
        ],
    );
    // The full screen's 「the row below」 means nothing here.
    assert!(!r.out.contains("下の「わからない」"), "{}", r.out);
}

#[test]
fn a_bad_date_is_explained_then_a_good_one_is_taken_and_typing_is_kept() {
    let r = plain(
        &[],
        &lines(&["1", "2", "13", "0", "2021-02-30", "", "2012/5/28", "2"]),
    );
    assert_in_order(
        &r.out,
        &[
            "申込日: 2021-02-30\n",
            "エラー: 申込日:",
            "入力した内容: 2021-02-30",
            // An empty line tries what is in the field again: the same error.
            "申込日: \n",
            "エラー: 申込日:",
            "入力した内容: 2021-02-30",
            "申込日: 2012/5/28\n",
            "受け付けました: 2012年5月28日 (平成24年)",
            // Before the East's cut-off: the v6 question is asked.
            "[6問目 フレッツ・v6オプション",
            "受け付けました: 未契約",
        ],
    );
    // A wrong number is refused with the range.
    let r = plain(&[], &lines(&["9", "x", "3"]));
    assert_in_order(
        &r.out,
        &[
            "番号 (1-8): 9\n",
            "「9」は選択肢にありません。番号 (1-8) を入力してください。",
            "「x」は選択肢にありません。",
            "受け付けました: ビジネスコムファ光 (CTC)",
        ],
    );
}

#[test]
fn a_mistyped_confirmation_is_refused_and_points_to_less_than() {
    let r = plain(&[], &lines(&["2", "2", "27", ID, "CAF0123456780", ID, "1"]));
    assert_in_order(
        &r.out,
        &[
            "お客さまID (2回目): CAF0123456780\n",
            "エラー: お客さまID: 1回目の入力と一致しません。",
            "「<」で1回目の入力に戻って",
            "入力した内容: CAF0123456780",
            "お客さまID (2回目): CAF0123456789\n",
            "確認できました。",
            "[6問目 複数の回線",
        ],
    );
    assert!(!r.out.contains("Esc"), "{}", r.out);
}

#[test]
fn several_prefectures_matching_are_listed_to_pick_by_number() {
    let r = plain(&[], &lines(&["2", "2", "大", "2", ID]));
    assert_in_order(
        &r.out,
        &[
            "都道府県: 大\n",
            "「大」に当てはまる都道府県が 2 件あります。",
            "  1. 大阪府 (27 NTT西日本)",
            "  2. 大分県 (44 NTT西日本)",
            "番号 (1-2) か都道府県: 2\n",
            "受け付けました: 大分県 (NTT西日本)",
        ],
    );
    // No match: the parser's message, and the text typed.
    let r = plain(&[], &lines(&["2", "2", "zzz"]));
    assert_in_order(
        &r.out,
        &[
            "都道府県: zzz\n",
            "エラー: 都道府県: 「zzz」に当たる都道府県が見つかりません。",
            "入力した内容: zzz",
        ],
    );
}

#[test]
fn an_empty_line_on_the_prefecture_asks_for_one_and_picks_nothing() {
    let r = plain(&[], &lines(&["2", "2", "", "東京", ID]));
    assert_in_order(
        &r.out,
        &[
            "都道府県: \n",
            "都道府県を入力してください (例: ",
            "都道府県: 東京\n",
            "受け付けました: 東京都 (NTT東日本)",
        ],
    );
    assert!(!r.out.contains("北海道"), "{}", r.out);
}

#[test]
fn end_of_input_mid_way_ends_cleanly_with_status_1() {
    let r = plain(&[], &lines(&["1", "2"]));
    assert_eq!(r.code, Some(1));
    assert!(r.err.is_empty(), "{}", r.err);
    assert_in_order(
        &r.out,
        &[
            "[3問目 都道府県",
            "都道府県: \n",
            "入力が終わったため、結果を出さずに終了します。",
        ],
    );
    // Without a final newline, the last line still counts.
    let r = plain(&[], "5\n");
    assert_eq!(r.code, Some(1));
    let r = plain(&[], "5\n\n2");
    assert_eq!(r.code, Some(0), "{}", r.out);
    // Nothing at all.
    let r = plain(&[], "");
    assert_eq!(r.code, Some(1));
}

#[test]
fn end_of_input_after_the_result_is_a_finished_run() {
    let r = plain(&[], &lines(&["5", ""]));
    assert_eq!(r.code, Some(0), "{}", r.out);
    assert!(r.out.contains("== 判定: 別の接続方式です =="));
}

#[test]
fn saving_writes_the_three_files_and_the_answers_start_check_again() {
    let r = plain(
        &[],
        &lines(&[
            "1",
            "2",
            "東京",
            "1",
            "2010-04-01",
            "3",
            ID,
            ID,
            "2",
            "",
            "1",
        ]),
    );
    assert_eq!(r.code, Some(0), "{}", r.out);
    assert_in_order(&r.out, &["保存しました:", ".html", ".json", ".toml"]);
    let mut names: Vec<String> = std::fs::read_dir(r.dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 3, "{names:?}");
    let toml = names
        .iter()
        .find(|n| n.ends_with(".toml"))
        .expect("an answer file");
    let o = Command::new(BIN)
        .args(["check", "--format", "json", "--answers", toml])
        .current_dir(r.dir.path())
        .output()
        .expect("run check");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["verdict"], "action_required");
    assert_eq!(v["portal"]["customer_id"], ID);
}

#[test]
fn an_answer_file_starts_plain_mode_at_the_review() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(
        dir.path().join("a.toml"),
        "line = \"cross\"\nprefecture = \"大阪\"\ncollab = \"no\"\ncustomer-id = \"CAF0123456789\"\nmultiple-lines = \"no\"\n",
    )
    .expect("write");
    let r = plain_in(dir, &["--plain", "--answers", "a.toml"], &lines(&["", ""]));
    assert_eq!(r.code, Some(0), "{}\n{}", r.out, r.err);
    assert_in_order(
        &r.out,
        &[
            "[入力内容の確認]",
            "  3. 都道府県: 大阪府 (NTT西日本)",
            "== 判定: 申請できます ==",
        ],
    );
    assert!(!r.out.contains("[1/"), "{}", r.out);
}

#[test]
fn a_bad_value_in_the_answer_file_stops_before_any_question() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(
        dir.path().join("a.toml"),
        "line = \"next-family\"\nprefecture = \"東京\"\napplied = \"2021-02-30\"\n",
    )
    .expect("write");
    let r = plain_in(dir, &["--answers", "a.toml"], &lines(&["1"]));
    assert_eq!(r.code, Some(2));
    assert!(r.out.is_empty(), "{}", r.out);
    assert!(
        r.err.contains("a.toml:3:11: 申込日 (applied):"),
        "{}",
        r.err
    );
}

// ---------------------------------------------------------------------------------------------
// In a pseudo-terminal: what turns plain mode on when stdin and stdout are a terminal.
// ---------------------------------------------------------------------------------------------

/// Runs the binary in a pty with `env`, types `keys` once `ready` shows, and returns
/// everything it printed and its exit code.
fn in_pty(args: &[&str], env: &[(&str, &str)], ready: &str, keys: &str) -> (String, u32) {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pty");
    let dir = tempfile::tempdir().expect("dir");
    let mut cmd = CommandBuilder::new(BIN);
    cmd.args(args);
    cmd.cwd(dir.path());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let (tx, rx) = mpsc::channel::<Vec<u8>>();
    let thread = std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        loop {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => return,
                Ok(n) => {
                    if tx.send(buf[..n].to_vec()).is_err() {
                        return;
                    }
                }
            }
        }
    });
    let mut writer = pair.master.take_writer().expect("writer");
    let mut seen = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut typed = false;
    let status = loop {
        if let Ok(Some(status)) = child.try_wait() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "no exit within 10 s:\n{}",
            String::from_utf8_lossy(&seen)
        );
        if let Ok(chunk) = rx.recv_timeout(Duration::from_millis(20)) {
            seen.extend(chunk);
        }
        if !typed && String::from_utf8_lossy(&seen).contains(ready) {
            writer.write_all(keys.as_bytes()).expect("type");
            writer.flush().expect("flush");
            typed = true;
        }
    };
    // Whatever is still in the pipe.
    drop(writer);
    while let Ok(chunk) = rx.recv_timeout(Duration::from_millis(200)) {
        seen.extend(chunk);
    }
    drop(pair.master);
    let _ = thread.join();
    (
        String::from_utf8_lossy(&seen).into_owned(),
        status.exit_code(),
    )
}

#[test]
fn plain_flag_and_dumb_terminal_turn_plain_mode_on_in_a_terminal() {
    for (args, env) in [
        (&["--plain"][..], &[("TERM", "xterm-256color")][..]),
        (&[][..], &[("TERM", "dumb")][..]),
    ] {
        let (out, code) = in_pty(args, env, "番号 (1-8): ", "<\r1\r");
        assert_eq!(code, 0, "{args:?} {env:?}:\n{out}");
        assert!(out.contains("[1問目 回線の種類"), "{out}");
        assert!(out.contains("終了します。"), "{out}");
        // No alternate screen, no cursor movement: only the terminal's own echo and newlines.
        assert!(!out.contains("\u{1b}[?1049h"), "{out:?}");
        assert!(!out.contains("\u{1b}["), "{out:?}");
    }
}

/// 「開通日」 on the 申込日 question leads to the 開通日 question; a month that contains the
/// East's cut-off (平成24年5月29日) asks for the day, and the same month again is taken.
#[test]
fn the_opened_day_path_and_the_day_asked_for_a_month() {
    let r = plain(
        &[],
        &lines(&["1", "2", "東京", "0", "開通日", "2012/5/20(日)"]),
    );
    assert_in_order(
        &r.out,
        &[
            "[5問目 申込日",
            "しかわからないときは「開通日」と入力してください。",
            "申込日: 開通日\n",
            "[6問目 開通日",
            "「開通のご案内」に書かれているのは開通日",
            "開通日: 2012/5/20(日)\n",
            "受け付けました: 2012年5月20日 (平成24年)",
            "[7問目 フレッツ・v6オプション",
        ],
    );
    let r = plain(
        &[],
        &lines(&["1", "2", "東京", "0", "平成24年5月", "", "3"]),
    );
    assert_in_order(
        &r.out,
        &[
            "申込日: 平成24年5月\n",
            "2012年5月 (平成24年): NTT東日本の光ネクストは、2012年5月29日",
            "年月日まで入力してください (例: 2012/5/30)。",
            "申込日: \n",
            "受け付けました: 2012年5月 (平成24年)",
            "[6問目 フレッツ・v6オプション",
        ],
    );
    assert!(!r.out.contains("エラー"), "{}", r.out);
}
