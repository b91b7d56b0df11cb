//! Banners for storage trouble: changes not being saved, or a stored library kept aside.

use leptos::prelude::*;

use crate::browser::files::download_text;
use crate::persistence::local_store::read_raw;
use crate::state::{KeptAside, SaveState, use_notices, use_save_status};

/// Shown while this window's changes are not being saved (the teacher's library, or a
/// tablet's outbox), with what can be done about it.
#[component]
pub fn NotSavingBanner() -> impl IntoView {
    let status = use_save_status();
    move || match status.state() {
        SaveState::NotSaving(problem) => Some(view! {
            <div class="banner banner-problem" role="alert" data-testid="storage-banner">
                <p>
                    <strong>"Changes are not being saved. "</strong>
                    {problem.headline()}
                </p>
                <p>{problem.advice()}</p>
            </div>
        }),
        _ => None,
    }
}

/// Shown on every page of the teacher's app while changes are not being saved
/// ([`NotSavingBanner`]), and after an unreadable stored library was kept aside, with what the
/// teacher can do about it. (A tablet keeps no library, so the Pupil app shows only the first.)
#[component]
pub fn StorageBanner() -> impl IntoView {
    let status = use_save_status();
    let notices = use_notices();
    let download_kept = move |_| {
        let Some(kept) = status.kept_aside() else {
            return;
        };
        if !kept.in_records.is_empty() {
            return status.download_kept_records(kept.in_records);
        }
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
        <NotSavingBanner />
        {move || {
            status
                .kept_aside()
                .map(|kept| {
                    view! {
                        <div class="banner banner-warning" role="alert" data-testid="kept-aside-banner">
                            {kept_aside_story(&kept)}
                            <p>
                                {if !kept.in_records.is_empty() {
                                    "The damaged record has been kept, untouched, among Withme's records as "
                                } else if kept.left_out.is_empty() {
                                    "It has been kept, untouched, under the storage key "
                                } else {
                                    "Your saved library, as it was, has been kept, untouched, under the storage key "
                                }}
                                <code>{kept.key.clone()}</code>
                                {if kept.left_out.is_empty() {
                                    ". Withme has started a new, empty library."
                                } else {
                                    ". Every other lesson and class opened."
                                }}
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

/// How many left-out lessons the banner names (the rest are counted).
const TITLES_NAMED: usize = 5;

/// What happened to a stored library kept aside: none of it opened, or all but some lessons.
fn kept_aside_story(kept: &KeptAside) -> impl IntoView + use<> {
    if kept.left_out.is_empty() {
        return view! {
            <p>
                <strong>"Your saved library couldn't be opened. "</strong>
                {kept.reason.clone()}
            </p>
        }
        .into_any();
    }
    let count = kept.left_out.len();
    let titles = named_titles(&kept.left_out);
    let headline = match count {
        1 => "One lesson in your saved library is damaged and couldn't be opened: ".to_owned(),
        n => format!("{n} lessons in your saved library are damaged and couldn't be opened: "),
    };
    view! {
        <p>
            <strong>{headline}</strong>
            {format!("{titles}.")}
        </p>
    }
    .into_any()
}

/// The left-out lessons' titles in quotes, the first [`TITLES_NAMED`] by name and the rest
/// counted.
fn named_titles(titles: &[String]) -> String {
    let mut named = titles
        .iter()
        .take(TITLES_NAMED)
        .map(|title| format!("“{title}”"))
        .collect::<Vec<_>>()
        .join(", ");
    if titles.len() > TITLES_NAMED {
        named.push_str(&format!(" and {} more", titles.len() - TITLES_NAMED));
    }
    named
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_left_out_lessons_are_counted_after_the_first_five() {
        let titles: Vec<String> = (1..=8).map(|n| format!("Lesson {n}")).collect();
        assert_eq!(named_titles(&titles[..1]), "“Lesson 1”");
        assert_eq!(
            named_titles(&titles[..5]),
            "“Lesson 1”, “Lesson 2”, “Lesson 3”, “Lesson 4”, “Lesson 5”"
        );
        assert_eq!(
            named_titles(&titles),
            "“Lesson 1”, “Lesson 2”, “Lesson 3”, “Lesson 4”, “Lesson 5” and 3 more"
        );
    }
}
