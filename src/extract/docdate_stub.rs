//! Temporary stand-in for the article-date inference; same signatures.
use crate::model::Sentence;
use chrono::NaiveDate;

pub struct DateGuess {
    pub date: NaiveDate,
    pub evidence: Vec<String>,
    pub confident: bool,
}

pub fn infer_document_date(
    text: &str,
    _sentences: &[Sentence],
    hint: Option<NaiveDate>,
) -> Option<DateGuess> {
    let explicit = super::timex::tag(text, None)
        .into_iter()
        .find(|t| !t.relative && t.value.len() == 10);
    if let Some(t) = explicit.and_then(|t| t.resolved) {
        return Some(DateGuess {
            date: t.first_day(),
            evidence: vec!["stub".into()],
            confident: true,
        });
    }
    hint.map(|date| DateGuess {
        date,
        evidence: vec!["folder".into()],
        confident: false,
    })
}
