//! A date as operators read it (local time) with the exact stored UTC instant on hover.

use crate::dates::{format_local, format_utc, iso};
use chrono::Utc;
use leptos::prelude::*;

/// `<time>` showing local time; `title` holds the exact UTC value, `datetime` the ISO form.
#[component]
pub fn DateTime(
    /// The instant, as the OMS sent it.
    instant: chrono::DateTime<Utc>,
) -> impl IntoView {
    view! { <time datetime=iso(instant) title=format_utc(instant)>{format_local(instant)}</time> }
}
