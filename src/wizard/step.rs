//! The wizard's steps, in order, and what each is called on screen.

use strum::{EnumIter, IntoEnumIterator};

use crate::rules::Field;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, EnumIter)]
pub enum Step {
    Line,
    Collab,
    Prefecture,
    NextType,
    Applied,
    Opened,
    V6,
    CustomerId,
    CustomerIdConfirm,
    MultipleLines,
    ClinicName,
    Review,
    Result,
}

impl Step {
    pub fn all() -> impl DoubleEndedIterator<Item = Step> {
        Step::iter()
    }

    /// The short name used in the header line and on the review screen.
    pub fn title(self) -> &'static str {
        match self {
            Step::NextType => "光ネクストのタイプ",
            Step::CustomerIdConfirm => "お客さまID (確認)",
            Step::Review => "入力内容の確認",
            Step::Result => "結果",
            Step::Line
            | Step::Collab
            | Step::Prefecture
            | Step::Applied
            | Step::Opened
            | Step::V6
            | Step::CustomerId
            | Step::MultipleLines
            | Step::ClinicName => self.field().map_or("", Field::label),
        }
    }

    /// The answer this question gives. The 光ネクスト type only narrows 回線の種類 and the
    /// confirmation repeats the お客さまID, so neither has a field of its own.
    pub fn field(self) -> Option<Field> {
        match self {
            Step::Line => Some(Field::Line),
            Step::Collab => Some(Field::Collab),
            Step::Prefecture => Some(Field::Prefecture),
            Step::Applied => Some(Field::Applied),
            Step::Opened => Some(Field::Opened),
            Step::V6 => Some(Field::V6),
            Step::CustomerId => Some(Field::CustomerId),
            Step::MultipleLines => Some(Field::MultipleLines),
            Step::ClinicName => Some(Field::ClinicName),
            Step::NextType | Step::CustomerIdConfirm | Step::Review | Step::Result => None,
        }
    }

    /// The question as asked.
    pub fn question(self) -> &'static str {
        match self {
            Step::Line => "オンライン資格確認に使う回線の種類を選んでください。",
            Step::Collab => "その回線はコラボ光ですか。",
            Step::Prefecture => "医療機関・薬局がある都道府県を選んでください。",
            Step::NextType => "フレッツ 光ネクストのタイプを選んでください。",
            Step::Applied => "回線を申し込んだ日を入力してください。",
            Step::Opened => "「開通のご案内」に書かれた開通日を入力してください。",
            Step::V6 => "フレッツ・v6オプションを契約していますか。",
            Step::CustomerId => "回線のお客さまIDを入力してください。",
            Step::CustomerIdConfirm => "確認のため、お客さまIDをもう一度入力してください。",
            Step::MultipleLines => "フレッツ光の回線を複数契約していますか。",
            Step::ClinicName => "医療機関・薬局の名前を入力してください (省略できます)。",
            Step::Review => "答えを確かめて、よければ「この内容で結果を見る」で Enter を押します。",
            Step::Result => "判定と、これからやることです。上から順に読んでください。",
        }
    }

    pub fn is_question(self) -> bool {
        !matches!(self, Step::Review | Step::Result)
    }
}
