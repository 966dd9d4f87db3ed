//! Keyboard shortcuts in the page: one `keydown` listener for the whole app, and their list
//! in a dialog (`?`, or the header's button) where they can be turned off.
//!
//! What each key means is [`crate::keyboard`]; this acts through the elements a mouse would
//! use (the table's row links, the pager's and the header's links, the filter form), so a
//! shortcut can do nothing the page does not offer at that moment. Plain DOM rather than a
//! component: the listener outlives the mounts of a language switch, and the dialog is
//! static text, built when first asked for, in the language of the moment.

use crate::focus::{find, find_all, heading_soon};
use crate::keyboard::{KEYS, Shortcut, interpret, step};
use crate::messages::t;
use crate::text::escape_html;
use std::cell::Cell;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

/// The local storage key that turns shortcuts off on this browser ("off").
const STORAGE_KEY: &str = "discrepancy-admin.shortcuts";

/// Installs the listeners, once per page load.
pub(crate) fn install() {
    let Some(window) = web_sys::window() else { return };
    let after_g = Cell::new(false);
    let on_key = Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |ev: web_sys::KeyboardEvent| {
        if not_for_us(&ev) || !enabled() {
            return;
        }
        let modified = ev.ctrl_key() || ev.alt_key() || ev.meta_key();
        let (shortcut, starts_g) = interpret(&ev.key(), modified, after_g.get());
        after_g.set(starts_g);
        if let Some(shortcut) = shortcut {
            ev.prevent_default();
            act(shortcut);
        }
    });
    // The checkbox of the dialog: its `change` bubbles up to the window.
    let on_change = Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
        if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            && input.id() == "shortcuts-on"
            && let Some(storage) = crate::i18n::local_storage()
        {
            let _ = if input.checked() {
                storage.remove_item(STORAGE_KEY)
            } else {
                storage.set_item(STORAGE_KEY, "off")
            };
        }
    });
    let _ = window.add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
    let _ = window.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
    on_key.forget();
    on_change.forget();
}

fn enabled() -> bool {
    crate::i18n::local_storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .is_none_or(|v| v != "off")
}

/// True when the key press belongs to what the user is typing or to an open dialog.
fn not_for_us(ev: &web_sys::KeyboardEvent) -> bool {
    let typing = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA") || el.is_content_editable()
        });
    typing || ev.default_prevented() || find("dialog[open]").is_some()
}

fn act(shortcut: Shortcut) {
    let click = |selector: &str| find(selector).map(|link| link.click()).is_some();
    match shortcut {
        Shortcut::NextRow | Shortcut::PreviousRow => move_row(shortcut == Shortcut::NextRow),
        Shortcut::PreviousPage => _ = click(".pager .previous[href]"),
        Shortcut::NextPage => _ = click(".pager .next[href]"),
        Shortcut::Filters => {
            if let Some(field) = find("form.filters input, form.filters select") {
                let _ = field.focus();
            }
        }
        // The header's own links: signed out, there is none, and nowhere to go.
        Shortcut::GoList | Shortcut::GoInsights | Shortcut::GoRemove => {
            // The header's sections: the list, the insights, the removal.
            let nth = match shortcut {
                Shortcut::GoList => 1,
                Shortcut::GoInsights => 2,
                _ => 3,
            };
            if click(&format!(".main-nav a:nth-child({nth})")) {
                heading_soon();
            }
        }
        Shortcut::Help => open_help(),
    }
}

/// Moves the focus to the next or previous row's link of the table on screen.
fn move_row(forward: bool) {
    let active = leptos::prelude::document().active_element();
    let rows = find_all("table.records tbody a");
    let current = rows.iter().position(|el| {
        active
            .as_ref()
            .is_some_and(|a| a == el.unchecked_ref::<web_sys::Element>())
    });
    if let Some(i) = step(rows.len(), current, forward) {
        let _ = rows[i].focus();
    }
}

/// Opens the list of shortcuts as a modal dialog: the page behind is inert, Escape or the
/// Close button closes it, and the browser gives the focus back to where it was.
pub(crate) fn open_help() {
    let document = leptos::prelude::document();
    let lang = crate::i18n::current().tag();
    let dialog = match find("#shortcuts") {
        Some(d) if d.lang() == lang => d,
        old => {
            if let Some(old) = old {
                old.remove();
            }
            let Some(d) = document
                .create_element("dialog")
                .ok()
                .and_then(|d| d.dyn_into::<web_sys::HtmlElement>().ok())
            else {
                return;
            };
            d.set_id("shortcuts");
            d.set_class_name("dialog shortcuts");
            d.set_lang(lang);
            let _ = d.set_attribute("aria-labelledby", "shortcuts-title");
            d.set_inner_html(&help_html(enabled()));
            if let Some(body) = document.body() {
                let _ = body.append_child(&d);
            }
            d
        }
    };
    if let Ok(dialog) = dialog.dyn_into::<web_sys::HtmlDialogElement>()
        && !dialog.open()
    {
        let _ = dialog.show_modal();
    }
}

/// The dialog's content: the catalogue's text, escaped, around the fixed key names.
fn help_html(on: bool) -> String {
    let m = t();
    let rows: String = KEYS
        .iter()
        .zip(m.shortcut_help)
        .map(|(key, text)| format!("<dt><kbd>{key}</kbd></dt><dd>{}</dd>", escape_html(text)))
        .collect();
    format!(
        "<h2 id=shortcuts-title>{}</h2><dl>{rows}</dl><p class=hint>{}</p>\
         <label class=checkbox><input id=shortcuts-on type=checkbox{}> {}</label>\
         <form method=dialog class=actions><button class='button primary'>{}</button></form>",
        escape_html(m.shortcuts_title),
        escape_html(m.shortcuts_typing),
        if on { " checked" } else { "" },
        escape_html(m.shortcuts_enabled),
        escape_html(m.close),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_help_is_escaped_and_shows_the_setting() {
        let on = help_html(true);
        assert!(on.contains("<kbd>g l</kbd>") && on.contains(" checked>"), "{on}");
        assert!(!help_html(false).contains(" checked"));
        assert_eq!(on.matches("<dt>").count(), KEYS.len());
    }
}
