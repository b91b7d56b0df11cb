//! The plan's free notes in the Planner, and the slots the class's vote and groups fill.

use leptos::prelude::*;
use withme_core::markdown::note_heading;
use withme_core::{Command, LessonId, NoteKind, Notes};

use crate::state::{use_editor, use_library};
use crate::ui::TextField;

/// Prior knowledge, misconceptions, support, stretch and homework, each a text area.
#[component]
pub fn PlanNotes(
    /// The lesson.
    lesson: LessonId,
) -> impl IntoView {
    let library = use_library();
    let editor = use_editor();
    let lesson = StoredValue::new(lesson);
    let field = move |note: NoteKind| {
        let saved = Signal::derive(move || {
            library.with(|lib| {
                lesson.with_value(|id| {
                    lib.lesson(id)
                        .map(|l| l.plan().note(note).to_string())
                        .unwrap_or_default()
                })
            })
        });
        view! {
            <TextField
                label=note_heading(note)
                multiline=true
                saved
                on_edit=move |text: String| {
                    let text = Notes::parse(&text).map_err(|e| e.to_string());
                    editor.edit_parsed(text.map(|text| Command::SetNote { lesson: lesson.get_value(), note, text }))
                }
            />
        }
    };
    let enquiry = move || {
        library.with(|lib| {
            lesson.with_value(|id| {
                lib.lesson(id)
                    .and_then(|l| l.plan().enquiry_question.as_ref().map(ToString::to_string))
            })
        })
    };
    view! {
        <section class="plan-section" aria-labelledby="notes-heading">
            <h2 id="notes-heading">"Notes"</h2>
            <div class="notes-grid">{NoteKind::ALL.map(field).collect_view()}</div>
        </section>
        <section class="plan-section slots" aria-labelledby="slots-heading">
            <h2 id="slots-heading">"Decided in the lesson"</h2>
            <h3>"Enquiry question"</h3>
            <p>{move || enquiry().unwrap_or_else(|| "Not chosen yet: the class votes for it.".into())}</p>
            <h3>"Groups and roles"</h3>
            <p>"Not made yet: the class's groups and roles appear here."</p>
        </section>
    }
}
