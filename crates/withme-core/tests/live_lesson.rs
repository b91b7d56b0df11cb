//! A lesson taken live: what leaves the teacher's device, and how the lesson as the server holds
//! it comes back into the teacher's library (and stays there when other windows write).

mod support;

use support::{Scenario, text};
use withme_core::replica::Replica;
use withme_core::sync::{Authority, Ledger};
use withme_core::view::{Projection, Viewer, project};
use withme_core::{AdoptError, Author, Command, DeviceId, Library, Timestamp};

fn ask(lesson: &withme_core::LessonId, words: &str) -> Command {
    Command::AskQuestion {
        lesson: lesson.clone(),
        text: text(words),
        with: Vec::new(),
    }
}

/// The lesson as the server's teacher seat sees it, after `library` changed there.
fn teacher_view(
    library: &Library,
    lesson: &withme_core::LessonId,
) -> withme_core::view::TeacherView {
    match project(library, lesson, &Viewer::Teacher) {
        Some(Projection::Teacher(view)) => view,
        other => panic!("expected the teacher's view, got {other:?}"),
    }
}

#[test]
fn only_the_lesson_its_class_and_the_classs_lessons_leave_the_device() {
    let (mut s, lesson, _) = Scenario::classroom("Is it ever right to lie?", &["Amira", "Ben"]);
    let class = s.library.lesson(&lesson).unwrap().plan().class.clone();
    // Another lesson of the same class (for role rotation), one of another class, one with no
    // class, and one of the same class in the bin.
    let earlier = s.new_lesson("Fair shares");
    s.teacher(Command::SetLessonClass {
        lesson: earlier.clone(),
        class: class.clone(),
    })
    .unwrap();
    let binned = s.new_lesson("Binned");
    s.teacher(Command::SetLessonClass {
        lesson: binned.clone(),
        class: class.clone(),
    })
    .unwrap();
    s.teacher(Command::DeleteLesson {
        lesson: binned.clone(),
    })
    .unwrap();
    let (other_class, _) = s.new_class("Year 6 Ash", &["Zara"]);
    let other = s.new_lesson("Volcanoes");
    s.teacher(Command::SetLessonClass {
        lesson: other.clone(),
        class: Some(other_class.clone()),
    })
    .unwrap();
    let loose = s.new_lesson("Planning notes");

    let excerpt = s.library.live_excerpt(&lesson).unwrap();
    assert!(excerpt.lesson(&lesson).is_some());
    assert!(excerpt.lesson(&earlier).is_some());
    for gone in [&binned, &other, &loose] {
        assert!(excerpt.lesson(gone).is_none(), "{gone} must stay home");
    }
    assert!(excerpt.class(class.as_ref().unwrap()).is_some());
    assert!(excerpt.class(&other_class).is_none());
    // It survives the trip (the server reads it with every check a stored library gets).
    let sent = serde_json::to_string(&excerpt).unwrap();
    assert_eq!(serde_json::from_str::<Library>(&sent).unwrap(), excerpt);
    // A binned lesson does not go live.
    assert!(s.library.live_excerpt(&binned).is_none());
}

#[test]
fn the_server_copy_replaces_the_lesson_and_class_and_leaves_the_rest() {
    let (mut s, lesson, pupils) = Scenario::classroom("Is it ever right to lie?", &["Amira"]);
    let other = s.new_lesson("Fair shares");
    let mut home = s.library.clone();
    // On the server, Amira asks a question.
    s.pupil(&pupils[0], ask(&lesson, "Is a white lie a lie?"))
        .unwrap();
    let view = teacher_view(&s.library, &lesson);

    assert_eq!(home.adopt(&view.lesson, view.class.as_ref()), Ok(true));
    assert_eq!(home.lesson(&lesson), s.library.lesson(&lesson));
    assert!(home.lesson(&other).is_some());
    // Taking the same copy in again changes nothing.
    assert_eq!(home.adopt(&view.lesson, view.class.as_ref()), Ok(false));
}

#[test]
fn a_copy_whose_class_does_not_fit_is_refused_and_changes_nothing() {
    let (mut s, lesson, _) = Scenario::classroom("Is it ever right to lie?", &["Amira"]);
    let (other_class, _) = s.new_class("Year 6 Ash", &["Zara"]);
    let before = s.library.clone();
    let view = teacher_view(&s.library, &lesson);
    let wrong = s.library.class(&other_class).cloned();
    let mut home = s.library.clone();
    assert_eq!(
        home.adopt(&view.lesson, wrong.as_ref()),
        Err(AdoptError::NotItsClass)
    );
    assert_eq!(home.adopt(&view.lesson, None), Err(AdoptError::NotItsClass));
    assert_eq!(home, before);
}

#[test]
fn a_taken_in_lesson_survives_another_windows_write_and_is_then_forgotten() {
    let (mut s, lesson, pupils) = Scenario::classroom("Is it ever right to lie?", &["Amira"]);
    let stored = Authority::new(s.library.clone(), Ledger::default());
    let mut window = Replica::new(DeviceId::parse("window1").unwrap(), stored.clone());
    s.pupil(&pupils[0], ask(&lesson, "Is a white lie a lie?"))
        .unwrap();
    assert_eq!(window.adopt(teacher_view(&s.library, &lesson)), Ok(true));

    // Another window writes before this one has: its copy lacks the server's question.
    let mut other = Replica::new(DeviceId::parse("window2").unwrap(), stored);
    let unrelated = Command::CreateLesson {
        title: support::title_of("Volcanoes"),
        class: None,
        template: None,
    };
    other
        .make(Author::Teacher, unrelated, Timestamp::from_millis(1))
        .unwrap();
    let rebased = window.rebase(other.authority().clone(), Timestamp::from_millis(2));
    assert!(
        rebased.needs_write,
        "the server's copy must be written back"
    );
    assert_eq!(window.library().lesson(&lesson), s.library.lesson(&lesson));
    assert_eq!(window.library().lessons_by_last_edited().len(), 2);

    // Once the shared copy has held it for the grace period, it is no longer kept.
    let shared = window.authority().clone();
    window.mark_written();
    window.rebase(shared.clone(), Timestamp::from_millis(3));
    window.rebase(shared, Timestamp::from_millis(3 + 10_000));
    assert_eq!(window.pending_count(), 0);
    assert_eq!(window.library().lesson(&lesson), s.library.lesson(&lesson));
}

#[test]
fn the_teachers_own_operations_stay_on_screen_ahead_of_an_older_view_with_the_ids_the_server_gives()
{
    use withme_core::ItemList;
    use withme_core::sync::{Answer, Holder, Outcome, Seat, Submission, ahead_of};

    let (s, lesson, _) = Scenario::classroom("Is it ever right to lie?", &["Amira"]);
    let home = s.library.clone();
    let teacher = DeviceId::parse("teacherseat").unwrap();
    let seat = Seat {
        device: teacher.clone(),
        lesson: lesson.clone(),
        holder: Holder::Teacher,
    };
    let mut server = Authority::new(s.library.clone(), Ledger::default());
    let add = Submission::new(
        1,
        None,
        Command::AddItem {
            lesson: lesson.clone(),
            list: ItemList::Criteria,
            text: text("I can"),
        },
    );
    let edit = |seq: u64, words: &str, item| {
        Submission::new(
            seq,
            None,
            Command::EditItem {
                lesson: lesson.clone(),
                list: ItemList::Criteria,
                item,
                text: text(words),
            },
        )
    };
    let criteria = |view: &withme_core::view::TeacherView| -> Vec<(String, String)> {
        view.lesson
            .plan()
            .items(ItemList::Criteria)
            .iter()
            .map(|i| (i.id.to_string(), i.text.as_str().to_owned()))
            .collect()
    };
    let at = Timestamp::from_millis(5);

    // Before the server has answered anything, the new item shows with the id it will get.
    let before = teacher_view(&s.library, &lesson);
    let shown = ahead_of(&before, &home, &teacher, at, [&add]);
    let accepted = server.submit(&seat, &add, at);
    assert!(matches!(
        accepted,
        Answer::Handled {
            outcome: Outcome::Accepted { .. },
            ..
        }
    ));
    let on_server = teacher_view(server.library(), &lesson);
    assert_eq!(criteria(&shown), criteria(&on_server));
    let item = on_server.lesson.plan().items(ItemList::Criteria)[0]
        .id
        .clone();

    // The teacher types on; the server's view holds only the first keystroke.
    let typed = [
        edit(2, "I can g", item.clone()),
        edit(3, "I can give", item.clone()),
        edit(4, "I can give a reason", item.clone()),
    ];
    server.submit(&seat, &typed[0], at);
    let older = teacher_view(server.library(), &lesson);
    assert_eq!(criteria(&older)[0].1, "I can g");
    let shown = ahead_of(&older, &home, &teacher, at, typed[1..].iter().rev());
    assert_eq!(criteria(&shown)[0].1, "I can give a reason");

    // With nothing waiting, the server's view is shown as it is.
    assert_eq!(ahead_of(&older, &home, &teacher, at, []), older);

    // An operation that no longer applies (another of the teacher's windows removed the item)
    // is left out, and the rest still shows.
    let other_window = Seat {
        device: DeviceId::parse("otherwindow").unwrap(),
        ..seat.clone()
    };
    server.submit(
        &other_window,
        &Submission::new(
            1,
            None,
            Command::RemoveEntry {
                lesson: lesson.clone(),
                section: withme_core::Section::Items(ItemList::Criteria),
                entry: item.clone(),
            },
        ),
        at,
    );
    let removed = teacher_view(server.library(), &lesson);
    let title = Submission::new(
        5,
        None,
        Command::RenameLesson {
            lesson: lesson.clone(),
            title: support::title_of("Is lying ever fair?"),
        },
    );
    let shown = ahead_of(&removed, &home, &teacher, at, [&typed[2], &title]);
    assert!(criteria(&shown).is_empty());
    assert_eq!(shown.lesson.plan().title.as_str(), "Is lying ever fair?");
}
