//! One page per file, one per route.

mod board;
mod classes;
mod library;
mod not_found;
mod planner;
mod pupil;

pub use board::BoardPage;
pub use classes::ClassesPage;
pub use library::LibraryPage;
pub use not_found::NotFoundPage;
pub use planner::PlannerPage;
pub use pupil::PupilPage;
