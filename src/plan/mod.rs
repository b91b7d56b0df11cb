//! Planning a lesson together: the Planner, its sections, pupils' ideas coming in, and the printed plan.

mod coproduction_summary;
mod lesson_details_form;
mod merge_bar;
mod parking_lot;
mod plan_items;
mod plan_notes;
mod plan_phases;
mod plan_sheet;
mod plan_toolbar;
mod planner_page;
mod print_page;
mod proposal_inbox;

pub use coproduction_summary::CoproductionSummary;
pub use lesson_details_form::LessonDetailsForm;
pub use merge_bar::{MergeBar, MergeToggle};
pub use parking_lot::ParkingLot;
pub use plan_items::PlanItems;
pub use plan_notes::PlanNotes;
pub use plan_phases::PlanPhases;
pub use plan_sheet::{PlanSheet, linked_text};
pub use plan_toolbar::PlanToolbar;
pub use planner_page::PlannerPage;
pub use print_page::PrintPage;
pub use proposal_inbox::ProposalInbox;
