//! Reusable pieces of the UI, one component per file.

mod add_pupils_form;
mod ballot_form;
mod board_groups;
mod board_picker;
mod board_stage;
mod class_actions;
mod class_card;
mod class_pairs;
mod class_roles;
mod connection_badge;
mod coproduction_summary;
mod delivery_note;
mod draft_area;
mod group_editor;
mod group_maker;
mod import_lesson_button;
mod join_panel;
mod lesson_bin;
mod lesson_card;
mod lesson_details_form;
mod live_panel;
mod merge_bar;
mod name_grid;
mod new_class_form;
mod notice_tray;
mod parking_lot;
mod plan_items;
mod plan_notes;
mod plan_phases;
mod plan_sheet;
mod plan_toolbar;
mod poll_panel;
mod poll_results;
mod poll_setup;
mod proposal_inbox;
mod pupil_enquiry;
mod pupil_group;
mod pupil_ideas;
mod pupil_row;
mod question_moderation;
mod question_quadrant;
mod register;
mod save_indicator;
mod stimulus_panel;
mod storage_banner;
mod teacher_layout;
mod text_field;
mod text_form;
mod thinking_timer;
mod with_classmates;

pub use ballot_form::{BallotForm, BallotPaper};
pub use board_groups::BoardGroups;
pub use board_picker::BoardPicker;
pub use board_stage::BoardStageView;
pub use class_actions::ClassActions;
pub use class_card::ClassCard;
pub use class_pairs::ClassPairs;
pub use class_roles::ClassRoles;
pub use connection_badge::{ConnectionBadge, browser_online, describe as describe_connection};
pub use coproduction_summary::CoproductionSummary;
pub use delivery_note::DeliveryNote;
pub use draft_area::DraftArea;
pub use group_editor::GroupEditor;
pub use group_maker::GroupMaker;
pub use import_lesson_button::ImportLessonButton;
pub use join_panel::JoinPanel;
pub use lesson_bin::LessonBin;
pub use lesson_card::LessonCard;
pub use lesson_details_form::LessonDetailsForm;
pub use live_panel::LivePanel;
pub use merge_bar::{MergeBar, MergeToggle};
pub use name_grid::NameGrid;
pub use new_class_form::NewClassForm;
pub use notice_tray::NoticeTray;
pub use parking_lot::ParkingLot;
pub use plan_items::PlanItems;
pub use plan_notes::PlanNotes;
pub use plan_phases::PlanPhases;
pub use plan_sheet::{PlanSheet, linked_text};
pub use plan_toolbar::PlanToolbar;
pub use poll_panel::PollPanel;
pub use poll_results::PollResults;
pub use poll_setup::PollSetup;
pub use proposal_inbox::ProposalInbox;
pub use pupil_enquiry::PupilEnquiry;
pub use pupil_group::PupilGroup;
pub use pupil_ideas::PupilIdeas;
pub use question_moderation::QuestionModeration;
pub use question_quadrant::QuestionQuadrant;
pub use register::Register;
pub use stimulus_panel::StimulusPanel;
pub use storage_banner::StorageBanner;
pub use teacher_layout::TeacherLayout;
pub use text_field::TextField;
pub use text_form::TextForm;
pub use thinking_timer::ThinkingTimer;
pub use with_classmates::WithClassmates;

use std::cell::Cell;

use leptos::prelude::*;
use withme_core::{ItemId, LessonId, Section};

/// Renders a memoised list, one type-erased view per item.
///
/// The views are rebuilt only when the list itself changes (the memo compares with `==`), which
/// suits short lists (rosters, the bin, options) and costs far less code than a keyed `<For>`
/// per list. Lists that grow to hundreds of items (the library) use `<For>`.
pub fn list_of<T, F>(items: Memo<Vec<T>>, render: F) -> impl IntoView
where
    T: Clone + PartialEq + Send + Sync + 'static,
    F: Fn(T) -> AnyView + Send + Sync + 'static,
{
    move || {
        items
            .get()
            .into_iter()
            .map(&render)
            .collect::<Vec<AnyView>>()
    }
}

/// The ids of one section of a lesson's plan, in order (empty if the lesson is gone).
///
/// Editable lists render from this: typing changes an entry's text, not the ids, so the list
/// (and the input under the cursor) is not rebuilt.
pub fn section_ids(lesson: StoredValue<LessonId>, section: Section) -> Memo<Vec<ItemId>> {
    let library = crate::state::use_library();
    Memo::new(move |_| {
        library.with(|lib| {
            lesson.with_value(|id| {
                lib.lesson(id)
                    .map(|l| l.plan().entry_ids(section))
                    .unwrap_or_default()
            })
        })
    })
}

/// Shows `view` only while `when` is true, as one type-erased view.
pub fn shown_if<F, V>(when: impl Fn() -> bool + Send + Sync + 'static, view: F) -> impl IntoView
where
    F: Fn() -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    move || when().then(|| view().into_any())
}

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
