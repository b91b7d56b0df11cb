//! What a pupil sees on a tablet: joining, their ideas and questions, the ballot, their group and role.

mod ballot_form;
mod delivery_note;
mod join_page;
mod pass_device_page;
mod pupil_enquiry;
mod pupil_group;
mod pupil_ideas;
mod pupil_page;
mod with_classmates;

pub use ballot_form::{BallotForm, BallotPaper};
pub use delivery_note::DeliveryNote;
pub use join_page::JoinPage;
pub use pass_device_page::PassDevicePage;
pub use pupil_enquiry::PupilEnquiry;
pub use pupil_group::PupilGroup;
pub use pupil_ideas::PupilIdeas;
pub use pupil_page::{PupilPage, WaitingForLesson};
pub use with_classmates::WithClassmates;
