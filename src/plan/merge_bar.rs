//! Merging similar entries (pupils' ideas, questions): a tick box on each, and a bar for the
//! merged wording once two or more are ticked.

use std::collections::BTreeSet;

use leptos::prelude::*;
use withme_core::ItemText;

use crate::ui::TextForm;

/// The entries ticked for merging, by id.
pub type Chosen<T> = RwSignal<BTreeSet<T>>;

/// Appears once two or more entries are ticked. The wording starts from `draft`, read when the
/// bar appears and never again, so entries arriving never reset what the teacher types. After a
/// merge, or on "Cancel", the ticks are cleared.
#[component]
pub fn MergeBar<T>(
    /// The ticked entries.
    chosen: Chosen<T>,
    /// What they are, in the plural: "ideas", "questions".
    noun: &'static str,
    /// The wording field's label.
    label: &'static str,
    /// The wording to start from, given the ticked entries.
    draft: Callback<BTreeSet<T>, String>,
    /// Merges the ticked entries under the wording; returns the message when it is refused.
    on_merge: Callback<(Vec<T>, ItemText), Result<(), String>>,
    /// What the merge does beyond joining them, said before it is made.
    #[prop(optional)]
    outcome: Option<&'static str>,
) -> impl IntoView
where
    T: Ord + Clone + Send + Sync + 'static,
{
    let merging = Memo::new(move |_| chosen.with(BTreeSet::len) >= 2);
    let merge = Callback::new(move |text: String| {
        let text = ItemText::parse(&text).map_err(|e| e.to_string())?;
        let ids = chosen.get_untracked().into_iter().collect();
        on_merge.run((ids, text))?;
        chosen.set(BTreeSet::new());
        Ok(())
    });
    let cancel = Callback::new(move |()| chosen.set(BTreeSet::new()));
    move || {
        merging.get().then(|| {
            view! {
                <div class="merge-bar">
                    <p aria-live="polite">
                        {move || format!("{} {noun} chosen to merge.", chosen.with(BTreeSet::len))}
                        {outcome.map(|outcome| format!(" {outcome}"))}
                    </p>
                    <TextForm
                        label=label
                        initial=draft.run(chosen.get_untracked())
                        submit="Merge into one"
                        on_submit=merge
                        on_cancel=cancel
                        class="merge-form"
                    />
                </div>
            }
        })
    }
}

/// The tick box that chooses one entry for merging.
#[component]
pub fn MergeToggle<T>(
    /// The ticked entries.
    chosen: Chosen<T>,
    /// This entry.
    id: T,
    /// The entry's text, quoted, which names the tick box: "Select “…” to merge".
    quoted: String,
) -> impl IntoView
where
    T: Ord + Clone + Send + Sync + 'static,
{
    let id = StoredValue::new(id);
    let toggle = move |_| {
        chosen.update(|set| {
            let id = id.get_value();
            if !set.remove(&id) {
                set.insert(id);
            }
        })
    };
    let checked = move || chosen.with(|set| id.with_value(|id| set.contains(id)));
    view! {
        <label class="select-merge">
            <input type="checkbox" prop:checked=checked on:change=toggle />
            <span class="visually-hidden">{format!("Select {quoted} to merge")}</span>
            <span aria-hidden="true">"Merge"</span>
        </label>
    }
}
