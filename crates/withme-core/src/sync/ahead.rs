//! What a teacher's window shows of a live lesson while its own operations travel: the
//! authority's latest view with those operations played on top.
//!
//! So typing never waits for the network, and a view that left the newest keystrokes out never
//! takes them back from a field the teacher is typing in. Each operation is played with the id
//! the authority will give it (the teacher's seat and its sequence number), so what it creates
//! keeps its id when the authority's view takes over. An operation that no longer applies on
//! the newer view is left out: the authority will refuse it too, and say why.

use super::message::Submission;
use crate::command::Command;
use crate::ids::{DeviceId, OpId};
use crate::library::Library;
use crate::operation::{Author, Operation};
use crate::time::Timestamp;
use crate::view::{Projection, TeacherView, Viewer, project};

/// `view` (the authority's) with `waiting` (this teacher's operations not in it yet, sent by
/// `device`) played on top, in their order. `library` is the teacher's own, for what the lesson
/// refers to outside itself. The view unchanged when it cannot be taken in.
pub fn ahead_of<'a>(
    view: &TeacherView,
    library: &Library,
    device: &DeviceId,
    at: Timestamp,
    waiting: impl IntoIterator<Item = &'a Submission<Command>>,
) -> TeacherView {
    let mut waiting: Vec<&Submission<Command>> = waiting.into_iter().collect();
    if waiting.is_empty() {
        return view.clone();
    }
    waiting.sort_by_key(|s| s.seq);
    let mut played = library.clone();
    if played.adopt(&view.lesson, view.class.as_ref()).is_err() {
        return view.clone();
    }
    for submission in waiting {
        let op = Operation {
            id: OpId::new(device.clone(), submission.seq),
            author: Author::Teacher,
            at,
            command: submission.command.clone(),
        };
        // Refused here means refused there: the authority's answer tells the teacher.
        let _ = played.apply(&op);
    }
    match project(&played, view.lesson.id(), &Viewer::Teacher) {
        Some(Projection::Teacher(ahead)) => ahead,
        _ => view.clone(),
    }
}
