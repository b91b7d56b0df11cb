//! The lesson's basic details in the Planner: title, subject, class, date, length.

use leptos::prelude::*;
use withme_core::{
    ClassId, Command, LessonDate, LessonId, LessonLength, LessonTitle, Plan, Subject,
};

use crate::routes::AppRoute;
use crate::state::{use_editor, use_library};
use crate::ui::{TextField, list_of, unique_id};

/// Editable details of one lesson. Each edit is applied as it is typed and saved a moment later.
#[component]
pub fn LessonDetailsForm(
    /// The lesson being edited.
    lesson: LessonId,
) -> impl IntoView {
    let library = use_library();
    let editor = use_editor();
    let id = StoredValue::new(lesson);
    let plan = Memo::new(move |_| {
        library.with(|lib| id.with_value(|id| lib.lesson(id).map(|l| l.plan().clone())))
    });
    let field = move |read: fn(&Plan) -> String| {
        Signal::derive(move || plan.with(|p| p.as_ref().map(read).unwrap_or_default()))
    };
    let lesson = move || id.get_value();

    view! {
        <form class="lesson-details" on:submit=|e| e.prevent_default()>
            <TextField
                label="Lesson title"
                class="title-input"
                saved=field(|p| p.title.to_string())
                on_edit=move |text: String| {
                    let title = LessonTitle::parse(&text).map_err(|e| e.to_string());
                    editor.edit_parsed(title.map(|title| Command::RenameLesson { lesson: lesson(), title }))
                }
            />
            <div class="field-row">
                <TextField
                    label="Subject"
                    saved=field(|p| p.subject.to_string())
                    on_edit=move |text: String| {
                        let subject = Subject::parse(&text).map_err(|e| e.to_string());
                        editor.edit_parsed(subject.map(|subject| Command::SetLessonSubject { lesson: lesson(), subject }))
                    }
                />
                <ClassSelect lesson=id selected=Signal::derive(move || plan.with(|p| p.as_ref().and_then(|p| p.class.clone()))) />
            </div>
            <div class="field-row">
                <TextField
                    label="Date"
                    kind="date"
                    saved=field(|p| p.date.map(|d| d.to_string()).unwrap_or_default())
                    on_edit=move |text: String| {
                        let date = match text.trim() {
                            "" => Ok(None),
                            text => LessonDate::parse(text).map(Some).map_err(|e| e.to_string()),
                        };
                        editor.edit_parsed(date.map(|date| Command::SetLessonDate { lesson: lesson(), date }))
                    }
                />
                <TextField
                    label="Length (minutes)"
                    kind="number"
                    saved=field(|p| p.length.minutes().to_string())
                    on_edit=move |text: String| {
                        let length = LessonLength::parse(&text).map_err(|e| e.to_string());
                        editor.edit_parsed(length.map(|length| Command::SetLessonLength { lesson: lesson(), length }))
                    }
                />
            </div>
        </form>
    }
}

/// Chooses which class the lesson is for.
#[component]
fn ClassSelect(
    /// The lesson.
    lesson: StoredValue<LessonId>,
    /// The class chosen now.
    selected: Signal<Option<ClassId>>,
) -> impl IntoView {
    let library = use_library();
    let editor = use_editor();
    let id = unique_id("class");
    let error = RwSignal::new(None::<String>);
    let classes = Memo::new(move |_| {
        library.with(|lib| {
            lib.classes_by_name()
                .iter()
                .map(|c| (c.id().clone(), c.name().to_string()))
                .collect::<Vec<_>>()
        })
    });
    let changed = move |event: leptos::ev::Event| {
        let value = event_target_value(&event);
        let class = ClassId::parse(&value).ok();
        let outcome = editor.edit(Command::SetLessonClass {
            lesson: lesson.get_value(),
            class,
        });
        if outcome.is_err() {
            // Refused: the list shows the class the lesson still has.
            let kept = selected
                .get_untracked()
                .map(|class| class.to_string())
                .unwrap_or_default();
            event_target::<web_sys::HtmlSelectElement>(&event).set_value(&kept);
        }
        error.set(outcome.err());
    };
    view! {
        <div class="field">
            <label for=id.clone()>"Class"</label>
            <select id=id on:change=changed>
                <option value="" prop:selected=move || selected.with(Option::is_none)>
                    "No class yet"
                </option>
                {list_of(classes, move |(class, name)| {
                    let value = class.to_string();
                    let chosen = move || selected.with(|s| s.as_ref() == Some(&class));
                    view! { <option value=value prop:selected=chosen>{name}</option> }.into_any()
                })}
            </select>
            <p class="field-hint">
                <a href=AppRoute::Classes.href()>"Add or edit classes"</a>
            </p>
            <p class="field-error" aria-live="polite">{move || error.get()}</p>
        </div>
    }
}
