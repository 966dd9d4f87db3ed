//! Many small reads, a few at a time: the removal's breakdown asks the OMS for counts (a
//! page of one row under the filters: its `count`, and its row for a sorted query), never
//! for the records themselves, so it costs the same for a hundred records or a million.

use super::{ApiError, Cancel, Credentials, Discrepancy, ListQuery, Page, RetryControl};
use std::cell::Cell;
use std::rc::Rc;

/// Reads in flight at most: the OMS serves the shops too, and a browser keeps only six
/// connections per host (one stays free for the page itself).
pub const MAX_IN_FLIGHT: usize = 4;

/// What [`each_count`] hands over for the query at an index.
pub type OnAnswer = Rc<dyn Fn(usize, Result<Page<Discrepancy>, ApiError>)>;

/// Sends every query as a page of one row, with a read's retries, at most
/// [`MAX_IN_FLIGHT`] at once and in their order, and hands each answer to `on_answer` as it
/// arrives. Once `cancel` is aborted, the requests in flight end as `Aborted` and no new
/// one starts.
pub fn each_count(
    credentials: Credentials,
    queries: Vec<ListQuery>,
    retries: RetryControl,
    cancel: Cancel,
    on_answer: OnAnswer,
) {
    let queries = Rc::new(queries);
    let next = Rc::new(Cell::new(0usize));
    for _ in 0..MAX_IN_FLIGHT.min(queries.len()) {
        let (queries, next, credentials, cancel, on_answer) = (
            queries.clone(),
            next.clone(),
            credentials.clone(),
            cancel.clone(),
            on_answer.clone(),
        );
        leptos::task::spawn_local(async move {
            while !cancel.is_aborted() {
                let index = next.get();
                let Some(query) = queries.get(index) else { break };
                next.set(index + 1);
                let query = ListQuery {
                    limit: 1,
                    page: 1,
                    ..query.clone()
                };
                let answer = crate::loader::read_page(retries, cancel.clone(), &credentials, &query).await;
                on_answer(index, answer);
            }
        });
    }
}
