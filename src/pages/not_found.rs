//! The fallback for unknown routes: says so and leads back to the list.

use crate::messages::t;
use crate::routes::{LIST, use_base};
use leptos::prelude::*;

/// Shown for any path the router does not know.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let m = t();
    view! {
        <section class="page not-found">
            <h1>{m.not_found_title}</h1>
            <p>{m.unknown_page}</p>
            <a class="button" href=use_base().href(LIST)>{m.back_to_list}</a>
        </section>
    }
}
