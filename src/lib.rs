//! Back-office admin for OMS inventory discrepancies: list, detail and removal, straight
//! from the browser to the OMS REST API with the operator's own token.
//!
//! `App` provides the session, the cross-page UI state and the configuration and declares
//! the routes; everything else lives in `pages` (one per route), `components` (shared
//! pieces), `api` (the OMS client) and small host-tested modules of logic.

pub mod api;
pub mod components;
pub mod config;
pub mod dates;
pub mod embed;
pub mod export;
mod focus;
pub mod i18n;
mod insights;
mod json;
mod keyboard;
pub mod list_filters;
pub mod loader;
pub mod locations;
pub mod messages;
pub mod pages;
pub mod paging;
pub mod perf;
pub mod recovery;
pub mod redact;
pub mod removal;
pub mod routes;
pub mod session;
mod shortcuts;
pub mod text;
pub mod ui_state;

use components::{AppHeader, RemovalStatus, RequireSession};
use config::AppConfig;
use leptos::either::{EitherOf3, EitherOf4};
use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::location::{BrowserUrl, LocationProvider};
use pages::{DetailPage, InsightsPage, ListPage, NotFoundPage, RemovePage, SignInPage};
use routes::{Base, LIST, Page, path_and_query};
use session::Session;
use std::cell::RefCell;
use std::rc::Rc;
use ui_state::UiState;
use wasm_bindgen::JsCast;

/// What outlives one mount of the app: a language switch mounts the app again with the
/// same configuration, session, cross-page state and language signals.
#[derive(Clone)]
pub struct Shared {
    /// The runtime configuration.
    pub config: AppConfig,
    /// The signed-in session.
    pub session: Session,
    /// Cross-page state, including what forms hold.
    pub ui: UiState,
    /// The language signals (the embedding sets `language.host`).
    pub language: i18n::Language,
    /// Whether a host back office embeds the app and speaks the protocol with it.
    pub embedded: bool,
}

impl Shared {
    /// Fresh cross-page state and this browser's language around `config` and `session`.
    pub fn new(config: AppConfig, session: Session) -> Shared {
        Shared {
            config,
            session,
            ui: UiState::new(),
            language: i18n::Language::new(),
            embedded: false,
        }
    }
}

/// Starts the app in the page, configured from `<meta name="oms-admin-config">`.
///
/// A language switch mounts the app again, in place, in the new language: the view is built
/// afresh (every text, `aria-label` and date in the new language) from state that outlives
/// the mount, so nothing typed is lost, the data on screen is reused without a request
/// ([`ui_state::ReadCache`]), and the focus and scroll position stay. Rebuilding the views
/// in place instead would compile every page's view a second time, for its update.
pub fn start() {
    perf::mark("wasm-start");
    // wasm-bindgen's own: Leptos' executor is set up by the mount, which comes after.
    wasm_bindgen_futures::spawn_local(async {
        api::early::answered_within(EARLY_ANSWER_WAIT_MS).await;
        run();
    });
}

/// How long the start waits for the early list request's answer ([`api::early::answered_within`]):
/// on a cold load it is back in the first few milliseconds after the wasm starts.
const EARLY_ANSWER_WAIT_MS: i32 = 50;

fn run() {
    let mut shared = Shared::new(AppConfig::load(), Session::restore());
    shared.embedded = embed::start(&shared);
    shortcuts::install();
    let language = shared.language;
    follow_document(untrack(|| language.lang()));
    let mounted = Rc::new(RefCell::new(Some(mount(&shared))));
    Effect::new(move |previous: Option<i18n::Lang>| {
        let now = language.lang();
        if previous.is_some_and(|p| p != now) {
            let shared = shared.clone();
            let mounted = mounted.clone();
            // Outside this effect: the new mount must own itself, not be a child of it.
            leptos::task::spawn_local(async move {
                follow_document(now);
                embed::announce(); // the shell's menu in the new language
                let refocus = remount(&shared, &mut mounted.borrow_mut());
                // After the new mount's effects, one of which may move the focus (the
                // removal page focuses its confirmation): the switcher keeps it.
                api::retry::sleep_ms(0).await;
                if refocus {
                    focus_switcher();
                }
            });
        }
        now
    });
}

/// `/` is the list: the address becomes `/discrepancies` (query kept) before the router reads
/// it, so that the first page flip stays on the same route and the list keeps its rows on
/// screen while the next page loads. Done here rather than by a route: one route less to
/// match costs less code than the redirect's view.
fn home_is_the_list(router_base: &str) {
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    let base = Base::new(router_base);
    let (Ok(pathname), Ok(search)) = (location.pathname(), location.search()) else {
        return;
    };
    if base.app_path(&pathname) == "/"
        && let Ok(history) = window.history()
    {
        let target = base.href(&path_and_query(LIST, &search));
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&target));
    }
}

/// A mounted app: dropping the handle takes its view out of the document, and cleaning up
/// the owner ends its effects and listeners (the router's among them). The owner is
/// cleaned up explicitly: a clone of it kept by a pending task would otherwise keep the old
/// router's link handler alive next to the new one's.
struct Mounted {
    handle: Box<dyn std::any::Any>,
    owner: Option<Owner>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        drop(std::mem::replace(&mut self.handle, Box::new(())));
        if let Some(owner) = self.owner.take() {
            owner.cleanup();
        }
    }
}

#[inline(never)]
fn mount(shared: &Shared) -> Mounted {
    let shared = shared.clone();
    let body = leptos::prelude::document().body().expect("a document has a body");
    let owner = Rc::new(RefCell::new(None));
    let slot = owner.clone();
    let handle = leptos::mount::mount_to(body, move || {
        *slot.borrow_mut() = Owner::current();
        app_view(shared)
    });
    let owner = owner.borrow_mut().take();
    // The boot skeleton of index.html goes in the same task as the app arrives: no frame
    // shows both or neither.
    if let Some(boot) = leptos::prelude::document().get_element_by_id("boot") {
        boot.remove();
    }
    perf::mark("app-mounted");
    Mounted {
        handle: Box::new(handle),
        owner,
    }
}

/// Unmounts the app and mounts it again at the same scroll position; true when the language
/// switcher had the focus (it gets it back).
fn remount(shared: &Shared, mounted: &mut Option<Mounted>) -> bool {
    let window = leptos::prelude::window();
    let document = leptos::prelude::document();
    let switching = document
        .active_element()
        .is_some_and(|e| e.id() == components::language_switch::SWITCH_ID);
    let scroll = window.scroll_y().unwrap_or_default();
    drop(mounted.take());
    shared.ui.reads.update_value(|r| r.set_remounting(true));
    *mounted = Some(mount(shared));
    shared.ui.reads.update_value(|r| r.set_remounting(false));
    window.scroll_to_with_x_and_y(0.0, scroll);
    switching
}

fn focus_switcher() {
    if let Some(el) = leptos::prelude::document().get_element_by_id(components::language_switch::SWITCH_ID)
        && let Ok(el) = el.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = el.focus();
    }
}

/// The document follows the language: `<html lang>` (screen readers, hyphenation, and CSS
/// `text-transform` with Turkish casing: i → İ) and the title.
fn follow_document(lang: i18n::Lang) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        if let Some(root) = document.document_element() {
            let _ = root.set_attribute("lang", lang.tag());
        }
        document.set_title(messages::messages(lang).app_title);
    }
}

/// The page of the current path ([`routes::page_at`]); it stays while only the query changes
/// (a page flip keeps the list and its rows on screen while the next page loads).
///
/// The router leaves the address bar unchanged after a link to another path until the
/// routes say the new view is there (`ready_to_complete`): done once the view has changed.
#[component]
fn Pages() -> impl IntoView {
    let path = routes::use_app_path();
    let page = Memo::new(move |_| path.with(|p| routes::page_at(p)));
    if let Some(url) = use_context::<BrowserUrl>() {
        Effect::new(move |_| {
            path.track();
            url.ready_to_complete();
        });
    }
    // The pages behind the session guard, as one type of view: one type-erased child of
    // the guard instead of one per page (each `into_any` compiles its own).
    let protected = |page: Page| {
        let view = move || match page {
            Page::List => EitherOf4::A(ListPage()),
            Page::Remove => EitherOf4::B(RemovePage()),
            Page::Detail => EitherOf4::C(DetailPage()),
            _ => EitherOf4::D(InsightsPage()),
        };
        EitherOf3::A(view! { <RequireSession>{view}</RequireSession> })
    };
    move || match page.get() {
        Page::SignIn => EitherOf3::B(SignInPage()),
        Page::NotFound => EitherOf3::C(NotFoundPage()),
        protected_page => protected(protected_page),
    }
}

/// The app with explicit configuration and session, for tests.
pub fn app_with(config: AppConfig, session: Session) -> impl IntoView {
    app_view(Shared::new(config, session))
}

/// The app around `shared`: contexts, the routes, and the guards of one mount.
fn app_view(shared: Shared) -> impl IntoView {
    let Shared {
        config,
        session,
        ui,
        language,
        embedded,
    } = shared;
    home_is_the_list(&config.router_base);
    let base = Base::new(&config.router_base);
    let router_base = base.as_str().to_string();
    provide_context(language);
    provide_context(base);
    provide_context(config);
    provide_context(session);
    provide_context(ui);
    // Closing or reloading the tab while a removal is in flight would leave its outcome
    // unknown to the user: the browser asks first.
    let leave_guard = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if ui.removal.with_untracked(|s| s.sending()) {
            ev.prevent_default();
        }
    });
    on_cleanup(move || leave_guard.remove());
    // Options written as markup: static text, escaped, rebuilt once per OMS.
    Effect::new(move |_| {
        let options = ui.locations.with(locations::options_html);
        if let Some(list) = focus::find("#location-names") {
            list.set_inner_html(&options);
        }
    });
    let signed_in = move || session.credentials().is_some();
    view! {
        <Router base=router_base>
            {embedded.then(|| view! { <embed::EmbedBridge /> })}
            // `target` leaves the click to the browser: a fragment link moves the focus to
            // `<main>` (focusable from script by `tabindex`), where the router would navigate.
            <a class="skip-link" href="#main" target="_self">{messages::t().skip_to_main}</a>
            {move || signed_in().then(|| view! { <AppHeader /> })}
            <p id=focus::ANNOUNCER_ID class="visually-hidden" aria-live="polite"></p>
            // The stock location names, offered by every stock location field as it is typed.
            <datalist id="location-names"></datalist>
            <main id="main" tabindex="-1">
                {move || signed_in().then(|| view! { <RemovalStatus /> })}
                <Pages />
            </main>
        </Router>
    }
}
