//! End-to-end tests of the wizard: the real binary in an 80x24 pseudo-terminal, driven by key
//! bytes only, read back through a vt100 emulator. Each test walks to a result (or a quit) as a
//! person would and checks what the screen shows, how the program exits, and that the terminal
//! is left in normal mode.

mod common;

use std::sync::LazyLock;

use common::{Tui, key};
use regex::Regex;

const PORTAL_1: &str = "電気通信回線種別: 1：IP-VPN回線事業者(NTTなど。ただし、CTC・QTnetを除く)";
const PORTAL_2: &str = "電気通信回線種別: 2：IP-VPN回線事業者(CTC・QTnetに限る)";

/// The result's scroll position: 「18-34行目 / 全55行」.
static POSITION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d+)-(\d+)行目 / 全(\d+)行").expect("valid regex"));

/// The last row shown and the number of rows, when the result is taller than the window.
fn position(screen: &str) -> Option<(usize, usize)> {
    let c = POSITION.captures(screen)?;
    Some((c[2].parse().ok()?, c[3].parse().ok()?))
}

/// Presses `keys` (an option's number, an arrow, Enter) and waits for `next` to show.
fn answer(t: &mut Tui, keys: &str, next: &str) {
    t.send(keys);
    t.wait_for(next);
}

/// On the お客さまID step: types `id`, checks the live preview accepts it, types it again on
/// the confirmation step and lands on 複数の回線.
fn enter_customer_id(t: &mut Tui, id: &str) {
    t.wait_for("回線のお客さまIDを入力してください。");
    t.send(id);
    t.wait_for(&format!("入力される値: {id}"));
    t.wait_for("形式は正しいです。Enter で次へ進みます。");
    answer(t, key::ENTER, "お客さまID (2回目): ");
    t.send(id);
    t.wait_for(&format!("お客さまID (2回目): {id}"));
    answer(t, key::ENTER, "複数の回線");
}

/// The whole result, page after page (PageDown) until its last row has been on screen.
fn read_result(t: &mut Tui) -> String {
    // The key hints are the frame's last row drawn: once they show, the page is complete.
    t.wait_for("F2 保存");
    let mut pages = vec![t.screen()];
    while let Some((last, total)) = pages.last().and_then(|p| position(p)) {
        if last >= total {
            break;
        }
        t.send(key::PAGE_DOWN);
        // The position line is drawn after the rows above it.
        t.wait_until(&format!("the result to scroll past row {last}"), |s| {
            position(&s.contents()).is_some_and(|(l, _)| l > last)
        });
        pages.push(t.screen());
    }
    pages.join("\n")
}

/// The result's first page, as the window shows it before any key is pressed, checked to hold
/// every line of `summary` in order.
fn assert_first_page(t: &mut Tui, summary: &[&str]) {
    t.wait_for("F2 保存");
    let page = t.screen();
    let mut from = 0;
    for line in summary {
        let at = page[from..]
            .find(line)
            .unwrap_or_else(|| panic!("the first page does not show {line:?} (in order):\n{page}"));
        from += at + line.len();
    }
}

fn assert_shows(result: &str, text: &str) {
    assert!(
        result.contains(text),
        "the result does not show {text:?}:\n{result}"
    );
}

/// The program exited with status 0 and left the terminal in normal mode.
fn assert_clean_exit(t: &mut Tui) {
    let status = t.wait_exit();
    assert!(
        status.success() && status.exit_code() == 0,
        "exit status: {status}"
    );
    t.assert_terminal_restored();
}

/// Enter on an unsaved result asks 終了の確認 with 続ける focused (a second Enter must not
/// lose the result); 1 picks 終了する and Enter quits. Returns what the wizard left on the
/// normal screen: its summary of the result.
fn quit_from_result(t: &mut Tui) -> String {
    answer(t, key::ENTER, "終了の確認");
    t.wait_for("> 2. 続ける");
    t.send("1");
    t.wait_for("> 1. 終了する");
    t.send(key::ENTER);
    summary_after_exit(t)
}

/// The program exited with status 0, the terminal is in normal mode again, and the summary of
/// the result is on the normal screen, starting at its top: returns it.
fn summary_after_exit(t: &mut Tui) -> String {
    let status = t.wait_exit();
    assert!(
        status.success() && status.exit_code() == 0,
        "exit status: {status}"
    );
    t.assert_normal_mode();
    let summary = t.screen();
    assert!(
        summary.starts_with("オンライン資格確認 回線チェックの結果\n"),
        "{summary}"
    );
    assert!(!summary.contains('\u{1b}'), "{summary}");
    summary
}

/// Waits for the terminal cursor to be shown at the caret of the お客さまID field, after
/// `typed_columns` columns of text: an IME opens its window there.
fn wait_for_caret(t: &Tui, typed_columns: u16) {
    // Border and padding (2), the focus marker "> " (2), "お客さまID: " (12 columns).
    let col = 2 + 2 + 12 + typed_columns;
    t.wait_until(&format!("the cursor shown at row 4, column {col}"), |s| {
        !s.hide_cursor() && s.cursor_position() == (4, col)
    });
}

/// 光クロス, not コラボ光, in 東京都 (typed as its JIS code): the shortest walk to the ID.
fn walk_to_customer_id(t: &mut Tui) {
    t.wait_for("1問目 回線の種類");
    answer(t, "2", "2問目 コラボ光");
    answer(t, "2", "3問目 都道府県");
    t.send("13");
    t.wait_for("1件  選択中: 東京都 (13 NTT東日本)");
    answer(t, key::ENTER, "4問目 お客さまID");
}

#[test]
fn east_next_family_applied_2010_needs_the_v6_option_first() {
    let mut t = Tui::start(&[]);
    t.wait_for("1問目 回線の種類");
    answer(&mut t, "1", "2問目 コラボ光");
    answer(&mut t, "2", "3問目 都道府県");
    t.send("とう");
    t.wait_for("1件  選択中: 東京都 (13 NTT東日本)");
    answer(&mut t, key::ENTER, "4問目 光ネクストのタイプ");
    t.wait_for("> 1. フレッツ 光ネクスト ファミリータイプ");
    answer(&mut t, key::ENTER, "5問目 申込日");
    t.send("2010/4/1");
    t.wait_for("読み取った日付: 2010年4月1日 (平成22年)");
    answer(&mut t, key::ENTER, "6問目 フレッツ・v6オプション");
    answer(&mut t, "3", "7問目 お客さまID");
    enter_customer_id(&mut t, "CAF0123456789");
    answer(&mut t, "2", "入力内容の確認");
    for row in [
        "フレッツ 光ネクスト ファミリータイプ",
        "東京都 (NTT東日本)",
        "2010年4月1日 (平成22年)",
        "CAF0123456789",
        "> [ この内容で結果を見る ]",
    ] {
        t.wait_for(row);
    }
    t.send(key::ENTER);

    assert_first_page(
        &mut t,
        &[
            "判定: 申請の前に手続きが必要です",
            "1. v6オプションの契約を確かめる: 電話 0120-116-116",
            "2. 契約がなければv6オプションを申し込む",
            "https://flets.com/v6option/flow.html",
            "3. ポータルサイトで申請する",
            "4. 自動返信メールで申請内容を確かめる",
            PORTAL_1,
            "お客さまID: CAF0123456789 (「半角大文字」で入力)",
            "まず問い合わせる先",
            "NTT東日本 (フレッツ光の契約情報の確認窓口)",
            "電話: 0120-116-116 / 受付: 午前9時から午後5時、年末年始を除く",
        ],
    );
    let result = read_result(&mut t);
    assert_shows(&result, "判定: 申請の前に手続きが必要です");
    assert_shows(&result, "URL: https://flets.com/v6option/flow.html");
    assert_shows(&result, PORTAL_1);
    assert_shows(&result, "お客さまID: CAF0123456789");
    assert_shows(&result, "NTT東日本 (フレッツ光の契約情報の確認窓口)");
    let summary = quit_from_result(&mut t);
    for line in [
        "判定: 申請の前に手続きが必要です",
        "医療機関等向けポータルサイトで入力する内容:",
        PORTAL_1,
        "お客さまID: CAF0123456789 (「半角大文字」で入力)",
        "NTT東日本 (フレッツ光の契約情報の確認窓口): 電話 0120-116-116",
        "結果は保存していません。",
    ] {
        assert_shows(&summary, line);
    }
}

#[test]
fn west_cross_via_collab_is_ready_to_apply() {
    let mut t = Tui::start(&[]);
    t.wait_for("1問目 回線の種類");
    answer(&mut t, key::DOWN, "> 2. フレッツ 光クロス");
    answer(&mut t, key::DOWN, "> 3. ビジネスコムファ光 (CTC)");
    answer(&mut t, key::UP, "> 2. フレッツ 光クロス");
    answer(&mut t, key::ENTER, "2問目 コラボ光");
    answer(&mut t, "1", "3問目 都道府県");
    t.send("osaka");
    t.wait_for("1件  選択中: 大阪府 (27 NTT西日本)");
    answer(&mut t, key::ENTER, "4問目 お客さまID");
    enter_customer_id(&mut t, "CAF9876543210");
    answer(&mut t, "2", "入力内容の確認");
    t.wait_for("大阪府 (NTT西日本)");
    t.send(key::ENTER);

    assert_first_page(
        &mut t,
        &[
            "判定: 申請できます",
            "1. ポータルサイトで申請する",
            "2. 自動返信メールで申請内容を確かめる",
            PORTAL_1,
            "お客さまID: CAF9876543210 (「半角大文字」で入力)",
            "まず問い合わせる先",
            "ご契約中のコラボ光の事業者",
            "URL: https://flets-w.com/collabo/list/index.php",
        ],
    );
    let result = read_result(&mut t);
    assert_shows(&result, "判定: 申請できます");
    assert_shows(&result, PORTAL_1);
    assert_shows(&result, "お客さまID: CAF9876543210");
    assert_shows(&result, "ご契約中のコラボ光の事業者");
    let summary = quit_from_result(&mut t);
    assert_shows(&summary, "判定: 申請できます");
    assert_shows(&summary, "お客さまID: CAF9876543210 (「半角大文字」で入力)");
    assert_shows(&summary, "ご契約中のコラボ光の事業者");
}

#[test]
fn ctc_asks_only_the_prefecture_and_says_when_it_is_outside_chubu() {
    let mut t = Tui::start(&[]);
    t.wait_for("1問目 回線の種類");
    answer(&mut t, "3", "2問目 都道府県");
    t.send("13");
    t.wait_for("選択中: 東京都");
    answer(&mut t, key::ENTER, "入力内容の確認");
    t.wait_for("ビジネスコムファ光 (CTC)");
    t.wait_for("> [ この内容で結果を見る ]");
    assert!(
        !t.screen().contains("コラボ光"),
        "CTC is never コラボ光:\n{}",
        t.dump()
    );
    t.send(key::ENTER);

    assert_first_page(
        &mut t,
        &[
            "判定: 別の接続方式です",
            "この回線もIP-VPN接続ですが、フレッツ光ではありません。",
            "答えた都道府県は東京都です。",
            // Whom to ask is the first step's 一覧表, with its address on the first page.
            "1. 一覧表の問い合わせ先に接続のしかたを聞く",
            "https://www.ssk.or.jp/seikyushiharai/online/online_04.files/claimsys35.pdf",
            "2. ポータルサイトで申請する",
            "3. 自動返信メールで申請内容を確かめる",
            PORTAL_2,
        ],
    );
    let result = read_result(&mut t);
    assert_shows(&result, "判定: 別の接続方式です");
    assert_shows(&result, "ビジネスコムファ光は中部地区");
    assert_shows(&result, "答えた都道府県は東京都です。");
    assert_shows(&result, PORTAL_2);
    assert_shows(&result, "中部テレコミュニケーション株式会社 (CTC)");
    quit_from_result(&mut t);
}

#[test]
fn full_width_lower_case_id_is_normalised_live() {
    let mut t = Tui::start(&[]);
    walk_to_customer_id(&mut t);
    t.send("ｃａｆ０１２３４５６７８９");
    t.wait_for("入力される値: CAF0123456789");
    t.wait_for("(全角の文字を半角にしました)");
    t.wait_for("(小文字を大文字にしました)");
    t.wait_for("形式は正しいです。");
    // Thirteen full-width characters, two columns each.
    wait_for_caret(&t, 26);
    answer(&mut t, key::ENTER, "お客さまID (2回目): ");
    // The confirmation compares normalised values: the same full-width typing matches.
    t.send("ｃａｆ０１２３４５６７８９");
    t.wait_for("お客さまID (2回目): ｃａｆ");
    answer(&mut t, key::ENTER, "6問目 複数の回線");
    answer(&mut t, "2", "入力内容の確認");
    t.wait_for("お客さまID  CAF0123456789");
    t.send(key::ENTER);

    let result = read_result(&mut t);
    assert_shows(&result, "判定: 申請できます");
    assert_shows(&result, "お客さまID: CAF0123456789");
    quit_from_result(&mut t);
}

#[test]
fn resizing_below_80x24_and_back_keeps_the_text_being_typed() {
    let mut t = Tui::start(&[]);
    walk_to_customer_id(&mut t);
    t.send("CAF01234");
    t.wait_for("お客さまID: CAF01234");

    t.resize(40, 10);
    // The request may wrap at 40 columns: match its start.
    t.wait_for("ウィンドウを広げて");

    t.resize(80, 24);
    t.wait_for("お客さまID: CAF01234");
    t.wait_for("Enter 決定");
    t.wait_gone("ウィンドウを広げて");
    wait_for_caret(&t, 8);
    t.send("56789");
    t.wait_for("入力される値: CAF0123456789");
    answer(&mut t, key::ENTER, "お客さまID (2回目): ");

    t.send(key::CTRL_C);
    t.wait_for("終了の確認");
    t.send(key::CTRL_C);
    assert_clean_exit(&mut t);
}

#[test]
fn ctrl_c_asks_first_and_a_second_ctrl_c_quits() {
    let mut t = Tui::start(&[]);
    t.wait_for("1問目 回線の種類");
    answer(&mut t, "1", "2問目 コラボ光");

    t.send(key::CTRL_C);
    t.wait_for("終了しますか。入力した答えは失われます。");
    t.wait_for("> 2. 続ける");
    // Esc closes the question and keeps the wizard where it was. A lone Esc: wait for its
    // effect before the next key.
    t.send(key::ESC);
    t.wait_gone("終了の確認");
    t.wait_for("2問目 コラボ光");

    t.send(key::CTRL_C);
    t.wait_for("終了の確認");
    t.send(key::CTRL_C);
    assert_clean_exit(&mut t);
}

#[test]
fn f2_saves_the_sheet_json_and_answers_under_the_clinics_name_readable_only_by_the_user() {
    let mut t = Tui::start(&[]);
    t.wait_for("1問目 回線の種類");
    answer(&mut t, "5", "入力内容の確認");
    t.wait_for("> [ この内容で結果を見る ]");
    // The clinic's name, on the review's last row: a character Windows refuses in a file name
    // becomes `_` there.
    answer(&mut t, key::UP, "医療機関名  未入力 (省略できます)");
    answer(&mut t, key::ENTER, "医療機関・薬局の名前を入力してください");
    t.send("さくら医院:本院");
    t.wait_for("> 医療機関名: さくら医院:本院");
    answer(&mut t, key::ENTER, "医療機関名  さくら医院:本院");
    t.wait_for("> [ この内容で結果を見る ]");
    t.send(key::ENTER);
    t.wait_for("医療機関名: さくら医院:本院");
    t.wait_for("F2 保存");
    t.send(key::F2);
    t.wait_for("保存しました");
    // The full paths are shown in a box; Enter closes it.
    t.wait_for("Enter で閉じます");
    let saved = t.screen();
    assert!(
        saved.contains("次のファイルに結果を保存しました"),
        "{}",
        t.dump()
    );
    t.send(key::ENTER);
    t.wait_gone("Enter で閉じます");

    let stem = Regex::new(r"^oqs-line-check-さくら医院_本院-\d{8}-\d{6}$").expect("valid regex");
    let mut names: Vec<String> = std::fs::read_dir(t.dir())
        .expect("read the temporary directory")
        .map(|e| {
            e.expect("a directory entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    let stems: Vec<&str> = names
        .iter()
        .filter_map(|n| n.rsplit_once('.').map(|(s, _)| s))
        .collect();
    let exts: Vec<&str> = names
        .iter()
        .filter_map(|n| n.rsplit_once('.').map(|(_, e)| e))
        .collect();
    assert_eq!(exts, ["html", "json", "toml"], "files written: {names:?}");
    assert!(
        stems.iter().all(|s| stem.is_match(s) && *s == stems[0]),
        "file names: {names:?}"
    );

    let json = std::fs::read_to_string(t.dir().join(&names[1])).expect("read the JSON");
    let json: serde_json::Value = serde_json::from_str(&json).expect("the JSON parses");
    assert_eq!(json["verdict"], "other_method", "{json:#}");
    assert_eq!(json["clinic_name"], "さくら医院:本院", "{json:#}");

    #[cfg(unix)]
    for name in &names {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(t.dir().join(name))
            .expect("file metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{name} has mode {:o}", mode & 0o777);
    }

    // Saved: quitting no longer warns that the result is not saved.
    answer(&mut t, key::ENTER, "> 1. 終了する");
    let dialog = t.screen();
    assert!(
        dialog.contains("終了しますか。") && !dialog.contains("保存せずに"),
        "{}",
        t.dump()
    );
    t.send(key::ENTER);
    // The summary on the normal screen says where the files are.
    let summary = summary_after_exit(&mut t);
    assert_shows(&summary, "医療機関名: さくら医院:本院");
    assert_shows(&summary, "判定: 別の接続方式です");
    assert_shows(&summary, "保存したファイル (起動したフォルダー):");
    let flat: String = summary.split('\n').map(str::trim_end).collect();
    for name in &names {
        assert_shows(&flat, &t.dir().join(name).display().to_string());
    }
}

/// An answer file with every answer but the 光ネクスト type: after the type, Enter through the
/// given answers asks the お客さまID once and never for a second entry, as with a complete file.
#[test]
fn an_id_from_a_partial_answer_file_is_not_asked_twice() {
    let files = tempfile::tempdir().expect("a temporary directory");
    let path = files.path().join("d.toml");
    std::fs::write(
        &path,
        "line = \"next\"\nprefecture = \"tokyo\"\napplied = 2012-05-28\nv6 = \"unknown\"\n\
         customer-id = \"caf0123456789\"\ncollab = false\nmultiple-lines = false\n",
    )
    .expect("write the answer file");
    let path = path.to_string_lossy().into_owned();
    let mut t = Tui::start(&["--answers", &path]);
    t.wait_for("4問目 光ネクストのタイプ");
    answer(&mut t, key::ENTER, "5問目 申込日");
    answer(&mut t, key::ENTER, "6問目 フレッツ・v6オプション");
    answer(&mut t, key::ENTER, "7問目 お客さまID");
    t.wait_for("お客さまID: caf0123456789");
    answer(&mut t, key::ENTER, "8問目 複数の回線");
    answer(&mut t, key::ENTER, "入力内容の確認");
    t.wait_for("CAF0123456789");
    assert!(
        !t.screen().contains("もう一度答えてください"),
        "{}",
        t.dump()
    );
    t.send(key::CTRL_C);
    t.wait_for("終了の確認");
    t.send(key::CTRL_C);
    assert_clean_exit(&mut t);
}

/// Plain mode at a terminal: the summary alone, then the choices, fill the 24 rows, so nothing
/// of it has scrolled away (the longest case, with a clinic name); 3 shows the details.
#[test]
fn plain_mode_at_a_terminal_shows_the_summary_as_its_last_page() {
    let mut t = Tui::start(&[
        "--plain",
        "--line",
        "next-family",
        "--prefecture",
        "13",
        "--collab",
        "unknown",
        "--applied",
        "2010-04-01",
        "--v6",
        "unknown",
        "--customer-id",
        "unknown",
        "--multiple-lines",
        "unknown",
        "--clinic-name",
        "さくら内科クリニック",
    ]);
    t.wait_for("0. この内容で結果を見る");
    t.send(key::ENTER);
    t.wait_for("番号 (1-3。");
    let page = t.screen();
    let mut from = 0;
    for line in [
        "医療機関名: さくら内科クリニック",
        "== 判定: 確認が必要です ==",
        "1. v6オプションの契約を確かめる: 電話 0120-116-116",
        "2. 契約がなければv6オプションを申し込む",
        "https://flets.com/v6option/flow.html",
        "3. お客さまIDを確かめる",
        "4. 接続する回線のお客さまIDを使う",
        "5. ポータルサイトで申請する",
        "6. 自動返信メールで申請内容を確かめる",
        PORTAL_1,
        "お客さまID: 確かめたお客さまIDを「半角大文字」で入力",
        "NTT東日本 (フレッツ光の契約情報の確認窓口)",
        "電話: 0120-116-116 / 受付: 午前9時から午後5時、年末年始を除く",
        "3. 詳しい説明を見る",
    ] {
        let at = page[from..]
            .find(line)
            .unwrap_or_else(|| panic!("{line:?} not on the last page (in order):\n{page}"));
        from += at + line.len();
    }
    assert!(!page.contains("やることの説明"), "{page}");
    t.send("3");
    t.send(key::ENTER);
    t.wait_for("== この結果について ==");
    t.wait_for("番号 (1-2。");
    t.send("2");
    t.send(key::ENTER);
    let status = t.wait_exit();
    assert!(status.success(), "exit status: {status}");
}
