//! The removal's breakdown in its confirmation: what would go, by reason and by stock
//! location, and how old it is, filled in as the counts arrive. A count that failed reads
//! "not available"; none of this holds up the confirm button, which needs only the total.

use crate::api::counts::each_count;
use crate::api::{ApiError, Cancel, RemoveRequest, RetryControl};
use crate::locations::Names;
use crate::messages::t;
use crate::removal::impact::Impact;
use crate::session::Session;
use leptos::prelude::*;
use std::rc::Rc;

/// The breakdown of the removal being confirmed, and the handle that stops its counts.
#[derive(Clone, Copy)]
pub(crate) struct Breakdown {
    impact: RwSignal<Option<Impact>>,
    cancel: StoredValue<Option<Cancel>, LocalStorage>,
    retries: RetryControl,
}

impl Breakdown {
    /// No breakdown yet; the page's end stops its counts.
    pub(crate) fn new() -> Breakdown {
        let breakdown = Breakdown {
            impact: RwSignal::new(None),
            cancel: StoredValue::new_local(None),
            retries: RetryControl::default(),
        };
        on_cleanup(move || breakdown.stop());
        breakdown
    }

    /// Starts counting for `request`, unless that is already under way; stops the counts of
    /// any other request first.
    pub(crate) fn start(self, request: RemoveRequest, session: Session, names: &Names) {
        if self
            .impact
            .with_untracked(|i| i.as_ref().is_some_and(|i| i.request == request))
        {
            return;
        }
        self.stop();
        let Some(credentials) = session.credentials_untracked() else {
            return;
        };
        let ids: Vec<i64> = names.all().iter().map(|(id, _)| *id).collect();
        let plan = Impact::plan(request, &ids);
        let queries = plan.queries();
        self.impact.set(Some(plan));
        let cancel = Cancel::new();
        self.cancel.set_value(Some(cancel.clone()));
        let impact = self.impact;
        let on_answer = Rc::new(move |index, answer: Result<_, ApiError>| {
            // Stopped on purpose (sent, cancelled): what is shown stays as it is.
            if answer.as_ref().err() == Some(&ApiError::Aborted) {
                return;
            }
            impact.try_update(|slot| {
                if let Some(i) = slot.as_mut().filter(|i| i.request == request) {
                    i.answer(index, answer);
                }
            });
        });
        each_count(credentials, queries, self.retries, cancel, on_answer);
    }

    /// Stops the counts in flight; what arrived stays on screen.
    pub(crate) fn stop(self) {
        if let Some(Some(cancel)) = self.cancel.try_update_value(Option::take) {
            cancel.abort();
        }
    }

    /// Stops and forgets: the next review counts afresh.
    pub(crate) fn clear(self) {
        self.stop();
        if self.impact.with_untracked(Option::is_some) {
            self.impact.set(None);
        }
    }

    /// The breakdown of `total` records, as it stands.
    pub(crate) fn view(self, total: u64, names: RwSignal<Names>) -> impl IntoView {
        let html = move || {
            self.impact
                .with(|i| i.as_ref().map(|i| names.with(|n| i.html(t(), total, n))))
                .unwrap_or_default()
        };
        view! { <div class="impact" inner_html=html></div> }
    }
}
