//! The error of text that is not the value its field wants: a number, a
//! date, a percent, a status, a term. One type for the window's fields, the
//! command line, spreadsheet cells and returned requests, so each says the
//! same thing about the same text.

/// How a date should be written, said after every date not understood.
pub const DATE_HINT: &str = "write it as YYYY-MM-DD, e.g. 2025-06-30";

/// Why a piece of text (typed, or read from a cell) was not taken. The
/// message quotes the text and says what would be.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum Unreadable {
    #[error("{text:?} is not a number")]
    Number { text: String },
    #[error("{text:?} is not a date; {DATE_HINT}")]
    Date { text: String },
    /// A numeric date whose parts make no date in the column's order
    /// ("9/30/2025" read day first).
    #[error("{text:?} is not a date when read as {how}; {DATE_HINT}")]
    DateInOrder { text: String, how: &'static str },
    /// A spreadsheet cell of another kind: a date where a number belongs,
    /// TRUE/FALSE, a number that is no date. `shown` is the cell as the
    /// spreadsheet shows it.
    #[error("{shown} is a date, not a number")]
    DateForNumber { shown: String },
    #[error("{shown} is not a number")]
    CellNotNumber { shown: String },
    #[error("{shown} is not a date; {DATE_HINT}")]
    CellNotDate { shown: String },
    /// The cell holds `#N/A`, `#DIV/0!` or another of the spreadsheet's
    /// own errors.
    #[error("the cell holds the spreadsheet error {code}")]
    SpreadsheetError { code: String },
    #[error("{value} is outside 0–100")]
    Percent { value: f64 },
    /// `labels` lists the plan's own names for its statuses.
    #[error("{text:?} is not a status; use one of {labels}")]
    Status { text: String, labels: String },
    /// A field that must have text (a title, a KPI's name) left blank.
    #[error("the {what} cannot be empty")]
    Empty { what: &'static str },
    /// A field that must have a value (a meeting's day) left blank; `hint`
    /// says what to give.
    #[error("{hint}")]
    Required { hint: &'static str },
    #[error("{value} must be zero or more")]
    Negative { value: f64 },
    /// A field the editor does not have (a key mistyped in the program).
    #[error("no field {key:?}")]
    UnknownField { key: String },
    /// Status and percent complete belong to a reporting period.
    #[error("{field} is recorded for a reporting period, not set on the item apart")]
    PerPeriod { field: String },
    #[error("weight {value} must be zero or more")]
    NegativeWeight { value: f64 },
    #[error("{text:?} is not a term; use short, long or leave it blank")]
    Term { text: String },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_message_quotes_the_text_and_says_what_would_do() {
        let date = Unreadable::Date {
            text: "next Tuesday".into(),
        };
        assert_eq!(
            date.to_string(),
            "\"next Tuesday\" is not a date; write it as YYYY-MM-DD, e.g. 2025-06-30"
        );
        let status = Unreadable::Status {
            text: "green".into(),
            labels: "On track, At risk".into(),
        };
        assert_eq!(
            status.to_string(),
            "\"green\" is not a status; use one of On track, At risk"
        );
        assert_eq!(
            Unreadable::Percent { value: 140.0 }.to_string(),
            "140 is outside 0–100"
        );
    }
}
