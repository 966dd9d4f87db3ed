//! Mounts the app; everything else is in the library.

fn main() {
    // A panic goes to the console and replaces the page with a recovery view.
    discrepancy_admin::recovery::install();
    discrepancy_admin::start();
}
