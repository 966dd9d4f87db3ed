//! The app header: where the user is signed in, the two sections, the language and sign-out.

use crate::components::LanguageSwitch;
use crate::messages::t;
use crate::routes::{INSIGHTS, LIST, REMOVE, use_app_path, use_base};
use crate::session::{Notice, use_session};
use crate::shortcuts::open_help;
use leptos::prelude::*;

/// Header shown on every page while signed in.
#[component]
pub fn AppHeader() -> impl IntoView {
    let m = t();
    let session = use_session();
    let base = use_base();
    let app_path = use_app_path();
    let host = move || {
        session
            .credentials()
            .map(|c| host_label(&c.base_url))
            .unwrap_or_default()
    };
    view! {
        <header class="app-header">
            <a class="brand" href=base.href(LIST)>{m.app_title}</a>
            <nav aria-label=m.nav_label class="main-nav">
                {section(base.href(LIST), app_path, LIST, m.nav_list)}
                {section(base.href(INSIGHTS), app_path, INSIGHTS, m.nav_insights)}
                {section(base.href(REMOVE), app_path, REMOVE, m.nav_remove)}
            </nav>
            <span class="host" title=host>{move || m.signed_in_to(&host())}</span>
            <LanguageSwitch />
            <button
                type="button"
                class="button shortcuts-button"
                aria-label=m.shortcuts_title
                title=m.shortcuts_title
                aria-haspopup="dialog"
                aria-keyshortcuts="?"
                on:click=|_| open_help()
            >
                "?"
            </button>
            <button type="button" class="button" on:click=move |_| session.sign_out(Notice::SignedOut)>
                {m.sign_out}
            </button>
        </header>
    }
}

/// A section's link, `aria-current="page"` while the user is in it (the list only on its own
/// path). One function, so its reactive attribute compiles once for every section.
fn section(href: String, app_path: Memo<String>, path: &'static str, label: &'static str) -> impl IntoView {
    let current = move || app_path.with(|p| p == path).then_some("page");
    view! { <a href=href aria-current=current>{label}</a> }
}

/// The host part of a base URL ("acme-oms.example.com"), or the page's own host when the
/// app talks to its own origin.
pub fn host_label(base_url: &str) -> String {
    let rest = base_url.split_once("://").map(|(_, r)| r).unwrap_or(base_url);
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty() {
        web_sys::window()
            .and_then(|w| w.location().host().ok())
            .unwrap_or_default()
    } else {
        host.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_of_a_base_url() {
        assert_eq!(host_label("https://acme-oms.example.com/"), "acme-oms.example.com");
        assert_eq!(host_label("http://127.0.0.1:8787"), "127.0.0.1:8787");
    }
}
