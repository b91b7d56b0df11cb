//! The pieces every app shares: text fields and forms, notices, the save and connection badges, the
//! teacher's page frame, lists and element ids.

mod clock;
mod connection_badge;
mod draft_area;
mod lists;
mod name_grid;
mod not_found_page;
mod notice_tray;
mod page_title;
mod reading_options;
mod save_indicator;
mod storage_banner;
mod teacher_layout;
mod text_field;
mod text_form;
mod timer_buttons;

pub use clock::{clock_text, ticking_while};
pub use connection_badge::{ConnectionBadge, browser_online, describe as describe_connection};
pub use draft_area::DraftArea;
pub use lists::{list_of, section_ids, shown_if, unique_id};
pub use name_grid::NameGrid;
pub use not_found_page::{NotFoundPage, TabletNotFoundPage};
pub use notice_tray::NoticeTray;
pub use page_title::{lesson_page_title, page_title};
pub use reading_options::{ReadingOptions, apply_reading_options};
pub use save_indicator::SaveIndicator;
pub use storage_banner::{NotSavingBanner, StorageBanner};
pub use teacher_layout::TeacherLayout;
pub use text_field::TextField;
pub use text_form::TextForm;
pub use timer_buttons::TimerButtons;
