//! The lesson timer on the Board: the phase, the time left in large figures, a calm bar that
//! empties, and what comes next; from the teacher's window, pause, another minute and the next
//! phase.

use leptos::prelude::*;
use withme_core::Command;
use withme_core::enquiry::TimerChange;
use withme_core::view::TimerSeen;

use crate::board::{BoardData, BoardSteering, TimerControls, use_steering};
use crate::ui::{TimerButtons, clock_text, ticking_while};

/// The timer as shown at one moment.
#[derive(Clone, PartialEq)]
struct ClockFace {
    phase: String,
    left: u32,
    /// How much of the time is left, in percent.
    share: u32,
    paused: bool,
    next: Option<String>,
}

fn face(seen: &TimerSeen, now: withme_core::Timestamp) -> ClockFace {
    let left = seen.timer.seconds_left(now);
    let share = (u64::from(left) * 100 / u64::from(seen.timer.seconds.max(1))) as u32;
    ClockFace {
        phase: seen
            .phase
            .as_ref()
            .map_or_else(|| "Timer".to_owned(), ToString::to_string),
        left,
        share,
        paused: seen.timer.is_paused(),
        next: seen.next.as_ref().map(|n| n.title.to_string()),
    }
}

/// The lesson timer, while one is set; nothing otherwise.
#[component]
pub fn LessonClock(
    /// The Board's projection.
    board: BoardData,
) -> impl IntoView {
    let seen = Memo::new(move |_| board.0.with(|v| v.as_ref().and_then(|v| v.timer.clone())));
    let now = ticking_while(move || seen.with(Option::is_some));
    let shown = Memo::new(move |_| seen.with(|s| s.as_ref().map(|s| face(s, now.get()))));
    let steering = use_steering();
    // A soft chime as the time runs out, where this device has chosen one.
    let over = Memo::new(move |_| shown.with(|f| f.as_ref().is_some_and(|f| f.left == 0)));
    Effect::new(move |was_over: Option<bool>| {
        let now_over = over.get();
        if was_over == Some(false) && now_over && crate::persistence::reading::chosen().chime {
            chime();
        }
        now_over
    });
    move || {
        let face = shown.get()?;
        let over = face.left == 0;
        let ending = !over && face.left <= 60;
        let time = if over {
            "Time's up".to_owned()
        } else {
            clock_text(face.left)
        };
        let controls = steering.clone().map(|steering| {
            let next = seen.with_untracked(|s| {
                s.as_ref()
                    .and_then(|s| s.next.as_ref())
                    .map(|n| (n.id.clone(), n.title.to_string()))
            });
            let timer = steering.timer;
            timer(
                steering,
                board,
                TimerControls {
                    paused: face.paused,
                    next,
                },
            )
        });
        Some(view! {
            <section class="lesson-clock" class:ending=ending class:over=over aria-label="Lesson timer">
                <p class="clock-phase">{face.phase}</p>
                <p class="clock-time" role="timer">{time}</p>
                <div class="clock-bar" aria-hidden="true">
                    <div class="clock-left" style:width=format!("{}%", face.share)></div>
                </div>
                <p class="clock-note" role="status">
                    {face.paused.then_some("Paused. ")}
                    {face.next.map(|next| format!("Next: {next}"))}
                </p>
                {controls}
            </section>
        })
    }
}

/// A soft two-note chime, about a second long, through the device's speakers.
fn chime() {
    let Ok(audio) = web_sys::AudioContext::new() else {
        return;
    };
    let start = audio.current_time();
    for (n, pitch) in [659.25_f32, 523.25].into_iter().enumerate() {
        let (Ok(tone), Ok(volume)) = (audio.create_oscillator(), audio.create_gain()) else {
            return;
        };
        let at = start + n as f64 * 0.45;
        tone.frequency().set_value(pitch);
        let gain = volume.gain();
        gain.set_value(0.0);
        let _ = gain.linear_ramp_to_value_at_time(0.2, at + 0.05);
        let _ = gain.linear_ramp_to_value_at_time(0.0, at + 0.9);
        let _ = tone
            .connect_with_audio_node(&volume)
            .and_then(|_| volume.connect_with_audio_node(&audio.destination()));
        let _ = tone.start_with_when(at);
        let _ = tone.stop_with_when(at + 1.0);
    }
}

/// The lesson timer's buttons, where this window steers its Board: pause or carry on, another
/// minute, the next phase. For [`BoardSteering`]'s `timer`.
pub fn timer_controls(steering: BoardSteering, board: BoardData, shown: TimerControls) -> AnyView {
    let act = StoredValue::new(steering.act);
    let change = Callback::new(move |change: TimerChange| {
        let lesson = board
            .0
            .with_untracked(|v| v.as_ref().map(|v| v.lesson.clone()));
        if let Some(lesson) = lesson {
            act.with_value(|act| act(Command::SetTimer { lesson, change }));
        }
    });
    let TimerControls { paused, next } = shown;
    view! {
        <div class="clock-controls">
            <TimerButtons paused next change />
        </div>
    }
    .into_any()
}
