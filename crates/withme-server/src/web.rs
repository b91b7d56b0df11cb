//! Serving the built apps: precompressed files (brotli, then gzip), hashed files cached for
//! good, each app's `index.html` never cached and answered for every address that app routes
//! itself (a pupil's pages get the Pupil app, `dist/pupil/`; a live lesson's Board on its own
//! device the Board app, `dist/board/`; every other address the teacher's),
//! and a strict Content-Security-Policy (no `'unsafe-inline'`: the pages' inline scripts, Trunk's
//! loaders and the too-old-browser check, are allowed by their hashes) with the usual security
//! headers.

use std::path::Path;

use axum::Router;
use axum::extract::{RawQuery, Request};
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::{Html, Response};
use axum::routing::get;
use base64::Engine;
use sha2::{Digest, Sha256};
use tower_http::services::{ServeDir, ServeFile};

/// The addresses the Pupil app shows (a pupil's tablet), served its `index.html`.
const PUPIL_PAGES: [&str; 5] = [
    "/join",
    "/join/",
    "/join/{code}",
    "/lessons/{id}/pupil",
    "/lessons/{id}/pass",
];

/// The join page's addresses, where the Pupil app's page comes with [`JOIN_FORM`] drawn in.
const JOIN_PAGES: [&str; 2] = ["/join", "/join/"];

/// The join form, drawn into the Pupil app's page for the join page: a pupil sees it, and can
/// type the code, before the app has loaded on a slow tablet. It is a plain form: pressing Join
/// before then sends the code in the address (`/join?code=…`), and the app joins with it. The
/// app takes the form away as it starts, keeping what was typed (`src/browser/join_form.rs`).
pub const JOIN_FORM: &str = concat!(
    r#"<main class="pupil" id="join-form-early"><h1>Join your class's lesson</h1>"#,
    r#"<form class="join-form" action="/join" method="get">"#,
    r#"<label for="join-code">Code on the board</label>"#,
    r#"<input id="join-code" class="join-code" name="code" type="text" autocomplete="off" "#,
    r#"autocapitalize="characters" spellcheck="false" maxlength="12">"#,
    r#"<button type="submit" class="primary">Join</button></form></main>"#,
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
    let plausible = code.chars().count() <= CODE_MAX
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-');
    let mut form = JOIN_FORM.replace(
        r#"</button></form>"#,
        &format!(r#"</button><p class="join-status" role="status">{STILL_LOADING}</p></form>"#),
    );
    if plausible && !code.is_empty() {
        form = form.replace(
            r#"maxlength="12">"#,
            &format!(r#"maxlength="12" value="{code}">"#),
        );
    }
    with_form(index, &form)
}

/// The longest code the early form keeps (its box's `maxlength`).
const CODE_MAX: usize = 12;

fn with_form(index: &str, form: &str) -> String {
    match index.find("<body>") {
        Some(at) => {
            let end = at + "<body>".len();
            format!("{}{form}{}", &index[..end], &index[end..])
        }
        None => index.to_owned(),
    }
}

/// The join page's address, read for its code only.
#[derive(serde::Deserialize)]
struct JoinAddress {
    code: Option<String>,
}

/// The addresses the Board app shows (a live lesson's Board on the whiteboard's own browser).
const BOARD_PAGES: [&str; 2] = ["/board/live", "/board/live/"];

/// The Content-Security-Policy for apps whose `index.html` files are `indexes`.
pub fn content_security_policy(indexes: &[String]) -> String {
    let hashes: Vec<String> = indexes
        .iter()
        .flat_map(|index| inline_scripts(index))
        .map(|body| {
            let digest = Sha256::digest(body.as_bytes());
            format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect();
    [
        "default-src 'self'".to_owned(),
        format!("script-src 'self' 'wasm-unsafe-eval' {}", hashes.join(" ")),
        "style-src 'self'".into(),
        // A teacher's picture stimulus may come from any https:// address (the Board shows it).
        "img-src 'self' data: blob: https:".into(),
        "connect-src 'self'".into(),
        "object-src 'none'".into(),
        "base-uri 'none'".into(),
        "frame-ancestors 'none'".into(),
        "form-action 'self'".into(),
    ]
    .join("; ")
}

/// The bodies of the `<script>` elements without a `src`.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.match_indices("<script").filter_map(move |(at, _)| {
        let open_end = at + html[at..].find('>')?;
        if html[at..open_end].contains("src=") {
            return None;
        }
        let body_start = open_end + 1;
        let body_end = body_start + html[body_start..].find("</script>")?;
        Some(&html[body_start..body_end])
    })
}

/// Whether a file name carries Trunk's content hash (`withme-1a2b3c4d5e6f7a8b.js`, or
/// `pupil/withme-pupil-….js`, `board/withme-board-….wasm`), so it never changes and may be
/// cached for good.
fn is_hashed(path: &str) -> bool {
    let path = ["/pupil", "/board"]
        .iter()
        .find_map(|app| path.strip_prefix(app))
        .unwrap_or(path);
    let Some(name) = path.strip_prefix('/').filter(|n| !n.contains('/')) else {
        return false;
    };
    let asset = [".js", ".wasm", ".css"]
        .iter()
        .any(|ext| name.ends_with(ext));
    asset
        && name
            .split(['-', '_', '.'])
            .any(|part| part.len() == 16 && part.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The routes that serve `dist`, for every address the API does not take.
pub fn app_files(dist: &Path) -> std::io::Result<Router> {
    let index_path = dist.join("index.html");
    let mut indexes = vec![std::fs::read_to_string(&index_path)?];
    let files = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(ServeFile::new(index_path));
    let mut router = Router::new();
    for (app, pages) in [("pupil", &PUPIL_PAGES[..]), ("board", &BOARD_PAGES[..])] {
        let app_index = dist.join(app).join("index.html");
        let Ok(html) = std::fs::read_to_string(&app_index) else {
            continue;
        };
        if app == "pupil" {
            let join_page = with_join_form(&html);
            for page in JOIN_PAGES {
                let (join_page, html) = (join_page.clone(), html.clone());
                router = router.route(
                    page,
                    get(move |RawQuery(query): RawQuery| async move {
                        // An address that does not read (bad escapes) is the plain join page.
                        let code = query
                            .and_then(|q| serde_urlencoded::from_str::<JoinAddress>(&q).ok())
                            .and_then(|address| address.code);
                        match code {
                            Some(code) => Html(with_join_form_waiting(&html, &code)),
                            None => Html(join_page),
                        }
                    }),
                );
            }
        }
        indexes.push(html);
        for page in pages.iter().filter(|page| !JOIN_PAGES.contains(page)) {
            let index = ServeFile::new(&app_index)
                .precompressed_br()
                .precompressed_gzip();
            router = router.route_service(page, index);
        }
    }
    let policy =
        HeaderValue::from_str(&content_security_policy(&indexes)).expect("a policy is plain ASCII");
    Ok(router.fallback_service(files).layer(middleware::from_fn(
        move |request: Request, next: Next| {
            let policy = policy.clone();
            async move { with_headers(request, next, policy).await }
        },
    )))
}

/// Adds the caching and security headers to every answer.
///
/// A file whose name is not hashed (an app's `index.html`, the service worker, the manifest) is
/// always sent whole: no `304 Not Modified` from a date, and no date to ask with. A new
/// deployment's files can carry the old ones' modification time (copied in the same second, or
/// with times kept); a `304` would then pair the browser's old `index.html` with the new
/// Content-Security-Policy, which refuses its loader, and the app would not start.
async fn with_headers(mut request: Request, next: Next, policy: HeaderValue) -> Response {
    let hashed = is_hashed(request.uri().path());
    if !hashed {
        let asked = request.headers_mut();
        asked.remove(header::IF_MODIFIED_SINCE);
        asked.remove(header::IF_NONE_MATCH);
    }
    let mut response = next.run(request).await;
    let success = response.status().is_success();
    let headers = response.headers_mut();
    if !hashed {
        headers.remove(header::LAST_MODIFIED);
        headers.remove(header::ETAG);
    }
    let cache = if hashed && success {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    security_headers(headers);
    response
}

/// The headers every answer carries.
pub fn security_headers(headers: &mut axum::http::HeaderMap) {
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_the_inline_loader_by_hash_and_nothing_inline_else() {
        let html = r#"<html><script type="module">import init from '/a.js';</script><script src="/b.js"></script></html>"#;
        let policy = content_security_policy(&[html.to_owned()]);
        let digest = Sha256::digest(b"import init from '/a.js';");
        let hash = base64::engine::general_purpose::STANDARD.encode(digest);
        assert!(policy.contains(&format!("'sha256-{hash}'")), "{policy}");
        assert!(!policy.contains("unsafe-inline"));
        assert!(policy.contains("'wasm-unsafe-eval'"));
        assert_eq!(inline_scripts(html).count(), 1);
    }

    #[test]
    fn only_hashed_files_are_cached_for_good() {
        assert!(is_hashed("/withme-1a2b3c4d5e6f7a8b.js"));
        assert!(is_hashed("/withme-1a2b3c4d5e6f7a8b_bg.wasm"));
        assert!(is_hashed("/pupil/withme-pupil-1a2b3c4d5e6f7a8b_bg.wasm"));
        assert!(is_hashed("/board/withme-board-1a2b3c4d5e6f7a8b.js"));
        assert!(!is_hashed("/pupil/index.html"));
        assert!(!is_hashed("/other/withme-1a2b3c4d5e6f7a8b.js"));
        assert!(!is_hashed("/index.html"));
        assert!(!is_hashed("/lessons/abc.1/pupil"));
        assert!(!is_hashed("/favicon.svg"));
        assert!(!is_hashed("/lessons/0123456789abcdef.1/pupil"));
    }
}
