//! Registers the service worker (`public/sw.js`) that lets Withme open with no network after one
//! visit. Browsers offer service workers only in a secure context (https, or this computer's
//! own address): elsewhere, as on a school network served over plain http, Withme simply needs
//! the network to open.

use wasm_bindgen::JsValue;

/// Asks the browser to run Withme's service worker, where it can.
pub fn keep_for_offline() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    let offered = js_sys::Reflect::get(&navigator, &JsValue::from_str("serviceWorker"))
        .is_ok_and(|worker| !worker.is_undefined() && !worker.is_null());
    if offered && window.is_secure_context() {
        let _ = navigator.service_worker().register("/sw.js");
    }
}
