//! The language switcher: English or Turkish, in place, remembered on this browser.

use crate::i18n::{Lang, Language};
use crate::messages::t;
use leptos::prelude::*;

/// The switcher's id, by which the focus is given back after a switch.
pub const SWITCH_ID: &str = "language-switch";

/// Each language named in itself, as switchers do: the same in every catalogue.
fn autonym(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::Tr => "Türkçe",
    }
}

/// A `<select>` of the languages. A switch mounts the app again in the new language
/// ([`crate::start`]), which rebuilds this control too (so it needs no reactive state) and
/// gives it the focus back.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let language = use_context::<Language>()?;
    let current = crate::i18n::current();
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(lang) = Lang::parse(&event_target_value(&ev)) {
            language.choose(lang);
        }
    };
    Some(view! {
        <select id=SWITCH_ID class="language-switch" aria-label=t().language_label on:change=on_change>
            <option value="en" lang="en" selected=current == Lang::En>
                {autonym(Lang::En)}
            </option>
            <option value="tr" lang="tr" selected=current == Lang::Tr>
                {autonym(Lang::Tr)}
            </option>
        </select>
    })
}
