//! `/discrepancies/:id`: every field of one record, or a clear not-found page.

use crate::api::client::{detail_url, record};
use crate::api::query::parse_positive_id;
use crate::api::{ApiError, Discrepancy};
use crate::components::{ErrorPanel, RetryBanner};
use crate::config::{AppConfig, link};
use crate::dates::{format_utc, iso};
use crate::i18n::{Lang, local_time};
use crate::loader::{use_oms_resource, value};
use crate::locations::Names;
use crate::messages::{Messages, reason_label, t};
use crate::routes::{LIST, detail_segment, use_app_path, use_base};
use crate::text::escape_html;
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
    let m = t();
    let config = use_context::<AppConfig>().unwrap_or_default();
    let names = use_context::<crate::ui_state::UiState>()
        .map(|ui| ui.locations.get_untracked())
        .unwrap_or_default();
    let fields = fields_html(m, &record, &config, &names, crate::i18n::current());
    view! {
        <section class="page detail-page">
            {back_link()}
            <h1>{m.detail_title(record.id)}</h1>
            <dl class="fields" inner_html=fields></dl>
        </section>
    }
}

/// The record's fields as markup (built once; every text escaped): labels and values, ids
/// as links where `config` has a template, dates in `lang` with the exact UTC instant.
pub fn fields_html(m: &Messages, d: &Discrepancy, config: &AppConfig, names: &Names, lang: Lang) -> String {
    let id_link = |template: Option<&str>, id: Option<i64>| match id {
        None => format!("<span class=\"none\">{}</span>", escape_html(m.none)),
        Some(id) => match link(template, id) {
            Some(href) => format!(
                "<a href=\"{}\" rel=\"noopener noreferrer\" target=\"_blank\">{id}</a>",
                escape_html(&href)
            ),
            None => format!("<span>{id}</span>"),
        },
    };
    let date = |instant: chrono::DateTime<chrono::Utc>| {
        format!(
            "<time datetime=\"{}\" title=\"{}\">{}</time><span class=\"utc\"> ({})</span>",
            iso(instant),
            format_utc(instant),
            escape_html(&local_time(lang, instant)),
            format_utc(instant)
        )
    };
    let reason = match reason_label(m, &d.reason) {
        Some(label) => format!(
            "<span class=\"reason-full\">{}</span> <code class=\"reason-code\">{}</code>",
            escape_html(label),
            escape_html(&d.reason)
        ),
        None => format!(
            "<span class=\"reason-full\" dir=\"auto\">{}</span>",
            escape_html(&d.reason)
        ),
    };
    let active = format!(
        "<span class=\"{}\">{}</span>",
        if d.is_active { "badge active" } else { "badge inactive" },
        if d.is_active { m.yes } else { m.no }
    );
    let location = format!(
        "{}<span class=\"location-name\" dir=\"auto\">{}</span>",
        id_link(config.stock_location_link.as_deref(), Some(d.stock_location)),
        names
            .name(d.stock_location)
            .map(|n| escape_html(&format!(" · {n}")))
            .unwrap_or_default()
    );
    let rows = [
        (m.field_id, d.id.to_string()),
        (m.field_reason, reason),
        (m.field_active, active),
        (m.field_stock_location, location),
        (
            m.field_package_item,
            id_link(config.package_item_link.as_deref(), d.package_item),
        ),
        (
            m.field_transfer_item,
            id_link(config.transfer_item_link.as_deref(), d.transfer_item),
        ),
        (m.field_created, date(d.created_date)),
        (m.field_modified, date(d.modified_date)),
    ];
    rows.iter()
        .map(|(label, value)| format!("<dt>{}</dt><dd>{value}</dd>", escape_html(label)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_escape_the_record_and_link_ids_where_configured() {
        let m = crate::messages::messages(Lang::En);
        let at = "2024-02-03T04:05:06Z".parse().unwrap();
        let d = Discrepancy {
            id: 5,
            reason: "<b>odd</b>\r\n".into(),
            created_date: at,
            modified_date: at,
            is_active: false,
            stock_location: 7,
            package_item: Some(11),
            transfer_item: None,
        };
        let config = AppConfig {
            package_item_link: Some("https://bo.example/items/{id}?a=1&b=2".into()),
            ..AppConfig::default()
        };
        let names = Names::known(vec![vec![(7, "Depo \"A\"".into())]]);
        let html = fields_html(m, &d, &config, &names, Lang::En);
        assert!(
            html.contains("<span class=\"reason-full\" dir=\"auto\">&lt;b&gt;odd&lt;/b&gt;&#13;\n</span>"),
            "{html}"
        );
        assert!(html.contains("<span class=\"badge inactive\">No</span>"), "{html}");
        assert!(
            html.contains("<span>7</span><span class=\"location-name\" dir=\"auto\"> · Depo &quot;A&quot;</span>"),
            "{html}"
        );
        assert!(html.contains("<a href=\"https://bo.example/items/11?a=1&amp;b=2\" rel=\"noopener noreferrer\" target=\"_blank\">11</a>"), "{html}");
        assert!(
            html.contains("<dt>Transfer item</dt><dd><span class=\"none\">"),
            "{html}"
        );
        assert!(
            html.contains("<time datetime=\"2024-02-03T04:05:06.000000Z\" title=\"2024-02-03 04:05:06.000000 UTC\">"),
            "{html}"
        );
        assert_eq!(html.matches("<dt>").count(), 8);
    }
}
