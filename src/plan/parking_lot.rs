//! The class's question parking lot: questions from past enquiries, with their votes.

use leptos::prelude::*;
use withme_core::coproduction::names;
use withme_core::{Command, LessonId, QuestionId};

use crate::format::class_of;
use crate::state::{use_acting, use_library};
use crate::ui::list_of;

/// A parked question as listed.
#[derive(Clone, PartialEq)]
struct Parked {
    id: QuestionId,
    text: String,
    by: String,
    votes: Option<u32>,
    hidden: bool,
}

/// The lesson's class's parked questions; any can be brought into this lesson.
#[component]
pub fn ParkingLot(
    /// The lesson.
    lesson: LessonId,
) -> impl IntoView {
    let library = use_library();
    let acting = use_acting();
    let lesson = StoredValue::new(lesson);
    let parked = Memo::new(move |_| {
        library.with(|lib| {
            let Some(class) = lesson.with_value(|id| lib.lesson(id).and_then(|l| class_of(lib, l)))
            else {
                return Vec::new();
            };
            class
                .parked()
                .iter()
                .map(|p| Parked {
                    id: p.id.clone(),
                    text: p.text.to_string(),
                    by: names(Some(class), &p.authors),
                    votes: p.votes,
                    hidden: p.hidden,
                })
                .collect()
        })
    });
    let bring = move |question: QuestionId| {
        acting.teacher_then(
            Command::UnparkQuestion {
                lesson: lesson.get_value(),
                question,
            },
            "Brought into this lesson, approved.",
        );
    };
    view! {
        <section class="plan-section" aria-labelledby="parking-heading">
            <h2 id="parking-heading">"Parking lot"</h2>
            <p class="field-hint">"Questions the class didn't choose in earlier lessons, with their votes."</p>
            {move || parked.with(Vec::is_empty).then(|| view! {
                <p class="empty-note">"Nothing parked yet."</p>
            })}
            <ul class="parked-list">
                {list_of(parked, move |p| {
                    let votes = match p.votes {
                        Some(1) => "1 vote".to_owned(),
                        Some(n) => format!("{n} votes"),
                        None => "votes never revealed".to_owned(),
                    };
                    let hidden = if p.hidden { " · hidden from the class" } else { "" };
                    view! {
                        <li class="parked">
                            <span class="parked-text">{p.text.clone()}</span>
                            <span class="proposal-meta">{format!("by {} · {votes}{hidden}", p.by)}</span>
                            <button
                                type="button"
                                aria-label=format!("Bring into this lesson: {}", p.text)
                                on:click=move |_| bring(p.id.clone())
                            >
                                "Bring into this lesson"
                            </button>
                        </li>
                    }.into_any()
                })}
            </ul>
        </section>
    }
}
