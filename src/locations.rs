//! Stock location names beside their ids: read once per OMS from
//! `GET /api/v1/oms/stocklocations/list-simple/`, shown wherever an id is.
//!
//! Many installations restrict that endpoint (403) or do not have it (404), and a name is a
//! convenience, not data the operator acts on: when it cannot be read, for whatever reason,
//! the app shows ids as before and says nothing. The endpoint may answer a plain list or a
//! DRF page; pages are followed (1,000 locations each) up to [`MAX_PAGES`].

use crate::api::client::get_aside;
use crate::api::{Cancel, Credentials};
use crate::json::{Json, safe_integer, value};
use crate::session::Session;
use crate::text::escape_html;
use leptos::prelude::*;
use std::sync::Arc;

/// The endpoint, relative to the OMS base URL.
pub const PATH: &str = "/api/v1/oms/stocklocations/list-simple/";

/// Pages read at most (of 1,000 locations each): a bound against a server whose `next`
/// never ends.
const MAX_PAGES: u64 = 50;

/// The names known for one OMS, sorted by id; empty until read, and when they cannot be.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Names {
    /// The OMS they were asked of (a sign-in to another one asks again).
    base_url: String,
    by_id: Arc<Vec<(i64, String)>>,
}

impl Names {
    /// Names read from pages of the endpoint ([`collect`]), for any OMS.
    pub fn known(pages: Vec<Vec<(i64, String)>>) -> Names {
        Names {
            base_url: String::new(),
            by_id: Arc::new(collect(pages)),
        }
    }

    /// The name of stock location `id`, when known.
    pub fn name(&self, id: i64) -> Option<&str> {
        self.by_id
            .binary_search_by_key(&id, |(i, _)| *i)
            .ok()
            .map(|i| self.by_id[i].1.as_str())
    }

    /// "İstanbul Kadıköy (12)", or "12" when the name is not known.
    pub fn label(&self, id: i64) -> String {
        match self.name(id) {
            Some(name) => format!("{name} ({id})"),
            None => format!("{id}"),
        }
    }

    /// Every known location, by id.
    pub fn all(&self) -> &[(i64, String)] {
        &self.by_id
    }
}

/// The `<option>`s of the names' `<datalist>`: the id as the value (what the field takes),
/// the name as the label (what the user searches).
pub fn options_html(names: &Names) -> String {
    names
        .all()
        .iter()
        .map(|(id, name)| format!("<option value={id}>{}</option>", escape_html(name)))
        .collect()
}

/// One page of the endpoint: its locations and whether another page follows. A plain list
/// is the whole answer; a DRF page has `results` and a `next` URL when more follow. Items
/// without an integer `id` or a string `name` are skipped (a name is a convenience: one bad
/// item should not cost the others); anything else than a list or a page is an error.
pub fn decode_page(body: &str) -> Result<(Vec<(i64, String)>, bool), String> {
    let json = value(body)?;
    let (items, more) = match &json {
        Json::Arr(items) => (items, false),
        Json::Obj(_) => match json.get("results") {
            Some(Json::Arr(items)) => (items, matches!(json.get("next"), Some(Json::Str(s)) if !s.is_empty())),
            _ => return Err("no results".to_string()),
        },
        _ => return Err("neither a list nor a page".to_string()),
    };
    let names = items
        .iter()
        .filter_map(|item| match (item.get("id"), item.get("name")) {
            (Some(Json::Num(id)), Some(Json::Str(name))) if !name.trim().is_empty() => {
                Some((safe_integer(*id)?, name.trim().to_string()))
            }
            _ => None,
        })
        .collect();
    Ok((names, more))
}

/// The names of pages read in order, sorted by id, one entry per id (the first wins).
/// Inserted one by one: the endpoint sends them by id, so each goes at the end, and no sort
/// routine is linked for it.
pub fn collect(pages: Vec<Vec<(i64, String)>>) -> Vec<(i64, String)> {
    let mut all: Vec<(i64, String)> = Vec::new();
    for (id, name) in pages.into_iter().flatten() {
        if let Err(at) = all.binary_search_by_key(&id, |(i, _)| *i) {
            all.insert(at, (id, name));
        }
    }
    all
}

/// Reads the names for the signed-in OMS into `names`, once per OMS: a no-op when they were
/// asked of it already (read, being read, or unavailable).
pub fn ensure(session: Session, names: RwSignal<Names>) {
    let Some(credentials) = session.credentials_untracked() else {
        return;
    };
    if names.with_untracked(|n| n.base_url == credentials.base_url) {
        return;
    }
    names.set(Names {
        base_url: credentials.base_url.clone(),
        by_id: Arc::default(),
    });
    leptos::task::spawn_local(async move {
        // After the frame that shows what asked for them (the list's first rows): the names'
        // request, its set-up and decoding are no part of that frame.
        crate::api::retry::after_next_paint().await;
        let pages = read_all(&credentials).await;
        if !pages.is_empty() {
            names.try_update(|n| {
                if n.base_url == credentials.base_url {
                    n.by_id = Arc::new(collect(pages));
                }
            });
        }
    });
}

/// Every page, or none when any fails: a partial list would show some names and not others
/// for no reason the user could see.
async fn read_all(credentials: &Credentials) -> Vec<Vec<(i64, String)>> {
    let mut pages = Vec::new();
    for page in 1..=MAX_PAGES {
        let url = format!("{}{PATH}?limit=1000&page={page}", credentials.base_url);
        let Some((names, more)) = get_aside(credentials, &url, &Cancel::new())
            .await
            .ok()
            .and_then(|body| decode_page(&body).ok())
        else {
            return Vec::new();
        };
        pages.push(names);
        if !more {
            break;
        }
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[(i64, &str)]) -> Names {
        Names::known(vec![list.iter().map(|(i, n)| (*i, n.to_string())).collect()])
    }

    #[test]
    fn a_plain_list_and_a_drf_page() {
        let list = r#"[{"id": 2, "name": "Ankara Depo", "erp_code": "ANK2", "is_active": true},
                       {"id": 1, "name": " İstanbul Kadıköy ", "is_active": false}]"#;
        assert_eq!(
            decode_page(list).unwrap(),
            (vec![(2, "Ankara Depo".into()), (1, "İstanbul Kadıköy".into())], false)
        );
        let page = r#"{"count": 3, "next": "http://x/?page=2", "previous": null,
                       "results": [{"id": 3, "name": "İzmir"}]}"#;
        assert_eq!(decode_page(page).unwrap(), (vec![(3, "İzmir".into())], true));
        let last = r#"{"count": 3, "next": null, "previous": "http://x/", "results": []}"#;
        assert_eq!(decode_page(last).unwrap(), (vec![], false));
    }

    #[test]
    fn bad_items_are_skipped_and_garbage_refused() {
        let list = r#"[{"id": "7", "name": "text id"}, {"id": 1.5, "name": "x"}, {"id": 9},
                       {"id": 4, "name": "  "}, {"id": 1e300, "name": "huge"}, 5, null,
                       {"id": 8, "name": "<img src=x onerror=alert(1)>"}]"#;
        assert_eq!(
            decode_page(list).unwrap(),
            (vec![(8, "<img src=x onerror=alert(1)>".into())], false)
        );
        for garbage in ["", "<html>", "{}", r#"{"results": 3}"#, "42", r#""list""#, "null"] {
            assert!(decode_page(garbage).is_err(), "{garbage:?}");
        }
    }

    #[test]
    fn pages_are_merged_by_id() {
        let merged = collect(vec![
            vec![(3, "c".into()), (1, "a".into())],
            vec![(2, "b".into()), (1, "again".into())],
        ]);
        assert_eq!(merged, vec![(1, "a".into()), (2, "b".into()), (3, "c".into())]);
    }

    #[test]
    fn options_are_escaped_markup() {
        let n = names(&[(1, "<b>A&B</b>"), (2, "Şişli")]);
        assert_eq!(
            options_html(&n),
            "<option value=1>&lt;b&gt;A&amp;B&lt;/b&gt;</option><option value=2>Şişli</option>"
        );
        assert_eq!(options_html(&Names::default()), "");
    }

    #[test]
    fn labels_name_the_id_when_known() {
        let n = names(&[(1, "İstanbul"), (12, "Ankara Depo")]);
        assert_eq!(n.label(12), "Ankara Depo (12)");
        assert_eq!(n.label(5), "5");
        assert_eq!(n.name(1), Some("İstanbul"));
        assert_eq!(Names::default().label(3), "3");
    }
}
