//! The teacher's library: every lesson as a card, the bin, importing a lesson, backing up the
//! whole library, and archiving old lessons.

mod archive_panel;
mod backup_panel;
mod file_chooser;
mod import_lesson_button;
mod lesson_bin;
mod lesson_card;
mod library_page;
mod storage_room;

pub use archive_panel::ArchivePanel;
pub use backup_panel::BackupPanel;
pub use import_lesson_button::ImportLessonButton;
pub use lesson_bin::LessonBin;
pub use lesson_card::LessonCard;
pub use library_page::LibraryPage;
pub use storage_room::{StorageWarning, use_storage_room};
