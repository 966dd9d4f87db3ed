//! The signed-in session: credentials, why the user was signed out, and where they are kept.
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
