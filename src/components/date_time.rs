//! A date as operators read it (local time, in their language) with the exact stored UTC
//! instant on hover.

use crate::dates::{format_utc, iso};
use crate::i18n::{current, local_time};
use chrono::Utc;
use leptos::prelude::*;

/// `<time>` showing local time; `title` holds the exact UTC value, `datetime` the ISO form.
#[component]
pub fn DateTime(
    /// The instant, as the OMS sent it.
    instant: chrono::DateTime<Utc>,
) -> impl IntoView {
    view! { <time datetime=iso(instant) title=format_utc(instant)>{local_time(current(), instant)}</time> }
}
