//! Entry point of the Pupil app.

fn main() {
    withme::apps::pupil::start();
}
