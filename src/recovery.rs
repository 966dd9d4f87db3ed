//! The last resort: after a panic the page is replaced by a plain recovery view instead of
//! staying frozen.
//!
//! A panic may leave the reactive runtime half-updated (a signal borrowed, an effect
//! mid-run), so the view is built with bare `web_sys` DOM calls, not Leptos. It says what
//! happened and offers two ways on: reload, and copy a diagnostics block for a bug report.
//!
//! Under `panic = "abort"` (release) and on wasm32 in general the hook runs before the module
//! traps; the view's buttons are `Closure`s that only touch the DOM, which still works after
//! the trap. Listeners are attached with `addEventListener` and the view uses only class
//! names: the app runs under a CSP without inline script or style.
//!
//! The diagnostics never read session storage or any credential, and whatever looks like one
//! in the panic message (`Token …`, `Bearer …`, a query string, a 40-hex DRF key) is cut out.

use crate::messages::t;
use crate::redact::redact;
use crate::text::truncate;
use std::sync::atomic::{AtomicBool, Ordering};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlElement, HtmlTextAreaElement};

/// Longest panic message shown on the page.
const MAX_SHOWN_CHARS: usize = 500;

/// Longest panic message put in the diagnostics.
const MAX_REPORTED_CHARS: usize = 2_000;

/// Set by the first panic: later ones (the broken runtime may panic again) keep its view.
static SHOWN: AtomicBool = AtomicBool::new(false);

/// Installs the panic hook: the panic goes to the browser console (with a stack trace) as
/// before, then the first one replaces the page with the recovery view. On the host
/// (`cargo test`) there is no DOM, and the default hook stays.
pub fn install() {
    if !cfg!(target_arch = "wasm32") {
        return;
    }
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        if SHOWN.swap(true, Ordering::SeqCst) {
            return;
        }
        let message = if let Some(s) = info.payload().downcast_ref::<&str>() {
            (*s).to_string()
        } else if let Some(s) = info.payload().downcast_ref::<String>() {
            s.clone()
        } else {
            "Box<dyn Any>".to_string()
        };
        let location = info
            .location()
            .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
            .unwrap_or_default();
        show(&message, &location);
    }));
}

/// Replaces the document body with the recovery view for a panic `message` raised at
/// `location` (`file:line:column`). Never panics itself: it runs inside the panic hook, and
/// whatever DOM call fails, the rest is skipped.
pub fn show(message: &str, location: &str) {
    let _ = try_show(message, location);
}

fn try_show(message: &str, location: &str) -> Option<()> {
    let m = t();
    let window = web_sys::window()?;
    let document = window.document()?;
    let report = diagnostics(
        message,
        location,
        &window.location().pathname().unwrap_or_default(),
        &window.navigator().user_agent().unwrap_or_default(),
        env!("CARGO_PKG_VERSION"),
        &String::from(js_sys::Date::new_0().to_iso_string()),
    );

    let body = match document.body() {
        Some(body) => body,
        None => {
            let body: HtmlElement = document.create_element("body").ok()?.dyn_into().ok()?;
            document.document_element()?.append_child(&body).ok()?;
            body
        }
    };
    body.set_text_content(None);
    document.set_title(m.recovery_title);

    let main = element(&document, &body, "main", "page")?;
    main.set_id("main");
    let panel = element(&document, &main, "div", "error-panel")?;
    panel.set_attribute("role", "alert").ok()?;
    let heading = element(&document, &panel, "h1", "error-title")?;
    heading.set_text_content(Some(m.recovery_title));
    heading.set_attribute("tabindex", "-1").ok()?;
    element(&document, &panel, "p", "error-message")?.set_text_content(Some(m.recovery_intro));
    let what = truncate(&redact(message), MAX_SHOWN_CHARS);
    element(&document, &panel, "p", "error-message")?.set_text_content(Some(&m.recovery_what_happened(&what)));

    let actions = element(&document, &panel, "div", "actions")?;
    let reload = element(&document, &actions, "button", "button primary")?;
    reload.set_attribute("type", "button").ok()?;
    reload.set_text_content(Some(m.recovery_reload));
    let copy = element(&document, &actions, "button", "button")?;
    copy.set_attribute("type", "button").ok()?;
    copy.set_text_content(Some(m.recovery_copy));

    let status = element(&document, &panel, "p", "error-message")?;
    status.set_attribute("role", "status").ok()?;
    let textarea: HtmlTextAreaElement = element(&document, &panel, "textarea", "")?.dyn_into().ok()?;
    textarea.set_read_only(true);
    textarea.set_rows(9);
    textarea.set_cols(60);
    textarea.set_value(&report);
    textarea
        .set_attribute("aria-label", m.recovery_diagnostics_label)
        .ok()?;
    textarea.set_hidden(true);

    let on_reload = Closure::<dyn FnMut()>::new(|| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    reload
        .add_event_listener_with_callback("click", on_reload.as_ref().unchecked_ref())
        .ok()?;
    on_reload.forget();
    let on_copy = Closure::<dyn FnMut()>::new(move || copy_report(&report, &textarea, &status));
    copy.add_event_listener_with_callback("click", on_copy.as_ref().unchecked_ref())
        .ok()?;
    on_copy.forget();

    let _ = heading.dyn_into::<HtmlElement>().ok()?.focus();
    Some(())
}

/// A new `<tag class=…>` appended to `parent`.
fn element(document: &Document, parent: &Element, tag: &str, class: &str) -> Option<Element> {
    let el = document.create_element(tag).ok()?;
    if !class.is_empty() {
        el.set_class_name(class);
    }
    parent.append_child(&el).ok()?;
    Some(el)
}

/// Writes the report to the clipboard; where the browser has none or refuses (no secure
/// context, no permission), shows it in the read-only text box, selected for Ctrl+C.
fn copy_report(report: &str, textarea: &HtmlTextAreaElement, status: &Element) {
    let manual = {
        let (textarea, status) = (textarea.clone(), status.clone());
        move || {
            textarea.set_hidden(false);
            let _ = textarea.focus();
            textarea.select();
            status.set_text_content(Some(t().recovery_copy_manual));
        }
    };
    let clipboard = web_sys::window()
        .map(|w| w.navigator().clipboard())
        .filter(|c| !c.is_undefined() && !c.is_null());
    let Some(clipboard) = clipboard else {
        manual();
        return;
    };
    let copied = {
        let status = status.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |_| status.set_text_content(Some(t().recovery_copied)))
    };
    let refused = Closure::<dyn FnMut(JsValue)>::new(move |_| manual());
    let _ = clipboard.write_text(report).then2(&copied, &refused);
    copied.forget();
    refused.forget();
}

/// The text block "Copy diagnostics" gives: enough to find the bug, nothing secret. The path
/// loses its query string and fragment, and every field loses query strings and anything
/// that looks like a token.
pub fn diagnostics(message: &str, location: &str, path: &str, user_agent: &str, version: &str, time: &str) -> String {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let field = |value: &str| redact(value).replace(['\r', '\n'], " ");
    format!(
        "discrepancy-admin diagnostics\nversion: {}\ntime: {}\npage: {}\nbrowser: {}\nlocation: {}\npanic: {}\n",
        field(version),
        field(time),
        field(path),
        field(user_agent),
        field(location),
        truncate(&redact(message), MAX_REPORTED_CHARS),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(message: &str, path: &str) -> String {
        diagnostics(
            message,
            "src/pages/list.rs:42:17",
            path,
            "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0",
            "0.1.0",
            "2025-01-02T03:04:05.678Z",
        )
    }

    #[test]
    fn diagnostics_name_everything_a_bug_report_needs() {
        assert_eq!(
            report("called `Option::unwrap()` on a `None` value", "/discrepancies/12"),
            "discrepancy-admin diagnostics\n\
             version: 0.1.0\n\
             time: 2025-01-02T03:04:05.678Z\n\
             page: /discrepancies/12\n\
             browser: Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0\n\
             location: src/pages/list.rs:42:17\n\
             panic: called `Option::unwrap()` on a `None` value\n"
        );
    }

    #[test]
    fn the_path_loses_its_query_and_fragment() {
        let r = report("boom", "/discrepancies?page=3&reason=out_of_stock#top");
        assert!(r.contains("page: /discrepancies\n"), "{r}");
        assert!(!r.contains("reason=") && !r.contains("#top"), "{r}");
    }

    #[test]
    fn tokens_never_reach_the_report() {
        for message in [
            "request failed: Authorization: Token abc123",
            "header Authorization: token abc123def456 rejected",
            "Bearer eyJhbGciOiJIUzI1NiJ9.e30.x",
            r#"Credentials { base_url: "https://oms.example", token: "demo-token-2f7c1e9a" }"#,
            "{\"token\":\"9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b\"}",
            "key 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b leaked",
            "GET https://oms.example/api/v1/x/?token=abc123&page=2 failed",
            "TOKEN\tsecret-value",
        ] {
            let r = report(message, "/");
            for secret in ["abc123", "eyJhbGci", "demo-token-2f7c1e9a", "9944b091", "secret-value"] {
                assert!(!r.contains(secret), "{secret} in {r}");
            }
            assert!(!r.to_ascii_lowercase().contains("token "), "{r}");
        }
        assert!(report("Authorization: Token abc123", "/").contains("panic: Authorization: [redacted]\n"));
    }

    #[test]
    fn prose_and_urls_without_queries_stay() {
        let message = "Is the token missing? See https://oms.example/api/v1/discrepancies/ (tokens: 2)";
        assert!(report(message, "/").contains(&format!("panic: {message}\n")));
    }

    #[test]
    fn long_messages_are_cut_and_fields_stay_on_one_line() {
        let r = diagnostics(
            &"ş".repeat(5_000),
            "a.rs:1:1",
            "/",
            "agent\nwith: newline",
            "0.1.0",
            "now",
        );
        let panic_line = r.lines().find(|l| l.starts_with("panic: ")).unwrap();
        assert_eq!(panic_line.chars().count(), "panic: ".len() + MAX_REPORTED_CHARS + 1);
        assert!(r.contains("browser: agent with: newline\n"));
        assert_eq!(truncate("abc", 2), "ab…");
    }

    #[test]
    fn redaction_is_total_on_odd_text() {
        for text in [
            "",
            "?",
            "#",
            "token",
            "token:",
            "Token ",
            "?=",
            "ş?a=ş token=ş€€€ 🎉",
            "bearer\u{0}abcd",
        ] {
            let _ = redact(text);
        }
        assert_eq!(redact("x?a=1 y"), "x y");
        assert_eq!(redact("token=ş€€€ z"), "[redacted] z");
    }
}
