//! Entry point of the Withme web app.

fn main() {
    withme::start();
}
