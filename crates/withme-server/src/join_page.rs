//! The join page as the server draws it, before the Pupil app has loaded: the plain join form
//! (with a code from the address in its box), "Joining…" for a tablet that keeps its seat, and
//! the app's page made to paint that at once and fetch the app after it.

use withme_core::sync::JOIN_CODE_TYPED_MAX;

/// The join form, drawn into the Pupil app's page for the join page: a pupil sees it, and can
/// type the code, before the app has loaded on a slow tablet. It is a plain form: pressing Join
/// before then sends the code in the address (`/join?code=…`), and the app joins with it. The
/// app takes the form away as it starts, keeping what was typed (`src/browser/join_form.rs`).
///
/// A tablet that already has its seat in a lesson (reloaded, or its tab put back by the
/// browser) is not asked for the code again while the app loads: a small script, run before the
/// page is first painted, shows "Joining…" instead, as the app will, if the tablet keeps a seat
/// (the app's `withme.seat` in local storage, `src/state/tablet/live.rs`). Should the app never
/// start, the page's own script (`startup.html`) takes "Joining…" away (`data-while-loading`)
/// and says the app did not load.
pub const JOIN_FORM: &str = concat!(
    r#"<main class="pupil" id="join-form-early"><div id="join-early-code">"#,
    r#"<h1>Join your class's lesson</h1>"#,
    r#"<form class="join-form" action="/join" method="get">"#,
    r#"<label for="join-code">Code on the board</label>"#,
    r#"<input id="join-code" class="join-code" name="code" type="text" autocomplete="off" "#,
    r#"autocapitalize="characters" spellcheck="false" maxlength="12">"#,
    r#"<button type="submit" class="primary">Join</button></form></div>"#,
    r#"<div id="join-early-seat" data-while-loading hidden><h1>Joining…</h1>"#,
    r#"<p class="pupil-lead" role="status">Getting the lesson.</p></div></main>"#,
    r#"<script>try{if(localStorage.getItem("withme.seat")){"#,
    r#"document.getElementById("join-early-code").hidden=true;"#,
    r#"document.getElementById("join-early-seat").hidden=false}}catch(blocked){}</script>"#,
);

/// What the early join form says when Join was pressed before the Pupil app had started: the
/// page came back, and the app, once it starts, joins with the code (and takes this away). If
/// it never starts (the download cut off on a bad connection), the pupil is not left guessing.
pub const STILL_LOADING: &str = "Withme is still loading on this tablet. If this stays, check the Wi-Fi, then press Join again.";

/// The Pupil app's page with the join form drawn in, right after `<body>` (the page as it is
/// if it has no `<body>` tag).
pub fn with_join_form(index: &str) -> String {
    with_form(index, JOIN_FORM)
}

/// The join page after Join was pressed before the app had started (`/join?code=…`): the form
/// with the code still in its box, when it is one a code could be, and [`STILL_LOADING`].
pub fn with_join_form_waiting(index: &str, code: &str) -> String {
    let form = JOIN_FORM.replace(
        r#"</button></form>"#,
        &format!(r#"</button><p class="join-status" role="status" data-while-loading>{STILL_LOADING}</p></form>"#),
    );
    with_form(index, &with_code(form, code))
}

/// The join page for a code in its address (`/join/ACE347`, the link the Board's QR code
/// gives): the form with the code in its box, when it is one a code could be, as the app shows
/// it while it joins with that code.
pub fn with_join_form_for(index: &str, code: &str) -> String {
    with_form(index, &with_code(JOIN_FORM.to_owned(), code))
}

/// The join form with `code` in its box, when it is one a code could be (nothing else is ever
/// written into the page).
fn with_code(form: String, code: &str) -> String {
    let plausible = code.chars().count() <= JOIN_CODE_TYPED_MAX
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-');
    if plausible && !code.is_empty() {
        form.replace(
            r#"maxlength="12">"#,
            &format!(r#"maxlength="12" value="{code}">"#),
        )
    } else {
        form
    }
}

/// What the Pupil app's loader waits for on the join page before it fetches the app's wasm:
/// the early form shown, as the browser reports its first paint; where it reports no paints
/// (older Safari), two frames (a frame's callbacks run before it is painted, so the second
/// frame's come after the first was). The paint observer stops at the first paint it reports.
pub(crate) const AFTER_FIRST_PAINT: &str = concat!(
    "await new Promise((shown) => PerformanceObserver.supportedEntryTypes?.includes(\"paint\")",
    " ? new PerformanceObserver((_, watch) => { watch.disconnect(); shown(); })",
    ".observe({ type: \"paint\", buffered: true })",
    " : requestAnimationFrame(() => requestAnimationFrame(shown)));\n",
);

/// The Pupil app's page made to paint the join form at once, for the join page: the app's
/// stylesheet drawn in (`stylesheet(href)` reads a stylesheet the page links to; one that does
/// not read stays linked), so the first paint waits on no other file, and the app's wasm
/// fetched only once the form has been painted (no `preload` of it, and Trunk's loader waiting
/// for [`AFTER_FIRST_PAINT`]). On the join page the form is what a pupil needs first: a tablet
/// on a slow connection paints it as soon as the page arrives, then starts the app's largest
/// download one frame later. The app's JavaScript is still preloaded (it is small), and the
/// wasm is still checked against the integrity its preload gave. A loader this does not
/// recognise is left as it is, and the page then works as every other one.
pub fn form_painted_first(index: &str, stylesheet: impl Fn(&str) -> Option<String>) -> String {
    let mut page = String::with_capacity(index.len() + AFTER_FIRST_PAINT.len());
    let mut wasm = None;
    let mut rest = index;
    while let Some(at) = rest.find("<link") {
        let Some(len) = rest[at..].find('>') else {
            break;
        };
        let link = &rest[at..=at + len];
        page.push_str(&rest[..at]);
        rest = &rest[at + len + 1..];
        if link.contains("preload") && link.contains(".wasm") {
            wasm = attribute(link, "href").zip(attribute(link, "integrity"));
            continue;
        }
        let sheet = link
            .contains("stylesheet")
            .then(|| attribute(link, "href"))
            .flatten()
            .and_then(&stylesheet)
            .filter(|css| !css.contains("</"));
        match sheet {
            Some(css) => {
                page.push_str("<style>");
                page.push_str(&css);
                page.push_str("</style>");
            }
            None => page.push_str(link),
        }
    }
    page.push_str(rest);
    if let Some((href, integrity)) = wasm {
        // The loader fetches the wasm itself now: with the integrity the preload carried.
        page = page.replacen(
            &format!("module_or_path: '{href}'"),
            &format!("module_or_path: new Request('{href}', {{ integrity: '{integrity}' }})"),
            1,
        );
    }
    page.replacen(
        "const wasm = await init(",
        &format!("{AFTER_FIRST_PAINT}const wasm = await init("),
        1,
    )
}

/// An attribute's value in one tag, quoted or bare.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}="))? + name.len() + 2;
    let value = &tag[at..];
    match value.chars().next()? {
        quote @ ('"' | '\'') => value[1..].split(quote).next(),
        _ => value.split([' ', '>']).next(),
    }
}

fn with_form(index: &str, form: &str) -> String {
    match index.find("<body>") {
        Some(at) => {
            let end = at + "<body>".len();
            format!("{}{form}{}", &index[..end], &index[end..])
        }
        None => index.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_early_form_takes_as_long_a_code_as_the_app_s_code_box() {
        let limit = format!(r#"maxlength="{JOIN_CODE_TYPED_MAX}""#);
        assert!(JOIN_FORM.contains(&limit), "{JOIN_FORM}");
        assert!(with_join_form_for("<body>", "ACE347").contains(&limit));
    }
}
