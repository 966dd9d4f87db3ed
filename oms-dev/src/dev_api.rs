//! The unauthenticated `/__dev/` control API of the dev server: request counters, runtime
//! fault injection, token revocation, the stock locations' mode, reseeding and record
//! insertion, so browser tests can arrange exactly the situation they need.

use crate::config::DEFAULT_SEED;
use crate::dates::{now_micros, parse_iso_datetime};
use crate::db::{DbError, InsertRecord};
use crate::drf;
use crate::error::AppError;
use crate::faults::FaultSettings;
use crate::locations::LocationsMode;
use crate::seed::NewRecord;
use crate::state::Shared;
use crate::stats::Counts;
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use serde_json::{Map, Value, json};
use std::sync::Arc;

/// The `/__dev/` routes.
pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/__dev/stats", get(stats))
        .route("/__dev/stats/reset", post(reset_stats))
        .route("/__dev/faults", get(get_faults).post(set_faults))
        .route("/__dev/token", post(set_token))
        .route("/__dev/locations", get(get_locations).post(set_locations))
        .route("/__dev/reseed", post(reseed))
        .route("/__dev/records", post(insert_records))
}

/// A 400 for a malformed control request.
fn bad(msg: impl Into<String>) -> AppError {
    AppError::Dev(StatusCode::BAD_REQUEST, msg.into())
}

/// The request body as JSON (empty = `{}`); `Err` is the message for a 400.
fn body_json(body: &Bytes) -> Result<Value, String> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Object(Map::new()));
    }
    serde_json::from_slice(body).map_err(|e| format!("invalid JSON: {e}"))
}

/// The request body as a JSON object; `Err` is the message for a 400.
fn body_object(body: &Bytes) -> Result<Map<String, Value>, String> {
    match body_json(body)? {
        Value::Object(m) => Ok(m),
        _ => Err("expected a JSON object".into()),
    }
}

/// Runs store work off the async workers; a store error is reported with `status` and its
/// message (a test arranging data wants to see why), a dead task as a 500.
async fn blocking<T: Send + 'static>(
    status: StatusCode,
    f: impl FnOnce() -> Result<T, DbError> + Send + 'static,
) -> Result<T, AppError> {
    match tokio::task::spawn_blocking(f).await {
        Ok(result) => result.map_err(|e| AppError::Dev(status, e)),
        Err(e) => Err(AppError::Dev(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())),
    }
}

/// `GET /__dev/stats` → `{"records":N,"requests":{"list":n,"detail":n,"remove":n}}`.
async fn stats(State(state): State<Arc<Shared>>) -> Result<Response, AppError> {
    #[derive(serde::Serialize)]
    struct StatsBody {
        records: u64,
        requests: Counts,
    }
    let st = state.clone();
    let records = blocking(StatusCode::INTERNAL_SERVER_ERROR, move || st.db.count_all()).await?;
    let body = StatsBody {
        records,
        requests: state.stats.snapshot(),
    };
    Ok(drf::json_response(StatusCode::OK, &body))
}

/// `POST /__dev/stats/reset` zeroes the request counters.
async fn reset_stats(State(state): State<Arc<Shared>>) -> Response {
    state.stats.reset();
    drf::json_response(StatusCode::OK, &json!({"requests": state.stats.snapshot()}))
}

/// `GET /__dev/faults` → the current settings.
async fn get_faults(State(state): State<Arc<Shared>>) -> Response {
    drf::json_response(StatusCode::OK, &state.faults.get())
}

/// `POST /__dev/faults` with any subset of `{"latency_ms":N,"fail_rate":F,"throttle":R|null}`.
async fn set_faults(State(state): State<Arc<Shared>>, body: Bytes) -> Result<Response, AppError> {
    let m = body_object(&body).map_err(bad)?;
    let mut s = state.faults.get();
    if let Some(x) = m.get("latency_ms") {
        match x.as_u64() {
            Some(n) => s.latency_ms = n,
            None => return Err(bad("latency_ms must be a non-negative integer")),
        }
    }
    if let Some(x) = m.get("fail_rate") {
        match x.as_f64() {
            Some(f) if (0.0..=1.0).contains(&f) => s.fail_rate = f,
            _ => return Err(bad("fail_rate must be a number between 0 and 1")),
        }
    }
    if let Some(x) = m.get("throttle") {
        match x {
            Value::Null => s.throttle = None,
            _ => match x.as_u64().and_then(|n| u32::try_from(n).ok()) {
                Some(n) => s.throttle = Some(n),
                None => return Err(bad("throttle must be a non-negative integer or null")),
            },
        }
    }
    state.faults.set(s);
    Ok(drf::json_response(StatusCode::OK, &s as &FaultSettings))
}

/// `POST /__dev/token` with `{"token":"new"}` (and optionally `"readonly_token"`).
async fn set_token(State(state): State<Arc<Shared>>, body: Bytes) -> Result<Response, AppError> {
    let m = body_object(&body).map_err(bad)?;
    let nonempty = |k: &str| {
        m.get(k)
            .map(|x| x.as_str().filter(|s| !s.is_empty() && !s.contains(char::is_whitespace)))
    };
    match nonempty("token") {
        Some(Some(t)) => state.tokens.set_read_write(t.to_string()),
        Some(None) => return Err(bad("token must be a non-empty string without spaces")),
        None => {}
    }
    match nonempty("readonly_token") {
        Some(Some(t)) => state.tokens.set_read_only(t.to_string()),
        Some(None) => return Err(bad("readonly_token must be a non-empty string without spaces")),
        None => {}
    }
    let (rw, ro) = state.tokens.get();
    Ok(drf::json_response(
        StatusCode::OK,
        &json!({"token": rw, "readonly_token": ro}),
    ))
}

/// `GET /__dev/locations` → `{"mode":"list"}` (or `paginated`, `forbidden`, `missing`).
async fn get_locations(State(state): State<Arc<Shared>>) -> Response {
    drf::json_response(StatusCode::OK, &json!({"mode": state.locations.mode()}))
}

/// `POST /__dev/locations` with `{"mode":"list"|"paginated"|"forbidden"|"missing"}`: how
/// `list-simple` answers from the next request on → the new `{"mode":…}`.
async fn set_locations(State(state): State<Arc<Shared>>, body: Bytes) -> Result<Response, AppError> {
    let m = body_object(&body).map_err(bad)?;
    let mode = match m.get("mode").and_then(Value::as_str).map(str::parse::<LocationsMode>) {
        Some(Ok(mode)) => mode,
        Some(Err(e)) => return Err(bad(format!("mode: {e}"))),
        None => return Err(bad("mode must be one of list, paginated, forbidden, missing")),
    };
    state.locations.set_mode(mode);
    Ok(drf::json_response(StatusCode::OK, &json!({"mode": mode})))
}

/// `POST /__dev/reseed` with `{"records":N,"seed":S,"hostile":bool}` (defaults 1000, 42,
/// false) → `{"records":count}`; the stock locations' names follow `hostile` too.
async fn reseed(State(state): State<Arc<Shared>>, body: Bytes) -> Result<Response, AppError> {
    let m = body_object(&body).map_err(bad)?;
    let num = |k: &str, d: u64| m.get(k).map_or(Some(d), Value::as_u64);
    let (Some(n), Some(seed)) = (num("records", 1000), num("seed", DEFAULT_SEED)) else {
        return Err(bad("records and seed must be non-negative integers"));
    };
    let Some(hostile) = m.get("hostile").map_or(Some(false), Value::as_bool) else {
        return Err(bad("hostile must be a boolean"));
    };
    let st = state.clone();
    let count = blocking(StatusCode::INTERNAL_SERVER_ERROR, move || {
        st.db.reseed(n, seed, hostile)
    })
    .await?;
    state.locations.reseed(hostile);
    Ok(drf::json_response(StatusCode::OK, &json!({"records": count})))
}

fn parse_record(i: usize, v: &Value, now: i64) -> Result<InsertRecord, String> {
    let m = v.as_object().ok_or(format!("records[{i}]: expected an object"))?;
    let field = |k: &str| m.get(k).filter(|x| !x.is_null());
    let int = |k: &str| -> Result<Option<i64>, String> {
        field(k)
            .map(|x| x.as_i64().ok_or(format!("records[{i}].{k}: expected an integer")))
            .transpose()
    };
    let date = |k: &str| -> Result<Option<i64>, String> {
        field(k)
            .map(|x| {
                x.as_str()
                    .and_then(parse_iso_datetime)
                    .ok_or(format!("records[{i}].{k}: expected an ISO 8601 date/time"))
            })
            .transpose()
    };
    let reason = field("reason")
        .and_then(Value::as_str)
        .ok_or(format!("records[{i}].reason: required string"))?
        .to_string();
    let created_date = date("created_date")?.unwrap_or(now);
    let modified_date = date("modified_date")?.unwrap_or(created_date);
    let is_active = match field("is_active") {
        None => true,
        Some(x) => x
            .as_bool()
            .ok_or(format!("records[{i}].is_active: expected a boolean"))?,
    };
    Ok(InsertRecord {
        id: int("id")?,
        record: NewRecord {
            reason,
            created_date,
            modified_date,
            is_active,
            stock_location: int("stock_location")?.unwrap_or(1),
            package_item: int("package_item")?,
            transfer_item: int("transfer_item")?,
        },
    })
}

/// `POST /__dev/records` with a JSON array of records (only `reason` required; dates ISO
/// 8601) → 201 with the records as stored.
async fn insert_records(State(state): State<Arc<Shared>>, body: Bytes) -> Result<Response, AppError> {
    let items = match body_json(&body).map_err(bad)? {
        Value::Array(a) => a,
        o @ Value::Object(_) => vec![o],
        _ => return Err(bad("expected a JSON array of records")),
    };
    let now = now_micros();
    let records = items
        .iter()
        .enumerate()
        .map(|(i, v)| parse_record(i, v, now))
        .collect::<Result<Vec<_>, _>>()
        .map_err(bad)?;
    let st = state.clone();
    // A rejected insert (say, a duplicate id) is the caller's mistake: 400.
    let rows = blocking(StatusCode::BAD_REQUEST, move || st.db.insert(&records)).await?;
    Ok(drf::json_response(StatusCode::CREATED, &rows))
}
