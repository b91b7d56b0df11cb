//! The Board's random picker: a name drawn large, with "Pass" and a new round.

use leptos::prelude::*;
use withme_core::{Command, LessonId};

use crate::board::{BoardSteering, PickerControls, use_board, use_steering};

/// The picker as the Board shows it.
#[derive(Clone, PartialEq)]
struct PickerView {
    latest: Option<(String, bool)>,
    present: usize,
    waiting: usize,
}

/// Draws present pupils one at a time, each once a round, favouring those picked least. It
/// shows the Board's projection; drawing is the teacher's window's (it holds the history the
/// weighting needs).
#[component]
pub fn BoardPicker(
    /// The lesson (for its register).
    lesson: LessonId,
) -> impl IntoView {
    let board = use_board();
    // A Board on its own device (a live lesson's board link) shows the name drawn; drawing is
    // done by the teacher's window.
    let steering = StoredValue::new(use_steering());
    let lesson = StoredValue::new(lesson);
    let picker = Memo::new(move |_| {
        board.0.with(|view| {
            let view = view.as_ref()?;
            let class = view.class.as_ref()?;
            Some(PickerView {
                latest: view.picker.latest.as_ref().map(|(pupil, passed)| {
                    let name = class
                        .name_of(pupil)
                        .map_or_else(String::new, ToString::to_string);
                    (name, *passed)
                }),
                present: view.picker.present as usize,
                waiting: view.picker.waiting as usize,
            })
        })
    });
    move || {
        picker.get().map(|view| {
            let total = view.present;
            let had = total - view.waiting;
            let can_pass = view.latest.as_ref().is_some_and(|(_, passed)| !passed);
            view! {
                <div class="board-picker">
                    <p class="board-count" aria-live="polite">
                        {format!("{had} of {total} have had a turn this round")}
                    </p>
                    <p class="board-picked" aria-live="assertive">
                        {match view.latest {
                            Some((name, true)) => format!("{name} passed"),
                            Some((name, false)) => name,
                            None => "Who will it be?".into(),
                        }}
                    </p>
                    {steering.get_value().map(|steering| {
                        let picker = steering.picker;
                        picker(
                            steering,
                            lesson.get_value(),
                            PickerControls { waiting: view.waiting, can_pass },
                        )
                    })}
                </div>
            }
        })
    }
}

/// The picker's buttons, where this window steers its Board: pick a name (drawn by the
/// teacher's window, which holds the history the weighting needs), let it pass, or start a new
/// round once everyone here has had a turn. For [`BoardSteering`]'s `picker`.
pub fn picker_controls(
    steering: BoardSteering,
    lesson: LessonId,
    shown: PickerControls,
) -> AnyView {
    let steering = StoredValue::new(steering);
    let lesson = StoredValue::new(lesson);
    let pick = move |_| {
        let lesson = lesson.get_value();
        steering.with_value(|steering| {
            if let Some(pupil) = (steering.draw)(&lesson) {
                (steering.act)(Command::PickPupil { lesson, pupil });
            }
        });
    };
    let pass = move |_| {
        steering.with_value(|steering| {
            (steering.act)(Command::PassPick {
                lesson: lesson.get_value(),
            });
        });
    };
    let new_round = move |_| {
        steering.with_value(|steering| {
            (steering.act_then)(
                Command::NewPickerRound {
                    lesson: lesson.get_value(),
                },
                "New round: everyone here can be picked again.",
            );
        });
    };
    view! {
        <div class="board-nav">
            {if shown.waiting > 0 {
                view! { <button type="button" class="primary" on:click=pick>"Pick a name"</button> }.into_any()
            } else {
                view! {
                    <p class="board-details">"Everyone here has had a turn."</p>
                    <button type="button" class="primary" on:click=new_round>"Start a new round"</button>
                }.into_any()
            }}
            {shown.can_pass.then(|| view! { <button type="button" on:click=pass>"Pass"</button> })}
        </div>
    }
    .into_any()
}
