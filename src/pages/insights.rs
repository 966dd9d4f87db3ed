//! `/discrepancies/insights`: the list's filters as counts and charts. The counts of each
//! filter set stay for the session ([`crate::insights::with_set`]): coming back shows them
//! at once and asks only what is missing.
//!
//! Few moving parts, for size: one effect follows the address (and the location names and
//! the data) to plan, ask and draw; each answer draws the body again as markup
//! ([`render::page`]) straight into the page; one click handler serves its buttons
//! (`data-act`) and its charts' links, which the router does not follow by itself (SVG
//! links are not `HTMLAnchorElement`s).

use crate::api::counts::each_count;
use crate::api::{ApiError, Cancel, Discrepancy, Filters, ListQuery, Page, RetryControl};
use crate::focus;
use crate::insights::render::{self, Context};
use crate::insights::{Insights, Section, Span, look, set_look, with_set};
use crate::messages::t;
use crate::routes::{Base, use_base, use_go};
use crate::session::use_session;
use crate::ui_state::{UiState, use_ui};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// What the page keeps between its effect, its answers and its clicks.
struct State {
    base: Base,
    /// The filters shown, as the address gives them.
    shown: ListQuery,
    /// The counts on their way: their handle, the filters they are of, and whether more
    /// were planned meanwhile. (After a removal changed the data, the run's answers are for
    /// counts no longer kept, and go unrecorded; the new ones follow it.)
    run: Option<(Cancel, Filters, bool)>,
    /// Whether "every count is in" was said for what is shown.
    announced: bool,
}

/// What the page's counts go with; `Copy`, so every closure takes it whole.
#[derive(Clone, Copy)]
struct Counts {
    ui: UiState,
    session: crate::session::Session,
    /// The page's own state, one value (each kind of stored value compiles its own code).
    state: StoredValue<State, LocalStorage>,
    /// The counts' automatic retries: made with the page, not in the effect that asks (its
    /// next run would dispose of them under the counts still on their way).
    retries: RetryControl,
}

impl Counts {
    /// The OMS and the data state the counts are of; `None` when signed out.
    fn of(self) -> Option<(String, u64)> {
        let base = self.session.credentials_untracked()?.base_url;
        Some((base, self.ui.data_version.get_untracked()))
    }

    fn stop(self) {
        if let Some(Some((old, ..))) = self.state.try_update_value(|s| s.run.take()) {
            old.abort();
        }
    }

    /// Writes the body for what is shown; the focus stays on the control it was on.
    fn draw(self) {
        let (Some(el), Some((shown, base))) = (
            focus::find(".insights-page"),
            self.state.try_with_value(|s| (s.shown.clone(), s.base.clone())),
        ) else {
            return;
        };
        let m = t();
        let html = self.ui.locations.with_untracked(|names| {
            let c = Context {
                m,
                names,
                base: &base,
                look: look(),
            };
            match self.of() {
                Some(of) if shown.malformed.is_empty() => with_set((&of.0, of.1), &shown.filters, false, |set| {
                    let (done, of) = set.progress();
                    let first = self.state.try_update_value(|s| {
                        let first = done == of && !s.announced;
                        s.announced = done == of;
                        first
                    });
                    if first == Some(true) {
                        focus::announce(m.ins_done.to_string());
                    }
                    render::page(&c, set)
                }),
                _ => Some(render::malformed(&c, &shown)),
            }
        });
        let key = document()
            .active_element()
            .filter(|a| a.closest(".insights-page").ok().flatten().is_some())
            .and_then(|a| a.get_attribute("data-act").or_else(|| a.get_attribute("href")));
        el.set_inner_html(&html.unwrap_or_default());
        if let Some(key) = key {
            let key = key.replace('\\', "\\\\").replace('"', "\\\"");
            if let Some(again) = focus::find(&format!(
                ".insights-page [data-act=\"{key}\"], .insights-page [href=\"{key}\"]"
            )) {
                focus::focus(&again);
            }
        }
    }

    /// Plans `change` on the counts shown, draws, and sends what is not in yet (and the
    /// failed ones of `retry`), at most four at a time. While counts of the same filters are
    /// on their way, the new ones wait for them (and go once they are in): nothing is asked
    /// twice and no more than four are ever in flight. Counts of other filters are stopped.
    #[inline(never)]
    fn ask(self, retry: Option<Section>, change: &dyn Fn(&mut Insights)) {
        let (Some(of), Some(credentials), Some(filters)) = (
            self.of(),
            self.session.credentials_untracked(),
            self.state
                .try_with_value(|s| s.shown.malformed.is_empty().then(|| s.shown.filters.clone()))
                .flatten(),
        ) else {
            return self.draw();
        };
        let busy = self
            .state
            .with_value(|s| s.run.as_ref().is_some_and(|(_, f, _)| *f == filters));
        let jobs = with_set((&of.0, of.1), &filters, true, |set| {
            change(set);
            set.queue(retry)
        })
        .unwrap_or_default();
        self.draw();
        if busy {
            self.state.update_value(|s| {
                if let Some((_, _, again)) = &mut s.run {
                    *again = true;
                }
            });
            return;
        }
        self.stop();
        if jobs.is_empty() {
            return;
        }
        let run = Cancel::new();
        self.state
            .update_value(|s| s.run = Some((run.clone(), filters.clone(), false)));
        let (indices, queries): (Vec<usize>, Vec<ListQuery>) = jobs.into_iter().unzip();
        let stopped = run.clone();
        let left = std::cell::Cell::new(indices.len());
        let on_answer = Rc::new(move |at: usize, answer: Result<Page<Discrepancy>, ApiError>| {
            if stopped.is_aborted() {
                return;
            }
            with_set((&of.0, of.1), &filters, false, |set| {
                set.answer(indices[at], answer.map(|p| p.count))
            });
            left.set(left.get() - 1);
            if left.get() > 0 {
                return self.draw();
            }
            // The run is over: what was planned meanwhile goes now.
            let again = self
                .state
                .try_update_value(|s| s.run.take().is_some_and(|(_, _, again)| again));
            if again == Some(true) {
                self.ask(None, &|_| {});
            } else {
                self.draw();
            }
        });
        each_count(credentials, queries, self.retries, run, on_answer);
    }

    /// The location ids known, in order.
    fn location_ids(self) -> Vec<i64> {
        self.ui
            .locations
            .with_untracked(|n| n.all().iter().map(|(id, _)| *id).collect())
    }

    /// A click in the body: a button's action, or a chart's link followed by the router.
    fn click(self, ev: leptos::ev::MouseEvent, go: &dyn Fn(&str, bool)) {
        let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("[data-act], a").ok().flatten())
        else {
            return;
        };
        let mut l = look();
        match el.get_attribute("data-act").as_deref() {
            Some("tables") => {
                l.tables = !l.tables;
                set_look(l);
                return self.draw();
            }
            Some("span0") => l.span = Span::Weeks,
            Some("span1") => l.span = Span::Days,
            Some("more") => {
                let ids = self.location_ids();
                return self.ask(None, &|set| set.plan_locations(&ids, true));
            }
            Some("retry") => {
                let at = el.get_attribute("data-section").and_then(|n| n.parse::<usize>().ok());
                let section = at.and_then(|i| Section::ALL.get(i).copied());
                return self.ask(section, &|_| {});
            }
            _ => {
                let plain = !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() || ev.button() != 0);
                if let Some(href) = el
                    .get_attribute("href")
                    .filter(|_| plain && !el.is_instance_of::<web_sys::HtmlAnchorElement>())
                {
                    ev.prevent_default();
                    go(
                        self.state.with_value(|s| s.base.app_path(&href).to_string()).as_str(),
                        false,
                    );
                }
                return;
            }
        }
        set_look(l);
        self.ask(None, &|set| set.plan_span(l.span));
    }
}

/// The insights of the filters in the URL.
#[component]
pub fn InsightsPage() -> impl IntoView {
    let ui = use_ui();
    let session = use_session();
    let go = use_go();
    crate::locations::ensure(session, ui.locations);
    let query_map = use_query_map();
    let counts = Counts {
        ui,
        session,
        state: StoredValue::new_local(State {
            base: use_base(),
            shown: ListQuery::default(),
            run: None,
            announced: false,
        }),
        retries: RetryControl::default(),
    };
    on_cleanup(move || counts.stop());
    // Follows the address, the location names and the data: plans, asks and draws. After
    // the view is in the document: drawing writes into it.
    Effect::new(move |_| {
        let q = query_map.with(|map| ListQuery::from_params(&|k| map.get(k)));
        ui.locations.track();
        ui.data_version.track();
        counts.state.update_value(|s| s.shown = q);
        let ids = counts.location_ids();
        let span = look().span;
        untrack(|| {
            counts.ask(None, &|set| {
                set.plan_span(span);
                if set.locations_known == 0 {
                    set.plan_locations(&ids, false);
                }
            })
        });
    });
    view! { <div class="page insights-page" on:click=move |ev| counts.click(ev, &go)></div> }
}
