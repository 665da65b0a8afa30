//! The flags. Answer flags are shared by the wizard (pre-filled questions) and `check`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use oqs_line_check::rules::{Field, RawAnswers};

/// オンライン資格確認 (IP-VPN接続方式・フレッツ光) の回線と申請内容を確かめます。
///
/// サブコマンドなしで起動すると、質問に答えていくウィザードが始まります。
#[derive(Debug, Default, Parser)]
#[command(
    name = "oqs-line-check",
    version,
    disable_help_subcommand = true,
    help_template = "{about}\n\n使い方: {usage}\n\n{all-args}\n{after-help}",
    after_help = super::examples::main_help(),
    subcommand_help_heading = "サブコマンド",
    next_help_heading = "指定",
    disable_help_flag = true,
    disable_version_flag = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// ウィザードの質問に、あらかじめ答えを入れておきます
    #[command(flatten)]
    pub answers: AnswerFlags,

    /// 組み込みのルールの代わりに、このルールファイル (TOML) を使います
    #[arg(long, value_name = "FILE", global = true)]
    pub rules: Option<PathBuf>,

    /// 枠線を ASCII 文字 (+ - |) で描きます (古い Windows コンソール向け)
    #[arg(long)]
    pub ascii: bool,

    /// 画面を使わず、質問を1行ずつ表示します (スクリーンリーダー向け。入力か出力が端末でないときや TERM=dumb のときは自動)
    #[arg(long)]
    pub plain: bool,

    /// 使い方を表示します
    #[arg(short = 'h', long = "help", action = clap::ArgAction::Help, global = true)]
    pub help: Option<bool>,

    /// バージョンを表示します
    #[arg(short = 'V', long = "version", action = clap::ArgAction::Version)]
    pub version: Option<bool>,
}

// Parsed once at start-up: the size of the variants costs nothing worth a Box.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// 答えを指定して、判定結果だけを表示します (対話なし)
    #[command(
        help_template = "{about}\n\n使い方: {usage}\n\n{all-args}\n{after-help}",
        after_help = super::examples::check_help(),
        next_help_heading = "指定"
    )]
    Check(CheckArgs),
    /// CSV ファイルの医療機関ごとに判定し、1行に1件の結果を出力します (一括判定)
    #[command(
        help_template = "{about}\n\n使い方: {usage}\n\n{all-args}\n{after-help}",
        after_help = super::examples::batch_help(),
        next_help_heading = "指定"
    )]
    Batch(BatchArgs),
    /// 回線の種類や都道府県の一覧を表示します
    #[command(
        help_template = "{about}\n\n使い方: {usage}\n\n{all-args}\n{after-help}",
        after_help = super::examples::list_help(),
        next_help_heading = "指定"
    )]
    List {
        /// lines (回線の種類) か prefectures (都道府県)
        #[arg(value_enum, hide_possible_values = true)]
        what: ListWhat,
        /// 出力の形式: text (既定) か json
        #[arg(long, value_enum, default_value_t = Format::Text, hide_default_value = true, hide_possible_values = true)]
        format: Format,
    },
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub answers: AnswerFlags,

    /// 出力の形式: text (人が読む。既定) か json (スクリプト向け)
    #[arg(
        long,
        value_enum,
        default_value_t = Format::Text,
        hide_default_value = true,
        hide_possible_values = true
    )]
    pub format: Format,

    /// 印刷用のページ (HTML) をこのファイルに保存します。既にあるファイルには上書きしません
    #[arg(long, value_name = "FILE")]
    pub sheet: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct BatchArgs {
    /// 読み込む CSV ファイル (1行目は見出し、2行目から1行に1医療機関。- は標準入力)
    #[arg(value_name = "FILE.csv")]
    pub file: PathBuf,

    /// 文字コード: auto (自動判定。既定)、utf-8、shift_jis
    #[arg(
        long,
        value_enum,
        default_value_t = EncodingArg::Auto,
        hide_default_value = true,
        hide_possible_values = true
    )]
    pub encoding: EncodingArg,

    /// 出力の形式: csv (既定) か json (1行に1件の JSON)
    #[arg(
        long,
        value_enum,
        default_value_t = BatchFormat::Csv,
        hide_default_value = true,
        hide_possible_values = true
    )]
    pub format: BatchFormat,

    /// 結果を書き込むファイル (指定しなければ標準出力。- も標準出力)。既にあるファイルは --overwrite がなければ上書きしません
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// --output のファイルが既にあるとき、上書きします (普通のファイルに限ります)
    #[arg(long)]
    pub overwrite: bool,

    /// 結果の CSV の文字コード: utf-8-bom (既定。Excel でそのまま開けます)、utf-8 (BOM なし)、shift_jis (古い Excel 向け)
    #[arg(long, value_enum, value_name = "ENCODING", hide_possible_values = true)]
    pub output_encoding: Option<OutputEncodingArg>,

    /// 結果の CSV の見出し: japanese (既定。日本語の見出しと値) か keys (スクリプト向けの英語のキーと記号)
    #[arg(
        long,
        value_enum,
        value_name = "HEADINGS",
        default_value_t = HeadingsArg::Japanese,
        hide_default_value = true,
        hide_possible_values = true
    )]
    pub headings: HeadingsArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputEncodingArg {
    #[value(name = "utf-8-bom", alias = "utf8-bom", alias = "utf-8-sig")]
    Utf8Bom,
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    #[value(
        name = "shift_jis",
        alias = "shift-jis",
        alias = "sjis",
        alias = "cp932",
        alias = "windows-31j"
    )]
    ShiftJis,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HeadingsArg {
    Japanese,
    Keys,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EncodingArg {
    Auto,
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    #[value(
        name = "shift_jis",
        alias = "shift-jis",
        alias = "sjis",
        alias = "cp932",
        alias = "windows-31j"
    )]
    ShiftJis,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BatchFormat {
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListWhat {
    Lines,
    Prefectures,
}

/// The answers, as text: the rules crate parses them, so every message is the same as the
/// wizard's.
#[derive(Debug, Clone, Default, Args)]
pub struct AnswerFlags {
    /// 回答ファイル (TOML。ウィザードの保存で作られます)。ここに挙げた指定は、ファイルの値より優先します
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    #[arg(long = Field::Line.key(), value_name = value_name(Field::Line), help = help(Field::Line))]
    pub line: Option<String>,
    #[arg(long = Field::Prefecture.key(), value_name = value_name(Field::Prefecture), help = help(Field::Prefecture))]
    pub prefecture: Option<String>,
    #[arg(long = Field::Collab.key(), value_name = value_name(Field::Collab), help = help(Field::Collab))]
    pub collab: Option<String>,
    #[arg(long = Field::Applied.key(), value_name = value_name(Field::Applied), help = help(Field::Applied))]
    pub applied: Option<String>,
    #[arg(long = Field::Opened.key(), value_name = value_name(Field::Opened), help = help(Field::Opened))]
    pub opened: Option<String>,
    #[arg(long = Field::V6.key(), value_name = value_name(Field::V6), help = help(Field::V6))]
    pub v6: Option<String>,
    #[arg(long = Field::CustomerId.key(), value_name = value_name(Field::CustomerId), help = help(Field::CustomerId))]
    pub customer_id: Option<String>,
    #[arg(long = Field::MultipleLines.key(), value_name = value_name(Field::MultipleLines), help = help(Field::MultipleLines))]
    pub multiple_lines: Option<String>,
    #[arg(long = Field::ClinicName.key(), value_name = value_name(Field::ClinicName), help = help(Field::ClinicName))]
    pub clinic_name: Option<String>,
}

/// The flag's placeholder in `--help`, from the field's description.
const fn value_name(field: Field) -> &'static str {
    field.spec().value_name
}

/// The flag's line in `--help`, from the field's description.
const fn help(field: Field) -> &'static str {
    field.spec().help
}

impl AnswerFlags {
    pub fn to_raw(&self) -> RawAnswers {
        RawAnswers {
            line: self.line.clone(),
            prefecture: self.prefecture.clone(),
            collab: self.collab.clone(),
            applied: self.applied.clone(),
            opened: self.opened.clone(),
            v6: self.v6.clone(),
            customer_id: self.customer_id.clone(),
            multiple_lines: self.multiple_lines.clone(),
            clinic_name: self.clinic_name.clone(),
        }
    }
}
