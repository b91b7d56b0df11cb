//! Big buttons, one per pupil: how a pupil says who they are on a tablet.

use leptos::prelude::*;
use withme_core::PupilId;

/// One large button per pupil, in the order given; tapping one calls `on_pick` with that pupil.
#[component]
pub fn NameGrid(
    /// The pupils and their names.
    names: Vec<(PupilId, String)>,
    /// Called with the pupil whose name was tapped.
    #[prop(into)]
    on_pick: Callback<PupilId>,
) -> impl IntoView {
    view! {
        <ul class="name-grid">
            {names
                .into_iter()
                .map(|(pupil, name)| {
                    view! {
                        <li>
                            <button type="button" class="name-button" on:click=move |_| on_pick.run(pupil.clone())>
                                {name}
                            </button>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
