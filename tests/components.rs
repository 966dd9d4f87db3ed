//! Component tests in headless Chromium (`wasm-bindgen-test`): the list table, pager, error
//! panel, detail view and the removal flow, rendered into a real DOM.
//!
//! The flows that talk to an OMS use a running `oms-dev` whose URL the test command passes at
//! compile time (`OMS_DEV_URL`), so the real HTTP client, CORS and DRF bodies are exercised.
#![cfg(target_arch = "wasm32")]

use discrepancy_admin::api::client::count_created_before;
use discrepancy_admin::api::decode::{check_status, decode_json, field_errors};
use discrepancy_admin::api::{ApiError, Body, Cancel, Credentials, Discrepancy, ListQuery, Page, RemoveRequest, Sort};
use discrepancy_admin::components::{DiscrepancyTable, ErrorPanel, Pager};
use discrepancy_admin::config::AppConfig;
use discrepancy_admin::pages::RemovePage;
use discrepancy_admin::pages::detail::RecordView;
use discrepancy_admin::routes::Base;
use discrepancy_admin::session::Session;
use discrepancy_admin::ui_state::UiState;
use leptos::mount::mount_to;
use leptos::prelude::*;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

#[path = "support/corpus.rs"]
mod corpus;

// Not `env!`: lints and `--no-run` builds compile this file without a server; only running
// the flows needs one, and then the message says what is missing.
#[allow(clippy::option_env_unwrap)]
fn oms_url() -> &'static str {
    option_env!("OMS_DEV_URL").expect("OMS_DEV_URL must name a running oms-dev (the test command sets it)")
}

fn oms_token() -> &'static str {
    option_env!("OMS_DEV_TOKEN").unwrap_or("demo-token-2f7c1e9a")
}

fn credentials() -> Credentials {
    Credentials {
        base_url: oms_url().to_string(),
        token: oms_token().to_string(),
    }
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn container() -> HtmlElement {
    let div = document()
        .create_element("div")
        .unwrap()
        .unchecked_into::<HtmlElement>();
    document().body().unwrap().append_child(&div).unwrap();
    div
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

fn find_all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into())
        .collect()
}

fn text(el: &Element) -> String {
    el.text_content().unwrap_or_default()
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

async fn insert_old_records(stock_location: i64, n: usize) {
    let records: Vec<serde_json::Value> = (0..n)
        .map(|i| serde_json::json!({"reason": "expired", "stock_location": stock_location, "created_date": format!("2001-01-0{}T10:00:00Z", i + 1)}))
        .collect();
    let url = format!("{}/__dev/records", oms_url());
    let response = gloo_net::http::Request::post(&url)
        .json(&records)
        .unwrap()
        .send()
        .await
        .expect("oms-dev reachable");
    assert_eq!(response.status(), 201, "inserting test records");
}

async fn wait_until(what: &str, mut ready: impl FnMut() -> bool) {
    for _ in 0..400 {
        if ready() {
            return;
        }
        sleep(25).await;
    }
    panic!("timed out waiting for {what}");
}

fn type_into(input: &Element, value: &str) {
    let input: &HtmlInputElement = input.unchecked_ref();
    input.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
}

fn click(el: &Element) {
    el.unchecked_ref::<HtmlElement>().click();
}

fn record(id: i64, reason: &str, package_item: Option<i64>, transfer_item: Option<i64>) -> Discrepancy {
    Discrepancy {
        id,
        reason: reason.to_string(),
        created_date: "2023-01-01T14:09:34.934060Z".parse().unwrap(),
        modified_date: "2023-01-02T08:00:00Z".parse().unwrap(),
        is_active: id % 2 == 1,
        stock_location: 7,
        package_item,
        transfer_item,
    }
}

async fn dev_stats() -> serde_json::Value {
    let url = format!("{}/__dev/stats", oms_url());
    let response = gloo_net::http::Request::get(&url)
        .send()
        .await
        .expect("oms-dev reachable");
    response.json().await.expect("stats JSON")
}

#[wasm_bindgen_test]
async fn table_shows_hostile_text_as_text_and_marks_the_sorted_column() {
    let root = container();
    let payload = "<img src=x onerror=\"window.__pwned=1\">";
    let rows = vec![
        record(1, payload, Some(11111), None),
        record(2, "out_of_stock", None, Some(9)),
    ];
    let query = ListQuery {
        sort: Sort::parse("-created_date"),
        ..ListQuery::default()
    };
    let _handle = mount_to(root.clone(), move || view! { <DiscrepancyTable rows query /> });
    leptos::task::tick().await;

    let rows = find_all(&root, "tbody tr");
    assert_eq!(rows.len(), 2);
    assert!(
        root.query_selector("img").unwrap().is_none(),
        "the payload became an element"
    );
    assert_eq!(text(&find(&rows[0], "td.reason")), payload);
    assert_eq!(text(&find(&rows[0], "td.item")), "Package item 11111");
    assert_eq!(text(&find(&rows[1], "td.item")), "Transfer item 9");
    assert_eq!(
        find(&rows[0], "td.num a").get_attribute("href").as_deref(),
        Some("/discrepancies/1")
    );
    assert_eq!(
        find(&rows[0], "time").get_attribute("title").as_deref(),
        Some("2023-01-01 14:09:34.934060 UTC")
    );

    let sorted = find(&root, "th[aria-sort='descending']");
    assert!(text(&sorted).contains("Created"), "{}", text(&sorted));
    assert_eq!(
        find(&sorted, "a").get_attribute("href").as_deref(),
        Some("/discrepancies?sort=created_date")
    );
    assert_eq!(find_all(&root, "th[aria-sort='none']").len(), 3);
}

#[wasm_bindgen_test]
async fn pager_links_every_page_and_disables_the_impossible_steps() {
    let root = container();
    let query = ListQuery {
        page: 3,
        limit: 20,
        sort: Sort::parse("reason"),
        ..ListQuery::default()
    };
    let _handle = mount_to(root.clone(), move || view! { <Pager count=1234 query /> });
    leptos::task::tick().await;

    let current = find(&root, "a[aria-current='page']");
    assert_eq!(text(&current), "3");
    assert_eq!(
        find(&root, "a.previous").get_attribute("href").as_deref(),
        Some("/discrepancies?page=2&sort=reason")
    );
    assert_eq!(
        find(&root, "a.first").get_attribute("href").as_deref(),
        Some("/discrepancies?sort=reason")
    );
    assert_eq!(
        find(&root, "a.last").get_attribute("href").as_deref(),
        Some("/discrepancies?page=62&sort=reason")
    );
    assert_eq!(text(&find(&root, ".page-of")), "Page 3 of 62");

    let first_root = container();
    let _h2 = mount_to(
        first_root.clone(),
        move || view! { <Pager count=5 query=ListQuery::default() /> },
    );
    leptos::task::tick().await;
    assert_eq!(
        find_all(&first_root, "[aria-disabled='true']").len(),
        4,
        "a single page disables all steps"
    );
    // A disabled step is no link: no `href`, so neither focusable nor announced as a link.
    assert!(first_root.query_selector("a.next[href]").unwrap().is_none());
    assert!(first_root.query_selector(".next.disabled").unwrap().is_some());

    // Mounted under a router base, every link carries it once (leptos_router leaves a plain
    // href as written, so a link without it would leave the app).
    let based_root = container();
    let _h3 = mount_to(based_root.clone(), move || {
        provide_context(Base::new("/apps/oms/"));
        view! { <Pager count=1234 query=ListQuery::default().with_page(3) /> }
    });
    leptos::task::tick().await;
    let hrefs: Vec<String> = find_all(&based_root, "a")
        .iter()
        .filter_map(|a| a.get_attribute("href"))
        .collect();
    assert!(!hrefs.is_empty());
    for href in &hrefs {
        assert!(href.starts_with("/apps/oms/discrepancies"), "{href}");
        assert!(!href.starts_with("/apps/oms/apps/oms"), "{href}");
    }
    assert_eq!(
        find(&based_root, "a.next").get_attribute("href").as_deref(),
        Some("/apps/oms/discrepancies?page=4")
    );
}

#[wasm_bindgen_test]
async fn error_panel_offers_the_next_step_for_each_failure() {
    let retries = Arc::new(AtomicU32::new(0));
    let root = container();
    let counter = retries.clone();
    let _h = mount_to(root.clone(), move || {
        let on_retry = Callback::new(move |_| {
            counter.fetch_add(1, Ordering::SeqCst);
        });
        view! { <ErrorPanel error=ApiError::Throttled { retry_after: Some(3) } on_retry /> }
    });
    leptos::task::tick().await;
    assert_eq!(
        find(&root, "[role='alert']").get_attribute("class").as_deref(),
        Some("error-panel")
    );
    assert!(text(&root).contains("Try again in 3 s."), "{}", text(&root));
    click(&find(&root, "button"));
    assert_eq!(retries.load(Ordering::SeqCst), 1);

    let page_root = container();
    let _h = mount_to(page_root.clone(), || {
        view! { <ErrorPanel error=ApiError::InvalidPage first_page_href="/discrepancies" /> }
    });
    leptos::task::tick().await;
    assert_eq!(text(&find(&page_root, "a.button")), "Go to page 1");
    assert!(
        page_root.query_selector("button").unwrap().is_none(),
        "retrying an invalid page cannot help"
    );

    let auth_root = container();
    let _h = mount_to(
        auth_root.clone(),
        || view! { <ErrorPanel error=ApiError::Unauthorized { detail: "Invalid token.".into() } /> },
    );
    leptos::task::tick().await;
    assert_eq!(
        find(&auth_root, "a.button").get_attribute("href").as_deref(),
        Some("/sign-in")
    );

    let server_root = container();
    let _h = mount_to(
        server_root.clone(),
        || view! { <ErrorPanel error=ApiError::Server { status: 502 } /> },
    );
    leptos::task::tick().await;
    assert!(text(&server_root).contains("HTTP 502"));

    // A 400 names each field once: in the list, not again in the headline.
    let rejected = ApiError::Validation(field_errors(r#"{"reason":["Null characters are not allowed."]}"#));
    let rejected_root = container();
    let _h = mount_to(
        rejected_root.clone(),
        move || view! { <ErrorPanel error=rejected.clone() /> },
    );
    leptos::task::tick().await;
    assert_eq!(
        text(&rejected_root).matches("Null characters are not allowed.").count(),
        1,
        "{}",
        text(&rejected_root)
    );
    assert_eq!(
        text(&find(&rejected_root, ".error-message")),
        "The OMS did not accept the request."
    );
    assert_eq!(
        text(&find(&rejected_root, ".error-details li")),
        "reason: Null characters are not allowed."
    );
}

#[wasm_bindgen_test]
async fn record_view_labels_every_field_and_links_configured_targets() {
    let root = container();
    let _h = mount_to(root.clone(), || {
        provide_context(AppConfig {
            package_item_link: Some("https://bo.example.com/package-items/{id}/".into()),
            ..AppConfig::default()
        });
        provide_context(Session::restore());
        view! { <RecordView record=record(5, "damaged", Some(11111), None) /> }
    });
    leptos::task::tick().await;
    let labels: Vec<String> = find_all(&root, "dt").iter().map(text).collect();
    assert_eq!(
        labels,
        [
            "ID",
            "Reason",
            "Active",
            "Stock location",
            "Package item",
            "Transfer item",
            "Created",
            "Modified"
        ]
    );
    let values: Vec<String> = find_all(&root, "dd").iter().map(text).collect();
    assert_eq!(values[1], "Damaged damaged", "the label, then the raw code");
    assert_eq!(values[2], "Yes");
    assert_eq!(values[5], "None");
    assert!(values[6].contains("(2023-01-01 14:09:34.934060 UTC)"), "{}", values[6]);
    assert_eq!(
        find(&root, "dd a").get_attribute("href").as_deref(),
        Some("https://bo.example.com/package-items/11111/")
    );
    assert_eq!(text(&find(&root, "h1")), "Discrepancy #5");
}

#[wasm_bindgen_test]
async fn removal_validates_confirms_with_the_server_count_and_posts_once() {
    let root = container();
    let _h = mount_to(root.clone(), || {
        let session = Session::restore();
        session.sign_in(credentials(), false);
        provide_context(session);
        provide_context(UiState::new());
        view! { <RemovePage /> }
    });
    leptos::task::tick().await;
    let date = find(&root, "#expired-date");
    let location = find(&root, "#stock-location");
    let review = find(&root, "form button[type='submit']");

    // A bad stock location is explained at its field and nothing is sent.
    let before = dev_stats().await;
    type_into(&date, "2099-01-01");
    type_into(&location, "abc");
    click(&review);
    leptos::task::tick().await;
    assert_eq!(
        text(&find(&root, "#stock-location-error")),
        "Enter a whole number greater than 0."
    );
    assert_eq!(location.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(root.query_selector(".confirm").unwrap().is_none());

    // Review: the confirmation names the scope (the location by its name from list-simple,
    // shown under the field as it is typed) and the server's own count. The seeded records
    // are all from the last two years, so exactly the three inserted ones are older.
    insert_old_records(3, 3).await;
    type_into(&date, "2002-01-01");
    type_into(&location, "3");
    let request = RemoveRequest {
        expired_date: chrono::NaiveDate::from_ymd_opt(2002, 1, 1).unwrap(),
        stock_location: Some(3),
    };
    let everywhere = RemoveRequest {
        stock_location: None,
        ..request
    };
    let elsewhere = count_created_before(&credentials(), &everywhere, &Cancel::new())
        .await
        .unwrap()
        - 3;
    assert_eq!(
        count_created_before(&credentials(), &request, &Cancel::new())
            .await
            .unwrap(),
        3
    );
    wait_until("the location's name", || {
        text(&find(&root, "#stock-location-hint .location-name")) == " İzmir Alsancak"
    })
    .await;
    click(&review);
    wait_until("the confirmation", || {
        root.query_selector(".confirm").unwrap().is_some()
    })
    .await;
    assert_eq!(
        text(&find(&root, ".confirm .scope")),
        "Records created before 1 Jan 2002 (00:00 UTC) at stock location İzmir Alsancak (3) will be removed."
    );
    assert_eq!(
        text(&find(&root, ".server-count")),
        "The server counts 3 such records right now."
    );

    // Three quick clicks: one POST.
    let confirm = find(&root, ".confirm button.danger");
    click(&confirm);
    click(&confirm);
    click(&confirm);
    wait_until("the success message", || {
        root.query_selector(".done").unwrap().is_some()
    })
    .await;
    let after = dev_stats().await;
    assert_eq!(
        after["requests"]["remove"].as_u64().unwrap(),
        before["requests"]["remove"].as_u64().unwrap() + 1
    );
    assert_eq!(
        count_created_before(&credentials(), &request, &Cancel::new())
            .await
            .unwrap(),
        0
    );
    let untouched = count_created_before(&credentials(), &everywhere, &Cancel::new())
        .await
        .unwrap();
    assert_eq!(untouched, elsewhere, "records at other stock locations must stay");
}

#[wasm_bindgen_test]
async fn list_loads_the_first_page_and_flips_to_the_next() {
    let root = container();
    let _h = mount_to(root.clone(), || {
        let session = Session::restore();
        session.sign_in(credentials(), false);
        discrepancy_admin::app_with(AppConfig::default(), session)
    });
    wait_until("the first page", || find_all(&root, "tbody tr").len() == 20).await;
    let showing = text(&find(&root, ".showing"));
    assert!(showing.starts_with("Showing 1–20 of "), "{showing}");
    let first_id = text(&find(&root, "tbody tr td.num a"));

    click(&find(&root, "a.next"));
    wait_until("page 2", || {
        root.query_selector(".showing")
            .unwrap()
            .is_some_and(|el| text(&el).starts_with("Showing 21–40 of "))
    })
    .await;
    assert_ne!(text(&find(&root, "tbody tr td.num a")), first_id);
    assert_eq!(text(&find(&root, "a[aria-current='page'].page")), "2");
    assert!(
        web_sys::window()
            .unwrap()
            .location()
            .search()
            .unwrap()
            .contains("page=2")
    );
}

/// The OMS's own count of the records matching `query` (a page of one row).
async fn api_count(query: &str) -> u64 {
    let url = format!("{}/api/v1/oms/inventory-discrepancies/?limit=1{query}", oms_url());
    let response = gloo_net::http::Request::get(&url)
        .header("Authorization", &format!("Token {}", oms_token()))
        .send()
        .await
        .expect("oms-dev reachable");
    let body: serde_json::Value = response.json().await.expect("a page");
    body["count"].as_u64().expect("a count")
}

/// The insights page mounted in the app: its counts arrive and fill the charts; the
/// table view holds the same numbers; a chart's link is followed inside the app.
#[wasm_bindgen_test]
async fn insights_fill_in_from_the_counts_and_their_links_stay_in_the_app() {
    let history = web_sys::window().unwrap().history().unwrap();
    history
        .replace_state_with_url(&JsValue::NULL, "", Some("/discrepancies/insights?is_active=true"))
        .unwrap();
    let root = container();
    let _h = mount_to(root.clone(), || {
        let session = Session::restore();
        session.sign_in(credentials(), false);
        discrepancy_admin::app_with(AppConfig::default(), session)
    });
    wait_until("every count", || {
        root.query_selector(".insights").unwrap().is_some()
            && root
                .query_selector(".insights-tools .impact-progress")
                .unwrap()
                .is_none()
    })
    .await;
    let total = api_count("&is_active=true").await;
    let damaged = api_count("&is_active=true&reason=damaged").await;
    let bars: Vec<String> = find_all(&root, "svg.bars text").iter().map(text).collect();
    assert!(bars.contains(&format!("Records {total}")), "{bars:?}");
    assert!(bars.contains(&format!("Damaged {damaged}")), "{bars:?}");
    // Tables: the same numbers.
    click(&find(&root, "[data-act='tables']"));
    let rows: Vec<String> = find_all(&root, ".chart-table tbody tr").iter().map(text).collect();
    assert!(rows.contains(&format!("Damaged{damaged}")), "{rows:?}");
    click(&find(&root, "[data-act='tables']"));
    // A bar's SVG link: the app follows it (no page load), to the list of its records.
    let bar = find_all(&root, "svg.bars a")
        .into_iter()
        .find(|a| text(a).starts_with("Damaged"))
        .expect("the Damaged bar");
    // A mouse click as the browser makes it (an SVG element has no `click()`).
    let constructor = js_sys::Reflect::get(&web_sys::window().unwrap(), &"MouseEvent".into()).unwrap();
    let init = js_sys::Object::new();
    js_sys::Reflect::set(&init, &"bubbles".into(), &true.into()).unwrap();
    js_sys::Reflect::set(&init, &"cancelable".into(), &true.into()).unwrap();
    let event = js_sys::Reflect::construct(
        constructor.unchecked_ref::<js_sys::Function>(),
        &js_sys::Array::of2(&"click".into(), &init),
    )
    .unwrap();
    bar.dispatch_event(event.unchecked_ref()).unwrap();
    wait_until("the list of the damaged", || {
        find_all(&root, "tbody tr").len() == damaged.min(20) as usize
    })
    .await;
    let search = web_sys::window().unwrap().location().search().unwrap();
    assert_eq!(search, "?reason=damaged&is_active=true");
    history.replace_state_with_url(&JsValue::NULL, "", Some("/")).unwrap();
}

/// `Intl.<kind>` for `locale` with `options`, as a function of one argument.
fn intl_format(kind: &str, locale: &str, options: &[(&str, &str)]) -> js_sys::Function {
    let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).unwrap();
    let constructor: js_sys::Function = js_sys::Reflect::get(&intl, &kind.into()).unwrap().unchecked_into();
    let opts = js_sys::Object::new();
    for (k, v) in options {
        js_sys::Reflect::set(&opts, &(*k).into(), &(*v).into()).unwrap();
    }
    let args = js_sys::Array::of2(&js_sys::Array::of1(&locale.into()), &opts);
    let formatter = js_sys::Reflect::construct(&constructor, &args).unwrap();
    js_sys::Reflect::get(&formatter, &"format".into())
        .unwrap()
        .unchecked_into()
}

fn written(format: &js_sys::Function, value: &JsValue) -> String {
    format.call1(&JsValue::NULL, value).unwrap().as_string().unwrap()
}

/// The app writes numbers, days and local times itself (a cold start spares the ~13 ms of
/// making the first `Intl` formatter); in both languages it must write what `Intl` writes:
/// every month, both sides of midnight, in the browser's time zone.
#[wasm_bindgen_test]
fn numbers_and_dates_are_written_as_intl_writes_them() {
    use discrepancy_admin::i18n::{Lang, day, local_time, number};
    for lang in [Lang::En, Lang::Tr] {
        let locale = lang.locale();
        let numbers = intl_format("NumberFormat", locale, &[]);
        for n in [
            0u64,
            7,
            999,
            1_000,
            1_234,
            99_999,
            100_000,
            1_234_567,
            9_007_199_254_740_992,
        ] {
            assert_eq!(
                number(lang, n),
                written(&numbers, &JsValue::from_f64(n as f64)),
                "{n} in {locale}"
            );
        }
        let days = intl_format(
            "DateTimeFormat",
            locale,
            &[
                ("day", "numeric"),
                ("month", "short"),
                ("year", "numeric"),
                ("timeZone", "UTC"),
            ],
        );
        let (d, m) = if lang == Lang::Tr {
            ("2-digit", "2-digit")
        } else {
            ("numeric", "short")
        };
        let times = intl_format(
            "DateTimeFormat",
            locale,
            &[
                ("day", d),
                ("month", m),
                ("year", "numeric"),
                ("hour", "2-digit"),
                ("minute", "2-digit"),
                ("hourCycle", "h23"),
            ],
        );
        for year in [1999, 2024, 2026] {
            for month in 1..=12 {
                for (dd, time) in [(1, "T00:00:00Z"), (9, "T09:05:00Z"), (28, "T23:59:59Z")] {
                    let text = format!("{year}-{month:02}-{dd:02}{time}");
                    let instant = discrepancy_admin::dates::parse_instant(&text).unwrap();
                    let ms = JsValue::from_f64(instant.timestamp_millis() as f64);
                    let date: JsValue = js_sys::Date::new(&ms).into();
                    assert_eq!(
                        day(lang, instant.date_naive()),
                        written(&days, &date),
                        "day {text} in {locale}"
                    );
                    assert_eq!(
                        local_time(lang, instant),
                        written(&times, &date),
                        "time {text} in {locale}"
                    );
                }
            }
        }
    }
}

/// A panic leaves the plain recovery view (no Leptos): heading, what happened, Reload and Copy
/// diagnostics; neither the page nor the diagnostics show the token from the message.
#[wasm_bindgen_test]
fn recovery_view_replaces_the_page_without_the_token() {
    let m = discrepancy_admin::messages::t();
    let doc = document();
    let body = doc.body().unwrap();
    // The test runner reports through an element in the body: keep the body's nodes and put
    // them back before asserting, so that a failure is still reported.
    let nodes = body.child_nodes();
    let kept: Vec<web_sys::Node> = (0..nodes.length()).filter_map(|i| nodes.item(i)).collect();
    let title = doc.title();

    discrepancy_admin::recovery::show(
        "request failed: Authorization: Token abc123 was sent",
        "src/api/client.rs:10:5",
    );
    let root: Element = body.clone().into();
    let heading = text(&find(&root, "h1.error-title"));
    let page_text = text(&root);
    let buttons: Vec<String> = find_all(&root, ".actions button").iter().map(text).collect();
    let diagnostics = find(&root, "textarea[readonly]")
        .unchecked_into::<web_sys::HtmlTextAreaElement>()
        .value();
    let leftovers = kept.iter().filter(|n| body.contains(Some(n))).count();

    body.set_text_content(None);
    for node in &kept {
        body.append_child(node).unwrap();
    }
    doc.set_title(&title);

    assert_eq!(heading, m.recovery_title);
    assert_eq!(leftovers, 0, "the broken page stays under the recovery view");
    assert!(
        page_text.contains("request failed: Authorization: [redacted] was sent"),
        "{page_text}"
    );
    assert_eq!(buttons, [m.recovery_reload, m.recovery_copy]);
    assert!(
        !diagnostics.contains("Token ") && !diagnostics.contains("abc123"),
        "{diagnostics}"
    );
    assert!(diagnostics.contains("src/api/client.rs:10:5"), "{diagnostics}");
    assert!(diagnostics.contains(env!("CARGO_PKG_VERSION")), "{diagnostics}");
    assert!(
        !page_text.contains("Token ") && !page_text.contains("abc123"),
        "{page_text}"
    );
}

/// The fuzz corpus through the browser's JSON path (`JSON.parse`, then the Deserializer the
/// host tests use too, see src/json/): nothing panics, every file gives the Ok/Err that
/// tests/decode_fuzz.rs checks on the host, and the edge cases (numbers, duplicate keys,
/// nesting) give the id listed for the browser in tests/support/corpus.rs.
#[wasm_bindgen_test]
fn corpus_decodes_in_the_browser_as_on_the_host() {
    let mut wrong = Vec::new();
    for o in corpus::CORPUS {
        let body = o.body();
        let page = decode_json::<Page<Discrepancy>>(200, None, &body, Body::Page);
        let record = decode_json::<Discrepancy>(200, None, &body, Body::Record);
        for e in [page.as_ref().err(), record.as_ref().err()].into_iter().flatten() {
            assert!(
                matches!(e, ApiError::Decode { detail, .. } if !detail.is_empty()),
                "{}: {e:?}",
                o.file
            );
        }
        if page.is_ok() != o.page || record.is_ok() != o.record {
            wrong.push(format!("{}: page {page:?}, record {record:?}", o.file));
        }
        // The error bodies: any status, no panic, and the text stays bounded.
        for status in [400, 401, 403, 404, 429, 500] {
            let e = check_status(status, Some("3"), &body).unwrap_err();
            assert!(e.to_string().chars().count() <= 2_000, "{}: {status}", o.file);
        }
        let _ = field_errors(&body);
    }
    for (what, body, _, browser) in corpus::edges() {
        let id = decode_json::<Discrepancy>(200, None, &body, Body::Record).map(|d| d.id);
        if id.clone().ok() != browser {
            wrong.push(format!("{what}: {id:?}, listed {browser:?}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");

    // DRF error bodies read as on the host (src/api/decode.rs tests): the server's field
    // order, a repeated key once, non-text values written as JSON, the nesting limit.
    let e = field_errors(r#"{"stock_location":["a"],"expired_date":["b"],"detail":"c","stock_location":["d"]}"#);
    assert_eq!(
        e.fields,
        vec![
            ("stock_location".to_string(), vec!["d".to_string()]),
            ("expired_date".to_string(), vec!["b".to_string()]),
        ]
    );
    assert_eq!(e.general, vec!["c".to_string()]);
    assert_eq!(
        check_status(404, None, r#"{"detail":{"a":[1,true,null,"x"]}}"#),
        Err(ApiError::NotFound {
            detail: r#"{"a":[1,true,null,"x"]}"#.into()
        })
    );
    assert_eq!(
        check_status(403, None, r#"{"detail":-2.5}"#),
        Err(ApiError::Forbidden { detail: "-2.5".into() })
    );
    let arrays = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    let levels = |n: usize| format!(r#"{{"detail":{}}}"#, arrays(n - 1));
    assert_eq!(
        check_status(404, None, &levels(127)),
        Err(ApiError::NotFound { detail: arrays(126) }),
        "127 levels are read"
    );
    assert_eq!(
        check_status(404, None, &levels(128)),
        Err(ApiError::NotFound { detail: String::new() }),
        "128 levels are not"
    );

    // The configuration refuses unknown keys here too, exactly as written (`Router_base` is
    // not `router_base`), with the same message as on the host.
    assert_eq!(
        AppConfig::from_json(r#"{"router_base":"/inventory/"}"#).map(|c| c.router_base),
        Ok("/inventory".to_string())
    );
    assert!(AppConfig::from_json(r#"{"oms_base":"https://x"}"#).is_err());
    assert!(
        AppConfig::from_json(r#"{"router_base":"/x","Router_base":"/y"}"#)
            .unwrap_err()
            .starts_with("unknown field `Router_base`, expected one of ")
    );
    assert!(AppConfig::from_json("{").is_err());

    // A remembered session comes back from sessionStorage.
    let remembered = Credentials {
        base_url: "https://oms.example.com".into(),
        token: "t\"o\\ken".into(),
    };
    Session::restore().sign_in(remembered.clone(), true);
    let restored = Session::restore();
    assert_eq!(restored.credentials_untracked(), Some(remembered));
    restored.sign_out(discrepancy_admin::session::Notice::SignedOut);
    assert_eq!(Session::restore().credentials_untracked(), None);
}

/// The recovery view passes axe-core (the npm package the end-to-end audit uses, run here
/// because only a panic shows this view) with the app's style sheet, light and dark: no
/// serious or critical violation.
#[wasm_bindgen_test]
async fn recovery_view_passes_the_accessibility_audit() {
    let window = web_sys::window().unwrap();
    if js_sys::Reflect::get(&window, &"axe".into()).unwrap().is_undefined() {
        js_sys::eval(include_str!("../node_modules/axe-core/axe.min.js")).unwrap();
    }
    let doc = document();
    let style = doc.create_element("style").unwrap();
    style.set_text_content(Some(include_str!("../style/main.css")));
    doc.head().unwrap().append_child(&style).unwrap();
    let root = doc.document_element().unwrap();
    let body = doc.body().unwrap();
    let nodes = body.child_nodes();
    let kept: Vec<web_sys::Node> = (0..nodes.length()).filter_map(|i| nodes.item(i)).collect();
    let title = doc.title();
    // What index.html gives every page of the app.
    root.set_attribute("lang", "en").unwrap();

    let mut blocking = Vec::new();
    for theme in ["light", "dark"] {
        root.set_attribute("data-theme", theme).unwrap();
        discrepancy_admin::recovery::show("index out of bounds: the len is 0 but the index is 3", "src/x.rs:1:1");
        let options = js_sys::eval(
            "({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }, resultTypes: ['violations'] })",
        )
        .unwrap();
        let axe = js_sys::Reflect::get(&window, &"axe".into()).unwrap();
        let run: js_sys::Function = js_sys::Reflect::get(&axe, &"run".into()).unwrap().unchecked_into();
        let promise: js_sys::Promise = run.call2(&axe, &doc, &options).unwrap().unchecked_into();
        let results = wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
        let violations: js_sys::Array = js_sys::Reflect::get(&results, &"violations".into())
            .unwrap()
            .unchecked_into();
        for v in violations.iter() {
            let field = |k: &str| {
                js_sys::Reflect::get(&v, &k.into())
                    .unwrap()
                    .as_string()
                    .unwrap_or_default()
            };
            if matches!(field("impact").as_str(), "serious" | "critical") {
                blocking.push(format!("{theme}: {} ({})", field("id"), field("help")));
            }
        }
    }

    body.set_text_content(None);
    for node in &kept {
        body.append_child(node).unwrap();
    }
    doc.set_title(&title);
    root.remove_attribute("data-theme").unwrap();
    style.remove();
    assert_eq!(
        blocking,
        Vec::<String>::new(),
        "serious or critical violations in the recovery view"
    );
}
