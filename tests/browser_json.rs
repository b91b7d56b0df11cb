//! The Pupil and Board apps read messages with the browser's JSON parser
//! (`withme::browser::json`): in a real browser (headless Chromium), every message of the wire's
//! golden files reads as the core's own reader reads it, and what that reader refuses is refused,
//! a field unknown to this version included.
//!
//! Run with `cargo test --target wasm32-unknown-unknown --test browser_json` (scripts/test.sh
//! does).

#![cfg(target_arch = "wasm32")]

use serde_json::Value;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use withme::browser::json;
use withme_core::sync::{BoardDown, LiveDown};
use withme_core::view::PupilProjection;

wasm_bindgen_test_configure!(run_in_browser);

const LIVE: &str = include_str!("../crates/withme-core/tests/fixtures/wire/live.json");
const TO_BOARD: &str = include_str!("../crates/withme-core/tests/fixtures/wire/to-board.json");

/// Every message down the live lesson's golden conversation, as text.
fn messages_down() -> Vec<String> {
    let conversation: Value = serde_json::from_str(LIVE).unwrap();
    conversation
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|entry| entry.get("down"))
        .map(|message| serde_json::to_string(message).unwrap())
        .collect()
}

/// `text` read by both readers as a `T`: both refuse it, or both read the same value.
fn reads_alike<T>(text: &str) -> bool
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    let theirs = serde_json::from_str::<T>(text).map(|v| serde_json::to_value(v).unwrap());
    let ours = json::read::<T>(text).map(|v| serde_json::to_value(v).unwrap());
    match (theirs, ours) {
        (Ok(theirs), Ok(ours)) => theirs == ours,
        (Err(_), Err(_)) => true,
        _ => false,
    }
}

#[wasm_bindgen_test]
fn a_tablet_reads_every_live_message_as_the_core_does() {
    let messages = messages_down();
    assert!(
        messages.len() >= 5,
        "the conversation has its messages down"
    );
    let mut read = 0;
    for text in &messages {
        assert!(
            reads_alike::<LiveDown<PupilProjection>>(text),
            "read otherwise: {text}"
        );
        read += usize::from(json::read::<LiveDown<PupilProjection>>(text).is_ok());
    }
    assert!(read >= 4, "a tablet reads its messages ({read} read)");
}

#[wasm_bindgen_test]
fn the_board_reads_its_view_and_every_message_as_the_core_does() {
    let message: Value = serde_json::from_str(TO_BOARD).unwrap();
    let text = serde_json::to_string(&serde_json::json!({ "view": message["view"] })).unwrap();
    let Ok(BoardDown::View(view)) = json::read::<BoardDown>(&text) else {
        panic!("the Board's view reads")
    };
    assert_eq!(
        serde_json::to_value(view).unwrap(),
        message["view"],
        "the Board's view, read whole"
    );
    // Every message down as the core's reader reads it for the Board; a pupil's view is not the
    // Board's, and is refused.
    let mut read = 0;
    for text in messages_down() {
        let core = serde_json::from_str::<BoardDown>(&text).ok();
        let ours = json::read::<BoardDown>(&text).ok();
        assert_eq!(format!("{core:?}"), format!("{ours:?}"), "{text}");
        read += usize::from(ours.is_some());
    }
    assert!(
        read >= 5,
        "the Board reads the messages it is sent ({read} read)"
    );
}

#[wasm_bindgen_test]
fn what_the_core_refuses_is_refused_and_what_it_reads_is_read_alike() {
    let seated = r#"{"seated":{"lesson":"testdevice.3","device":"k7q2m9x4c3d1w","token":"9f","holder":"waiting","handled":0}}"#;
    assert!(json::read::<LiveDown<PupilProjection>>(seated).is_ok());
    for broken in [
        // A count that is not a whole number, or is negative.
        seated.replace(r#""handled":0"#, r#""handled":1.5"#),
        seated.replace(r#""handled":0"#, r#""handled":-1"#),
        seated.replace(r#""handled":0"#, r#""handled":"0""#),
        // A name that is not text, an id that is not an id, and not JSON at all.
        seated.replace(r#""token":"9f""#, r#""token":9"#),
        seated.replace(r#""lesson":"testdevice.3""#, r#""lesson":"""#),
        seated.replace('}', ""),
        "null".to_string(),
        // A field missing, and a field this version does not know.
        seated.replace(r#","handled":0"#, ""),
        seated.replace(r#""handled":0"#, r#""handled":0,"tally":[3]"#),
        // A variant this version does not know, a message that is two at once, a unit variant
        // with content.
        seated.replace(r#""holder":"waiting""#, r#""holder":"everyone""#),
        r#"{"ended":null,"problem":{"code":"x","reason":"y"}}"#.to_string(),
        seated.replace(r#""holder":"waiting""#, r#""holder":{"waiting":[1]}"#),
    ] {
        assert!(
            json::read::<LiveDown<PupilProjection>>(&broken).is_err(),
            "read {broken}"
        );
        assert!(
            reads_alike::<LiveDown<PupilProjection>>(&broken),
            "{broken}"
        );
    }
    // Read as the core reads them: the largest count the browser's numbers hold exactly, a
    // unit variant written as an object with `null`, fields in another order.
    for text in [
        seated.replace(r#""handled":0"#, r#""handled":9007199254740991"#),
        seated.replace(r#""holder":"waiting""#, r#""holder":{"waiting":null}"#),
        r#"{"seated":{"handled":4,"holder":"waiting","token":"9f","device":"k7q2m9x4c3d1w","lesson":"testdevice.3"}}"#.to_string(),
        r#""ended""#.to_string(),
    ] {
        assert!(json::read::<LiveDown<PupilProjection>>(&text).is_ok(), "{text}");
        assert!(reads_alike::<LiveDown<PupilProjection>>(&text), "{text}");
    }
    // A count too large for the browser's numbers to hold exactly is refused, never rounded.
    let huge = seated.replace(r#""handled":0"#, r#""handled":18014398509481985"#);
    assert!(json::read::<LiveDown<PupilProjection>>(&huge).is_err());
    // A struct is read from an object only, as every Withme writer writes it.
    let as_array = r#"{"problem":["too_long","Too long"]}"#;
    assert!(json::read::<LiveDown<PupilProjection>>(as_array).is_err());
}

#[wasm_bindgen_test]
fn what_a_tablet_writes_is_the_json_the_core_writes() {
    use withme_core::Command;
    use withme_core::sync::LiveUp;
    let conversation: Value = serde_json::from_str(LIVE).unwrap();
    let mut written = 0;
    for message in conversation
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e.get("up"))
    {
        let up: LiveUp<Command> = serde_json::from_value(message.clone()).unwrap();
        let text = json::write(&up).expect("a message up writes");
        let read: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(&read, message, "written otherwise: {text}");
        written += 1;
    }
    assert!(written >= 8, "the conversation has its messages up");
    // `None` is written as `null`, as the core writes it, never left out.
    let viewing = withme::persistence::views::Viewing {
        lesson: withme_core::LessonId::parse("testdevice.3").unwrap(),
        pupil: None,
        at: withme_core::Timestamp::from_millis(1_700_000_000_000),
    };
    assert_eq!(
        json::write(&viewing).unwrap(),
        serde_json::to_string(&viewing).unwrap()
    );
}
