//! The teacher runs the lesson timer: a phase of the plan or minutes set by hand, then pause,
//! another minute, the next phase, or stop. The Board shows it large.

use leptos::prelude::*;
use withme_core::enquiry::{MAX_TIMER_MINUTES, TimerChange};
use withme_core::view::TimerSeen;
use withme_core::{Command, LessonId};

use crate::state::{use_acting, use_library};
use crate::ui::{TimerButtons, clock_text, ticking_while, unique_id};

/// The choice in "What to time" that means minutes typed by hand.
const BY_HAND: &str = "by-hand";

/// The lesson timer's controls.
#[component]
pub fn TimerPanel(
    /// The lesson.
    lesson: LessonId,
) -> impl IntoView {
    let library = use_library();
    let acting = use_acting();
    let lesson = StoredValue::new(lesson);
    let phases = Memo::new(move |_| {
        library.with(|lib| {
            lesson.with_value(|id| {
                lib.lesson(id)
                    .map(|l| {
                        l.plan()
                            .phases
                            .iter()
                            .map(|p| {
                                (
                                    p.id.clone(),
                                    format!("{} ({} min)", p.title, p.minutes.minutes()),
                                )
                            })
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
        })
    });
    let seen = Memo::new(move |_| {
        library.with(|lib| {
            lesson.with_value(|id| {
                let lesson = lib.lesson(id)?;
                let timer = lesson.enquiry().timer.as_ref()?;
                Some(TimerSeen::of(timer, lesson.plan()))
            })
        })
    });
    let now = ticking_while(move || seen.with(Option::is_some));
    let choice = RwSignal::new(String::new());
    let minutes = RwSignal::new("10".to_owned());
    let error = RwSignal::new(None::<&'static str>);
    let (what_id, minutes_id, error_id) = (
        unique_id("timer-what"),
        unique_id("timer-minutes"),
        unique_id("timer-error"),
    );

    let change = move |change: TimerChange| {
        acting.teacher_or_say(Command::SetTimer {
            lesson: lesson.get_value(),
            change,
        });
    };
    let chosen_phase = move || {
        let chosen = choice.get();
        let phases = phases.get();
        if chosen == BY_HAND {
            return None;
        }
        phases
            .iter()
            .find(|(id, _)| id.to_string() == chosen)
            .or(phases.first())
            .map(|(id, _)| id.clone())
    };
    let start = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match untrack(chosen_phase) {
            Some(phase) => {
                error.set(None);
                change(TimerChange::Phase { phase });
            }
            None => match minutes.get_untracked().trim().parse::<u32>() {
                Ok(m) if (1..=MAX_TIMER_MINUTES).contains(&m) => {
                    error.set(None);
                    change(TimerChange::Minutes { minutes: m });
                }
                _ => error.set(Some("Enter the minutes, from 1 to 360.")),
            },
        }
    };
    let by_hand = move || chosen_phase().is_none();

    let running = move || {
        seen.get().map(|seen| {
            let left = seen.timer.seconds_left(now.get());
            let phase = seen.phase.as_ref().map_or_else(|| "Timer".to_owned(), ToString::to_string);
            let status = if left == 0 {
                format!("{phase}: time's up")
            } else {
                format!("{phase}: {} left", clock_text(left))
            };
            let paused = seen.timer.is_paused();
            let next = seen.next.as_ref().map(|n| (n.id.clone(), n.title.to_string()));
            view! {
                <p class="timer-status" role="timer">{status}{paused.then_some(" (paused)")}</p>
                <div class="row-actions">
                    <TimerButtons paused next change=Callback::new(change)>
                        <button type="button" on:click=move |_| change(TimerChange::Stop)>"Stop the timer"</button>
                    </TimerButtons>
                </div>
            }
        })
    };

    view! {
        <section class="plan-section timer-panel" aria-labelledby="timer-heading">
            <h2 id="timer-heading">"Lesson timer"</h2>
            <form class="row-actions timer-form" on:submit=start novalidate>
                <label for=what_id.clone()>"What to time"</label>
                <select id=what_id on:change=move |event| choice.set(event_target_value(&event))>
                    {move || phases.get().into_iter().map(|(id, label)| view! {
                        <option value=id.to_string()>{label}</option>
                    }).collect_view()}
                    <option value=BY_HAND>"Minutes I choose"</option>
                </select>
                {let described = error_id.clone(); move || by_hand().then(|| {
                    let (minutes_id, error_id) = (minutes_id.clone(), described.clone());
                    view! {
                        <label for=minutes_id.clone()>"Minutes"</label>
                        <input
                            id=minutes_id
                            type="number"
                            inputmode="numeric"
                            min="1"
                            max=MAX_TIMER_MINUTES.to_string()
                            prop:value=minutes
                            aria-invalid=move || error.get().is_some().to_string()
                            aria-describedby=error_id
                            on:input=move |event| minutes.set(event_target_value(&event))
                        />
                    }
                })}
                <button type="submit" class="primary">"Start the timer"</button>
            </form>
            <p id=error_id.clone() class="field-error" role="alert">{move || error.get()}</p>
            {running}
        </section>
    }
}
