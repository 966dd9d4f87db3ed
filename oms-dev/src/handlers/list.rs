//! `GET …/inventory-discrepancies/`: filter (400 on bad input), sort, paginate (404 on a
//! bad page) and render `{"count","next","previous","results"}`.

use crate::db::ListResult;
use crate::drf;
use crate::error::{AppError, blocking};
use crate::filters::parse_filters;
use crate::ordering::parse_sort;
use crate::pagination::{Envelope, links, page_request, page_size, request_host};
use crate::querystring::parse_qsl;
use crate::state::Shared;
use crate::urls::LIST_PATH;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::response::Response;
use std::sync::Arc;

/// Handles one list request in DRF's order: filter backend, ordering, then pagination.
pub(crate) async fn handle(state: &Arc<Shared>, req: Request) -> Result<Response, AppError> {
    let raw_query = req.uri().query().unwrap_or("").to_string();
    let pairs = parse_qsl(&raw_query);
    let filters = parse_filters(&pairs)?;
    let sort = parse_sort(&pairs);
    let size = page_size(&pairs);
    let page_req = page_request(&pairs);
    let host = request_host(&req);
    let st = state.clone();
    let ListResult::Page { count, page, rows } =
        blocking("list query", move || st.db.list(&filters, &sort, size, page_req)).await?
    else {
        return Err(AppError::NotFound("Invalid page."));
    };
    let (next, previous) = links(&host, LIST_PATH, &raw_query, &page);
    Ok(drf::json_response(
        StatusCode::OK,
        &Envelope {
            count,
            next,
            previous,
            results: rows,
        },
    ))
}
