//! `/join` and `/join/:code`: a pupil's tablet in a live lesson. The pupil types the code on the
//! board (or scans its QR code, which opens `/join/CODE`), taps their name, waits for the
//! teacher to let them in, then takes part as on the Pupil view.

use leptos::prelude::*;
use withme_core::PupilId;
use withme_core::sync::JOIN_CODE_TYPED_MAX;

use crate::browser::join_form::EarlyTyping;
use crate::live::Connection;
use crate::pupil::{PupilEnquiry, PupilGroup, PupilIdeas};
use crate::state::{LiveState, use_tablet};
use crate::ui::{ConnectionBadge, NameGrid, NotSavingBanner, NoticeTray};

/// The letters and digits a join code is made of (none that look alike).
const CODE_ALPHABET: &str = "ACDEFGHJKMNPQRTUVWXY34679";

/// Where the tablet is in joining, for the screen.
#[derive(Clone, PartialEq)]
enum Step {
    /// The lesson ended.
    Ended,
    /// No seat yet: type the code.
    Code,
    /// Seated, and the lesson is on its way.
    Joining,
    /// Tap your name (or your group's, to share the tablet).
    Names {
        roster: Vec<(PupilId, String)>,
        groups: Vec<GroupChoice>,
        title: String,
    },
    /// Waiting for the teacher, as this pupil (or group).
    Waiting(String),
    /// A group's tablet: who is at it now?
    Members {
        members: Vec<(PupilId, String)>,
        title: String,
    },
    /// Let in.
    In {
        pupil: PupilId,
        name: String,
        title: String,
        /// A group's tablet, passed from member to member.
        shared: bool,
    },
}

/// A group of the lesson, as a tablet offers it: its number and its members' names.
#[derive(Clone, PartialEq)]
struct GroupChoice {
    number: usize,
    names: String,
}

impl GroupChoice {
    fn label(number: usize) -> String {
        format!("Group {number}")
    }
}

/// A pupil's tablet in a live lesson.
#[component]
pub fn JoinPage() -> impl IntoView {
    let tablet = use_tablet();
    let live = Memo::new(move |_| tablet.live_state());
    let step = Memo::new(move |_| {
        let Some(state) = live.get() else {
            return Step::Code;
        };
        if state.ended {
            return Step::Ended;
        }
        if state.seat.is_none() {
            return Step::Code;
        }
        tablet.with_view(|view| {
            let Some(view) = view else {
                return Step::Joining;
            };
            let roster: Vec<(PupilId, String)> = view
                .class
                .as_ref()
                .map(|c| {
                    c.roster
                        .iter()
                        .map(|p| (p.id.clone(), p.name.to_string()))
                        .collect()
                })
                .unwrap_or_default();
            let name_of = |pupil: &PupilId| {
                roster
                    .iter()
                    .find(|(p, _)| p == pupil)
                    .map(|(_, n)| n.clone())
                    .unwrap_or_default()
            };
            let title = view.title.to_string();
            if !state.members.is_empty() {
                let members: Vec<(PupilId, String)> = state
                    .members
                    .iter()
                    .map(|p| (p.clone(), name_of(p)))
                    .collect();
                return match (&state.acting, &view.me) {
                    (Some(acting), Some(me)) if &me.pupil == acting => Step::In {
                        pupil: me.pupil.clone(),
                        name: name_of(&me.pupil),
                        title,
                        shared: true,
                    },
                    (Some(_), _) => Step::Joining,
                    (None, _) => Step::Members { members, title },
                };
            }
            match (&view.me, &state.asked_for, state.asked_for_group) {
                (Some(me), _, _) => Step::In {
                    pupil: me.pupil.clone(),
                    name: name_of(&me.pupil),
                    title,
                    shared: false,
                },
                (None, Some(asked), _) => Step::Waiting(name_of(asked)),
                (None, None, Some(group)) => Step::Waiting(GroupChoice::label(group)),
                (None, None, None) => Step::Names {
                    groups: view
                        .groups
                        .iter()
                        .map(|g| GroupChoice {
                            number: g.number,
                            names: g
                                .members
                                .iter()
                                .map(|m| name_of(&m.pupil))
                                .collect::<Vec<_>>()
                                .join(", "),
                        })
                        .collect(),
                    roster,
                    title,
                },
            }
        })
    });
    crate::ui::page_title(move || match step.get() {
        Step::In { title, .. } | Step::Names { title, .. } | Step::Members { title, .. } => title,
        Step::Ended => "Lesson ended".into(),
        Step::Code | Step::Joining | Step::Waiting(_) => "Join a lesson".into(),
    });

    view! {
        <NotSavingBanner />
        <main class="pupil" id="main">
            <ConnectionNote live />
            {move || match step.get() {
                Step::Ended => view! {
                    <h1>"This lesson has ended"</h1>
                    <p class="pupil-lead">"Thank you for taking part."</p>
                    <button type="button" on:click=move |_| join_again()>"Join another lesson"</button>
                }.into_any(),
                Step::Code => view! { <CodeForm live /> }.into_any(),
                Step::Joining => view! {
                    <h1>"Joining…"</h1>
                    <p class="pupil-lead" role="status">"Getting the lesson."</p>
                }.into_any(),
                Step::Names { roster, groups, title } => view! {
                    <LiveNamePicker roster title />
                    <GroupPicker groups />
                    <p class="field-error" role="alert">{move || live.get().and_then(|s| s.problem)}</p>
                }.into_any(),
                Step::Waiting(name) => view! {
                    <h1>{format!("Hi, {name}!")}</h1>
                    <p class="pupil-lead" role="status">"Waiting for your teacher to let you in…"</p>
                    <button type="button" class="link-button" on:click=move |_| tablet.unclaim()>
                        {format!("Not {name}? Choose your name again")}
                    </button>
                }.into_any(),
                Step::Members { members, title } => view! {
                    <MemberPicker members title />
                }.into_any(),
                Step::In { pupil, name, title, shared } => view! {
                    <h1>{format!("Hi, {name}!")}</h1>
                    <p class="pupil-lead">{format!("Today's lesson: {title}")}</p>
                    {if shared {
                        view! {
                            <button type="button" class="primary pass-on" on:click=move |_| tablet.pass_on()>
                                {format!("Done, {name}? Pass the tablet on")}
                            </button>
                        }.into_any()
                    } else {
                        view! { <p class="hint">{format!("Not {name}? Tell your teacher.")}</p> }.into_any()
                    }}
                    <PupilGroup pupil=pupil.clone() />
                    <PupilEnquiry pupil=pupil.clone() />
                    <PupilIdeas pupil />
                }.into_any(),
            }}
        </main>
        <NoticeTray />
    }
}

/// Opens the join page afresh, for another lesson's code.
fn join_again() {
    let _ = window().location().assign("/join");
}

/// How the tablet stands with the server, and, when the teacher has closed its seat, why.
#[component]
fn ConnectionNote(
    /// The tablet's live state.
    live: Memo<Option<LiveState>>,
) -> impl IntoView {
    let tablet = use_tablet();
    let seated = move || live.get().is_some_and(|s| !s.ended && s.seat.is_some());
    let connection = Signal::derive(move || {
        live.get()
            .map_or(Connection::Connecting, |state| state.connection)
    });
    let waiting = Signal::derive(move || tablet.waiting());
    let kept = move || {
        (seated() && connection.get() == Connection::Reconnecting)
            .then_some("Your work is kept on this tablet and is sent when the connection is back.")
    };
    view! {
        <Show when=seated>
            <ConnectionBadge connection waiting />
        </Show>
        <p class="waiting-note">{kept}</p>
    }
}

/// The box for the code on the board.
#[component]
fn CodeForm(
    /// The tablet's live state.
    live: Memo<Option<LiveState>>,
) -> impl IntoView {
    let tablet = use_tablet();
    let early = use_context::<EarlyTyping>().unwrap_or_default();
    let typed = RwSignal::new(
        live.get_untracked()
            .and_then(|s| s.code)
            .unwrap_or(early.code),
    );
    let code_box = NodeRef::<leptos::html::Input>::new();
    if early.focused {
        Effect::new(move |_| {
            if let Some(input) = code_box.get() {
                let _ = input.focus();
            }
        });
    }
    let mistake = RwSignal::new(None::<String>);
    let problem = move || mistake.get().or_else(|| live.get().and_then(|s| s.problem));
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match check_code(&typed.get_untracked()) {
            Ok(code) => {
                mistake.set(None);
                tablet.join(&code);
            }
            Err(message) => mistake.set(Some(message.into())),
        }
    };
    view! {
        <h1>"Join your class's lesson"</h1>
        <form class="join-form" on:submit=submit novalidate>
            <label for="join-code">"Code on the board"</label>
            <input
                id="join-code"
                node_ref=code_box
                class="join-code"
                type="text"
                autocomplete="off"
                autocapitalize="characters"
                spellcheck="false"
                maxlength=JOIN_CODE_TYPED_MAX
                aria-describedby="join-problem"
                aria-invalid=move || problem().is_some().to_string()
                prop:value=move || typed.get()
                on:input=move |e| typed.set(event_target_value(&e))
            />
            <button type="submit" class="primary">"Join"</button>
            <p id="join-problem" class="field-error" role="alert">{problem}</p>
        </form>
    }
}

/// Checks a typed code's shape before asking the server: six of the code's letters and digits.
fn check_code(typed: &str) -> Result<String, &'static str> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if code.is_empty() {
        return Err("Type the code on the board.");
    }
    if code.chars().count() != 6 || !code.chars().all(|c| CODE_ALPHABET.contains(c)) {
        return Err("That isn't a code. Codes have six letters and numbers, like ACE 347.");
    }
    Ok(code)
}

/// Big buttons, one per pupil on the class list: tapping one asks the teacher to let the
/// tablet in for them.
#[component]
fn LiveNamePicker(
    /// The pupils to choose from.
    roster: Vec<(PupilId, String)>,
    /// The lesson's title.
    title: String,
) -> impl IntoView {
    let tablet = use_tablet();
    let empty = roster.is_empty();
    view! {
        <h1>"Who are you?"</h1>
        <p class="pupil-lead">{format!("Tap your name. Today's lesson: {title}")}</p>
        {empty.then(|| view! { <p>"Your teacher hasn't added the class list yet."</p> })}
        <NameGrid names=roster on_pick=move |pupil: PupilId| tablet.claim(&pupil) />
    }
}

/// On the name screen, for a group sharing one tablet: one button per group of the lesson.
#[component]
fn GroupPicker(
    /// The lesson's groups.
    groups: Vec<GroupChoice>,
) -> impl IntoView {
    let tablet = use_tablet();
    (!groups.is_empty()).then(|| {
        view! {
            <h2>"Sharing this tablet with your group?"</h2>
            <p class="pupil-lead">"Tap your group. Each of you taps your own name when it's your turn."</p>
            <ul class="name-grid">
                {groups
                    .into_iter()
                    .map(|group| {
                        let number = group.number;
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="name-button group-button"
                                    on:click=move |_| tablet.claim_group(number)
                                >
                                    <strong>{GroupChoice::label(number)}</strong>
                                    <span>{group.names}</span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}

/// A group's tablet between turns: whoever is at it taps their own name.
#[component]
fn MemberPicker(
    /// The group's members.
    members: Vec<(PupilId, String)>,
    /// The lesson's title.
    title: String,
) -> impl IntoView {
    let tablet = use_tablet();
    view! {
        <h1>"Whose turn is it?"</h1>
        <p class="pupil-lead">{format!("Tap your own name. Today's lesson: {title}")}</p>
        <NameGrid names=members on_pick=move |pupil: PupilId| tablet.act_as(&pupil) />
    }
}

#[cfg(test)]
mod tests {
    use super::check_code;

    #[test]
    fn a_code_is_read_as_typed_in_any_case_with_spaces_or_dashes() {
        assert_eq!(check_code(" ace 347 ").as_deref(), Ok("ACE347"));
        assert_eq!(check_code("ace-347").as_deref(), Ok("ACE347"));
        assert!(check_code("").is_err());
        assert!(check_code("ACE34").is_err());
        // B, 0, 1, 2, 5 and 8 are never in a code (they look like other characters).
        assert!(check_code("ABE347").is_err());
        assert!(check_code("ACE340").is_err());
    }
}
