//! `/lessons/:id/groups`: the register, the group maker, roles and the picker for a lesson.

use leptos::prelude::*;

use crate::classes::Register;
use crate::format::class_of;
use crate::groups::{GroupEditor, GroupMaker};
use crate::routes::{AppRoute, use_lesson_id};
use crate::state::use_library;
use crate::ui::TeacherLayout;

/// Groups and roles for one lesson. The Board and the Pupil views follow it.
#[component]
pub fn GroupsPage() -> impl IntoView {
    let library = use_library();
    let lesson_id = use_lesson_id();
    let live = Memo::new(move |_| {
        let id = lesson_id.get()?;
        library.with(|lib| {
            let lesson = lib.lesson(&id).filter(|l| !l.is_deleted())?;
            let class = class_of(lib, lesson).map(|c| c.id().clone());
            Some((id, class))
        })
    });
    crate::ui::lesson_page_title("Groups");
    view! {
        <TeacherLayout>
            {move || match live.get() {
                Some((lesson, Some(class))) => view! {
                    <p class="breadcrumb">
                        <a href=AppRoute::Planner(lesson.clone()).href()>"← Back to the plan"</a>
                    </p>
                    <h1>"Groups and roles"</h1>
                    <div class="page-actions">
                        <a class="button" href=AppRoute::Board(lesson.clone()).href() target="_blank" rel="noopener">"Open the Board"</a>
                        <a class="button" href=AppRoute::Pupil(lesson.clone()).href() target="_blank" rel="noopener">"Open the Pupil view"</a>
                        <a class="button" href=AppRoute::ClassHistory(class).href()>"Roles history"</a>
                    </div>
                    <Register lesson=lesson.clone() />
                    <GroupMaker lesson=lesson.clone() />
                    <GroupEditor lesson />
                }.into_any(),
                Some((lesson, None)) => view! {
                    <div class="empty-state">
                        <h1>"Groups and roles"</h1>
                        <p>"Choose a class for this lesson first, in the plan's details."</p>
                        <a class="button primary" href=AppRoute::Planner(lesson).href()>"Back to the plan"</a>
                    </div>
                }.into_any(),
                None => view! {
                    <div class="empty-state">
                        <h1>"This lesson isn't on this device"</h1>
                        <a class="button primary" href=AppRoute::Library.href()>"Go to your lessons"</a>
                    </div>
                }.into_any(),
            }}
        </TeacherLayout>
    }
}
