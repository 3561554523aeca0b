//! Article-date inference (stub, replaced below).
use crate::model::Sentence;
use chrono::NaiveDate;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateGuess {
    pub date: NaiveDate,
    pub evidence: Vec<String>,
    pub confident: bool,
}

pub fn infer_document_date(
    _text: &str,
    _sentences: &[Sentence],
    _hint: Option<NaiveDate>,
) -> Option<DateGuess> {
    None
}
