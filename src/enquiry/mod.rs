//! The enquiry: the stimulus, pupils' questions and their moderation, the vote and its count.

mod enquiry_page;
mod poll_panel;
mod poll_results;
mod poll_setup;
mod question_moderation;
mod question_quadrant;
mod rows;
mod stimulus_panel;
mod thinking_timer;
mod timer_panel;

pub use enquiry_page::EnquiryPage;
pub use poll_panel::PollPanel;
pub use poll_results::PollResults;
pub use poll_setup::PollSetup;
pub use question_moderation::QuestionModeration;
pub use question_quadrant::QuestionQuadrant;
pub use rows::{PollView, QuestionRow, turnout, use_poll_view, use_question_rows};
pub use stimulus_panel::StimulusPanel;
pub use thinking_timer::ThinkingTimer;
pub use timer_panel::TimerPanel;
