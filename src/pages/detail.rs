//! `/discrepancies/:id`: every field of one record, or a clear not-found page.

use crate::api::client::{detail_url, record};
use crate::api::query::parse_positive_id;
use crate::api::{ApiError, Discrepancy};
use crate::components::{DateTime, ErrorPanel, RetryBanner};
use crate::config::{AppConfig, link};
use crate::dates::format_utc;
use crate::loader::{use_oms_resource, value};
use crate::messages::{reason_label, t};
use crate::routes::{LIST, detail_segment, use_app_path, use_base};
use leptos::either::{Either, EitherOf5};
use leptos::prelude::*;

/// The detail route. A non-numeric id never reaches the OMS.
#[component]
pub fn DetailPage() -> impl IntoView {
    crate::locations::ensure(crate::session::use_session(), crate::ui_state::use_ui().locations);
    let path = use_app_path();
    let raw_id = Memo::new(move |_| path.with(|p| detail_segment(p).unwrap_or_default().to_string()));
    move || match parse_positive_id(&raw_id.get()) {
        Some(id) => Either::Left(view! { <DetailLoader id /> }),
        None => Either::Right(not_found(t().invalid_id(&raw_id.get_untracked()))),
    }
}

#[component]
fn DetailLoader(id: u64) -> impl IntoView {
    let locations = crate::ui_state::use_ui().locations;
    let resource = use_oms_resource(move || id, detail_url, record);
    let data = resource.data;
    let on_retry = resource.retry;
    let retries = resource.retries;
    view! {
        <RetryBanner control=retries />
        {move || {
            // Built again, in place, when the stock location names arrive.
            locations.track();
            let Some(read) = data.get() else {
                return EitherOf5::A(view! { <p class="status" role="status">{t().loading}</p> });
            };
            match value::<u64, Discrepancy>(&read).1 {
                Ok(record) => EitherOf5::B(view! { <RecordView record /> }),
                Err(ApiError::NotFound { detail }) => EitherOf5::C(not_found(t().err_not_found(&detail))),
                Err(ApiError::Aborted) => EitherOf5::D(()),
                Err(error) => EitherOf5::E(view! {
                    <section class="page">
                        {back_link()}
                        <ErrorPanel error on_retry />
                    </section>
                }),
            }
        }}
    }
}

/// Back to the list as the user last saw it (page, sort and filters).
fn back_link() -> impl IntoView {
    let search = use_context::<crate::ui_state::UiState>()
        .map(|ui| ui.list_search.get_untracked())
        .unwrap_or_default();
    view! { <a class="back" href=use_base().href(&format!("{LIST}{search}"))>{t().back_to_list}</a> }
}

fn not_found(message: String) -> impl IntoView {
    view! {
        <section class="page not-found">
            {back_link()}
            <h1>{t().not_found_title}</h1>
            <p>{message}</p>
        </section>
    }
}

/// Every field of `record` with labels; ids link to the back office where configured.
#[component]
pub fn RecordView(
    /// The record to show.
    record: Discrepancy,
) -> impl IntoView {
    let d = record;
    let m = t();
    let config = use_context::<AppConfig>().unwrap_or_default();
    let location_name = use_context::<crate::ui_state::UiState>().and_then(|ui| {
        ui.locations
            .with_untracked(|n| n.name(d.stock_location).map(|s| format!(" · {s}")))
    });
    let id_link = move |template: Option<&str>, id: Option<i64>| match id {
        None => Either::Left(view! { <span class="none">{m.none}</span> }),
        Some(id) => Either::Right(match link(template, id) {
            Some(href) => Either::Left(view! { <a href=href rel="noopener noreferrer" target="_blank">{id}</a> }),
            None => Either::Right(view! { <span>{id}</span> }),
        }),
    };
    let date = |instant: chrono::DateTime<chrono::Utc>| {
        view! {
            <DateTime instant />
            <span class="utc">{format!(" ({})", format_utc(instant))}</span>
        }
    };
    view! {
        <section class="page detail-page">
            {back_link()}
            <h1>{m.detail_title(d.id)}</h1>
            <dl class="fields">
                <dt>{m.field_id}</dt>
                <dd>{d.id}</dd>
                <dt>{m.field_reason}</dt>
                <dd>
                    {match reason_label(m, &d.reason) {
                        Some(label) => {
                            Either::Left(
                                view! {
                                    <span class="reason-full">{label}</span>
                                    " "
                                    <code class="reason-code">{d.reason}</code>
                                },
                            )
                        }
                        None => Either::Right(view! { <span class="reason-full" dir="auto">{d.reason}</span> }),
                    }}
                </dd>
                <dt>{m.field_active}</dt>
                <dd>
                    <span class=if d.is_active { "badge active" } else { "badge inactive" }>
                        {if d.is_active { m.yes } else { m.no }}
                    </span>
                </dd>
                <dt>{m.field_stock_location}</dt>
                <dd>
                    {id_link(config.stock_location_link.as_deref(), Some(d.stock_location))}
                    <span class="location-name" dir="auto">{location_name}</span>
                </dd>
                <dt>{m.field_package_item}</dt>
                <dd>{id_link(config.package_item_link.as_deref(), d.package_item)}</dd>
                <dt>{m.field_transfer_item}</dt>
                <dd>{id_link(config.transfer_item_link.as_deref(), d.transfer_item)}</dd>
                <dt>{m.field_created}</dt>
                <dd>{date(d.created_date)}</dd>
                <dt>{m.field_modified}</dt>
                <dd>{date(d.modified_date)}</dd>
            </dl>
        </section>
    }
}
