//! Applying the enquiry: stimulus, thinking time, the Board, questions and the parking lot.
//!
//! Who may do what was checked before (see `rights.rs`); here are the enquiry's own rules.

use std::sync::Arc;

use super::Rejection;
use super::proposals::pupil_of;
use crate::enquiry::{
    BloomLevel, BoardStage, LessonTimer, MAX_AUTHORS_PER_QUESTION, MAX_OPEN_QUESTIONS_PER_PUPIL,
    MAX_PARKED_PER_CLASS, MAX_QUESTIONS_PER_LESSON, MAX_THINKING_SECONDS, MAX_TIMER_MINUTES,
    MIN_THINKING_SECONDS, ParkedQuestion, Quadrant, Question, QuestionStatus, Stimulus,
    StimulusKind, ThinkingTime, TimerChange,
};
use crate::ids::{LessonId, PupilId, QuestionId};
use crate::lesson::Lesson;
use crate::library::Library;
use crate::operation::{Event, Operation};
use crate::text::{ItemText, KindNote};
use crate::time::Timestamp;

/// The question with this id, to change; a merged question is closed to every change.
pub(super) fn live_question<'a>(
    lesson: &'a mut Lesson,
    id: &QuestionId,
) -> Result<&'a mut Question, Rejection> {
    let question = lesson
        .enquiry_mut()
        .questions
        .iter_mut()
        .find(|q| &q.id == id)
        .ok_or(Rejection::UnknownQuestion)?;
    if matches!(question.status, QuestionStatus::Merged { .. }) {
        return Err(Rejection::QuestionMerged);
    }
    Ok(question)
}

fn check_stimulus(stimulus: &Option<Stimulus>) -> Result<(), Rejection> {
    let Some(stimulus) = stimulus else {
        return Ok(());
    };
    let text = stimulus.text.as_str().trim();
    if text.is_empty() {
        return Err(Rejection::EmptyStimulus);
    }
    let is_link = text.starts_with("https://") && !text.contains(char::is_whitespace);
    if stimulus.kind == StimulusKind::ImageLink && !is_link {
        return Err(Rejection::NotALink);
    }
    Ok(())
}

impl Library {
    pub(super) fn set_stimulus(
        &mut self,
        lesson: &LessonId,
        stimulus: &Option<Stimulus>,
        at: Timestamp,
    ) -> Result<Event, Rejection> {
        check_stimulus(stimulus)?;
        self.change_lesson(lesson, at, |l| {
            l.enquiry_mut().stimulus = stimulus.clone();
            Ok(())
        })
    }

    pub(super) fn set_thinking_time(
        &mut self,
        lesson: &LessonId,
        seconds: Option<u32>,
        at: Timestamp,
    ) -> Result<Event, Rejection> {
        if seconds.is_some_and(|s| !(MIN_THINKING_SECONDS..=MAX_THINKING_SECONDS).contains(&s)) {
            return Err(Rejection::ThinkingTimeRange);
        }
        self.change_lesson(lesson, at, |l| {
            let enquiry = l.enquiry_mut();
            enquiry.thinking = seconds.map(|seconds| ThinkingTime {
                started_at: at,
                seconds,
            });
            if seconds.is_some() {
                enquiry.board = BoardStage::Stimulus;
            }
            Ok(())
        })
    }

    pub(super) fn set_timer(
        &mut self,
        lesson: &LessonId,
        change: &TimerChange,
        at: Timestamp,
    ) -> Result<Event, Rejection> {
        if let TimerChange::Minutes { minutes } = change
            && !(1..=MAX_TIMER_MINUTES).contains(minutes)
        {
            return Err(Rejection::TimerRange);
        }
        self.change_lesson(lesson, at, |l| {
            let timer = match change {
                TimerChange::Phase { phase } => {
                    let minutes = l
                        .plan()
                        .phase(phase)
                        .ok_or(Rejection::UnknownEntry)?
                        .minutes
                        .minutes();
                    Some(LessonTimer::start(
                        Some(phase.clone()),
                        u32::from(minutes) * 60,
                        at,
                    ))
                }
                TimerChange::Minutes { minutes } => {
                    Some(LessonTimer::start(None, minutes * 60, at))
                }
                TimerChange::Stop => None,
                TimerChange::Pause | TimerChange::Resume | TimerChange::AddMinute => {
                    let running = l.enquiry().timer.as_ref().ok_or(Rejection::NoTimer)?;
                    Some(match change {
                        TimerChange::Pause => running.paused(at),
                        TimerChange::Resume => running.resumed(at),
                        _ => running.with_another_minute(at),
                    })
                }
            };
            l.enquiry_mut().timer = timer;
            Ok(())
        })
    }

    pub(super) fn show_on_board(
        &mut self,
        lesson: &LessonId,
        stage: &BoardStage,
        at: Timestamp,
    ) -> Result<Event, Rejection> {
        self.change_lesson(lesson, at, |l| {
            let enquiry = l.enquiry_mut();
            match stage {
                BoardStage::Airing { question } => {
                    let found = enquiry
                        .question(question)
                        .ok_or(Rejection::UnknownQuestion)?;
                    if !found.is_public() {
                        return Err(Rejection::NotApproved);
                    }
                }
                BoardStage::Poll { poll } => {
                    enquiry.poll(poll).ok_or(Rejection::UnknownPoll)?;
                }
                BoardStage::Plan
                | BoardStage::Stimulus
                | BoardStage::Questions
                | BoardStage::Groups
                | BoardStage::Picker
                | BoardStage::Review => {}
            }
            enquiry.board = stage.clone();
            Ok(())
        })
    }

    /// The pupils asking together: the author first, then each classmate once, all on the
    /// lesson's class list and, once the lesson has groups, in the author's group.
    pub(super) fn askers(
        &self,
        lesson: &LessonId,
        author: &PupilId,
        with: &[PupilId],
    ) -> Result<Vec<PupilId>, Rejection> {
        let found = self.live_lesson(lesson)?;
        let class = found
            .plan()
            .class
            .as_ref()
            .and_then(|c| self.class(c))
            .ok_or(Rejection::NotOnRoster)?;
        let group = found.groups().group_of(author).map(|(_, g)| g);
        let mut askers = vec![author.clone()];
        for pupil in with {
            if !class.has_on_roster(pupil) {
                return Err(Rejection::NotOnRoster);
            }
            if group.is_some_and(|g| !g.has(pupil)) {
                return Err(Rejection::NotInYourGroup);
            }
            if !askers.contains(pupil) {
                askers.push(pupil.clone());
            }
        }
        if askers.len() > MAX_AUTHORS_PER_QUESTION {
            return Err(Rejection::TooManyAuthors {
                max: MAX_AUTHORS_PER_QUESTION,
            });
        }
        Ok(askers)
    }

    pub(super) fn ask_question(
        &mut self,
        op: &Operation,
        lesson: &LessonId,
        text: &ItemText,
        with: &[PupilId],
    ) -> Result<Event, Rejection> {
        let author = pupil_of(op)?.clone();
        let authors = self.askers(lesson, &author, with)?;
        let question = Question {
            id: QuestionId::from(&op.id),
            text: text.clone(),
            authors,
            status: QuestionStatus::Pending,
            hidden: false,
            quadrant: None,
            bloom: None,
            forward: false,
            made_at: op.at,
        };
        self.change_lesson(lesson, op.at, |l| {
            let questions = &mut l.enquiry_mut().questions;
            if questions.len() >= MAX_QUESTIONS_PER_LESSON {
                return Err(Rejection::QuestionsFull {
                    max: MAX_QUESTIONS_PER_LESSON,
                });
            }
            // Only the pupil who asked spends their quota: naming classmates never spends theirs.
            let open = questions
                .iter()
                .filter(|q| q.is_open() && q.authors.first() == Some(&author))
                .count();
            if open >= MAX_OPEN_QUESTIONS_PER_PUPIL {
                return Err(Rejection::TooManyOpenQuestions {
                    max: MAX_OPEN_QUESTIONS_PER_PUPIL,
                });
            }
            if questions.iter().any(|q| q.id == question.id) {
                return Err(Rejection::IdInUse);
            }
            questions.push(question);
            Ok(())
        })
    }

    pub(super) fn revise_question(
        &mut self,
        lesson: &LessonId,
        id: &QuestionId,
        text: &ItemText,
        at: Timestamp,
    ) -> Result<Event, Rejection> {
        self.change_lesson(lesson, at, |l| {
            let question = live_question(l, id)?;
            if !question.is_open() {
                return Err(Rejection::QuestionAnswered);
            }
            question.text = text.clone();
            question.status = QuestionStatus::Pending;
            Ok(())
        })
    }

    /// A teacher's change to one question: approve, edit, send back, hide or show.
    ///
    /// Once the enquiry question is chosen, the change follows the question's copies: the
    /// chosen question must stay public (choose again first) and its new wording goes into the
    /// plan; a parked copy takes the new wording, and is hidden whenever the question is not
    /// public, so hidden text never stays where the class can see it.
    pub(super) fn moderate_question(
        &mut self,
        lesson: &LessonId,
        id: &QuestionId,
        at: Timestamp,
        change: impl FnOnce(&mut Question),
    ) -> Result<Event, Rejection> {
        let class = self.live_lesson(lesson)?.plan().class.clone();
        let mut changed = None;
        let event = self.change_lesson(lesson, at, |l| {
            let question = live_question(l, id)?;
            change(question);
            let (public, text) = (question.is_public(), question.text.clone());
            if l.enquiry().chosen.as_ref() == Some(id) {
                if !public {
                    return Err(Rejection::ChooseAgainFirst);
                }
                l.plan_mut().enquiry_question = Some(text.clone());
            }
            changed = Some((public, text));
            Ok(())
        })?;
        if let (Some((public, text)), Some(class)) = (
            changed,
            class.and_then(|c| self.classes.get_mut(&c).map(Arc::make_mut)),
        ) {
            for parked in class.parked_mut().iter_mut().filter(|p| &p.id == id) {
                parked.text = text.clone();
                parked.hidden = !public;
            }
        }
        Ok(event)
    }

    pub(super) fn send_back_question(
        &mut self,
        lesson: &LessonId,
        id: &QuestionId,
        note: &KindNote,
        at: Timestamp,
    ) -> Result<Event, Rejection> {
        self.moderate_question(lesson, id, at, |q| {
            q.status = QuestionStatus::SentBack { note: note.clone() };
            q.forward = false;
        })
    }

    pub(super) fn merge_questions(
        &mut self,
        op: &Operation,
        lesson: &LessonId,
        ids: &[QuestionId],
        text: &ItemText,
    ) -> Result<Event, Rejection> {
        let merged = QuestionId::from(&op.id);
        self.change_lesson(lesson, op.at, |l| {
            if l.enquiry().chosen.is_some() {
                return Err(Rejection::ChooseAgainFirst);
            }
            let mut authors: Vec<PupilId> = Vec::new();
            let (mut quadrant, mut bloom) = (None, None);
            for (index, id) in ids.iter().enumerate() {
                if ids[..index].contains(id) {
                    return Err(Rejection::MergeNeedsTwoQuestions);
                }
                let question = live_question(l, id)?;
                for author in &question.authors {
                    if !authors.contains(author) {
                        authors.push(author.clone());
                    }
                }
                quadrant = quadrant.or(question.quadrant);
                bloom = bloom.or(question.bloom);
                question.status = QuestionStatus::Merged {
                    into: merged.clone(),
                };
                question.forward = false;
            }
            if ids.len() < 2 {
                return Err(Rejection::MergeNeedsTwoQuestions);
            }
            let questions = &mut l.enquiry_mut().questions;
            if questions.iter().any(|q| q.id == merged) {
                return Err(Rejection::IdInUse);
            }
            questions.push(Question {
                id: merged,
                text: text.clone(),
                authors,
                status: QuestionStatus::Approved,
                hidden: false,
                quadrant,
                bloom,
                forward: false,
                made_at: op.at,
            });
            Ok(())
        })
    }

    pub(super) fn categorise_question(
        &mut self,
        lesson: &LessonId,
        id: &QuestionId,
        quadrant: Option<Quadrant>,
        bloom: Option<BloomLevel>,
        at: Timestamp,
    ) -> Result<Event, Rejection> {
        self.moderate_question(lesson, id, at, |q| {
            q.quadrant = quadrant;
            q.bloom = bloom;
        })
    }

    pub(super) fn set_question_forward(
        &mut self,
        lesson: &LessonId,
        id: &QuestionId,
        forward: bool,
        at: Timestamp,
    ) -> Result<Event, Rejection> {
        self.change_lesson(lesson, at, |l| {
            let question = live_question(l, id)?;
            if forward && !question.is_public() {
                return Err(Rejection::NotApproved);
            }
            question.forward = forward;
            Ok(())
        })
    }

    /// The chosen question becomes the plan's enquiry question; every other question the class
    /// could see goes to the class's parking lot with its votes.
    pub(super) fn finish_enquiry(
        &mut self,
        lesson: &LessonId,
        id: &QuestionId,
        at: Timestamp,
    ) -> Result<Event, Rejection> {
        let found = self.live_lesson(lesson)?;
        let enquiry = found.enquiry();
        if enquiry.chosen.is_some() {
            return Err(Rejection::EnquiryFinished);
        }
        if enquiry.open_poll().is_some() {
            return Err(Rejection::PollStillOpen);
        }
        let chosen = enquiry.question(id).ok_or(Rejection::UnknownQuestion)?;
        if !chosen.is_public() {
            return Err(Rejection::NotApproved);
        }
        let text = chosen.text.clone();
        let parked: Vec<ParkedQuestion> = enquiry
            .public_questions()
            .filter(|q| &q.id != id)
            .map(|q| ParkedQuestion {
                id: q.id.clone(),
                text: q.text.clone(),
                authors: q.authors.clone(),
                votes: enquiry.votes_for(&q.id),
                hidden: false,
                parked_at: at,
            })
            .collect();
        let class = found.plan().class.clone();
        let parked_now = class
            .as_ref()
            .and_then(|c| self.classes.get(c))
            .map_or(0, |c| c.parked().len());
        if parked_now + parked.len() > MAX_PARKED_PER_CLASS {
            return Err(Rejection::ParkingFull {
                max: MAX_PARKED_PER_CLASS,
            });
        }
        let event = self.change_lesson(lesson, at, |l| {
            l.plan_mut().enquiry_question = Some(text);
            l.enquiry_mut().chosen = Some(id.clone());
            Ok(())
        })?;
        if let Some(class) = class.and_then(|c| self.classes.get_mut(&c).map(Arc::make_mut)) {
            class.parked_mut().extend(parked);
        }
        Ok(event)
    }

    /// Undoes `finish_enquiry`: the question leaves the plan, and this lesson's questions still
    /// parked leave the parking lot (any already brought into a later lesson stay there).
    pub(super) fn reopen_enquiry(
        &mut self,
        lesson: &LessonId,
        at: Timestamp,
    ) -> Result<Event, Rejection> {
        let found = self.live_lesson(lesson)?;
        if found.enquiry().chosen.is_none() {
            return Err(Rejection::EnquiryOpen);
        }
        let mine: Vec<QuestionId> = found
            .enquiry()
            .questions
            .iter()
            .map(|q| q.id.clone())
            .collect();
        let class = found.plan().class.clone();
        let event = self.change_lesson(lesson, at, |l| {
            l.plan_mut().enquiry_question = None;
            l.enquiry_mut().chosen = None;
            Ok(())
        })?;
        if let Some(class) = class.and_then(|c| self.classes.get_mut(&c).map(Arc::make_mut)) {
            class.parked_mut().retain(|p| !mine.contains(&p.id));
        }
        Ok(event)
    }

    /// A parked question comes into this lesson, approved, keeping its authors.
    pub(super) fn unpark_question(
        &mut self,
        op: &Operation,
        lesson: &LessonId,
        parked: &QuestionId,
    ) -> Result<Event, Rejection> {
        let class_id = self
            .live_lesson(lesson)?
            .plan()
            .class
            .clone()
            .ok_or(Rejection::NoClass)?;
        let class = self.classes.get(&class_id).ok_or(Rejection::UnknownClass)?;
        let found = class
            .parked()
            .iter()
            .find(|p| &p.id == parked)
            .ok_or(Rejection::UnknownParked)?;
        let question = Question {
            id: QuestionId::from(&op.id),
            text: found.text.clone(),
            authors: found.authors.clone(),
            status: QuestionStatus::Approved,
            // A question the teacher hid stays hidden wherever it goes.
            hidden: found.hidden,
            quadrant: None,
            bloom: None,
            forward: false,
            made_at: op.at,
        };
        let event = self.change_lesson(lesson, op.at, |l| {
            let questions = &mut l.enquiry_mut().questions;
            if questions.len() >= MAX_QUESTIONS_PER_LESSON {
                return Err(Rejection::QuestionsFull {
                    max: MAX_QUESTIONS_PER_LESSON,
                });
            }
            if questions.iter().any(|q| q.id == question.id) {
                return Err(Rejection::IdInUse);
            }
            questions.push(question);
            Ok(())
        })?;
        if let Some(class) = self.classes.get_mut(&class_id).map(Arc::make_mut) {
            class.parked_mut().retain(|p| &p.id != parked);
        }
        Ok(event)
    }
}
