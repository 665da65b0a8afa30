//! The wizard's steps, in order, and what each is called on screen.

use strum::{EnumIter, IntoEnumIterator};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, EnumIter)]
pub enum Step {
    Line,
    Collab,
    Prefecture,
    NextType,
    Applied,
    V6,
    CustomerId,
    CustomerIdConfirm,
    MultipleLines,
    Review,
    Result,
}

impl Step {
    pub fn all() -> impl DoubleEndedIterator<Item = Step> {
        Step::iter()
    }

    /// The short name used in the progress line and on the review screen.
    pub fn title(self) -> &'static str {
        match self {
            Step::Line => "回線の種類",
            Step::Collab => "コラボ光",
            Step::Prefecture => "都道府県",
            Step::NextType => "光ネクストのタイプ",
            Step::Applied => "申込日",
            Step::V6 => "フレッツ・v6オプション",
            Step::CustomerId => "お客さまID",
            Step::CustomerIdConfirm => "お客さまID (確認)",
            Step::MultipleLines => "複数の回線",
            Step::Review => "入力内容の確認",
            Step::Result => "結果",
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
            Step::V6 => "フレッツ・v6オプションを契約していますか。",
            Step::CustomerId => "回線のお客さまIDを入力してください。",
            Step::CustomerIdConfirm => "確認のため、お客さまIDをもう一度入力してください。",
            Step::MultipleLines => "フレッツ光の回線を複数契約していますか。",
            Step::Review => "答えを確かめてください。直すときは項目を選んで Enter を押します。",
            Step::Result => "判定と、これからやることです。上から順に読んでください。",
        }
    }

    /// Steps that share a number in the progress line (the ID, its confirmation and the
    /// question on several lines are one question: 7).
    pub fn group(self) -> u8 {
        match self {
            Step::Line => 1,
            Step::Collab => 2,
            Step::Prefecture => 3,
            Step::NextType => 4,
            Step::Applied => 5,
            Step::V6 => 6,
            Step::CustomerId | Step::CustomerIdConfirm | Step::MultipleLines => 7,
            Step::Review => 8,
            Step::Result => 9,
        }
    }

    pub fn is_question(self) -> bool {
        !matches!(self, Step::Review | Step::Result)
    }
}
