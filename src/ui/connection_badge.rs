//! How a device stands with the live lesson's server, in plain words: live, reconnecting, or
//! offline with its changes waiting.

use leptos::prelude::*;

use crate::live::Connection;

/// Whether the connection is fine or needs a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Connected, nothing waiting long.
    Good,
    /// Not connected: what is done here waits.
    Waiting,
}

/// The words for a connection, with `waiting` changes not yet answered by the server, and
/// whether the browser says it is `online`. `None` once closed for good (the page says why).
pub fn describe(connection: Connection, waiting: usize, online: bool) -> Option<(Tone, String)> {
    let changes = match waiting {
        1 => "1 change".to_owned(),
        n => format!("{n} changes"),
    };
    Some(match connection {
        Connection::Open if waiting == 0 => (Tone::Good, "Live".to_owned()),
        Connection::Open => (Tone::Good, format!("Live · sending {changes}")),
        Connection::Connecting => (Tone::Waiting, "Connecting…".to_owned()),
        Connection::Reconnecting => {
            let state = if online { "Reconnecting…" } else { "Offline" };
            if waiting == 0 {
                (Tone::Waiting, state.to_owned())
            } else {
                (
                    Tone::Waiting,
                    format!("{state} · {changes} waiting on this device"),
                )
            }
        }
        Connection::Closed => return None,
    })
}

/// A small status line (announced politely) saying how this device stands with the server.
#[component]
pub fn ConnectionBadge(
    /// The connection.
    #[prop(into)]
    connection: Signal<Connection>,
    /// Changes made here that the server has not answered yet.
    #[prop(into)]
    waiting: Signal<usize>,
) -> impl IntoView {
    let online = browser_online();
    let described = move || describe(connection.get(), waiting.get(), online.get());
    let class = move || match described() {
        Some((Tone::Good, _)) => "connection-badge good",
        Some((Tone::Waiting, _)) => "connection-badge waiting",
        None => "connection-badge",
    };
    view! {
        <p class=class role="status" data-testid="connection">
            {move || described().map(|(_, text)| text)}
        </p>
    }
}

/// Whether the browser says it has a network (tracked through its online and offline events).
pub fn browser_online() -> ReadSignal<bool> {
    let online = RwSignal::new(window().navigator().on_line());
    let update = move |_| online.set(window().navigator().on_line());
    let on = window_event_listener(leptos::ev::online, update);
    let off = window_event_listener(leptos::ev::offline, update);
    on_cleanup(move || {
        on.remove();
        off.remove();
    });
    online.read_only()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_says_whether_it_is_live_reconnecting_or_offline_and_what_waits() {
        assert_eq!(
            describe(Connection::Open, 0, true),
            Some((Tone::Good, "Live".into()))
        );
        assert_eq!(
            describe(Connection::Open, 2, true),
            Some((Tone::Good, "Live · sending 2 changes".into()))
        );
        assert_eq!(
            describe(Connection::Reconnecting, 0, true),
            Some((Tone::Waiting, "Reconnecting…".into()))
        );
        assert_eq!(
            describe(Connection::Reconnecting, 1, false),
            Some((
                Tone::Waiting,
                "Offline · 1 change waiting on this device".into()
            ))
        );
        assert_eq!(
            describe(Connection::Reconnecting, 3, true),
            Some((
                Tone::Waiting,
                "Reconnecting… · 3 changes waiting on this device".into()
            ))
        );
        assert_eq!(describe(Connection::Closed, 3, true), None);
    }
}
