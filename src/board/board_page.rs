//! `/lessons/:id/board`: the whiteboard view.

use std::sync::Arc;

use leptos::prelude::*;

use withme_core::LessonId;

use crate::board::{
    BlankButton, BlankScreen, BoardStageView, JoinPanel, LessonClock, blank_keys, picker_controls,
    presenter_steps, timer_controls,
};
use crate::board::{BoardData, BoardSteering, provide_board, use_steering};
use crate::browser::random_seed;
use crate::enquiry::ThinkingTimer;
use crate::format;
use crate::format::class_of;
use crate::routes::{AppRoute, use_lesson_id};
use crate::state::{Acting, LibraryView, use_acting, use_library, use_live_lessons};
use crate::ui::{NoticeTray, ReadingOptions};

/// What the Board shows: nothing private, only what the whole class may see.
#[derive(Clone, PartialEq)]
struct BoardContent {
    lesson: LessonId,
    title: String,
    class_name: Option<String>,
    details: String,
}

/// The Board: the lesson in type large enough to read from the back of a classroom. It follows
/// the Planner's changes in any other window of this browser, and shows only the Board's
/// projection of the lesson: what the whole class may see. While the lesson is live, it shows
/// how to join.
#[component]
pub fn BoardPage() -> impl IntoView {
    let lesson_id = use_lesson_id();
    let board = provide_board(lesson_id);
    provide_context(steering(use_library(), use_acting()));
    let live = use_live_lessons();
    let code = Signal::derive(move || {
        let lesson = lesson_id.get()?;
        live.status(&lesson).map(|s| s.code)
    });
    let missing = || {
        view! {
            <h1 class="board-title">"Nothing to show"</h1>
            <p class="board-details">
                "This lesson isn't on this device. "
                <a href=AppRoute::Library.href()>"Open your lessons"</a>
            </p>
        }
    };
    view! {
        <BoardScreen board code note=Signal::derive(|| None::<String>) missing />
        <NoticeTray />
    }
}

/// The teacher's window steers its Board: it moves the stage, runs the lesson timer, and draws
/// names with the class's picker (which needs the history only the library holds).
fn steering(library: LibraryView, acting: Acting) -> BoardSteering {
    BoardSteering {
        act: Arc::new(move |command| {
            acting.teacher_or_say(command);
        }),
        act_then: Arc::new(move |command, done| acting.teacher_then(command, done)),
        draw: Arc::new(move |lesson| {
            library.with_untracked(|lib| {
                let class = lib.lesson(lesson).and_then(|l| class_of(lib, l))?;
                let present: Vec<_> = lib
                    .present_pupils(lesson)
                    .iter()
                    .map(|p| p.id().clone())
                    .collect();
                class.picker().draw(&present, random_seed())
            })
        }),
        steps: presenter_steps,
        timer: timer_controls,
        picker: picker_controls,
    }
}

/// The Board's screen, wherever its projection comes from (this browser's library, or a live
/// lesson's server).
#[component]
pub fn BoardScreen(
    /// The Board's projection.
    board: BoardData,
    /// The live lesson's join code, while pupils may join.
    #[prop(into)]
    code: Signal<Option<String>>,
    /// A note about the connection, if there is one to give.
    #[prop(into)]
    note: Signal<Option<String>>,
    /// What to show when there is no lesson.
    #[prop(into)]
    missing: ViewFn,
) -> impl IntoView {
    let content = Memo::new(move |_| {
        board.0.with(|view| {
            let view = view.as_ref()?;
            Some(BoardContent {
                lesson: view.lesson.clone(),
                title: view.plan.title.to_string(),
                class_name: view.class.as_ref().map(|c| c.name.to_string()),
                details: format::seen_details(&view.plan),
            })
        })
    });
    let lesson = Memo::new(move |_| content.with(|c| c.as_ref().map(|c| c.lesson.clone())));
    let thinking = Signal::derive(move || board.0.with(|v| v.as_ref().and_then(|v| v.thinking)));
    let blank = RwSignal::new(false);
    blank_keys(blank);
    let steering = use_steering();
    crate::ui::page_title(move || {
        let title = content.with(|c| c.as_ref().map(|c| c.title.clone()));
        title.map_or_else(|| "Board".into(), |t| format!("Board: {t}"))
    });

    view! {
        <main class="board" id="main">
            <div class="board-bar">
                <span class="board-brand">"Withme"</span>
                <span class="board-class">
                    {move || content.with(|c| c.as_ref().and_then(|c| c.class_name.clone()))}
                </span>
                <ThinkingTimer thinking />
                <span class="board-note" role="status">{move || note.get()}</span>
                <ReadingOptions />
                <BlankButton blank />
                <FullScreenButton />
            </div>
            <JoinPanel code />
            <LessonClock board />
            {move || match content.get() {
                Some(content) => view! {
                    <div class="board-stage">
                        <h1 class="board-title">{content.title}</h1>
                        <p class="board-details">{content.details}</p>
                        {lesson.get().map(|lesson| view! { <BoardStageView lesson /> })}
                    </div>
                }.into_any(),
                None => view! {
                    <div class="board-stage">
                        {missing.run()}
                    </div>
                }.into_any(),
            }}
            {steering.map(|steering| {
                let steps = steering.steps;
                steps(steering, board, blank)
            })}
            <BlankScreen blank />
        </main>
    }
}

/// Puts the Board in full screen, or takes it out.
#[component]
fn FullScreenButton() -> impl IntoView {
    let toggle = move |_| {
        let doc = document();
        if doc.fullscreen_element().is_some() {
            doc.exit_fullscreen();
        } else if let Some(root) = doc.document_element() {
            let _ = root.request_fullscreen();
        }
    };
    view! {
        <button type="button" class="board-fullscreen" on:click=toggle>
            "Full screen"
        </button>
    }
}
