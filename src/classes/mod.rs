//! Classes and their pupils: rosters, labels, pairs to keep apart, roles, the register and history.

mod add_pupils_form;
mod class_actions;
mod class_card;
mod class_history_page;
mod class_pairs;
mod class_roles;
mod classes_page;
mod new_class_form;
mod pupil_row;
mod register;

pub use add_pupils_form::AddPupilsForm;
pub use class_actions::ClassActions;
pub use class_card::ClassCard;
pub use class_history_page::ClassHistoryPage;
pub use class_pairs::ClassPairs;
pub use class_roles::ClassRoles;
pub use classes_page::ClassesPage;
pub use new_class_form::NewClassForm;
pub use pupil_row::PupilRow;
pub use register::Register;
