//! The signed-in session: credentials, why the user was signed out, and state that must
//! survive a trip through sign-in (the list view, the removal form's input).
//!
//! The token lives in memory; it is copied to `sessionStorage` only when the user asks to
//! stay signed in on this tab, never to `localStorage` (OWASP) and never into a URL.

use crate::api::{ApiError, Credentials};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// `sessionStorage` key of the remembered credentials.
pub const STORAGE_KEY: &str = "discrepancy-admin.session";

/// Why the sign-in page is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// A 401 ended the session.
    Expired,
    /// The user signed out.
    SignedOut,
}

/// Shared session state, provided once by `App`.
#[derive(Clone, Copy)]
pub struct Session {
    credentials: RwSignal<Option<Credentials>>,
    /// Shown once on the sign-in page.
    pub notice: RwSignal<Option<Notice>>,
    /// The list's last query string, so "back to the list" returns to the same page and sort.
    pub list_search: RwSignal<String>,
    /// Bumped after a removal so every list shows fresh data.
    pub data_version: RwSignal<u64>,
    /// The removal form's input, kept across a sign-in caused by an expired token.
    pub remove_draft: RwSignal<RemoveDraft>,
    /// True while a removal POST is in flight: leaving the page then asks first.
    pub removal_in_flight: RwSignal<bool>,
}

/// Raw input of the removal form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RemoveDraft {
    /// `YYYY-MM-DD` from the date input.
    pub expired_date: String,
    /// Stock location id as typed.
    pub stock_location: String,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    base_url: String,
    token: String,
}

impl Session {
    /// A session restored from `sessionStorage` when the user had asked to stay signed in.
    pub fn restore() -> Session {
        let stored = storage()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .and_then(|json| serde_json::from_str::<Stored>(&json).ok())
            .filter(|s| !s.token.is_empty())
            .map(|s| Credentials {
                base_url: s.base_url,
                token: s.token,
            });
        Session {
            credentials: RwSignal::new(stored),
            notice: RwSignal::new(None),
            list_search: RwSignal::new(String::new()),
            data_version: RwSignal::new(0),
            remove_draft: RwSignal::new(RemoveDraft::default()),
            removal_in_flight: RwSignal::new(false),
        }
    }

    /// The current credentials (tracked: readers re-run on sign-in and sign-out).
    pub fn credentials(&self) -> Option<Credentials> {
        self.credentials.get()
    }

    /// The current credentials, without subscribing (for event handlers).
    pub fn credentials_untracked(&self) -> Option<Credentials> {
        self.credentials.get_untracked()
    }

    /// Accepts checked credentials; `remember` keeps them for this tab's reloads.
    pub fn sign_in(&self, credentials: Credentials, remember: bool) {
        if let Some(storage) = storage() {
            if remember {
                let stored = Stored {
                    base_url: credentials.base_url.clone(),
                    token: credentials.token.clone(),
                };
                if let Ok(json) = serde_json::to_string(&stored) {
                    let _ = storage.set_item(STORAGE_KEY, &json);
                }
            } else {
                let _ = storage.remove_item(STORAGE_KEY);
            }
        }
        self.notice.set(None);
        self.credentials.set(Some(credentials));
    }

    /// Forgets the token everywhere it was kept.
    pub fn sign_out(&self, notice: Notice) {
        if let Some(storage) = storage() {
            let _ = storage.remove_item(STORAGE_KEY);
        }
        self.notice.set(Some(notice));
        self.credentials.set(None);
    }

    /// Every OMS result passes here: a 401 anywhere ends the session, and the guard then
    /// sends the user to sign-in and back.
    pub fn observe<T>(&self, result: &Result<T, ApiError>) {
        if let Err(ApiError::Unauthorized { .. }) = result
            && self.credentials.get_untracked().is_some()
        {
            self.sign_out(Notice::Expired);
        }
    }
}

/// The session provided by `App`.
pub fn use_session() -> Session {
    expect_context::<Session>()
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.session_storage().ok().flatten())
}

/// Where to go after sign-in: only a path of this app, never another origin
/// (`//evil.example`, `https://…`), so a crafted link cannot redirect the user away.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && !path.starts_with("/sign-in") =>
        {
            path.to_string()
        }
        _ => "/discrepancies".to_string(),
    }
}

/// The sign-in URL that returns to `path_and_query` afterwards.
pub fn sign_in_url(path_and_query: &str) -> String {
    format!(
        "/sign-in?{}",
        crate::api::query::encode_pairs(&[("next", path_and_query.to_string())])
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_is_limited_to_this_app() {
        assert_eq!(safe_next(Some("/discrepancies?page=3")), "/discrepancies?page=3");
        assert_eq!(safe_next(Some("/discrepancies/42")), "/discrepancies/42");
        for bad in [
            "//evil.example.com",
            "https://evil.example.com",
            "javascript:alert(1)",
            "/\\evil.example.com",
            "",
            "/sign-in?next=/x",
        ] {
            assert_eq!(safe_next(Some(bad)), "/discrepancies", "{bad}");
        }
        assert_eq!(safe_next(None), "/discrepancies");
    }

    #[test]
    fn sign_in_url_encodes_the_return_path() {
        assert_eq!(
            sign_in_url("/discrepancies?page=3&limit=50"),
            "/sign-in?next=%2Fdiscrepancies%3Fpage%3D3%26limit%3D50"
        );
    }
}
