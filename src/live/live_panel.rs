//! The teacher's control of a live lesson: going live, the code and QR code pupils join with,
//! letting waiting tablets in, and ending it.

use leptos::prelude::*;
use withme_core::sync::{Knock, SeatedTablet};
use withme_core::{DeviceId, LessonId};

use crate::board::spaced_code;
use crate::format::class_of;
use crate::live::Connection;
use crate::state::{LiveStatus, board_link, use_library, use_live_lessons};
use crate::ui::ConnectionBadge;

/// Takes the lesson live, and runs it while it is.
#[component]
pub fn LivePanel(
    /// The lesson.
    lesson: LessonId,
) -> impl IntoView {
    let live = use_live_lessons();
    let lesson = StoredValue::new(lesson);
    let status = Memo::new(move |_| lesson.with_value(|l| live.status(l)));
    view! {
        <section class="live-panel" aria-labelledby="live-heading">
            <h2 id="live-heading">"Live lesson"</h2>
            {move || match status.get() {
                None => view! { <GoLive lesson=lesson.get_value() /> }.into_any(),
                Some(status) => view! { <Running lesson=lesson.get_value() status /> }.into_any(),
            }}
        </section>
    }
}

/// Before going live: what it does, and the button.
#[component]
fn GoLive(
    /// The lesson.
    lesson: LessonId,
) -> impl IntoView {
    let live = use_live_lessons();
    let lesson = StoredValue::new(lesson);
    let going = move || lesson.with_value(|l| live.going_live(l));
    view! {
        <p class="field-hint">
            "Pupils join on their own tablets with a code, and you let each one in. While the lesson is live, "
            "the lesson, its class list (first names) and the class's lessons are on your school's Withme server; "
            "nothing else leaves this device. When you end it, everything pupils did is here."
        </p>
        <button
            type="button"
            class="primary"
            disabled=going
            on:click=move |_| lesson.with_value(|l| live.go_live(l))
        >
            {move || if going() { "Going live…" } else { "Go live" }}
        </button>
    }
}

/// A live lesson: how to join, who is waiting, and the way to end it.
#[component]
fn Running(
    /// The lesson.
    lesson: LessonId,
    /// Where it stands.
    status: LiveStatus,
) -> impl IntoView {
    let live = use_live_lessons();
    let lesson = StoredValue::new(lesson);
    let ending = RwSignal::new(false);
    let host = window().location().host().unwrap_or_default();
    let spaced = spaced_code(&status.code);
    let qr = format!("/api/live/{}/qr.svg", status.code);
    let connection = status.connection;
    let away = (connection == Connection::Reconnecting)
        .then_some("The server can't be reached. Your changes and pupils' work wait on each device and are sent when it is back.");
    let waiting_here = {
        let lesson = lesson.get_value();
        Signal::derive(move || live.waiting(&lesson))
    };
    let board_link = board_link(&status.code, &status.board);
    let board_url = format!(
        "{}{board_link}",
        window().location().origin().unwrap_or_default()
    );
    let waiting = status.knocks.len();
    let anyone_to_admit = status.knocks.iter().any(|k| !k.already_seated);
    view! {
        <ConnectionBadge connection=Signal::stored(connection) waiting=waiting_here />
        <p class="live-join">
            "Pupils go to " <strong>{format!("{host}/join")}</strong> " and type "
            <strong class="live-code" aria-label=format!("code {}", status.code.chars().map(String::from).collect::<Vec<_>>().join(" "))>{spaced}</strong>
        </p>
        <img class="live-qr" src=qr alt="QR code that opens the join page with the code" width="160" height="160" />
        <p class="waiting-note">{away}</p>
        <p class="field-hint">
            "Your Board shows the code and QR code while the lesson is live. "
            "To run the Board on another computer (the whiteboard's own), open the board link there."
        </p>
        <div class="page-actions">
            <a class="button" href=board_link.clone() target="_blank" rel="noopener">"Open the live Board"</a>
        </div>
        <label class="board-link">
            "Board link"
            <input type="text" readonly value=board_url on:focus=select_all />
        </label>
        <h3>{format!("Waiting to be let in ({waiting})")}</h3>
        {(waiting == 0).then(|| view! { <p class="field-hint">"Nobody is waiting."</p> })}
        <ul class="knocks">
            {status
                .knocks
                .into_iter()
                .map(|knock| view! { <KnockRow lesson=lesson.get_value() knock /> })
                .collect_view()}
        </ul>
        {anyone_to_admit.then(|| view! {
            <button type="button" on:click=move |_| lesson.with_value(|l| live.admit_everyone(l))>
                "Let everyone in"
            </button>
        })}
        <SeatedList lesson=lesson.get_value() seated=status.seated />
        <div class="page-actions">
            {move || if ending.get() {
                view! {
                    <p>"End the live lesson? Tablets are told it has ended; everything pupils did stays in your lesson."</p>
                    <button type="button" class="danger" on:click=move |_| lesson.with_value(|l| live.end(l))>
                        "End it now"
                    </button>
                    <button type="button" on:click=move |_| ending.set(false)>"Keep going"</button>
                }.into_any()
            } else {
                view! {
                    <button type="button" on:click=move |_| ending.set(true)>"End live lesson"</button>
                }.into_any()
            }}
        </div>
    }
}

/// Who a waiting tablet asks to be let in for: a pupil's name, or a group's number and names.
fn knock_label(knock: &Knock) -> String {
    let names = knock
        .names
        .iter()
        .map(|n| n.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    match knock.group {
        Some(number) => format!("Group {number} ({names})"),
        None => names,
    }
}

/// The tablets let in, by name, with whether each is connected, and a way to remove one.
#[component]
fn SeatedList(
    /// The lesson.
    lesson: LessonId,
    /// The tablets let in.
    seated: Vec<SeatedTablet>,
) -> impl IntoView {
    let library = use_library();
    let live = use_live_lessons();
    let lesson = StoredValue::new(lesson);
    let mut rows: Vec<(DeviceId, String, bool)> = library.with_untracked(|lib| {
        let class = lesson.with_value(|l| lib.lesson(l).and_then(|l| class_of(lib, l)));
        seated
            .into_iter()
            .map(|tablet| {
                let names: Vec<String> = tablet
                    .pupils
                    .iter()
                    .map(|p| {
                        class
                            .and_then(|c| c.pupil(p))
                            .map_or_else(|| "A pupil".to_owned(), |p| p.name().to_string())
                    })
                    .collect();
                (tablet.device, names.join(", "), tablet.connected)
            })
            .collect()
    });
    rows.sort_by_key(|a| a.1.to_lowercase());
    let removing = RwSignal::new(None::<DeviceId>);
    let count = rows.len();
    view! {
        <h3>{format!("In the lesson ({count})")}</h3>
        <ul class="knocks">
            {rows
                .into_iter()
                .map(|(device, name, connected)| {
                    let device = StoredValue::new(device);
                    let asking = move || removing.with(|r| device.with_value(|d| r.as_ref() == Some(d)));
                    let remove = move |_| {
                        lesson.with_value(|l| device.with_value(|d| live.remove_seat(l, d)));
                        removing.set(None);
                    };
                    view! {
                        <li class="knock">
                            <span class="knock-name">{name.clone()}</span>
                            {(!connected).then(|| view! { <span class="knock-warning">"offline"</span> })}
                            {move || if asking() {
                                view! {
                                    <span>{format!("Remove {name}'s tablet? It will need to join again.")}</span>
                                    <button type="button" class="danger" on:click=remove>"Remove"</button>
                                    <button type="button" on:click=move |_| removing.set(None)>"Cancel"</button>
                                }.into_any()
                            } else {
                                let label = format!("Remove {name}'s tablet");
                                view! {
                                    <button
                                        type="button"
                                        aria-label=label
                                        on:click=move |_| removing.set(Some(device.get_value()))
                                    >
                                        "Remove"
                                    </button>
                                }.into_any()
                            }}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// Selects a read-only field's text, ready to copy.
fn select_all(event: leptos::ev::FocusEvent) {
    if let Some(input) = event
        .target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok())
    {
        input.select();
    }
}

/// One tablet waiting: who it says it is, and the teacher's choice.
#[component]
fn KnockRow(
    /// The lesson.
    lesson: LessonId,
    /// The tablet.
    knock: Knock,
) -> impl IntoView {
    let live = use_live_lessons();
    let lesson = StoredValue::new(lesson);
    let device = StoredValue::new(knock.device.clone());
    let name = knock_label(&knock);
    view! {
        <li class="knock">
            <span class="knock-name">{name.clone()}</span>
            {knock.already_seated.then(|| view! {
                <span class="knock-warning">{format!(" (already in on another tablet: is this really {name}?)")}</span>
            })}
            <button
                type="button"
                class="primary"
                aria-label=format!("Let {name} in")
                on:click=move |_| lesson.with_value(|l| device.with_value(|d| live.admit(l, d)))
            >
                "Let in"
            </button>
            <button
                type="button"
                aria-label=format!("Don't let {name} in")
                on:click=move |_| lesson.with_value(|l| device.with_value(|d| live.decline(l, d)))
            >
                "Not them"
            </button>
        </li>
    }
}
