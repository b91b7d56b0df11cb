//! What each viewer of a lesson may receive: one function, and a type of its own per viewer.
//!
//! Hidden means not sent. A device other than the teacher's own never holds the library: it
//! holds the [`Projection`] of one lesson (with what it needs of its class) for its [`Viewer`],
//! and that is the only thing ever serialised to it. Each projection is its own type, built
//! field by field from what that viewer may see, so what it may not see has nowhere to go:
//!
//! - [`BoardView`]: what the whole class may see: the plan's public parts, approved questions,
//!   polls with their counts only once shown, groups and roles, the picker's latest name.
//! - [`PupilView`]: the class's names and, once a pupil is chosen, what the class may see plus
//!   that pupil's own things: their ideas with the teacher's answers, their questions (sent
//!   back, hidden), their ballot (never in a secret vote), their group and role card, their roles
//!   in past lessons. Never another pupil's ballot, note or reason, a blind count, a hidden
//!   question's text, the teacher's notes, labels or pair rules, or anything of another class.
//! - [`TeacherView`]: the lesson and its class whole (the teacher's own data).
//!
//! [`RoomViews`] works out what a lesson's viewers share once, so projecting for thirty pupils
//! costs little more than for one.

mod board;
mod board_steps;
mod parts;
mod pupil;

use serde::{Deserialize, Serialize};

use crate::class::Class;
use crate::ids::{LessonId, PupilId};
use crate::lesson::Lesson;
use crate::library::Library;

pub use board::{
    BoardPicker, BoardQuestion, BoardView, NextPhase, OptionSeen, PollSeen, Results, TimerSeen,
};
pub use parts::{ClassSeen, GroupSeen, ItemSeen, MemberSeen, NameSeen, PhaseSeen, PlanSeen};
pub use pupil::{
    IdeaSeen, MyQuestion, OpenVote, PupilEnquiry, PupilSide, PupilView, QuestionSeen, RoleTurnSeen,
    StimulusSeen,
};

/// Who is looking at a lesson.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Viewer {
    /// The class's teacher: everything.
    Teacher,
    /// The whiteboard: what the whole class may see.
    Board,
    /// A pupil's device, for this pupil.
    Pupil(PupilId),
    /// A pupil's device before anyone has chosen their name: only the names to choose from.
    Unchosen,
}

/// A lesson as one viewer may receive it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Projection {
    /// The teacher's.
    Teacher(TeacherView),
    /// The Board's.
    Board(BoardView),
    /// A pupil's device's (chosen or not).
    Pupil(PupilView),
}

/// A projection as a pupil's tablet reads it: only ever a pupil's. Its JSON is exactly
/// [`Projection::Pupil`]'s, so a tablet reads the views the authority sends without carrying
/// code for the teacher's or the Board's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum PupilProjection {
    /// A pupil's device's (chosen or not).
    Pupil(PupilView),
}

impl From<PupilProjection> for Projection {
    fn from(projection: PupilProjection) -> Self {
        match projection {
            PupilProjection::Pupil(view) => Self::Pupil(view),
        }
    }
}

/// A projection as the Board app reads it: only ever the Board's. Its JSON is exactly
/// [`Projection::Board`]'s, so the Board carries no code for the teacher's or a pupil's view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum BoardProjection {
    /// The Board's.
    Board(BoardView),
}

impl From<BoardProjection> for Projection {
    fn from(projection: BoardProjection) -> Self {
        match projection {
            BoardProjection::Board(view) => Self::Board(view),
        }
    }
}

/// The teacher's view of a lesson: all of it, with its class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeacherView {
    /// The lesson.
    pub lesson: Lesson,
    /// Its class, if it has one.
    pub class: Option<Class>,
}

/// The projection of `lesson` for `viewer`, or `None` when the lesson is not there (or binned).
pub fn project(library: &Library, lesson: &LessonId, viewer: &Viewer) -> Option<Projection> {
    RoomViews::new(library, lesson).map(|room| room.for_viewer(viewer))
}

/// One lesson's projections, with what its viewers share worked out once.
pub struct RoomViews<'a> {
    library: &'a Library,
    lesson: &'a Lesson,
    class: Option<&'a Class>,
    shared: pupil::Shared<'a>,
}

impl<'a> RoomViews<'a> {
    /// The room of `lesson`, or `None` when it is not in the library or is in the bin.
    pub fn new(library: &'a Library, lesson: &LessonId) -> Option<Self> {
        let lesson = library.lesson(lesson).filter(|l| !l.is_deleted())?;
        let class = lesson.plan().class.as_ref().and_then(|c| library.class(c));
        let shared = pupil::Shared::new(library, lesson, class);
        Some(Self {
            library,
            lesson,
            class,
            shared,
        })
    }

    /// The projection for `viewer`.
    pub fn for_viewer(&self, viewer: &Viewer) -> Projection {
        match viewer {
            Viewer::Teacher => Projection::Teacher(TeacherView {
                lesson: self.lesson.clone(),
                class: self.class.cloned(),
            }),
            Viewer::Board => Projection::Board(board::board_view(self.library, self.lesson)),
            Viewer::Pupil(pupil) => Projection::Pupil(self.shared.pupil_view(Some(pupil))),
            Viewer::Unchosen => Projection::Pupil(self.shared.pupil_view(None)),
        }
    }
}
