//! Start-up marks on the browser's performance timeline (`performance.mark`), each set once:
//! the benchmark reads them to split the time to first rows into its parts (README
//! "Performance"). `index.html` sets `early-request-sent` itself.

/// Marks `name` the first time it happens on this page (the timeline itself remembers).
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance())
        && performance.get_entries_by_name(name).length() == 0
    {
        let _ = performance.mark(name);
    }
}
