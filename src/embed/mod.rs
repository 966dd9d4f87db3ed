//! Embedding in a host back office (an Omnitron-like shell) over Akinon's UI Protocol.
//!
//! Runs only when the configuration names allowed shell origins (`shell_origins`) and the
//! page is in a frame; otherwise nothing here runs and the standalone app is unchanged.
//! Then the app:
//! - announces itself with `SET_CONFIG` (its menu, in its language) every 500 ms until the
//!   shell answers, at most 20 times, and again after a language change;
//! - applies every `SET_DATA`: the locale drives the language ([`crate::i18n::Language`]'s
//!   host seam), the theme the palette (`<html data-theme>`), new search parameters the
//!   current view's query, and a new OMS token signs the app in, in memory only;
//! - follows `NAVIGATE_CHILD` without a reload and reports its own route changes with
//!   `NAVIGATE` ([`EmbedBridge`], inside the router), never echoing a route the shell asked
//!   for;
//! - shows removal progress and outcomes with `SHOW_TOAST` as well as in the app;
//! - after a 401 on a shell token asks the shell for a new one (`INVOKE_ACTION
//!   refreshOmsToken`, 5 s), and otherwise shows its own sign-in in the frame. It asks once:
//!   again only after a request with the new token succeeded, so a shell that keeps
//!   answering with bad tokens cannot make it loop.
//!
//! The state lives as long as the page, in one thread-local value: the session and the
//! removal flow call in ([`renew`], [`token_works`], [`removal_changed`]) and those calls do
//! nothing standalone. Plain calls rather than effects watching signals keep the protocol
//! small (features pay for their bytes).
//!
//! Security (the contract's section 5): a message is read only when it comes from
//! `window.parent` and its origin is one of the allowed ones, exactly; everything else is
//! ignored and counted (`<html data-embed-ignored>`). Messages go only to `window.parent`,
//! addressed to the shell's origin (to each allowed origin until the shell has spoken:
//! the browser delivers to the one that matches), and none carries the token.

mod bridge;
mod wire;

pub use bridge::EmbedBridge;

use crate::Shared;
use crate::api::{Credentials, retry::sleep_ms};
use crate::json::Json;
use crate::messages::t;
use crate::removal::texts::failure_headline;
use crate::removal::{Feedback, Stage};
use crate::routes::{INSIGHTS, LIST, REMOVE};
use crate::session::{Notice, Session};
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use wire::Incoming;

/// How long the shell has to answer `refreshOmsToken` before the app shows its sign-in.
const REFRESH_TIMEOUT_MS: u32 = 5_000;

/// The router's navigation to an app path, lent by the mounted [`EmbedBridge`].
type Go = Rc<dyn Fn(&str)>;

thread_local! {
    static HOST: RefCell<Option<Rc<Host>>> = const { RefCell::new(None) };
}

/// The app's side of the protocol, for the page's lifetime.
struct Host {
    allowed: Vec<String>,
    parent: web_sys::Window,
    state: RefCell<State>,
}

/// Where a token from the shell stands after a 401.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
enum Renewal {
    /// The shell may be asked for a new token.
    #[default]
    Allowed,
    /// It was asked; its answer (or the timeout) decides.
    Asking,
    /// A renewed token that has not yet worked: a 401 signs out.
    Spent,
}

#[derive(Default)]
struct State {
    /// The shell's origin, once it has spoken.
    origin: Option<String>,
    /// The app path last reported to the shell or asked for by it.
    reported: String,
    /// The router's navigation, while a mount of the app has one ([`EmbedBridge`]).
    go: Option<Go>,
    /// The last token the shell gave: only a different one signs in again (a `SET_DATA`
    /// that changes the theme does not undo the user's sign-out), and a 401 on any other
    /// token (one the user typed) is not the shell's to renew.
    token: Option<String>,
    renewal: Renewal,
    /// The last `searchParams`: a repeated one does not move the view again.
    search: Option<String>,
    /// The reply id of the token request in flight.
    pending: Option<String>,
    /// The last toast sent, so a re-render does not repeat it.
    toast: Option<String>,
    /// A `SET_DATA` arrived.
    connected: bool,
    ignored: u32,
}

fn host() -> Option<Rc<Host>> {
    HOST.with(|h| h.borrow().clone())
}

/// Starts the protocol when the app is framed and configured for it; true when it runs.
pub fn start(shared: &Shared) -> bool {
    if shared.config.shell_origins.is_empty() {
        return false;
    }
    let Some(window) = web_sys::window() else {
        return false;
    };
    let Some(parent) = window
        .parent()
        .ok()
        .flatten()
        .filter(|p| !js_sys::Object::is(p, &window))
    else {
        return false;
    };
    HOST.with(|h| {
        *h.borrow_mut() = Some(Rc::new(Host {
            allowed: shared.config.shell_origins.clone(),
            parent,
            state: RefCell::default(),
        }))
    });
    html_attr("data-embedded", "");
    shared.session.awaiting_host.set(true);
    let listener_shared = shared.clone();
    // For the page's lifetime: the protocol outlives every mount of the app.
    let _ = window_event_listener(leptos::ev::message, move |ev| receive(&listener_shared, &ev));
    let session = shared.session;
    // Re-sent until a `SET_DATA` arrives (the shell may not listen yet). With no answer at
    // all the guard stops waiting, and the user signs in inside the frame.
    wasm_bindgen_futures::spawn_local(async move {
        for _ in 0..20 {
            if host().is_none_or(|h| h.state.borrow().connected) {
                return;
            }
            announce();
            sleep_ms(500).await;
        }
        stop_waiting(session);
    });
    true
}

fn receive(shared: &Shared, ev: &web_sys::MessageEvent) {
    let Some(host) = host() else { return };
    let trusted = ev.source().is_some_and(|s| js_sys::Object::is(&s, &host.parent))
        && host.allowed.iter().any(|o| *o == ev.origin());
    let pending = host.state.borrow().pending.clone();
    let message = match ev.data().as_string() {
        Some(text) if trusted => wire::decode(&text, pending.as_deref()),
        _ => Err(wire::WireError::NotFramebus),
    };
    let Ok(message) = message else {
        let ignored = {
            let mut state = host.state.borrow_mut();
            state.ignored += 1;
            state.ignored
        };
        html_attr("data-embed-ignored", &ignored.to_string());
        return;
    };
    host.state.borrow_mut().origin = Some(ev.origin());
    let session = shared.session;
    match message {
        Incoming::Data(data) => {
            host.state.borrow_mut().connected = true;
            if let Some(locale) = data.locale
                && shared.language.host.with_untracked(|l| *l != locale)
            {
                shared.language.host.set(locale);
            }
            if let Some(theme) = data.theme {
                html_attr("data-theme", theme.attr());
            }
            // New search parameters become the view's query (the bridge does nothing when it
            // already has it, as after a cold load from the shell's own address).
            if let Some(search) = data.search {
                let previous = host.state.borrow_mut().search.replace(search.clone());
                if previous.is_none_or(|p| p != search) {
                    host.go(&format!("?{search}"));
                }
            }
            if let Some(credentials) = data.oms {
                let previous = host.state.borrow_mut().token.replace(credentials.token.clone());
                if previous.as_deref() != Some(credentials.token.as_str()) {
                    host.state.borrow_mut().renewal = Renewal::Allowed;
                    session.sign_in(credentials, false);
                }
            }
            stop_waiting(session);
        }
        // Kept for diagnostics, where the developer tools show it.
        Incoming::AppId(id) => html_attr("data-embed-app-id", &id),
        Incoming::Navigate(path) => host.go(&path),
        Incoming::Reply(answer) => {
            let current = session.credentials_untracked();
            let renewed = {
                let mut state = host.state.borrow_mut();
                state.pending = None;
                if state.renewal != Renewal::Asking {
                    return;
                }
                state.renewal = Renewal::Spent;
                let renewed = wire::refreshed_token(&answer).filter(|t| state.token.as_ref() != Some(t));
                state.token = renewed.clone().or(state.token.take());
                renewed
            };
            match (renewed, current) {
                (Some(token), Some(current)) => session.sign_in(
                    Credentials {
                        base_url: current.base_url,
                        token,
                    },
                    false,
                ),
                _ => session.sign_out(Notice::Expired),
            }
        }
    }
}

impl Host {
    /// Posts to the shell: to its origin once known, else to every allowed origin (only the
    /// parent's own origin receives it). Nothing posted carries the token.
    fn post(&self, event: &str, data: Json, reply: Option<&str>) {
        let known = self.state.borrow().origin.clone();
        let targets = match &known {
            Some(origin) => std::slice::from_ref(origin),
            None => self.allowed.as_slice(),
        };
        for origin in targets {
            let text = wire::encode(event, origin, &data, reply);
            let _ = self.parent.post_message(&JsValue::from_str(&text), origin);
        }
    }

    /// Goes where the shell asked (`?query`: the current path with that query), without
    /// reporting it back.
    fn go(&self, target: &str) {
        let go = self.state.borrow().go.clone();
        if let Some(go) = go {
            go(target);
        }
    }
}

/// `SET_CONFIG`, with the menu in the current language (again after a language change).
pub fn announce() {
    if let Some(host) = host() {
        let m = t();
        host.post(
            wire::SET_CONFIG,
            wire::config_data(&[(LIST, m.nav_list), (INSIGHTS, m.nav_insights), (REMOVE, m.nav_remove)]),
            None,
        );
    }
}

/// A 401 with `session`'s token: true when the shell gave that token and is (or was just)
/// asked for a new one, so the session waits; false when the caller should sign out.
pub fn renew(session: Session) -> bool {
    let Some(host) = host() else { return false };
    let id = {
        let mut state = host.state.borrow_mut();
        let token = session.credentials_untracked().map(|c| c.token);
        if token.is_none() || state.token != token {
            return false;
        }
        match state.renewal {
            Renewal::Asking => return true,
            Renewal::Spent => return false,
            Renewal::Allowed => {}
        }
        let id = request_id();
        state.renewal = Renewal::Asking;
        state.pending = Some(id.clone());
        id
    };
    let request = wire::object(vec![
        ("key", Json::Str(wire::REFRESH_OMS_TOKEN.into())),
        ("args", Json::Arr(Vec::new())),
    ]);
    host.post(wire::INVOKE_ACTION, request, Some(&id));
    wasm_bindgen_futures::spawn_local(async move {
        sleep_ms(REFRESH_TIMEOUT_MS).await;
        let unanswered = {
            let mut state = host.state.borrow_mut();
            let unanswered = state.pending.as_deref() == Some(id.as_str());
            if unanswered {
                state.pending = None;
                state.renewal = Renewal::Spent;
            }
            unanswered
        };
        if unanswered {
            session.sign_out(Notice::Expired);
        }
    });
    true
}

/// A request succeeded: a renewed token has proven itself and may be renewed again.
pub fn token_works() {
    if let Some(host) = host() {
        let mut state = host.state.borrow_mut();
        if state.renewal == Renewal::Spent {
            state.renewal = Renewal::Allowed;
        }
    }
}

/// The removal moved to `stage`: its progress and outcome as shell toasts, a loading toast
/// while it is sent and then the outcome in its place.
pub fn removal_changed(stage: &Stage) {
    let Some(host) = host() else { return };
    let m = t();
    let (kind, content) = match stage {
        Stage::Sending(..) => ("loading", m.removal_in_progress.to_string()),
        Stage::Done(_, count) => ("success", m.removed(*count)),
        Stage::Editing(Feedback::Failed { outcome, .. }) => ("error", failure_headline(*outcome).to_string()),
        Stage::Editing(Feedback::Rejected(_)) => ("error", m.remove_failed.to_string()),
        _ => {
            host.state.borrow_mut().toast = None;
            return;
        }
    };
    if host.state.borrow_mut().toast.replace(content.clone()).as_deref() == Some(content.as_str()) {
        return;
    }
    let toast = |kind: &str, content: String| {
        wire::object(vec![("content", Json::Str(content)), ("type", Json::Str(kind.into()))])
    };
    if kind != "loading" {
        host.post(wire::SHOW_TOAST, toast("destroy", String::new()), None);
    }
    host.post(wire::SHOW_TOAST, toast(kind, content), None);
}

/// An in-app route change: reported to the shell unless the shell asked for it or already
/// knows it.
fn report(here: String) {
    let Some(host) = host() else { return };
    if std::mem::replace(&mut host.state.borrow_mut().reported, here.clone()) != here {
        host.post(
            wire::NAVIGATE,
            wire::object(vec![("path", Json::Str(here)), ("external", Json::Bool(false))]),
            None,
        );
    }
}

/// The guard stops waiting for the host. Only a change notifies: the guard's view would
/// otherwise be built again on every `SET_DATA`.
fn stop_waiting(session: Session) {
    if session.awaiting_host.get_untracked() {
        session.awaiting_host.set(false);
    }
}

/// A fresh reply id, a version-4 UUID as framebus makes them. Only the verified parent's
/// answers are read, so it must be unique, not secret: `Math.random` serves
/// (`crypto.randomUUID` would also need a secure context).
fn request_id() -> String {
    let hex = |digits: u32| {
        let n = js_sys::Math::random() * f64::from(16u32.pow(digits));
        let text: String = js_sys::Number::from(n.floor() + f64::from(16u32.pow(digits)))
            .to_string_with_radix(16)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default();
        text[1..].to_string()
    };
    let variant = ["8", "9", "a", "b"][(js_sys::Math::random() * 4.0) as usize & 3];
    format!(
        "{}{}-{}-4{}-{variant}{}-{}{}{}",
        hex(4),
        hex(4),
        hex(4),
        hex(3),
        hex(3),
        hex(4),
        hex(4),
        hex(4)
    )
}

fn html_attr(name: &str, value: &str) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute(name, value);
    }
}
