//! The Planner's toolbar: undo and redo, print, Markdown, save as a template.

use leptos::prelude::*;
use withme_core::lesson_file::file_stem;
use withme_core::markdown::plan_to_markdown;
use withme_core::{Command, LessonId, TemplateName};

use crate::browser::files::download_text;
use crate::format::class_of;
use crate::routes::AppRoute;
use crate::state::{use_dispatch, use_editor, use_library, use_notices};
use crate::ui::TextForm;

/// Undo, redo and the ways out of the app for one lesson.
#[component]
pub fn PlanToolbar(
    /// The lesson.
    lesson: LessonId,
) -> impl IntoView {
    let library = use_library();
    let editor = use_editor();
    let dispatch = use_dispatch();
    let notices = use_notices();
    let lesson = StoredValue::new(lesson);
    let saving_template = RwSignal::new(false);
    let report = move |outcome: Result<(), String>| {
        if let Err(reason) = outcome {
            notices.problem(reason);
        }
    };
    let markdown = move |_| {
        let file = library.with_untracked(|lib| {
            let l = lesson.with_value(|id| lib.lesson(id))?;
            let name = format!("{}.md", file_stem(&l.plan().title));
            Some((name, plan_to_markdown(l.plan(), class_of(lib, l))))
        });
        if let Some((name, text)) = file {
            report(download_text(&name, "text/markdown", &text));
        }
    };
    let save_template = Callback::new(move |text: String| {
        let name = TemplateName::parse(&text).map_err(|e| e.to_string())?;
        dispatch
            .as_teacher(Command::SaveTemplate {
                lesson: lesson.get_value(),
                name,
            })
            .map_err(|r| r.to_string())?;
        saving_template.set(false);
        notices.info("Saved as a template. Find it under “Start from a template”.".to_owned());
        Ok(())
    });
    let print = AppRoute::Print(lesson.get_value()).href();
    view! {
        <div class="toolbar" role="toolbar" aria-label="Plan tools">
            <button type="button" disabled=move || !editor.can_undo() on:click=move |_| report(editor.undo())>"Undo"</button>
            <button type="button" disabled=move || !editor.can_redo() on:click=move |_| report(editor.redo())>"Redo"</button>
            <a class="button" href=print>"Print plan"</a>
            <button type="button" on:click=markdown>"Export Markdown"</button>
            <button type="button" on:click=move |_| saving_template.set(true)>"Save as template"</button>
        </div>
        {move || saving_template.get().then(|| view! {
            <TextForm
                label="Template name"
                submit="Save template"
                on_submit=save_template
                on_cancel=Callback::new(move |()| saving_template.set(false))
                class="inline-form"
                autofocus=true
            />
        })}
    }
}
