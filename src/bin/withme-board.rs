//! Entry point of the Board app.

fn main() {
    withme::apps::board::start();
}
