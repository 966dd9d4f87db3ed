//! The signed-in session: credentials, why the user was signed out, and where they are kept.
//!
//! The token lives in memory; it is copied to `sessionStorage` only when the user asks to
//! stay signed in on this tab, never to `localStorage` (OWASP) and never into a URL.

use crate::api::{ApiError, Credentials};
use crate::json::{self, Fields, FromJson, Json, Tree};
use leptos::prelude::*;

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
    /// Embedded, before the host said whether it provides a token: the guard waits instead
    /// of sending the user to sign-in.
    pub awaiting_host: RwSignal<bool>,
}

/// The JSON kept under [`STORAGE_KEY`]: `{"base_url":"…","token":"…"}`.
struct Stored(Credentials);

impl FromJson for Stored {
    fn from_json(tree: Tree<'_>) -> Result<Self, String> {
        let f = Fields::of(tree.0, "stored credentials")?;
        Ok(Stored(Credentials {
            base_url: f.text("base_url")?,
            token: f.text("token")?,
        }))
    }
}

/// The stored form of `credentials`.
fn to_stored(credentials: &Credentials) -> String {
    Json::Obj(vec![
        ("base_url".into(), Json::Str(credentials.base_url.clone())),
        ("token".into(), Json::Str(credentials.token.clone())),
    ])
    .to_text()
}

/// The credentials in a stored text; `None` when it is not ours or has no token.
fn from_stored(text: &str) -> Option<Credentials> {
    json::read(text)
        .ok()
        .map(|Stored(credentials)| credentials)
        .filter(|c| !c.token.is_empty())
}

impl Session {
    /// A session restored from `sessionStorage` when the user had asked to stay signed in.
    pub fn restore() -> Session {
        let stored = storage()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .and_then(|text| from_stored(&text));
        Session {
            credentials: RwSignal::new(stored),
            notice: RwSignal::new(None),
            awaiting_host: RwSignal::new(false),
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
                let _ = storage.set_item(STORAGE_KEY, &to_stored(&credentials));
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
    /// sends the user to sign-in and back. With a token from the host back office the host
    /// is asked for a new one first ([`crate::embed::renew`]).
    pub fn observe<T>(&self, result: &Result<T, ApiError>) {
        match result {
            Ok(_) => crate::embed::token_works(),
            Err(ApiError::Unauthorized { .. })
                if self.credentials.get_untracked().is_some() && !crate::embed::renew(*self) =>
            {
                self.sign_out(Notice::Expired)
            }
            _ => {}
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

#[cfg(test)]
mod tests {
    use super::*;

    fn creds(base_url: &str, token: &str) -> Credentials {
        Credentials {
            base_url: base_url.into(),
            token: token.into(),
        }
    }

    #[test]
    fn stored_credentials_come_back_as_they_were() {
        for c in [
            creds("https://oms.example.com", "2f7c1e9a"),
            creds("", "t\"o\\k\u{1}en é"),
        ] {
            assert_eq!(from_stored(&to_stored(&c)), Some(c));
        }
        assert_eq!(
            to_stored(&creds("https://oms.example.com", "abc")),
            r#"{"base_url":"https://oms.example.com","token":"abc"}"#
        );
    }

    #[test]
    fn what_the_previous_version_stored_still_restores() {
        // Written by serde_json before the browser's parser took over: the same shape.
        let old = serde_json::json!({"base_url": "https://oms.example.com", "token": "t\"1"}).to_string();
        assert_eq!(from_stored(&old), Some(creds("https://oms.example.com", "t\"1")));
    }

    #[test]
    fn anything_else_is_no_session() {
        for text in [
            "",
            "null",
            "{}",
            r#"{"base_url":"x","token":""}"#,
            r#"{"token":5}"#,
            "{",
        ] {
            assert_eq!(from_stored(text), None, "{text}");
        }
    }
}
