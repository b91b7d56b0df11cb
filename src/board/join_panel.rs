//! On the Board during a live lesson: how to join, large enough to read and scan from the back
//! of the room.

use leptos::prelude::*;

/// The join address, the code and its QR code (drawn by the Withme server). The teacher can
/// hide it once everyone is in.
#[component]
pub fn JoinPanel(
    /// The live lesson's code; nothing is shown without one.
    #[prop(into)]
    code: Signal<Option<String>>,
) -> impl IntoView {
    let hidden = RwSignal::new(false);
    let host = window().location().host().unwrap_or_default();
    let host = StoredValue::new(host);
    move || {
        let code = code.get()?;
        Some(if hidden.get() {
            view! {
                <div class="board-join board-join-hidden">
                    <button type="button" on:click=move |_| hidden.set(false)>"Show how to join"</button>
                </div>
            }
            .into_any()
        } else {
            let qr = format!("/api/live/{code}/qr.svg");
            let spaced = spaced_code(&code);
            view! {
                <section class="board-join" aria-label="How to join">
                    <img class="board-join-qr" src=qr alt="QR code that opens the join page with the code" />
                    <div class="board-join-text">
                        <p>"Join at " <strong>{host.get_value()}"/join"</strong></p>
                        <p class="board-join-code">{spaced}</p>
                        <button type="button" on:click=move |_| hidden.set(true)>"Hide"</button>
                    </div>
                </section>
            }
            .into_any()
        })
    }
}

/// A code as it is easiest to read aloud and copy: two groups of three.
pub fn spaced_code(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    if chars.len() == 6 {
        format!(
            "{} {}",
            chars[..3].iter().collect::<String>(),
            chars[3..].iter().collect::<String>()
        )
    } else {
        code.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::spaced_code;

    #[test]
    fn a_code_is_shown_in_two_groups_of_three() {
        assert_eq!(spaced_code("ACE347"), "ACE 347");
        assert_eq!(spaced_code("ACE"), "ACE");
    }
}
