//! Where the keyboard focus goes when the page changes under it, and what a screen reader
//! hears about it.
//!
//! Replacing a view removes the element that had the focus, and the browser then puts it
//! on `<body>`: a keyboard user starts over from the top and a screen reader says nothing.
//! These helpers put it somewhere meaningful instead, and speak through one live region
//! that stays in the document ([`ANNOUNCER_ID`]): a region inserted together with its text
//! is not read out, and one per view would speak on every render.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The id of the app's one polite live region.
pub(crate) const ANNOUNCER_ID: &str = "announcer";

/// The first element matching `selector`, as an `HtmlElement`.
pub(crate) fn find(selector: &str) -> Option<web_sys::HtmlElement> {
    document().query_selector(selector).ok().flatten()?.dyn_into().ok()
}

/// Every element matching `selector`, in document order, as `HtmlElement`s.
pub(crate) fn find_all(selector: &str) -> Vec<web_sys::HtmlElement> {
    let Ok(list) = document().query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect()
}

/// Focuses `el`, making it focusable from script first when it is not (a heading, the
/// table) without adding it to the Tab order.
pub(crate) fn focus(el: &web_sys::HtmlElement) {
    if el.tab_index() < 0 && !el.has_attribute("tabindex") {
        let _ = el.set_attribute("tabindex", "-1");
    }
    let _ = el.focus();
}

/// True when the focus was lost: nothing, or `<body>`, has it, or a link that lost its
/// `href` (the pager's "Next" on the last page), which the browser blurs at its next
/// rendering.
pub(crate) fn lost() -> bool {
    document()
        .active_element()
        .is_none_or(|el| el.tag_name() == "BODY" || (el.tag_name() == "A" && !el.has_attribute("href")))
}

/// Says `text` through the live region, once. The region is emptied first, so that the same
/// text twice in a row ("Page 1 of 3" after a re-sort) is read again.
pub(crate) fn announce(text: String) {
    if let Some(region) = find(&format!("#{ANNOUNCER_ID}")) {
        region.set_text_content(None);
        request_animation_frame(move || region.set_text_content(Some(&text)));
    }
}

/// Once the page the app navigates to has rendered its heading, moves the focus there: after
/// a sign-in (and so after a 401 round trip) and a shortcut's navigation, a screen reader
/// reads where the user landed and Tab goes on from the top of that page.
pub(crate) fn heading_soon() {
    leptos::task::spawn_local(async {
        // Up to a second: the route renders within a frame or two, a lazy page later.
        for _ in 0..20 {
            crate::api::retry::sleep_ms(50).await;
            if let Some(h1) = find("#main .page:not(.sign-in-page) h1") {
                return focus(&h1);
            }
        }
    });
}
