//! `/`: the teacher's lessons.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use withme_core::{BuiltInTemplate, Command, Event, LessonId, LessonTitle, TemplateChoice};

use crate::library::{
    ArchivePanel, BackupPanel, ImportLessonButton, LessonBin, LessonCard, StorageWarning,
    use_storage_room,
};
use crate::routes::AppRoute;
use crate::state::{use_dispatch, use_library, use_notices};
use crate::ui::{TeacherLayout, list_of, shown_if, unique_id};

/// The library: start, find, open, import and tidy lessons, most recently edited first.
#[component]
pub fn LibraryPage() -> impl IntoView {
    let library = use_library();
    let dispatch = use_dispatch();
    let notices = use_notices();
    let navigate = use_navigate();
    let search = RwSignal::new(String::new());
    let search_id = unique_id("search");
    let room = use_storage_room();
    crate::ui::page_title(|| "Lessons".into());

    let lessons = Memo::new(move |_| {
        let needle = search.with(|s| s.trim().to_lowercase());
        library.with(|lib| {
            lib.lessons_by_last_edited()
                .iter()
                .filter(|lesson| {
                    needle.is_empty()
                        || crate::format::lesson_details(lib, lesson)
                            .to_lowercase()
                            .contains(&needle)
                        || lesson
                            .plan()
                            .title
                            .as_str()
                            .to_lowercase()
                            .contains(&needle)
                })
                .map(|lesson| lesson.id().clone())
                .collect::<Vec<LessonId>>()
        })
    });
    let has_any = Memo::new(move |_| library.with(|lib| lib.has_live_lessons()));

    let start = Callback::new(move |template: Option<TemplateChoice>| {
        // A new lesson is usually for the same class as the one planned last.
        let class = library.with_untracked(|lib| {
            lib.lessons_by_last_edited()
                .first()
                .and_then(|l| l.plan().class.clone())
        });
        let title = LessonTitle::parse("Untitled lesson").expect("a valid title");
        match dispatch.as_teacher(Command::CreateLesson {
            title,
            class,
            template,
        }) {
            Ok(Event::LessonCreated { lesson }) => {
                navigate(&AppRoute::Planner(lesson).href(), Default::default())
            }
            Ok(_) => {}
            Err(reason) => notices.problem(reason.to_string()),
        }
    });
    let new_lesson = move |_| start.run(None);

    view! {
        <TeacherLayout>
            <div class="page-head">
                <h1>"Lessons"</h1>
                <div class="page-actions">
                    <button type="button" class="primary" on:click=new_lesson>"New lesson"</button>
                    <ImportLessonButton />
                </div>
            </div>
            <StorageWarning room />
            <TemplatePicker start />
            {move || {
                if has_any.get() {
                    view! {
                        <div class="field search">
                            <label for=search_id.clone()>"Find a lesson"</label>
                            <input
                                id=search_id.clone()
                                type="search"
                                prop:value=move || search.get()
                                on:input=move |event| search.set(event_target_value(&event))
                            />
                        </div>
                        <ul class="lesson-list" aria-label="Your lessons">
                            // Keyed: a library grows to hundreds of lessons, and re-rendering every card on
                            // each new or renamed lesson measured up to 100 ms slower.
                            <For each=move || lessons.get() key=|id| id.clone() let:lesson>
                                <LessonCard lesson />
                            </For>
                        </ul>
                        {shown_if(
                            move || lessons.with(Vec::is_empty),
                            || view! { <p class="empty">"No lesson matches your search."</p> },
                        )}
                    }
                        .into_any()
                } else {
                    view! {
                        <div class="empty-state">
                            <p>"No lessons yet."</p>
                            <p>"Start a new lesson, or import a lesson file a colleague shared with you."</p>
                        </div>
                    }
                        .into_any()
                }
            }}
            <LessonBin />
            <BackupPanel room />
            <ArchivePanel />
        </TeacherLayout>
    }
}

/// New lessons from the built-in templates and the teacher's own.
#[component]
fn TemplatePicker(
    /// Starts a lesson from the template chosen.
    start: Callback<Option<TemplateChoice>>,
) -> impl IntoView {
    let library = use_library();
    let dispatch = use_dispatch();
    let notices = use_notices();
    let saved = Memo::new(move |_| {
        library.with(|lib| {
            lib.templates_by_name()
                .iter()
                .map(|t| (t.id.clone(), t.name.to_string()))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="templates" aria-labelledby="templates-heading">
            <h2 id="templates-heading">"Start from a template"</h2>
            <ul class="template-list">
                {BuiltInTemplate::ALL.map(|template| view! {
                    <li>
                        <button type="button" on:click=move |_| start.run(Some(TemplateChoice::BuiltIn(template)))>
                            {template.name()}
                        </button>
                    </li>
                }).collect_view()}
                {list_of(saved, move |(id, name)| {
                    let chosen = id.clone();
                    let delete = move |_| {
                        if let Err(reason) = dispatch.as_teacher(Command::DeleteTemplate { template: id.clone() }) {
                            notices.problem(reason.to_string());
                        }
                    };
                    view! {
                        <li>
                            <button type="button" on:click=move |_| start.run(Some(TemplateChoice::Saved(chosen.clone())))>
                                {name.clone()}
                            </button>
                            <button type="button" class="quiet" aria-label=format!("Delete template {name}") on:click=delete>
                                "Delete"
                            </button>
                        </li>
                    }.into_any()
                })}
            </ul>
        </section>
    }
}
