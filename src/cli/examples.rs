//! What each `--help` ends with: examples to copy, and for `batch` the headings and values a CSV
//! may use. The headings come from the fields' descriptions, so a new field shows here by itself.

use oqs_line_check::rules::Field;

/// The end of `oqs-line-check --help`.
pub fn main_help() -> String {
    "例:\n  \
     oqs-line-check                         ウィザードを始めます\n  \
     oqs-line-check --plain                 質問を1行ずつ表示します (スクリーンリーダー向け)\n  \
     oqs-line-check check --help            答えを指定して判定する方法\n  \
     oqs-line-check batch --help            CSV で一括判定する方法"
        .to_string()
}

/// The end of `check --help`.
pub fn check_help() -> String {
    "例:\n  \
     oqs-line-check check --line 光クロス --prefecture 大阪府 --collab yes --customer-id CAF1234567890\n  \
     oqs-line-check check --line next-family --prefecture 東京都 --applied 2010-04-01 --v6 unknown --customer-id CAF0123456789 --format json\n  \
     oqs-line-check check --answers 回答.toml            ウィザードで保存した回答ファイルで判定します\n\n\
     終了コード: 0 判定できた (判定の内容にかかわらず)、2 指定や回答ファイルの誤り"
        .to_string()
}

/// The end of `list --help`.
pub fn list_help() -> String {
    "例:\n  \
     oqs-line-check list lines                 回線の種類と id\n  \
     oqs-line-check list prefectures --format json"
        .to_string()
}

/// The end of `batch --help`: the headings each column may have, the values, and examples.
pub fn batch_help() -> String {
    let mut s =
        String::from("見出し (1行目。どれか一つ。全角・半角、大文字・小文字は問いません):\n");
    for field in Field::all() {
        let spec = field.spec();
        let mut names = vec![spec.key];
        names.extend(spec.headings);
        s.push_str(&format!("  {}: {}\n", spec.label, names.join("、")));
    }
    s.push_str(
        "値: 回線の種類、都道府県、申込日などは check の指定と同じ書き方です (oqs-line-check check --help)。\n\
         回線の種類は「光ネクスト ファミリータイプ」「Bフレッツ」「隼」などの名前でも書けます (一覧: oqs-line-check list lines)。\n\
         わからない答えは空欄か「わからない」です (回線の種類だけは必ず書いてください)。\n\n\
         CSV の例 (ひな形: assets/examples/template.csv):\n  \
         医療機関名,回線の種類,都道府県,コラボ光,申込日,開通日,v6オプション,お客さまID,複数の回線\n  \
         さくら内科クリニック,光ネクスト ファミリータイプ,東京都,いいえ,2010年4月,,わからない,CAF0123456789,いいえ\n\n\
         例:\n  \
         oqs-line-check batch 医療機関.csv -o 結果.csv          Excel でそのまま開ける CSV (UTF-8、BOM 付き)\n  \
         oqs-line-check batch 医療機関.csv -o 結果.csv --output-encoding shift_jis   古い Excel 向け\n  \
         oqs-line-check batch 医療機関.csv --headings keys --output-encoding utf-8     スクリプト向けの CSV (BOM なし)\n  \
         oqs-line-check batch 医療機関.csv --headings keys --format json              スクリプト向けの JSON\n\n\
         終了コード: 0 すべての行を判定できた、1 エラーのある行があった、2 ファイルを読めなかったか書けなかった、指定の誤り",
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_help_lists_every_fields_headings() {
        let help = batch_help();
        for field in Field::all() {
            let spec = field.spec();
            assert!(help.contains(spec.label), "{}", spec.label);
            for h in spec.headings {
                assert!(help.contains(h), "{h}");
            }
        }
        assert!(help.contains("お客様ID"));
    }
}
