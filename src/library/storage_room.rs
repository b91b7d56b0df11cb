//! How full the browser's room for Withme is, and a warning well before saving would fail.

use leptos::prelude::*;

use crate::persistence::local_store::{StorageUse, storage_use};
use crate::state::{SaveState, use_save_status};

/// The room taken, measured again each time this window's changes are saved, and kept as it
/// was while a save is under way (so the warning neither flickers nor is announced again on
/// every save). `None` when storage is blocked, which the storage banner already says.
pub fn use_storage_room() -> Signal<Option<StorageUse>> {
    let save = use_save_status();
    let room = RwSignal::new(None);
    Effect::new(move || {
        if matches!(save.state(), SaveState::Saving) {
            return;
        }
        leptos::task::spawn_local(async move {
            let measured = storage_use().await;
            // The page may have gone meanwhile, and its signal with it.
            let _ = room.try_maybe_update(|room| {
                let changed = *room != measured;
                *room = measured;
                (changed, ())
            });
        });
    });
    room.into()
}

/// A warning at the top of the library once the room is nearly full, with the way out: a
/// backup, then making room.
#[component]
pub fn StorageWarning(
    /// The room taken.
    room: Signal<Option<StorageUse>>,
) -> impl IntoView {
    move || {
        let room = room.get().filter(|room| room.nearly_full())?;
        Some(view! {
            <div class="storage-warning" role="status">
                <p>
                    {format!("This browser's room for Withme is {}% full. ", room.percent())}
                    "Download a backup now, then archive old lessons, or delete lessons you no "
                    "longer need and empty the bin, so that your changes can still be saved."
                </p>
                <a href="#backup-heading">"Back up now"</a>
            </div>
        })
    }
}
