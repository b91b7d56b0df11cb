//! `/lessons/:id`: planning one lesson.

use leptos::prelude::*;
use withme_core::{Command, LessonId};

use withme_core::ItemList;

use crate::live::LivePanel;
use crate::plan::{
    CoproductionSummary, LessonDetailsForm, PlanItems, PlanNotes, PlanPhases, PlanToolbar,
    ProposalInbox,
};
use crate::routes::{AppRoute, use_lesson_id};
use crate::state::PlanEditor;
use crate::state::{use_dispatch, use_library, use_notices};
use crate::ui::TeacherLayout;

/// Where the lesson stands on this device.
#[derive(Clone, PartialEq)]
enum Found {
    Live(LessonId),
    Binned(LessonId),
    Missing,
}

/// The Planner: edit a lesson's details and open its Board and Pupil views.
#[component]
pub fn PlannerPage() -> impl IntoView {
    let library = use_library();
    let lesson_id = use_lesson_id();
    let found = Memo::new(move |_| {
        let Some(id) = lesson_id.get() else {
            return Found::Missing;
        };
        library.with(|lib| match lib.lesson(&id) {
            Some(lesson) if lesson.is_deleted() => Found::Binned(id),
            Some(_) => Found::Live(id),
            None => Found::Missing,
        })
    });
    crate::ui::page_title(move || {
        let title = lesson_id
            .get()
            .and_then(|id| library.with(|lib| lib.lesson(&id).map(|l| l.plan().title.to_string())));
        title.unwrap_or_else(|| "Lesson not found".into())
    });

    view! {
        <TeacherLayout>
            <p class="breadcrumb">
                <a href=AppRoute::Library.href()>"← All lessons"</a>
            </p>
            {move || match found.get() {
                Found::Live(id) => view! { <LivePlan lesson=id /> }.into_any(),
                Found::Binned(id) => view! { <BinnedLesson lesson=id /> }.into_any(),
                Found::Missing => view! { <MissingLesson /> }.into_any(),
            }}
        </TeacherLayout>
    }
}

/// A lesson open for editing.
#[component]
fn LivePlan(
    /// The lesson.
    lesson: LessonId,
) -> impl IntoView {
    PlanEditor::provide();
    let board = AppRoute::Board(lesson.clone()).href();
    let pupil = AppRoute::Pupil(lesson.clone()).href();
    let enquiry = AppRoute::Enquiry(lesson.clone()).href();
    let groups = AppRoute::Groups(lesson.clone()).href();
    let for_items = lesson.clone();
    let items = move |list, hint| view! { <PlanItems lesson=for_items.clone() list hint /> };
    view! {
        <h1 class="visually-hidden">"Plan the lesson"</h1>
        <PlanToolbar lesson=lesson.clone() />
        <LessonDetailsForm lesson=lesson.clone() />
        <ProposalInbox lesson=lesson.clone() />
        {items(ItemList::Outcomes, "Write each as “I can…”.")}
        {items(ItemList::Criteria, "Pupils see these.")}
        <PlanPhases lesson=lesson.clone() />
        {items(ItemList::Keywords, "")}
        {items(ItemList::Resources, "Text, or a link starting with https://")}
        <PlanNotes lesson=lesson.clone() />
        <CoproductionSummary lesson=lesson.clone() />
        <section class="surfaces" aria-labelledby="surfaces-heading">
            <h2 id="surfaces-heading">"Show this lesson"</h2>
            <div class="page-actions">
                <a class="button primary" href=board target="_blank" rel="noopener">
                    "Open the Board"
                </a>
                <a class="button" href=pupil target="_blank" rel="noopener">
                    "Open the Pupil view"
                </a>
                <a class="button" href=enquiry>"Run the enquiry"</a>
                <a class="button" href=groups>"Groups and roles"</a>
            </div>
            <p class="field-hint">
                "The Board opens in a new window: drag it onto the projector screen and press F11 for full screen. "
                "It follows every change you make here at once, with no internet needed."
            </p>
        </section>
        <LivePanel lesson=lesson.clone() />
    }
}

/// A lesson found in the bin.
#[component]
fn BinnedLesson(
    /// The lesson.
    lesson: LessonId,
) -> impl IntoView {
    let dispatch = use_dispatch();
    let notices = use_notices();
    let restore = move |_| {
        if let Err(reason) = dispatch.as_teacher(Command::RestoreLesson {
            lesson: lesson.clone(),
        }) {
            notices.problem(reason.to_string());
        }
    };
    view! {
        <div class="empty-state">
            <h1>"This lesson is in the bin"</h1>
            <p>"Restore it to keep planning."</p>
            <button type="button" class="primary" on:click=restore>"Restore lesson"</button>
        </div>
    }
}

/// No such lesson on this device.
#[component]
fn MissingLesson() -> impl IntoView {
    view! {
        <div class="empty-state">
            <h1>"This lesson isn't on this device"</h1>
            <p>
                "Lessons are kept in this browser. If it was planned on another computer, export it there and import it here."
            </p>
            <a class="button primary" href=AppRoute::Library.href()>"Go to your lessons"</a>
        </div>
    }
}
