//! A poll's results as CSV, for a spreadsheet.

use super::{Enquiry, Poll, VoteMethod};

/// The poll's results as CSV: one row per question, with its score. Voters are never named.
///
/// The first row names the columns; a field is quoted when it holds a comma, a quote or a line
/// break, and a field starting with `=`, `+`, `-` or `@` is prefixed with `'` so that a
/// spreadsheet never runs it as a formula.
pub fn poll_csv(poll: &Poll, enquiry: &Enquiry) -> String {
    let score = match poll.method {
        VoteMethod::Ranked => "Borda points",
        VoteMethod::HandsUp => "Hands",
        _ => "Votes",
    };
    let mut csv = format!("Question,{score}\r\n");
    for (question, points) in poll.tally() {
        let text = enquiry
            .question(&question)
            .map_or_else(|| question.to_string(), |q| q.text.to_string());
        csv.push_str(&csv_field(&text));
        csv.push(',');
        csv.push_str(&points.to_string());
        csv.push_str("\r\n");
    }
    csv
}

/// One CSV field: quoted when needed, and never read as a formula by a spreadsheet.
pub(crate) fn csv_field(text: &str) -> String {
    let guarded = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}
