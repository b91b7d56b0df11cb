//! A poll's results as CSV, for a spreadsheet.

use super::{Enquiry, Poll, Standing, VoteMethod};

/// The poll's results as CSV: one row per question, with its score and its result. Voters are
/// never named. A tie is recorded with how it was broken: a run-off held (on the tied rows),
/// the teacher's choice, or the run-off's own winner.
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
    let count = poll.count();
    let tied = match &count.standing {
        Standing::Tie(tied) if !poll.open => tied.clone(),
        _ => Vec::new(),
    };
    let run_off_held = enquiry
        .polls
        .iter()
        .any(|p| p.runoff_of.as_ref() == Some(&poll.id));
    let mut csv = format!("Question,{score},Result\r\n");
    for (question, points) in count.tally {
        let text = enquiry
            .question(&question)
            .map_or_else(|| question.to_string(), |q| q.text.to_string());
        let result = if poll.teacher_choice.as_ref() == Some(&question) {
            "tied; chosen by the teacher to break the tie"
        } else if count.winner.as_ref() == Some(&question) && poll.runoff_of.is_some() {
            "chosen in a run-off"
        } else if count.winner.as_ref() == Some(&question) {
            "chosen"
        } else if tied.contains(&question) && run_off_held {
            "tied; a run-off was held"
        } else if tied.contains(&question) {
            "tied"
        } else {
            ""
        };
        csv.push_str(&csv_field(&text));
        csv.push(',');
        csv.push_str(&points.to_string());
        csv.push(',');
        csv.push_str(result);
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
