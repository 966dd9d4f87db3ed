//! `GET …/inventory-discrepancies/<pk>/`: DRF `retrieve` with Django's two 404 flavours.

use crate::drf;
use crate::error::{AppError, blocking};
use crate::querystring::python_int;
use crate::state::Shared;
use axum::http::StatusCode;
use axum::response::Response;
use std::sync::Arc;

/// `get_object_or_404`'s message for a well-formed but unknown pk.
pub(crate) const NO_MATCH: &str = "No InventoryDiscrepancy matches the given query.";

/// Looks the record up. A pk Python's `int()` rejects makes the lookup raise `ValueError`,
/// which DRF turns into a bare "Not found."; a numeric one that matches nothing (or does not
/// fit the column) gets Django's "No … matches the given query.".
pub(crate) async fn handle(state: &Arc<Shared>, pk: &str) -> Result<Response, AppError> {
    let n = python_int(pk).ok_or(AppError::NotFound("Not found."))?;
    let id = i64::try_from(n).map_err(|_| AppError::NotFound(NO_MATCH))?;
    let st = state.clone();
    let record = blocking("detail query", move || st.db.get(id))
        .await?
        .ok_or(AppError::NotFound(NO_MATCH))?;
    Ok(drf::json_response(StatusCode::OK, &record))
}
