//! Reusable pieces of the UI, one component per file.

mod add_pupils_form;
mod class_card;
mod import_lesson_button;
mod lesson_bin;
mod lesson_card;
mod lesson_details_form;
mod new_class_form;
mod notice_tray;
mod pupil_row;
mod save_indicator;
mod storage_banner;
mod teacher_layout;
mod text_field;

pub use class_card::ClassCard;
pub use import_lesson_button::ImportLessonButton;
pub use lesson_bin::LessonBin;
pub use lesson_card::LessonCard;
pub use lesson_details_form::LessonDetailsForm;
pub use new_class_form::NewClassForm;
pub use notice_tray::NoticeTray;
pub use storage_banner::StorageBanner;
pub use teacher_layout::TeacherLayout;
pub use text_field::TextField;

use std::cell::Cell;

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// A document-unique element id, for tying labels and messages to inputs.
pub fn unique_id(prefix: &str) -> String {
    let n = NEXT_ID.with(|next| {
        let n = next.get();
        next.set(n + 1);
        n
    });
    format!("{prefix}-{n}")
}
