//! Live lessons against the real server over real WebSockets: going live, joining with a code,
//! being let in, and everything a tablet might send that must be refused while the server keeps
//! serving the others.

mod support;

use support::{
    Device, classroom, get_head_with, get_raw, get_raw_with, go_live, http, origin, server, text,
};
use withme_core::sync::{Answer, Holder, LiveDown, LiveUp, Outcome};
use withme_core::view::Projection;
use withme_core::{Command, DeviceId, LessonId, PupilId};

fn accepted(answer: &Answer) -> bool {
    matches!(
        answer,
        Answer::Handled {
            outcome: Outcome::Accepted { .. },
            ..
        }
    )
}

fn refused(answer: &Answer) -> Option<&str> {
    match answer {
        Answer::Handled {
            outcome: Outcome::Refused { code, .. },
            ..
        } => Some(code),
        _ => None,
    }
}

fn ask(lesson: &LessonId, words: &str) -> Command {
    Command::AskQuestion {
        lesson: lesson.clone(),
        text: text(words),
        with: Vec::new(),
    }
}

/// Connects a tablet, joins, claims `pupil`, and has the teacher let it in.
async fn seat_pupil(
    addr: std::net::SocketAddr,
    code: &str,
    teacher: &mut Device,
    pupil: &PupilId,
) -> (Device, DeviceId, String) {
    let mut tablet = Device::connect(addr).await;
    let (device, token) = tablet.join(code).await;
    tablet
        .send(&LiveUp::Claim {
            pupil: pupil.clone(),
        })
        .await;
    let knock = teacher
        .until(|m| match m {
            LiveDown::Knocks { waiting, .. } => {
                waiting.iter().find(|k| k.device == device).cloned()
            }
            _ => None,
        })
        .await;
    assert_eq!(&knock.pupils, std::slice::from_ref(pupil));
    teacher
        .send(&LiveUp::Admit {
            device: device.clone(),
        })
        .await;
    tablet
        .until(|m| match m {
            LiveDown::View(v) => match &v.projection {
                Some(Projection::Pupil(view)) if view.me.is_some() => Some(()),
                _ => None,
            },
            _ => None,
        })
        .await;
    (tablet, device, token)
}

async fn teacher_of(addr: std::net::SocketAddr, live: &withme_core::sync::LiveStarted) -> Device {
    let mut teacher = Device::connect(addr).await;
    let seated = teacher
        .resume(&live.code, &live.teacher.device, &live.teacher.token)
        .await;
    assert!(
        matches!(
            seated,
            LiveDown::Seated {
                holder: Holder::Teacher,
                ..
            }
        ),
        "{seated:?}"
    );
    teacher
}

#[tokio::test(flavor = "multi_thread")]
async fn a_pupil_joins_with_the_code_waits_to_be_let_in_and_asks() {
    let addr = server().await;
    let (library, lesson, p) = classroom(&["Amira", "Ben", "Chloé"]);
    let live = go_live(addr, &library, &lesson).await;
    assert_eq!(live.code.len(), 6);
    let mut teacher = teacher_of(addr, &live).await;

    let mut tablet = Device::connect(addr).await;
    // Typed in lower case with a space: still the code.
    let typed = format!("{} {}", &live.code[..3].to_lowercase(), &live.code[3..]);
    let (device, _) = tablet.join(&typed).await;
    // Waiting, the tablet sees the names to tap, and nothing else.
    let waiting = tablet
        .until(|m| match m {
            LiveDown::View(v) => match &v.projection {
                Some(Projection::Pupil(view)) => Some(view.clone()),
                _ => None,
            },
            _ => None,
        })
        .await;
    assert!(waiting.me.is_none());
    assert_eq!(waiting.class.unwrap().roster.len(), 3);
    // Before it is let in, it can send nothing.
    tablet.submit(1, ask(&lesson, "Can I ask yet?")).await;
    assert_eq!(refused(&tablet.answer(1).await), Some("seat_cannot_act"));
    drop(tablet);

    let (mut amira, _, _) = seat_pupil(addr, &live.code, &mut teacher, &p[0]).await;
    let _ = device;
    amira
        .submit(1, ask(&lesson, "Is a white lie still a lie?"))
        .await;
    assert!(accepted(&amira.answer(1).await));
    // The teacher's view has Amira's question, by Amira.
    teacher
        .until(|m| match m {
            LiveDown::View(v) => match &v.projection {
                Some(Projection::Teacher(t)) => t
                    .lesson
                    .enquiry()
                    .questions
                    .iter()
                    .find(|q| q.authors == [p[0].clone()])
                    .map(|_| ()),
                _ => None,
            },
            _ => None,
        })
        .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_tablet_the_teacher_turns_away_is_told_and_may_ask_again() {
    let addr = server().await;
    let (library, lesson, p) = classroom(&["Amira", "Ben"]);
    let live = go_live(addr, &library, &lesson).await;
    let mut teacher = teacher_of(addr, &live).await;
    let mut tablet = Device::connect(addr).await;
    let (device, _) = tablet.join(&live.code).await;
    tablet
        .send(&LiveUp::Claim {
            pupil: p[1].clone(),
        })
        .await;
    teacher
        .until(|m| match m {
            LiveDown::Knocks { waiting, .. } => {
                waiting.iter().find(|k| k.device == device).cloned()
            }
            _ => None,
        })
        .await;
    teacher
        .send(&LiveUp::Decline {
            device: device.clone(),
        })
        .await;
    let told = tablet
        .until(|m| match m {
            LiveDown::Problem { code, .. } => Some(code.clone()),
            _ => None,
        })
        .await;
    assert_eq!(told, "declined");
    // The knock is gone from the teacher's list.
    teacher
        .until(|m| match m {
            LiveDown::Knocks { waiting, .. } if waiting.is_empty() => Some(()),
            _ => None,
        })
        .await;
    // Asking again (for the right name) knocks again.
    tablet
        .send(&LiveUp::Claim {
            pupil: p[0].clone(),
        })
        .await;
    let knock = teacher
        .until(|m| match m {
            LiveDown::Knocks { waiting, .. } => {
                waiting.iter().find(|k| k.device == device).cloned()
            }
            _ => None,
        })
        .await;
    assert_eq!(knock.pupils, vec![p[0].clone()]);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_teacher_sees_who_is_in_and_a_removed_tablet_is_closed_for_good() {
    let addr = server().await;
    let (library, lesson, p) = classroom(&["Amira", "Ben"]);
    let live = go_live(addr, &library, &lesson).await;
    let mut teacher = teacher_of(addr, &live).await;
    let (ben, device, token) = seat_pupil(addr, &live.code, &mut teacher, &p[1]).await;
    // The teacher's list has Ben's tablet, connected.
    teacher
        .until(|m| match m {
            LiveDown::Knocks { seated, .. } => seated
                .iter()
                .any(|t| t.device == device && t.pupils == [p[1].clone()] && t.connected)
                .then_some(()),
            _ => None,
        })
        .await;
    // It drops out: the list says so.
    drop(ben);
    teacher
        .until(|m| match m {
            LiveDown::Knocks { seated, .. } => seated
                .iter()
                .any(|t| t.device == device && !t.connected)
                .then_some(()),
            _ => None,
        })
        .await;
    // It comes back, and the teacher removes it: it is closed with 4403, and its seat is gone.
    let mut ben = Device::connect(addr).await;
    assert!(matches!(
        ben.resume(&live.code, &device, &token).await,
        LiveDown::Seated { .. }
    ));
    teacher
        .send(&LiveUp::RemoveSeat {
            device: device.clone(),
        })
        .await;
    let closed = loop {
        match ben.next().await {
            Ok(_) => continue,
            Err(code) => break code,
        }
    };
    assert_eq!(closed, Some(4403));
    teacher
        .until(|m| match m {
            LiveDown::Knocks { seated, .. } => seated.is_empty().then_some(()),
            _ => None,
        })
        .await;
    let mut again = Device::connect(addr).await;
    assert!(matches!(
        again.resume(&live.code, &device, &token).await,
        LiveDown::Problem { code, .. } if code == "unknown_seat"
    ));
    // And it cannot act: a pupil's tablet cannot remove anyone either.
    let (mut amira, _, _) = seat_pupil(addr, &live.code, &mut teacher, &p[0]).await;
    amira
        .send(&LiveUp::RemoveSeat {
            device: device.clone(),
        })
        .await;
    assert!(matches!(
        amira
            .until(|m| match m {
                LiveDown::Problem { code, .. } => Some(code.clone()),
                _ => None,
            })
            .await
            .as_str(),
        "teacher_only"
    ));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_code_is_refused_and_too_many_wrong_codes_are_stopped() {
    let addr = server().await;
    let mut tablet = Device::connect(addr).await;
    for n in 0..10 {
        tablet
            .send(&LiveUp::Join {
                protocol: 1,
                code: format!("WRONG{n}"),
            })
            .await;
        let answer = tablet.next().await.unwrap();
        assert!(
            matches!(&answer, LiveDown::Problem { code, .. } if code == "bad_code"),
            "{answer:?}"
        );
    }
    tablet
        .send(&LiveUp::Join {
            protocol: 1,
            code: "WRONGX".into(),
        })
        .await;
    let answer = tablet.next().await.unwrap();
    assert!(
        matches!(&answer, LiveDown::Problem { code, .. } if code == "too_many_attempts"),
        "{answer:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_page_from_another_origin_cannot_open_a_live_connection() {
    let addr = server().await;
    assert!(
        Device::connect_from(addr, "https://evil.example")
            .await
            .is_err()
    );
    assert!(Device::connect_from(addr, &origin(addr)).await.is_ok());
}

#[tokio::test(flavor = "multi_thread")]
async fn oversized_malformed_and_hostile_messages_are_refused_while_the_others_carry_on() {
    let addr = server().await;
    let (library, lesson, p) = classroom(&["Amira", "Ben"]);
    let live = go_live(addr, &library, &lesson).await;
    let mut teacher = teacher_of(addr, &live).await;
    let (mut amira, amira_device, _) = seat_pupil(addr, &live.code, &mut teacher, &p[0]).await;
    let (mut ben, _, _) = seat_pupil(addr, &live.code, &mut teacher, &p[1]).await;

    // Malformed: answered, and the connection carries on.
    amira.send_text("{\"submit\": 42}".into()).await;
    assert!(
        matches!(amira.next().await.unwrap(), LiveDown::Problem { code, .. } if code == "malformed")
    );
    amira.send_text("not json at all".into()).await;
    assert!(
        matches!(amira.next().await.unwrap(), LiveDown::Problem { code, .. } if code == "malformed")
    );
    // A teacher's command from a tablet, and another lesson's operation.
    let approve = Command::ApproveQuestion {
        lesson: lesson.clone(),
        question: withme_core::QuestionId::parse("x.1").unwrap(),
    };
    amira.submit(1, approve).await;
    assert_eq!(refused(&amira.answer(1).await), Some("teacher_only"));
    let elsewhere = LessonId::parse("someone.9").unwrap();
    amira.submit(2, ask(&elsewhere, "Why?")).await;
    assert_eq!(refused(&amira.answer(2).await), Some("not_this_lesson"));
    // Speaking for Ben from Amira's tablet.
    amira
        .send(&LiveUp::Submit {
            submissions: vec![withme_core::sync::Submission::new(
                3,
                Some(p[1].clone()),
                ask(&lesson, "Ben's question?"),
            )],
        })
        .await;
    assert_eq!(refused(&amira.answer(3).await), Some("not_your_seat"));
    // A borrowed device: Amira's device id with a made-up token.
    let mut thief = Device::connect(addr).await;
    let stolen = thief.resume(&live.code, &amira_device, "0000").await;
    assert!(matches!(stolen, LiveDown::Problem { code, .. } if code == "unknown_seat"));
    // A tablet cannot let itself in.
    ben.send(&LiveUp::Admit {
        device: amira_device.clone(),
    })
    .await;
    assert!(
        matches!(ben.next().await.unwrap(), LiveDown::Problem { code, .. } if code == "teacher_only")
    );
    // Oversized: closed with 1009; the others carry on.
    amira
        .send_text(format!("{{\"x\":\"{}\"}}", "a".repeat(70_000)))
        .await;
    let closed = loop {
        match amira.next().await {
            Ok(_) => continue,
            Err(code) => break code,
        }
    };
    assert_eq!(closed, Some(1009));
    ben.submit(1, ask(&lesson, "Do animals lie?")).await;
    assert!(accepted(&ben.answer(1).await));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_qr_code_is_drawn_here_for_a_live_lesson_only() {
    let addr = server().await;
    let (library, lesson, _) = classroom(&["Amira"]);
    let live = go_live(addr, &library, &lesson).await;
    let (status, svg) = http(addr, "GET", &format!("/api/live/{}/qr.svg", live.code), "").await;
    assert_eq!(status, 200);
    assert!(svg.contains("<svg"), "{svg}");
    let (status, _) = http(addr, "GET", "/api/live/NOPE99/qr.svg", "").await;
    assert_eq!(status, 404);
    let (status, body) = http(addr, "POST", "/api/live", "{\"protocol\":1}").await;
    assert_eq!(status, 400, "{body}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_app_is_served_with_a_strict_policy_and_every_address_answers_the_app() {
    let addr = server().await;
    let response = get_raw(addr, "/lessons/abc.1").await;
    let lower = response.to_lowercase();
    assert!(lower.starts_with("http/1.1 200"));
    assert!(lower.contains(
        "content-security-policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-"
    ));
    assert!(!lower.contains("unsafe-inline"));
    assert!(lower.contains("cache-control: no-cache"));
    assert!(lower.contains("x-content-type-options: nosniff"));
    assert!(response.contains("<title>Withme</title>"));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_apps_page_is_always_sent_whole_never_as_not_modified_from_a_date() {
    let addr = server().await;
    for path in ["/", "/index.html", "/join", "/board/live"] {
        let first = get_raw(addr, path).await.to_lowercase();
        assert!(!first.contains("last-modified:"), "{path}: {first}");
        assert!(!first.contains("etag:"), "{path}: {first}");
        let asked_again = get_raw_with(
            addr,
            path,
            "If-Modified-Since: Fri, 01 Jan 2100 00:00:00 GMT\r\n",
        )
        .await;
        assert!(
            asked_again.starts_with("HTTP/1.1 200"),
            "{path}: {asked_again}"
        );
        assert!(asked_again.contains("<title>Withme"), "{path}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_pupils_pages_get_the_pupil_app_the_live_board_the_board_app_and_the_rest_the_teachers() {
    let addr = server().await;
    for path in [
        "/join",
        "/join/",
        "/join/ACE347",
        "/lessons/abc.1/pupil",
        "/lessons/abc.1/pass",
    ] {
        let response = get_raw(addr, path).await;
        assert!(response.starts_with("HTTP/1.1 200"), "{path}: {response}");
        assert!(response.contains("<title>Withme pupil</title>"), "{path}");
        assert!(
            response.to_lowercase().contains("cache-control: no-cache"),
            "{path}"
        );
    }
    // The join page comes with its form drawn in, before the app: only the join page.
    for path in ["/join", "/join/", "/join?code=ACE+347", "/join/ACE347"] {
        let response = get_raw(addr, path).await;
        assert!(
            response.contains(r#"<body><main class="pupil" id="join-form-early">"#)
                && response.contains(r#"name="code""#)
                && response.contains("<noscript>On</noscript>"),
            "{path}: {response}"
        );
    }
    for path in ["/lessons/abc.1/pupil", "/lessons/abc.1/pass"] {
        let response = get_raw(addr, path).await;
        assert!(!response.contains("join-form-early"), "{path}");
    }
    // Join pressed before the app started: the page comes back saying the app is still
    // loading, with the code kept in its box, and only a code that could be one.
    let still_loading = "Withme is still loading on this tablet.";
    let response = get_raw(addr, "/join?code=ACE+347").await;
    assert!(response.contains(still_loading), "{response}");
    assert!(response.contains(r#"value="ACE 347""#), "{response}");
    for path in [
        "/join?code=%22%3E%3Cscript%3Ealert(1)%3C/script%3E",
        "/join?code=%ZZ",
        "/join?code=ACE347ACE347ACE347",
    ] {
        let response = get_raw(addr, path).await;
        assert!(response.starts_with("HTTP/1.1 200"), "{path}: {response}");
        assert!(response.contains(still_loading), "{path}");
        assert!(
            !response.contains("<script>alert") && !response.contains("value="),
            "{path}: {response}"
        );
    }
    // A code in the address (the Board's QR code) is in the box, and only a code that could be
    // one; the page never says it is still loading, as nothing was pressed.
    let response = get_raw(addr, "/join/ACE-347").await;
    assert!(response.contains(r#"value="ACE-347""#), "{response}");
    assert!(!response.contains(still_loading), "{response}");
    for path in [
        "/join/%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/join/%ZZ",
        "/join/ACE347ACE347ACE347",
    ] {
        let response = get_raw(addr, path).await;
        assert!(response.starts_with("HTTP/1.1 200"), "{path}: {response}");
        assert!(response.contains("join-form-early"), "{path}");
        assert!(
            !response.contains("<script>alert") && !response.contains("value="),
            "{path}: {response}"
        );
    }
    // The join pages are drawn here, not built: they are compressed as they are sent, for a
    // browser that takes brotli (as the built files are, ahead of time).
    for path in ["/join", "/join/ACE347", "/join?code=ACE+347"] {
        let (_, plain) = get_head_with(addr, path, "").await;
        let (head, sent) = get_head_with(addr, path, "Accept-Encoding: gzip, br\r\n").await;
        assert!(head.contains("content-encoding: br"), "{path}: {head}");
        assert!(sent < plain, "{path}: {sent} of {plain} bytes");
    }
    for path in ["/join", "/join?lang=en"] {
        let response = get_raw(addr, path).await;
        assert!(response.starts_with("HTTP/1.1 200"), "{path}: {response}");
        assert!(response.contains("join-form-early"), "{path}");
        assert!(!response.contains(still_loading), "{path}");
    }
    for path in ["/board/live", "/board/live/"] {
        let response = get_raw(addr, path).await;
        assert!(response.contains("<title>Withme board</title>"), "{path}");
    }
    for path in [
        "/",
        "/lessons/abc.1",
        "/lessons/abc.1/board",
        "/classes",
        "/joiner",
    ] {
        let response = get_raw(addr, path).await;
        assert!(response.contains("<title>Withme</title>"), "{path}");
    }
    // One policy allows the three apps' loaders and the join page's check for a kept seat, each
    // by its hash.
    let policy = get_raw(addr, "/join").await;
    let hashes = policy.matches("'sha256-").count();
    assert_eq!(hashes, 4, "{policy}");
    let script = get_raw(addr, "/pupil/pupil-0123456789abcdef.js").await;
    assert!(script.contains("export default 2;"));
    assert!(
        script
            .to_lowercase()
            .contains("cache-control: public, max-age=31536000, immutable")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_groups_tablet_is_let_in_for_its_members_who_take_turns_and_act_only_as_themselves() {
    use withme_core::ProposalKind;
    use withme_core::sync::Submission;

    let addr = server().await;
    let (library, lesson, p) = classroom(&["Amira", "Ben", "Chloé"]);
    let live = go_live(addr, &library, &lesson).await;
    let mut teacher = teacher_of(addr, &live).await;
    teacher
        .submit(
            1,
            Command::SetGroups {
                lesson: lesson.clone(),
                groups: vec![vec![p[0].clone(), p[1].clone()], vec![p[2].clone()]],
            },
        )
        .await;
    assert!(accepted(&teacher.answer(1).await));

    let mut tablet = Device::connect(addr).await;
    let (device, _) = tablet.join(&live.code).await;
    // Waiting, it sees the groups to choose from.
    tablet
        .until(|m| match m {
            LiveDown::View(v) => match &v.projection {
                Some(Projection::Pupil(view)) if view.groups.len() == 2 => Some(()),
                _ => None,
            },
            _ => None,
        })
        .await;
    let problem = |m: &LiveDown| match m {
        LiveDown::Problem { code, .. } => Some(code.clone()),
        _ => None,
    };
    for missing in [0, 3] {
        tablet.send(&LiveUp::ClaimGroup { group: missing }).await;
        assert_eq!(tablet.until(problem).await, "no_such_group");
    }
    tablet.send(&LiveUp::ClaimGroup { group: 1 }).await;
    let knock = teacher
        .until(|m| match m {
            LiveDown::Knocks { waiting, .. } => {
                waiting.iter().find(|k| k.device == device).cloned()
            }
            _ => None,
        })
        .await;
    assert_eq!(knock.pupils, vec![p[0].clone(), p[1].clone()]);
    assert_eq!(knock.group, Some(1));
    assert_eq!(
        knock.names.iter().map(|n| n.as_str()).collect::<Vec<_>>(),
        ["Amira", "Ben"]
    );
    teacher
        .send(&LiveUp::Admit {
            device: device.clone(),
        })
        .await;
    let holder = tablet
        .until(|m| match m {
            LiveDown::Seated { holder, .. } => Some(holder.clone()),
            _ => None,
        })
        .await;
    assert_eq!(holder, Holder::Pupils(vec![p[0].clone(), p[1].clone()]));

    // Chloé is not in this group: the tablet cannot show her lesson.
    tablet
        .send(&LiveUp::ActAs {
            pupil: p[2].clone(),
        })
        .await;
    assert_eq!(tablet.until(problem).await, "not_your_seat");
    // Ben takes his turn: the tablet is sent his lesson.
    tablet
        .send(&LiveUp::ActAs {
            pupil: p[1].clone(),
        })
        .await;
    tablet
        .until(|m| match m {
            LiveDown::View(v) => match &v.projection {
                Some(Projection::Pupil(view)) => view
                    .me
                    .as_ref()
                    .is_some_and(|me| me.pupil == p[1])
                    .then_some(()),
                _ => None,
            },
            _ => None,
        })
        .await;

    // An idea from Ben for the group: credited to both. As Chloé, or as nobody: refused.
    let idea = |with: Vec<PupilId>| Command::Propose {
        lesson: lesson.clone(),
        kind: ProposalKind::Keyword,
        text: text("honesty"),
        with,
    };
    tablet
        .send(&LiveUp::Submit {
            submissions: vec![
                Submission::new(1, Some(p[1].clone()), idea(vec![p[0].clone()])),
                Submission::new(2, Some(p[2].clone()), idea(Vec::new())),
                Submission::new(3, None, idea(Vec::new())),
                Submission::new(4, Some(p[1].clone()), idea(vec![p[2].clone()])),
            ],
        })
        .await;
    let answers = tablet
        .until(|m| match m {
            LiveDown::Answers { answers } => Some(answers.clone()),
            _ => None,
        })
        .await;
    assert_eq!(answers.len(), 4);
    assert!(accepted(&answers[0]));
    assert_eq!(refused(&answers[1]), Some("not_your_seat"));
    assert_eq!(refused(&answers[2]), Some("not_your_seat"));
    assert_eq!(refused(&answers[3]), Some("not_in_your_group"));
    let view = teacher
        .until(|m| match m {
            LiveDown::View(v) => match &v.projection {
                Some(Projection::Teacher(view)) if !view.lesson.proposals().is_empty() => {
                    Some(view.clone())
                }
                _ => None,
            },
            _ => None,
        })
        .await;
    assert_eq!(
        view.lesson.proposals()[0].authors,
        vec![p[1].clone(), p[0].clone()]
    );
    assert_eq!(view.lesson.proposals().len(), 1);
}
