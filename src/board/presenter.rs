//! Presenter controls: the keys a whiteboard clicker sends, large previous and next buttons for a
//! touch board, and blanking the Board and bringing it back.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use withme_core::Command;
use withme_core::enquiry::BoardStage;
use withme_core::view::BoardView;

use crate::board::{BoardData, BoardSteering};

/// The words a stage goes by on the presenter's buttons: "the vote", "question 2 of 5".
fn stage_name(view: &BoardView, stage: &BoardStage) -> String {
    match stage {
        BoardStage::Plan => "the plan".into(),
        BoardStage::Stimulus => "the stimulus".into(),
        BoardStage::Questions => "our questions".into(),
        BoardStage::Airing { question } => {
            let at = view.questions.iter().position(|q| &q.id == question);
            let place = at.map_or(0, |at| at + 1);
            format!("question {place} of {}", view.questions.len())
        }
        BoardStage::Poll { .. } => "the vote".into(),
        BoardStage::Groups => "groups and roles".into(),
        BoardStage::Picker => "the picker".into(),
        BoardStage::Review => "how did we do?".into(),
    }
}

/// Which way a presenter moves through the lesson.
#[derive(Clone, Copy, PartialEq)]
enum Step {
    Back,
    On,
}

/// The stage one step away from the one shown, if the lesson has one.
fn stage_toward(board: BoardData, step: Step) -> Option<BoardStage> {
    board.0.with(|view| {
        let view = view.as_ref()?;
        match step {
            Step::Back => view.stage_before(),
            Step::On => view.stage_after(),
        }
    })
}

/// What a presenter's button says it shows next: "Next: the vote".
fn step_label(board: BoardData, step: Step, word: &str) -> String {
    let name = stage_toward(board, step).and_then(|stage| {
        board
            .0
            .with(|view| view.as_ref().map(|view| stage_name(view, &stage)))
    });
    name.map_or_else(|| word.to_string(), |name| format!("{word}: {name}"))
}

/// Shows the stage one step away, if there is one.
fn take_step(board: BoardData, steering: &BoardSteering, step: Step) {
    let lesson = board
        .0
        .with_untracked(|v| v.as_ref().map(|v| v.lesson.clone()));
    let stage = untrack(|| stage_toward(board, step));
    if let (Some(lesson), Some(stage)) = (lesson, stage) {
        (steering.act)(Command::ShowOnBoard { lesson, stage });
    }
}

/// Whether a key press belongs to a field being typed in, not to the presenter.
fn typing(event: &ev::KeyboardEvent) -> bool {
    let Some(element) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        || element.is_content_editable()
}

/// The key a presenter pressed, if it is one for the Board: none while typing in a field or
/// with Ctrl, Alt or Meta held.
fn presenter_key(event: &ev::KeyboardEvent) -> Option<String> {
    let modified = event.ctrl_key() || event.alt_key() || event.meta_key();
    (!modified && !typing(event)).then(|| event.key())
}

/// Listens on this window for the key that blanks the Board and brings it back: `B` or `.`.
pub fn blank_keys(blank: RwSignal<bool>) {
    let handle = window_event_listener(ev::keydown, move |event| {
        if matches!(presenter_key(&event).as_deref(), Some("b" | "B" | ".")) {
            event.prevent_default();
            blank.update(|b| *b = !*b);
        }
    });
    on_cleanup(move || handle.remove());
}

/// Listens on this window for a clicker's keys that move through the lesson's stages: Page
/// Down, Page Up and the arrow keys (not while the Board is blanked).
fn step_keys(board: BoardData, steering: BoardSteering, blank: RwSignal<bool>) {
    let handle = window_event_listener(ev::keydown, move |event| {
        let step = match presenter_key(&event).as_deref() {
            Some("PageDown" | "ArrowRight" | "ArrowDown") => Step::On,
            Some("PageUp" | "ArrowLeft" | "ArrowUp") => Step::Back,
            _ => return,
        };
        if !blank.get_untracked() {
            event.prevent_default();
            take_step(board, &steering, step);
        }
    });
    on_cleanup(move || handle.remove());
}

/// The presenter's controls for a Board this window steers: [`StageButtons`], and the
/// clicker's keys. For [`BoardSteering`]'s `steps` (a live Board on its own device steers
/// nothing, and carries none of this).
pub fn presenter_steps(
    steering: BoardSteering,
    board: BoardData,
    blank: RwSignal<bool>,
) -> AnyView {
    view! { <StageButtons steering board blank /> }.into_any()
}

/// Large "Previous" and "Next" buttons for a touch board, each naming the stage it shows, and
/// the clicker's keys.
#[component]
fn StageButtons(
    /// How this window steers its Board.
    steering: BoardSteering,
    /// The Board's projection.
    board: BoardData,
    /// Whether the Board is blanked (the keys wait while it is).
    blank: RwSignal<bool>,
) -> impl IntoView {
    step_keys(board, steering.clone(), blank);
    let button = |step: Step, steering: BoardSteering| {
        let target = Memo::new(move |_| stage_toward(board, step));
        let (word, class) = match step {
            Step::Back => ("Previous", "board-step back"),
            Step::On => ("Next", "board-step on"),
        };
        view! {
            <button
                type="button"
                class=class
                aria-label=move || step_label(board, step, word)
                disabled=move || target.with(Option::is_none)
                on:click=move |_| take_step(board, &steering, step)
            >
                {word}
            </button>
        }
    };
    view! {
        <nav class="board-steps" aria-label="Move through the lesson">
            {button(Step::Back, steering.clone())}
            {button(Step::On, steering)}
        </nav>
    }
}

/// The button in the Board's bar that blanks it.
#[component]
pub fn BlankButton(
    /// Whether the Board is blanked.
    blank: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <button type="button" class="board-blank-button" aria-keyshortcuts="B" on:click=move |_| blank.set(true)>
            "Blank"
        </button>
    }
}

/// While the Board is blanked, a black screen over everything, with a way back.
#[component]
pub fn BlankScreen(
    /// Whether the Board is blanked.
    blank: RwSignal<bool>,
) -> impl IntoView {
    let back = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if blank.get()
            && let Some(button) = back.get()
        {
            let _ = button.focus();
        }
    });
    move || {
        blank.get().then(|| {
            view! {
                <div class="board-blank" role="region" aria-label="The Board is blank">
                    <button type="button" node_ref=back aria-keyshortcuts="B" on:click=move |_| blank.set(false)>
                        "Show the Board"
                    </button>
                </div>
            }
        })
    }
}
