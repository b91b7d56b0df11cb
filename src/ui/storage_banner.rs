//! Banners for storage trouble: changes not being saved, or a stored library kept aside.

use leptos::prelude::*;

use crate::browser::files::download_text;
use crate::persistence::local_store::read_raw;
use crate::state::{SaveState, use_notices, use_save_status};

/// Shown on every page while changes are not being saved, and after an unreadable stored
/// library was kept aside, with what the teacher can do about it.
#[component]
pub fn StorageBanner() -> impl IntoView {
    let status = use_save_status();
    let notices = use_notices();
    let problem = move || match status.state() {
        SaveState::NotSaving(problem) => Some(problem),
        _ => None,
    };
    let download_kept = move |_| {
        let Some(kept) = status.kept_aside() else {
            return;
        };
        let saved = read_raw(&kept.key)
            .ok()
            .flatten()
            .ok_or_else(|| "The kept copy couldn't be read.".to_owned())
            .and_then(|text| {
                let name = format!("{}.json", kept.key.replace('.', "-"));
                download_text(&name, "application/json", &text)
            });
        if let Err(message) = saved {
            notices.problem(message);
        }
    };
    view! {
        {move || {
            problem()
                .map(|problem| {
                    view! {
                        <div class="banner banner-problem" role="alert" data-testid="storage-banner">
                            <p>
                                <strong>"Changes are not being saved. "</strong>
                                {problem.headline()}
                            </p>
                            <p>{problem.advice()}</p>
                        </div>
                    }
                })
        }}
        {move || {
            status
                .kept_aside()
                .map(|kept| {
                    view! {
                        <div class="banner banner-warning" role="alert" data-testid="kept-aside-banner">
                            <p>
                                <strong>"Your saved library couldn't be opened. "</strong>
                                {kept.reason}
                            </p>
                            <p>
                                "It has been kept, untouched, under the storage key "
                                <code>{kept.key.clone()}</code>
                                ". Withme has started a new, empty library."
                            </p>
                            <div class="banner-actions">
                                <button type="button" on:click=download_kept>
                                    "Download the kept copy"
                                </button>
                                <button type="button" on:click=move |_| status.dismiss_kept_aside()>
                                    "Dismiss"
                                </button>
                            </div>
                        </div>
                    }
                })
        }}
    }
}
