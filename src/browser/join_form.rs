//! The join form the Withme server draws into the join page before the Pupil app has loaded
//! (`withme_server::join_page::JOIN_FORM`): the app takes it away as it starts, keeping what the pupil
//! typed there and where the keyboard was.

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

/// The early form's element id, as the server draws it.
const EARLY_FORM_ID: &str = "join-form-early";

/// What a pupil did in the early form before the app started.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EarlyTyping {
    /// The code typed so far (maybe empty).
    pub code: String,
    /// Whether the code box had the keyboard.
    pub focused: bool,
}

/// Removes the early join form, if the page has one, and returns what was typed in it.
pub fn take_early_join_form() -> Option<EarlyTyping> {
    let document = web_sys::window()?.document()?;
    let form = document.get_element_by_id(EARLY_FORM_ID)?;
    let input = form
        .query_selector("input")
        .ok()
        .flatten()
        .and_then(|input| input.dyn_into::<HtmlInputElement>().ok());
    let typing = input.map_or_else(EarlyTyping::default, |input| EarlyTyping {
        code: input.value(),
        focused: document
            .active_element()
            .is_some_and(|active| active == **input),
    });
    form.remove();
    Some(typing)
}
