//! `GET …/stocklocations/list-simple/`: every stock location, ordered by id, as a plain
//! list or paginated like the discrepancy list, as the current [`LocationsMode`] says. The
//! `forbidden` and `missing` modes are decided before this view runs (permission check and
//! URL resolution, where DRF and Django decide them).

use crate::drf;
use crate::error::AppError;
use crate::locations::LocationsMode;
use crate::pagination::{Envelope, links, page_request, page_size, paginate, request_host};
use crate::querystring::parse_qsl;
use crate::state::Shared;
use crate::urls::LOCATIONS_PATH;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::response::Response;
use std::sync::Arc;

/// Renders the locations in `mode` (`list` or `paginated`; the others never get here).
pub(crate) fn handle(state: &Arc<Shared>, req: &Request, mode: LocationsMode) -> Result<Response, AppError> {
    let all = state.locations.all();
    if mode != LocationsMode::Paginated {
        // A view without a paginator ignores `page` and `limit`.
        return Ok(drf::json_response(StatusCode::OK, &*all));
    }
    let raw_query = req.uri().query().unwrap_or("");
    let pairs = parse_qsl(raw_query);
    let count = all.len() as u64;
    let page = paginate(count, page_size(&pairs), page_request(&pairs)).ok_or(AppError::NotFound("Invalid page."))?;
    let (next, previous) = links(&request_host(req), LOCATIONS_PATH, raw_query, &page);
    let start = page.offset as usize;
    Ok(drf::json_response(
        StatusCode::OK,
        &Envelope {
            count,
            next,
            previous,
            results: &all[start..start + page.len as usize],
        },
    ))
}
