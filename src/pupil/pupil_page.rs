//! `/lessons/:id/pupil`: the pupils' tablet view.

use leptos::prelude::*;
use withme_core::{ClassId, PupilId};

use crate::persistence::pupil_identity;
use crate::pupil::{DeliveryNote, PupilEnquiry, PupilGroup, PupilIdeas};
use crate::state::use_tablet;
use crate::ui::{NameGrid, NotSavingBanner, NoticeTray};

/// What a pupil's tablet needs to know about the lesson before anyone chooses a name.
#[derive(Clone, PartialEq)]
struct PupilLesson {
    title: String,
    class: Option<(ClassId, String)>,
    roster: Vec<(PupilId, String)>,
}

/// The Pupil view: a pupil taps their name once on this device, then sees the lesson.
#[component]
pub fn PupilPage() -> impl IntoView {
    let tablet = use_tablet();
    let lesson = Memo::new(move |_| {
        tablet.with_view(|view| {
            let view = view?;
            Some(PupilLesson {
                title: view.title.to_string(),
                class: view
                    .class
                    .as_ref()
                    .map(|c| (c.id.clone(), c.name.to_string())),
                roster: view
                    .class
                    .as_ref()
                    .map(|c| {
                        c.roster
                            .iter()
                            .map(|p| (p.id.clone(), p.name.to_string()))
                            .collect()
                    })
                    .unwrap_or_default(),
            })
        })
    });
    // Who this tablet belongs to is a setting of the device, read again only when the lesson's
    // class changes: edits to the lesson must never change who the pupil is.
    let class_id = Memo::new(move |_| {
        lesson.with(|l| {
            l.as_ref()
                .and_then(|l| l.class.as_ref().map(|(id, _)| id.clone()))
        })
    });
    let chosen = RwSignal::new(None::<PupilId>);
    Effect::new(move |_| {
        chosen.set(
            class_id
                .get()
                .and_then(|id| pupil_identity::remembered(&id)),
        );
    });
    let me = Memo::new(move |_| {
        let id = chosen.get()?;
        lesson.with(|l| l.as_ref()?.roster.iter().find(|(p, _)| *p == id).cloned())
    });
    // The tablet holds only what the pupil holding it may see.
    Effect::new(move |_| tablet.show_as(me.with(|m| m.as_ref().map(|(id, _)| id.clone()))));
    // Whether the view held is the chosen pupil's yet (after the tablet changed hands): a memo,
    // so that each new view never rebuilds the pupil's forms.
    let theirs = Memo::new(move |_| me.with(|m| m.as_ref().is_some_and(|(p, _)| tablet.shows(p))));
    crate::ui::page_title(move || {
        let title = lesson.with(|l| l.as_ref().map(|l| l.title.clone()));
        match title {
            Some(title) => title,
            None if !tablet.has_view() => "Getting the lesson".into(),
            None => "Lesson not found".into(),
        }
    });

    view! {
        <NotSavingBanner />
        <main class="pupil" id="main">
            <DeliveryNote />
            {move || match lesson.get() {
                None if !tablet.has_view() => view! { <WaitingForLesson /> }.into_any(),
                None => view! {
                    <h1>"This lesson isn't on this tablet"</h1>
                    <p>"Ask your teacher for the right link."</p>
                }.into_any(),
                Some(PupilLesson { class: None, title, .. }) => view! {
                    <h1>{title}</h1>
                    <p>"Your teacher hasn't chosen a class for this lesson yet."</p>
                }.into_any(),
                Some(PupilLesson { class: Some((class, class_name)), title, roster }) => match me.get() {
                    Some((_, name)) if !theirs.get() => view! {
                        <Welcome name title class chosen />
                        <p class="pupil-lead" role="status">"Getting your lesson…"</p>
                        <p>"Keep Withme open on the teacher's screen in this browser: it sends this tablet your lesson."</p>
                    }.into_any(),
                    Some((pupil, name)) => view! {
                        <Welcome name title class chosen />
                        <PupilGroup pupil=pupil.clone() />
                        <PupilEnquiry pupil=pupil.clone() />
                        <PupilIdeas pupil />
                    }.into_any(),
                    None => view! { <NamePicker class class_name roster chosen /> }.into_any(),
                },
            }}
        </main>
        <NoticeTray />
    }
}

/// Before the teacher's window has sent this tablet its lesson.
#[component]
pub fn WaitingForLesson() -> impl IntoView {
    view! {
        <h1>"Getting the lesson…"</h1>
        <p class="pupil-lead">
            "Keep Withme open on the teacher's screen in this browser (the Planner, the Enquiry page or the Board): it sends this tablet the lesson."
        </p>
    }
}

/// Big buttons, one per pupil on the class list.
#[component]
fn NamePicker(
    /// The lesson's class.
    class: ClassId,
    /// Its name.
    class_name: String,
    /// The pupils to choose from.
    roster: Vec<(PupilId, String)>,
    /// Set to the pupil chosen.
    chosen: RwSignal<Option<PupilId>>,
) -> impl IntoView {
    let class = StoredValue::new(class);
    let empty = roster.is_empty();
    let pick = move |pupil: PupilId| {
        class.with_value(|c| pupil_identity::remember(c, &pupil));
        chosen.set(Some(pupil));
    };
    view! {
        <h1>"Who are you?"</h1>
        <p class="pupil-lead">{format!("Tap your name. ({class_name})")}</p>
        {empty.then(|| view! { <p>"Your teacher hasn't added the class list yet."</p> })}
        <NameGrid names=roster on_pick=pick />
    }
}

/// What a pupil sees once they have chosen their name.
#[component]
fn Welcome(
    /// The pupil's name.
    name: String,
    /// The lesson's title.
    title: String,
    /// The lesson's class.
    class: ClassId,
    /// Cleared by "Not you?".
    chosen: RwSignal<Option<PupilId>>,
) -> impl IntoView {
    let not_me = move |_| {
        pupil_identity::forget(&class);
        chosen.set(None);
    };
    view! {
        <h1>{format!("Hi, {name}!")}</h1>
        <p class="pupil-lead">{format!("Today's lesson: {title}")}</p>
        <button type="button" class="link-button" on:click=not_me>
            {format!("Not {name}? Choose your name again")}
        </button>
    }
}
