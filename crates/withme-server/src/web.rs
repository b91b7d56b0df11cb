//! Serving the built apps: precompressed files (brotli, then gzip), hashed files cached for
//! good, each app's `index.html` never cached and answered for every address that app routes
//! itself (a pupil's pages get the Pupil app, `dist/pupil/`; a live lesson's Board on its own
//! device the Board app, `dist/board/`; every other address the teacher's),
//! and a strict Content-Security-Policy (no `'unsafe-inline'`: the pages' inline scripts, Trunk's
//! loaders and the too-old-browser check, and the join page's stylesheet are allowed by their
//! hashes) with the usual security headers.

use std::path::Path;

use crate::join_page::{
    form_painted_first, with_join_form, with_join_form_for, with_join_form_waiting,
};
use axum::Router;
use axum::extract::{RawQuery, Request};
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::{Html, Response};
use axum::routing::get;
use base64::Engine;
use sha2::{Digest, Sha256};
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};

/// The addresses the Pupil app shows (a pupil's tablet), served its `index.html`.
const PUPIL_PAGES: [&str; 5] = [
    "/join",
    "/join/",
    "/join/{code}",
    "/lessons/{id}/pupil",
    "/lessons/{id}/pass",
];

/// The join page's addresses, where the Pupil app's page comes with the join form drawn in
/// ([`crate::join_page`]).
const JOIN_PAGES: [&str; 2] = ["/join", "/join/"];

/// The join page's address with a code in it, where the form comes with the code in its box.
const JOIN_WITH_CODE: &str = "/join/{code}";

/// The join page's address, read for its code only.
#[derive(serde::Deserialize)]
struct JoinAddress {
    code: Option<String>,
}

/// The addresses the Board app shows (a live lesson's Board on the whiteboard's own browser).
const BOARD_PAGES: [&str; 2] = ["/board/live", "/board/live/"];

/// The Content-Security-Policy for apps whose `index.html` files are `indexes`.
pub fn content_security_policy(indexes: &[String]) -> String {
    let hashes = |bodies: &dyn Fn(&str) -> Vec<&str>| -> Vec<String> {
        let mut hashes: Vec<String> = indexes
            .iter()
            .flat_map(|index| bodies(index))
            .map(|body| {
                let digest = Sha256::digest(body.as_bytes());
                format!(
                    "'sha256-{}'",
                    base64::engine::general_purpose::STANDARD.encode(digest)
                )
            })
            .collect();
        hashes.sort();
        hashes.dedup();
        hashes
    };
    let scripts = hashes(&|index| inline_scripts(index).collect());
    let styles = hashes(&|index| inline_styles(index).collect());
    [
        "default-src 'self'".to_owned(),
        format!("script-src 'self' 'wasm-unsafe-eval' {}", scripts.join(" ")),
        format!("style-src 'self' {}", styles.join(" "))
            .trim_end()
            .to_owned(),
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
    inline_bodies(html, "script")
}

/// The bodies of the `<style>` elements.
fn inline_styles(html: &str) -> impl Iterator<Item = &str> {
    inline_bodies(html, "style")
}

/// The bodies of the `<tag>` elements that carry their content (no `src`).
fn inline_bodies<'a>(html: &'a str, tag: &'a str) -> impl Iterator<Item = &'a str> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let starts: Vec<usize> = html.match_indices(&open).map(|(at, _)| at).collect();
    starts.into_iter().filter_map(move |at| {
        let open_end = at + html[at..].find('>')?;
        let name_end = at + open.len();
        let tag_here = matches!(html.as_bytes().get(name_end), Some(b'>' | b' '));
        if !tag_here || html[at..open_end].contains("src=") {
            return None;
        }
        let body_start = open_end + 1;
        let body_end = body_start + html[body_start..].find(&close)?;
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
            // The page's own stylesheet, as built into `dist` (the page is `dist`'s own file).
            let painted_first = form_painted_first(&html, |href| {
                std::fs::read_to_string(dist.join(href.trim_start_matches('/'))).ok()
            });
            let join_page = with_join_form(&painted_first);
            // Its loader differs from the app's own index (and is the same with a code sent).
            indexes.push(join_page.clone());
            for page in JOIN_PAGES {
                let (join_page, html) = (join_page.clone(), painted_first.clone());
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
                    })
                    .layer(CompressionLayer::new()),
                );
            }
            router = router.route(
                JOIN_WITH_CODE,
                // The code as the address has it, not decoded: the app reads it so too.
                get(move |address: axum::http::Uri| async move {
                    let code = address.path().rsplit('/').next().unwrap_or_default();
                    Html(with_join_form_for(&painted_first, code))
                })
                .layer(CompressionLayer::new()),
            );
        }
        indexes.push(html);
        let drawn_in = |page: &&&str| JOIN_PAGES.contains(page) || **page == JOIN_WITH_CODE;
        for page in pages.iter().filter(|page| !drawn_in(page)) {
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
    use crate::join_page::AFTER_FIRST_PAINT;

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

    /// The Pupil app's page as Trunk writes it (minified: attribute values bare).
    const PUPIL_INDEX: &str = concat!(
        "<head><script type=module>import init, * as bindings from '/pupil/p-0123456789abcdef.js';\n",
        "const wasm = await init({ module_or_path: '/pupil/p-0123456789abcdef_bg.wasm' });\n",
        "</script><link href=/pupil/main-0123456789abcdef.css rel=stylesheet>",
        "<link crossorigin href=/pupil/p-0123456789abcdef.js rel=modulepreload>",
        "<link as=fetch crossorigin href=/pupil/p-0123456789abcdef_bg.wasm integrity=sha384-AbC+/= rel=preload type=application/wasm>",
        "</head><body></body>",
    );

    #[test]
    fn the_join_page_paints_its_form_with_no_other_file_then_fetches_the_app_s_wasm() {
        let css = "main{color:#123}";
        let sheet =
            |href: &str| (href == "/pupil/main-0123456789abcdef.css").then(|| css.to_owned());
        let painted_first = form_painted_first(PUPIL_INDEX, sheet);
        for page in [
            with_join_form(&painted_first),
            with_join_form_waiting(&painted_first, "ACE347"),
        ] {
            assert!(!page.contains("rel=preload"), "{page}");
            let checked = "module_or_path: new Request('/pupil/p-0123456789abcdef_bg.wasm', \
                           { integrity: 'sha384-AbC+/=' })";
            assert!(page.contains(checked), "{page}");
            assert!(!page.contains("rel=stylesheet"), "{page}");
            assert!(page.contains("<style>main{color:#123}</style>"), "{page}");
            assert!(page.contains("p-0123456789abcdef.js rel=modulepreload>"));
            let wait = page
                .find(AFTER_FIRST_PAINT)
                .expect("the loader waits for a paint");
            assert!(
                wait < page.find("const wasm = await init(").unwrap(),
                "{page}"
            );
            assert!(page.contains("id=\"join-form-early\""));
        }
        // Every other Pupil page is the app's own page, preload and all.
        assert!(PUPIL_INDEX.contains("rel=preload"));
        // A stylesheet that does not read stays linked.
        let unread = form_painted_first(PUPIL_INDEX, |_| None);
        assert!(unread.contains("<link href=/pupil/main-0123456789abcdef.css rel=stylesheet>"));

        let policy = content_security_policy(&[PUPIL_INDEX.into(), painted_first.clone()]);
        let hash = |text: &str| {
            let digest = Sha256::digest(text.as_bytes());
            format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        };
        for page in [PUPIL_INDEX, &painted_first] {
            let loader = inline_scripts(page).next().unwrap();
            assert!(policy.contains(&hash(loader)), "{policy}");
        }
        assert!(
            policy.contains(&format!("style-src 'self' {};", hash(css))),
            "{policy}"
        );
        // With no inline style, none is allowed.
        assert!(content_security_policy(&[PUPIL_INDEX.into()]).contains("style-src 'self';"));
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
