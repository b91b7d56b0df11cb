//! The window channel, in a real browser (headless Chromium, through wasm-bindgen-test): what
//! one window says another hears, a window never hears itself, and a message that does not
//! read is ignored.
//!
//! Run with `cargo test --target wasm32-unknown-unknown --test window_channel` (scripts/test.sh
//! does).

#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use withme::persistence::window_channel::{WindowChannel, Written};

wasm_bindgen_test_configure!(run_in_browser);

/// Resolves after `ms` milliseconds.
async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// Waits (up to two seconds) until `heard` holds `count` messages.
async fn until_heard(heard: &Rc<RefCell<Vec<Written>>>, count: usize) {
    for _ in 0..200 {
        if heard.borrow().len() >= count {
            return;
        }
        pause(10).await;
    }
    panic!("heard {:?}, waiting for {count}", heard.borrow());
}

/// A window's end of the channel, with what it hears.
fn window(name: &str) -> (WindowChannel, Rc<RefCell<Vec<Written>>>) {
    let heard = Rc::new(RefCell::new(Vec::new()));
    let keep = heard.clone();
    let channel =
        WindowChannel::open(name, move |written| keep.borrow_mut().push(written)).unwrap();
    (channel, heard)
}

fn written(by: &str, lesson: &str) -> Written {
    Written {
        stamp: by.into(),
        lessons: vec![lesson.into()],
        ..Written::default()
    }
}

#[wasm_bindgen_test]
async fn what_one_window_writes_the_others_hear_and_it_never_hears_itself() {
    let name = "withme-test-heard";
    let (planner, planner_heard) = window(name);
    let (board, board_heard) = window(name);
    let (other, other_heard) = window(name);

    planner.tell(&written("planner", "dev.1"));
    until_heard(&board_heard, 1).await;
    until_heard(&other_heard, 1).await;
    board.tell(&written("board", "dev.2"));
    until_heard(&planner_heard, 1).await;
    until_heard(&other_heard, 2).await;

    assert_eq!(*board_heard.borrow(), vec![written("planner", "dev.1")]);
    assert_eq!(*planner_heard.borrow(), vec![written("board", "dev.2")]);
    assert_eq!(
        *other_heard.borrow(),
        vec![written("planner", "dev.1"), written("board", "dev.2")]
    );
    drop(other);
}

#[wasm_bindgen_test]
async fn a_message_that_does_not_read_or_is_too_long_is_ignored() {
    let name = "withme-test-nonsense";
    let (_listening, heard) = window(name);
    let raw = web_sys::BroadcastChannel::new(name).unwrap();
    raw.post_message(&JsValue::from_str("nonsense {")).unwrap();
    raw.post_message(&JsValue::from_f64(42.0)).unwrap();
    let long = serde_json::to_string(&Written {
        stamp: "x".repeat(1_000_001),
        ..Written::default()
    })
    .unwrap();
    raw.post_message(&JsValue::from_str(&long)).unwrap();
    // Messages from one sender arrive in order: once the last is heard, the first three were
    // passed over.
    raw.post_message(&JsValue::from_str(
        &serde_json::to_string(&written("planner", "dev.7")).unwrap(),
    ))
    .unwrap();
    until_heard(&heard, 1).await;
    assert_eq!(*heard.borrow(), vec![written("planner", "dev.7")]);
    raw.close();
}

#[wasm_bindgen_test]
async fn a_closed_window_hears_nothing_more() {
    let name = "withme-test-closed";
    let (closing, closing_heard) = window(name);
    let (staying, staying_heard) = window(name);
    let (speaker, _) = window(name);
    drop(closing);
    speaker.tell(&written("speaker", "dev.3"));
    until_heard(&staying_heard, 1).await;
    assert!(closing_heard.borrow().is_empty());
    drop(staying);
}
