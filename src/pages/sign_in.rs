//! `/sign-in`: the OMS address and the token, checked with a real request before they are
//! accepted; afterwards back to the page the user wanted.

use crate::api::client::list;
use crate::api::{ApiError, Cancel, Credentials, ListQuery};
use crate::components::{ErrorPanel, LanguageSwitch};
use crate::config::AppConfig;
use crate::messages::t;
use crate::routes::{safe_next, use_go};
use crate::session::{Notice, use_session};
use crate::ui_state::use_ui;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

/// Why the last attempt failed.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Problem {
    TokenRequired,
    BadBaseUrl,
    Rejected,
    Other(ApiError),
}

/// Normalises the base URL field: trims, drops a trailing slash; `None` when it is not
/// http(s), since the token must not be sent to a `javascript:` or `file:` address.
pub fn normalise_base_url(input: &str) -> Option<String> {
    let trimmed = input.trim().trim_end_matches('/');
    let lower = trimmed.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))?;
    let host = rest.split('/').next().unwrap_or_default();
    (!host.is_empty() && !host.contains(['@', ' ', '?', '#'])).then(|| trimmed.to_string())
}

fn page_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// The sign-in form.
#[component]
pub fn SignInPage() -> impl IntoView {
    let session = use_session();
    let go = use_go();
    let query = use_query_map();
    let config = use_context::<AppConfig>().unwrap_or_default();
    // The fields live in the UI state, so that a language switch keeps what was typed.
    let fields = use_ui().sign_in;
    if fields.base_url.with_untracked(String::is_empty) {
        fields
            .base_url
            .set(config.oms_base_url.clone().unwrap_or_else(page_origin));
    }
    let base_url = fields.base_url;
    let token = fields.token;
    let remember = fields.remember;
    let checking = RwSignal::new(false);
    let problem = RwSignal::new(None::<Problem>);
    let notice = session.notice.get_untracked();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if checking.get_untracked() {
            return;
        }
        let token_value = token.get_untracked().trim().to_string();
        if token_value.is_empty() {
            problem.set(Some(Problem::TokenRequired));
            return;
        }
        let Some(base) = normalise_base_url(&base_url.get_untracked()) else {
            problem.set(Some(Problem::BadBaseUrl));
            return;
        };
        problem.set(None);
        checking.set(true);
        let credentials = Credentials {
            base_url: base,
            token: token_value,
        };
        let next = safe_next(query.with_untracked(|q| q.get("next")).as_deref());
        let go = go.clone();
        spawn_local(async move {
            let probe = ListQuery {
                limit: 1,
                ..ListQuery::default()
            };
            let result = list(&credentials, &probe, &Cancel::new()).await;
            checking.try_set(false);
            match result {
                Ok(_) => {
                    session.sign_in(credentials, remember.get_untracked());
                    token.try_set(String::new());
                    go(&next, true);
                    crate::focus::heading_soon();
                }
                Err(ApiError::Unauthorized { .. }) => {
                    problem.try_set(Some(Problem::Rejected));
                }
                Err(error) => {
                    problem.try_set(Some(Problem::Other(error)));
                }
            }
        });
    };

    // Signed out there is no header: the language switcher stands on this page.
    let m = t();
    view! {
        <section class="page sign-in-page">
            <div class="page-tools">
                <LanguageSwitch />
            </div>
            <h1>{m.sign_in_title}</h1>
            {match notice {
                Some(Notice::Expired) => Some(view! { <p class="notice warning" role="alert">{m.session_expired}</p> }),
                Some(Notice::SignedOut) => Some(view! { <p class="notice" role="status">{m.signed_out}</p> }),
                None => None,
            }}
            <p class="intro">{m.sign_in_intro}</p>
            <form class="sign-in-form" on:submit=on_submit novalidate>
                <div class="field">
                    <label for="base-url">{m.base_url_label}</label>
                    <input
                        id="base-url"
                        type="url"
                        name="base_url"
                        autocomplete="url"
                        spellcheck="false"
                        aria-describedby="base-url-hint"
                        aria-invalid=move || (problem.get() == Some(Problem::BadBaseUrl)).to_string()
                        prop:value=base_url
                        on:input:target=move |ev| base_url.set(ev.target().value())
                    />
                    <p id="base-url-hint" class="hint">{m.base_url_hint}</p>
                    <p class="field-error">
                        {move || (problem.get() == Some(Problem::BadBaseUrl)).then_some(m.base_url_invalid)}
                    </p>
                </div>
                <div class="field">
                    <label for="token">{m.token_label}</label>
                    <input
                        id="token"
                        type="password"
                        name="token"
                        autocomplete="off"
                        spellcheck="false"
                        autofocus
                        aria-describedby="token-hint token-error"
                        aria-invalid=move || {
                            matches!(problem.get(), Some(Problem::TokenRequired | Problem::Rejected)).to_string()
                        }
                        prop:value=token
                        on:input:target=move |ev| token.set(ev.target().value())
                    />
                    <p id="token-hint" class="hint">{m.token_hint}</p>
                    <p id="token-error" class="field-error" role="alert">
                        {move || match problem.get() {
                            Some(Problem::TokenRequired) => Some(m.token_required),
                            Some(Problem::Rejected) => Some(m.token_rejected),
                            _ => None,
                        }}
                    </p>
                </div>
                <label class="checkbox">
                    <input
                        type="checkbox"
                        name="remember"
                        prop:checked=remember
                        on:change:target=move |ev| remember.set(ev.target().checked())
                    />
                    <span>{m.remember_label}</span>
                </label>
                <button type="submit" class="button primary" disabled=checking>
                    {move || if checking.get() { m.signing_in } else { m.sign_in_button }}
                </button>
            </form>
            {move || match problem.get() {
                Some(Problem::Other(error)) => Some(view! { <ErrorPanel error /> }),
                _ => None,
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_must_be_http() {
        assert_eq!(
            normalise_base_url(" https://oms.example.com/ ").as_deref(),
            Some("https://oms.example.com")
        );
        assert_eq!(
            normalise_base_url("http://127.0.0.1:8787").as_deref(),
            Some("http://127.0.0.1:8787")
        );
        for bad in [
            "",
            "oms.example.com",
            "javascript:alert(1)",
            "https://",
            "ftp://x",
            "https://user@evil.example",
        ] {
            assert_eq!(normalise_base_url(bad), None, "{bad}");
        }
    }
}
