//! Lists and ids the components share.

use std::cell::Cell;

use leptos::prelude::*;
use withme_core::{ItemId, LessonId, Section};

/// Renders a memoised list, one type-erased view per item.
///
/// The views are rebuilt only when the list itself changes (the memo compares with `==`), which
/// suits short lists (rosters, the bin, options) and costs far less code than a keyed `<For>`
/// per list. Lists that grow to hundreds of items (the library) use `<For>`.
pub fn list_of<T, F>(items: Memo<Vec<T>>, render: F) -> impl IntoView
where
    T: Clone + PartialEq + Send + Sync + 'static,
    F: Fn(T) -> AnyView + Send + Sync + 'static,
{
    move || {
        items
            .get()
            .into_iter()
            .map(&render)
            .collect::<Vec<AnyView>>()
    }
}

/// The ids of one section of a lesson's plan, in order (empty if the lesson is gone).
///
/// Editable lists render from this: typing changes an entry's text, not the ids, so the list
/// (and the input under the cursor) is not rebuilt.
pub fn section_ids(lesson: StoredValue<LessonId>, section: Section) -> Memo<Vec<ItemId>> {
    let library = crate::state::use_library();
    Memo::new(move |_| {
        library.with(|lib| {
            lesson.with_value(|id| {
                lib.lesson(id)
                    .map(|l| l.plan().entry_ids(section))
                    .unwrap_or_default()
            })
        })
    })
}

/// Shows `view` only while `when` is true, as one type-erased view.
pub fn shown_if<F, V>(when: impl Fn() -> bool + Send + Sync + 'static, view: F) -> impl IntoView
where
    F: Fn() -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    move || when().then(|| view().into_any())
}

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// A document-unique element id, for tying labels and messages to inputs.
pub fn unique_id(prefix: &str) -> String {
    let n = NEXT_ID.with(|next| {
        let n = next.get();
        next.set(n + 1);
        n
    });
    format!("{prefix}-{n}")
}
