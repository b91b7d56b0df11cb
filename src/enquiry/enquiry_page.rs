//! `/lessons/:id/enquiry`: the teacher runs the class's enquiry.

use leptos::prelude::*;

use crate::enquiry::use_question_rows;
use crate::enquiry::{PollPanel, QuestionModeration, QuestionQuadrant, StimulusPanel, TimerPanel};
use crate::live::LivePanel;
use crate::plan::ParkingLot;
use crate::routes::{AppRoute, use_lesson_id};
use crate::state::use_library;
use crate::ui::TeacherLayout;

/// The Enquiry page: stimulus and thinking time, moderation, the quadrant, the vote, and the
/// parking lot. The Board and the Pupil views follow it.
#[component]
pub fn EnquiryPage() -> impl IntoView {
    let library = use_library();
    let lesson_id = use_lesson_id();
    let live = Memo::new(move |_| {
        let id = lesson_id.get()?;
        library.with(|lib| lib.lesson(&id).filter(|l| !l.is_deleted()).map(|_| id))
    });
    crate::ui::lesson_page_title("Enquiry");
    view! {
        <TeacherLayout>
            {move || match live.get() {
                Some(lesson) => {
                    let rows = use_question_rows(StoredValue::new(lesson.clone()));
                    view! {
                    <p class="breadcrumb">
                        <a href=AppRoute::Planner(lesson.clone()).href()>"← Back to the plan"</a>
                    </p>
                    <h1>"Enquiry"</h1>
                    <div class="page-actions">
                        <a class="button" href=AppRoute::Board(lesson.clone()).href() target="_blank" rel="noopener">"Open the Board"</a>
                        <a class="button" href=AppRoute::Pupil(lesson.clone()).href() target="_blank" rel="noopener">"Open the Pupil view"</a>
                        <a class="button" href=AppRoute::PassDevice(lesson.clone()).href() target="_blank" rel="noopener">"Pass-the-tablet vote"</a>
                    </div>
                    <LivePanel lesson=lesson.clone() />
                    <StimulusPanel lesson=lesson.clone() />
                    <TimerPanel lesson=lesson.clone() />
                    <QuestionModeration lesson=lesson.clone() rows />
                    <QuestionQuadrant lesson=lesson.clone() rows />
                    <PollPanel lesson=lesson.clone() rows />
                    <ParkingLot lesson=lesson />
                }.into_any()
                }
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
