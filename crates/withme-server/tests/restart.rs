//! The server killed (`kill -9`) while tablets send, then started again on the same database:
//! nothing it acknowledged is lost, and nothing sent again is applied twice.

mod support;

use std::process::{Child, Command as Process, Stdio};
use std::time::Duration;

use support::{Device, classroom, dist, go_live, text};
use withme_core::sync::{Answer, Holder, LiveDown, LiveUp, Outcome, Submission};
use withme_core::view::Projection;
use withme_core::{Command, LessonId};

/// A server process, killed (SIGKILL) when dropped, so a failing test leaves none behind.
struct Running(Child);

impl Running {
    /// Kills it at once (SIGKILL: no chance to tidy up) and waits for it to go.
    fn kill(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.kill();
    }
}

fn start_server(port: u16, db: &std::path::Path) -> Running {
    Running(
        Process::new(env!("CARGO_BIN_EXE_withme-server"))
            .args(["--addr", &format!("127.0.0.1:{port}")])
            .arg("--db")
            .arg(db)
            .arg("--dist")
            .arg(dist())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    )
}

async fn wait_until_listening(addr: std::net::SocketAddr) {
    for _ in 0..200 {
        if tokio::net::TcpStream::connect(addr).await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server did not start");
}

fn ask(lesson: &LessonId, words: &str) -> Command {
    Command::AskQuestion {
        lesson: lesson.clone(),
        text: text(words),
        with: Vec::new(),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn killed_under_load_and_restarted_it_loses_nothing_it_acknowledged_and_applies_nothing_twice()
 {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr: std::net::SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let db = std::env::temp_dir().join(format!("withme-restart-{}.sqlite", std::process::id()));
    let _ = std::fs::remove_file(&db);
    let mut server = start_server(port, &db);
    wait_until_listening(addr).await;

    let names: Vec<String> = (1..=20).map(|n| format!("Pupil {n}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let (library, lesson, pupils) = classroom(&names);
    let live = go_live(addr, &library, &lesson).await;
    let mut teacher = Device::connect(addr).await;
    teacher
        .resume(&live.code, &live.teacher.device, &live.teacher.token)
        .await;
    let mut seats = Vec::new();
    for pupil in &pupils {
        let mut tablet = Device::connect(addr).await;
        let (device, token) = tablet.join(&live.code).await;
        tablet
            .send(&LiveUp::Claim {
                pupil: pupil.clone(),
            })
            .await;
        teacher
            .until(|m| match m {
                LiveDown::Knocks { waiting, .. } => {
                    waiting.iter().any(|k| k.device == device).then_some(())
                }
                _ => None,
            })
            .await;
        teacher
            .send(&LiveUp::Admit {
                device: device.clone(),
            })
            .await;
        // Let in (and so stored) before it acts.
        tablet
            .until(|m| {
                matches!(
                    m,
                    LiveDown::Seated {
                        holder: Holder::Pupils(_),
                        ..
                    }
                )
                .then_some(())
            })
            .await;
        seats.push((tablet, device, token));
    }

    // Each tablet sends its questions (as many as a pupil may have waiting) in one message,
    // without waiting; the server is killed midway.
    const EACH: u64 = 10;
    let batch = |n: usize| LiveUp::Submit {
        submissions: (1..=EACH)
            .map(|seq| {
                Submission::new(
                    seq,
                    None,
                    ask(&lesson, &format!("Question {seq} from tablet {n}?")),
                )
            })
            .collect(),
    };
    for (n, (tablet, _, _)) in seats.iter_mut().enumerate() {
        tablet.send(&batch(n)).await;
    }
    // As soon as the first tablet hears back, the server is killed.
    let mut acknowledged: Vec<Vec<Answer>> = vec![Vec::new(); seats.len()];
    let first = seats[0]
        .0
        .until(|m| match m {
            LiveDown::Answers { answers } => Some(answers.clone()),
            _ => None,
        })
        .await;
    acknowledged[0].extend(first);
    server.kill(); // SIGKILL: no chance to tidy up.
    // What each tablet had heard back before the kill.
    for (n, (tablet, _, _)) in seats.iter_mut().enumerate() {
        while let Ok(message) = tablet.next().await {
            if let LiveDown::Answers { answers } = message {
                acknowledged[n].extend(answers);
            }
        }
    }
    let before: usize = acknowledged.iter().map(Vec::len).sum();
    assert!(before > 0, "nothing was acknowledged before the kill");
    eprintln!(
        "acknowledged before the kill: {before} of {}",
        EACH as usize * seats.len()
    );

    let mut server = start_server(port, &db);
    wait_until_listening(addr).await;
    // Every tablet comes back and sends all its operations again.
    let mut again: Vec<Vec<Answer>> = vec![Vec::new(); seats.len()];
    for (n, (_, device, token)) in seats.iter().enumerate() {
        let mut tablet = Device::connect(addr).await;
        let seated = tablet.resume(&live.code, device, token).await;
        assert!(matches!(seated, LiveDown::Seated { .. }), "{seated:?}");
        tablet.send(&batch(n)).await;
        while again[n].len() < EACH as usize {
            let LiveDown::Answers { answers } = tablet.next().await.unwrap() else {
                continue;
            };
            for answer in answers {
                assert!(
                    matches!(
                        &answer,
                        Answer::Handled {
                            outcome: Outcome::Accepted { .. },
                            ..
                        }
                    ),
                    "{answer:?}"
                );
                again[n].push(answer);
            }
        }
        // An answer given before the kill is given again, the same.
        for earlier in &acknowledged[n] {
            assert!(
                again[n].contains(earlier),
                "tablet {n}: {earlier:?} was not kept"
            );
        }
    }
    let mut teacher = Device::connect(addr).await;
    teacher
        .resume(&live.code, &live.teacher.device, &live.teacher.token)
        .await;
    let questions = teacher
        .until(|m| match m {
            LiveDown::View(v) => match &v.projection {
                Some(Projection::Teacher(t)) => Some(t.lesson.enquiry().questions.clone()),
                _ => None,
            },
            _ => None,
        })
        .await;
    // Each question once: none lost, none twice.
    assert_eq!(questions.len(), seats.len() * EACH as usize);
    let mut texts: Vec<String> = questions.iter().map(|q| q.text.to_string()).collect();
    texts.sort();
    texts.dedup();
    assert_eq!(texts.len(), seats.len() * EACH as usize);
    server.kill();
    let _ = std::fs::remove_file(&db);
}
