//! `GET …/inventory-discrepancies/<pk>/`: DRF `retrieve` with Django's two 404 flavours.

use crate::AppState;
use crate::drf;
use crate::drf::server_error;
use crate::querystring::python_int;
use axum::http::StatusCode;
use axum::response::Response;

/// `get_object_or_404`'s message for a well-formed but unknown pk.
pub const NO_MATCH: &str = "No InventoryDiscrepancy matches the given query.";

/// Looks the record up. A pk Python's `int()` rejects makes the lookup raise `ValueError`,
/// which DRF turns into a bare "Not found."; a numeric one that matches nothing (or does not
/// fit the column) gets Django's "No … matches the given query.".
pub async fn handle(state: &AppState, pk: &str) -> Response {
    let Some(n) = python_int(pk) else {
        return drf::detail(StatusCode::NOT_FOUND, "Not found.");
    };
    let Ok(id) = i64::try_from(n) else {
        return drf::detail(StatusCode::NOT_FOUND, NO_MATCH);
    };
    let st = state.clone();
    match tokio::task::spawn_blocking(move || st.db.get(id)).await {
        Ok(Ok(Some(rec))) => drf::json_response(StatusCode::OK, &rec),
        Ok(Ok(None)) => drf::detail(StatusCode::NOT_FOUND, NO_MATCH),
        Ok(Err(e)) => {
            tracing::error!("detail query failed: {e}");
            server_error()
        }
        Err(e) => {
            tracing::error!("detail task failed: {e}");
            server_error()
        }
    }
}
