//! The teacher's inbox of pupils' ideas: accept (perhaps reworded), merge, send back, decline.

use std::collections::BTreeSet;

use leptos::prelude::*;
use withme_core::coproduction::names;
use withme_core::{
    Command, ItemText, KindNote, LessonId, ProposalId, ProposalKind, ProposalStatus,
};

use crate::format::{class_of, proposal_kind};
use crate::plan::{MergeBar, MergeToggle};
use crate::state::{use_editor, use_library, use_notices};
use crate::ui::TextForm;

/// An open proposal as the inbox shows it.
#[derive(Clone, PartialEq)]
struct Waiting {
    id: ProposalId,
    kind: ProposalKind,
    text: String,
    by: String,
    backers: usize,
    /// The note it was sent back with, while the pupil rewords it.
    sent_back: Option<String>,
}

/// What a card is showing.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Plain,
    Accepting,
    SendingBack,
}

/// Every pupil's idea still waiting, newest last, with the teacher's four answers.
#[component]
pub fn ProposalInbox(
    /// The lesson.
    lesson: LessonId,
) -> impl IntoView {
    let library = use_library();
    let editor = use_editor();
    let notices = use_notices();
    let lesson = StoredValue::new(lesson);
    let waiting = Memo::new(move |_| {
        library.with(|lib| {
            let Some(l) = lesson.with_value(|id| lib.lesson(id)) else {
                return Vec::new();
            };
            let class = class_of(lib, l);
            l.proposals()
                .iter()
                .filter(|p| p.status.is_open())
                .map(|p| Waiting {
                    id: p.id.clone(),
                    kind: p.kind,
                    text: p.text.to_string(),
                    by: names(class, &p.authors),
                    backers: p.backers.len(),
                    sent_back: match &p.status {
                        ProposalStatus::SentBack { note } => Some(note.to_string()),
                        _ => None,
                    },
                })
                .collect::<Vec<_>>()
        })
    });
    let selected = RwSignal::new(BTreeSet::<ProposalId>::new());
    let pending_count =
        move || waiting.with(|w| w.iter().filter(|p| p.sent_back.is_none()).count());
    // The wording starts from the most-backed idea chosen.
    let draft = Callback::new(move |chosen: BTreeSet<ProposalId>| {
        waiting.with_untracked(|w| {
            w.iter()
                .filter(|p| chosen.contains(&p.id))
                .max_by_key(|p| p.backers)
                .map(|p| p.text.clone())
                .unwrap_or_default()
        })
    });
    let merge = Callback::new(move |(proposals, text): (Vec<ProposalId>, ItemText)| {
        let count = proposals.len();
        editor.edit(Command::MergeProposals {
            lesson: lesson.get_value(),
            proposals,
            text,
        })?;
        notices.info(format!(
            "Merged {count} ideas into one. Every author is credited."
        ));
        Ok(())
    });

    view! {
        <section class="plan-section inbox" aria-labelledby="inbox-heading">
            <h2 id="inbox-heading">
                "Pupils' ideas "
                <span class="count">{move || format!("({} waiting)", pending_count())}</span>
            </h2>
            <p class="field-hint">"Accept an idea into the plan (you can reword it first), tick similar ones to merge them, send one back with a kind note, or decline it."</p>
            {move || waiting.with(Vec::is_empty).then(|| view! {
                <p class="empty-note">"No ideas waiting. Pupils suggest them from the Pupil view."</p>
            })}
            <MergeBar chosen=selected noun="ideas" label="Wording for the merged idea" draft on_merge=merge />
            <ul class="proposal-list">
                <For
                    each=move || waiting.get()
                    key=|p| (p.id.clone(), p.text.clone(), p.backers, p.sent_back.clone())
                    children=move |p| view! { <InboxCard lesson=lesson.get_value() proposal=p selected /> }
                />
            </ul>
        </section>
    }
}

/// One idea in the inbox.
#[component]
fn InboxCard(
    lesson: LessonId,
    proposal: Waiting,
    selected: RwSignal<BTreeSet<ProposalId>>,
) -> impl IntoView {
    let editor = use_editor();
    let notices = use_notices();
    let mode = RwSignal::new(Mode::Plain);
    let lesson = StoredValue::new(lesson);
    let id = StoredValue::new(proposal.id.clone());
    let quoted = format!("“{}”", proposal.text);
    let accept = Callback::new(move |text: String| {
        let text = ItemText::parse(&text).map_err(|e| e.to_string())?;
        editor.edit(Command::AcceptProposal {
            lesson: lesson.get_value(),
            proposal: id.get_value(),
            text,
        })?;
        notices.info("Added to the plan.".to_owned());
        Ok(())
    });
    let send_back = Callback::new(move |text: String| {
        let note = KindNote::parse(&text).map_err(|e| e.to_string())?;
        editor.edit(Command::SendBackProposal {
            lesson: lesson.get_value(),
            proposal: id.get_value(),
            note,
        })?;
        notices.info("Sent back with your note.".to_owned());
        Ok(())
    });
    let decline = move |_| match editor.edit(Command::DeclineProposal {
        lesson: lesson.get_value(),
        proposal: id.get_value(),
    }) {
        Ok(()) => notices.info("Declined. The pupil sees it wasn't taken this time.".to_owned()),
        Err(reason) => notices.problem(reason),
    };
    let plain = Callback::new(move |()| mode.set(Mode::Plain));
    let open = proposal.sent_back.is_none();
    let text = proposal.text.clone();
    view! {
        <li class="proposal-card" class:sent-back=!open>
            <p class="proposal-kind">{proposal_kind(proposal.kind)}</p>
            <p class="proposal-text">{proposal.text.clone()}</p>
            <p class="proposal-meta">
                {format!("by {}", proposal.by)}
                {(proposal.backers > 0).then(|| format!(" · +{} backing", proposal.backers))}
            </p>
            {proposal.sent_back.clone().map(|note| view! {
                <p class="proposal-note">{format!("Sent back: “{note}” Waiting for the rewording.")}</p>
            })}
            {move || match mode.get() {
                Mode::Plain => view! {
                    <div class="row-actions">
                        <MergeToggle chosen=selected id=id.get_value() quoted=quoted.clone() />
                        <button type="button" class="primary" on:click=move |_| mode.set(Mode::Accepting)>"Accept"</button>
                        {open.then(|| view! {
                            <button type="button" on:click=move |_| mode.set(Mode::SendingBack)>"Send back"</button>
                        })}
                        <button type="button" class="quiet" on:click=decline>"Decline"</button>
                    </div>
                }.into_any(),
                Mode::Accepting => view! {
                    <TextForm label="Wording for the plan" initial=text.clone() submit="Add to plan" on_submit=accept on_cancel=plain class="inline-form" autofocus=true />
                }.into_any(),
                Mode::SendingBack => view! {
                    <TextForm label="A kind note for the pupil" placeholder="e.g. Can you say a bit more?" submit="Send back" on_submit=send_back on_cancel=plain class="inline-form" autofocus=true />
                }.into_any(),
            }}
        </li>
    }
}
