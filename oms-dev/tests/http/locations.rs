//! The related stock-location resource, `GET …/stocklocations/list-simple/`: its items, the
//! four ways installations answer (plain list, DRF pages, 403, 404) switchable at start-up
//! and at run time, the same token auth as the discrepancy endpoints, hostile names served
//! exactly as stored, and the seeded variety the app's breakdowns rely on.

use crate::support::*;
use oms_dev::{Config, DEFAULT_SEED, LocationsMode};
use serde_json::{Value, json};
use std::collections::BTreeSet;

const FORBIDDEN: &str = r#"{"detail":"You do not have permission to perform this action."}"#;

fn with_mode(locations: LocationsMode, records: u64) -> Server {
    Server::start(Config {
        locations,
        ..config(records)
    })
}

fn switch(s: &Server, mode: &str) {
    s.dev("POST", "/__dev/locations", Some(json!({ "mode": mode })))
        .expect(200, &format!(r#"{{"mode":"{mode}"}}"#));
}

/// The ids of list-simple in list mode.
fn location_ids(items: &Value) -> Vec<i64> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_i64().unwrap())
        .collect()
}

#[test]
fn list_mode_serves_every_location_by_id() {
    let s = Server::start(config(1000));
    let r = s.get(LOCATIONS);
    assert_eq!(r.status, 200);
    assert_eq!(r.h("Content-Type"), Some("application/json"));
    assert_eq!(r.h("Allow"), Some("GET, HEAD, OPTIONS"));
    let v = r.json();
    let items = v.as_array().unwrap();
    assert!(items.len() >= 48, "{}", items.len());
    let ids = location_ids(&v);
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "ordered by id: {ids:?}");
    assert_eq!(ids[0], 1);
    for l in items {
        let o = l.as_object().unwrap();
        assert_eq!(o.len(), 4, "{l}");
        assert!(l["name"].is_string() && l["erp_code"].is_string() && l["is_active"].is_boolean());
    }
    // field order and DRF's compact rendering with raw UTF-8
    assert!(
        r.body.starts_with(r#"[{"id":1,"name":"İstanbul Kadıköy Mağaza","erp_code":"IST-KDK-001","is_active":true},{"id":2,"name":"Ankara Depo 2","#),
        "{}",
        &r.body[..120]
    );
    for name in [
        "İzmir Alsancak",
        "Şişli Çağlayan",
        "Ümraniye DC",
        "Istanbul Central Warehouse",
    ] {
        assert!(items.iter().any(|l| l["name"] == name), "{name}");
    }
    let inactive = items.iter().filter(|l| l["is_active"] == false).count();
    assert!((2..=6).contains(&inactive), "a few inactive: {inactive}");
    // a location with records that list-simple no longer lists (deleted): ids only
    let listed: BTreeSet<i64> = ids.iter().copied().collect();
    let deleted: Vec<i64> = (1..=*ids.last().unwrap()).filter(|id| !listed.contains(id)).collect();
    assert!(!deleted.is_empty());
    for id in deleted {
        assert!(
            s.count(&format!("stock_location={id}")) > 0,
            "records at deleted location {id}"
        );
    }
    // no paginator: page and limit are ignored
    assert_eq!(s.get(&format!("{LOCATIONS}?page=3&limit=5")).body, r.body);
    // the read-only token may read it
    let ro = run(
        s.req("GET", LOCATIONS)
            .set("Authorization", &format!("Token {RO_TOKEN}")),
        None,
    );
    assert_eq!((ro.status, &ro.body), (200, &r.body));
}

#[test]
fn auth_and_dispatch_like_the_discrepancy_endpoints() {
    let s = Server::small();
    let cases: [(Option<&str>, &str); 3] = [
        (None, r#"{"detail":"Authentication credentials were not provided."}"#),
        (
            Some("Token"),
            r#"{"detail":"Invalid token header. No credentials provided."}"#,
        ),
        (Some("Token wrong-token"), r#"{"detail":"Invalid token."}"#),
    ];
    for (header, body) in cases {
        let mut req = s.req("GET", LOCATIONS).set("Origin", "http://localhost:8080");
        if let Some(h) = header {
            req = req.set("Authorization", h);
        }
        let r = run(req, None);
        r.expect(401, body);
        assert_eq!(r.h("WWW-Authenticate"), Some("Token"));
        assert_eq!(r.h("Access-Control-Allow-Origin"), Some("*"));
    }
    // read-only: permission before method; read-write: 405 naming the method
    run(
        s.req("POST", LOCATIONS)
            .set("Authorization", &format!("Token {RO_TOKEN}")),
        Some(b""),
    )
    .expect(403, FORBIDDEN);
    run(s.authed("POST", LOCATIONS), Some(b"")).expect(405, r#"{"detail":"Method \"POST\" not allowed."}"#);
    run(s.authed("OPTIONS", LOCATIONS), None).expect(
        200,
        r#"{"name":"List simple","description":"","renders":["application/json"],"parses":["application/json","application/x-www-form-urlencoded"]}"#,
    );
    // APPEND_SLASH, query kept
    let r = run(s.req("GET", "/api/v1/oms/stocklocations/list-simple?page=2"), None);
    assert_eq!(r.status, 301);
    assert_eq!(r.h("Location"), Some("/api/v1/oms/stocklocations/list-simple/?page=2"));
}

#[test]
fn paginated_mode_pages_like_the_discrepancy_list() {
    let s = with_mode(LocationsMode::Paginated, 120);
    let base = s.url(LOCATIONS);
    let v = s.get(LOCATIONS).json();
    let count = v["count"].as_u64().unwrap();
    assert!(count >= 48, "{count}");
    assert_eq!(v["next"], json!(format!("{base}?page=2")));
    assert_eq!(v["previous"], Value::Null);
    assert_eq!(v["results"].as_array().unwrap().len(), 20);
    let r = s.get(LOCATIONS);
    assert!(r.body.starts_with(r#"{"count":"#) && r.body.contains(r#","previous":null,"results":[{"id":1,"name":"#));

    // every page in turn gives the plain list, in order
    let pages = count.div_ceil(20);
    let mut all = Vec::new();
    for page in 1..=pages {
        let v = s.get(&format!("{LOCATIONS}?page={page}")).json();
        assert_eq!(v["count"], count);
        let results = v["results"].as_array().unwrap();
        assert_eq!(results.len() as u64, 20.min(count - (page - 1) * 20));
        all.extend(results.iter().cloned());
        let next = (page < pages).then(|| format!("{base}?page={}", page + 1));
        assert_eq!(v["next"], json!(next));
        let previous = match page {
            1 => None,
            2 => Some(base.clone()),
            p => Some(format!("{base}?page={}", p - 1)),
        };
        assert_eq!(v["previous"], json!(previous));
    }
    switch(&s, "list");
    assert_eq!(Value::Array(all.clone()), s.get(LOCATIONS).json());
    switch(&s, "paginated");

    // limit: default 20, clamped to 1000, other parameters kept in the links, keys sorted
    let v = s.get(&format!("{LOCATIONS}?limit=1000")).json();
    assert_eq!(v["results"].as_array().unwrap().len() as u64, count);
    assert_eq!((&v["next"], &v["previous"]), (&Value::Null, &Value::Null));
    assert_eq!(
        s.get(&format!("{LOCATIONS}?limit=5000")).json()["results"],
        v["results"]
    );
    assert_eq!(
        s.get(&format!("{LOCATIONS}?limit=0")).json()["results"]
            .as_array()
            .unwrap()
            .len(),
        20
    );
    let v = s.get(&format!("{LOCATIONS}?x=a%20b&limit=10&page=2")).json();
    assert_eq!(v["results"].as_array().unwrap()[..], all[10..20]);
    assert_eq!(v["next"], json!(format!("{base}?limit=10&page=3&x=a+b")));
    assert_eq!(v["previous"], json!(format!("{base}?limit=10&x=a+b")));
    let last = s.get(&format!("{LOCATIONS}?limit=10&page=last")).json();
    assert_eq!(
        last["results"].as_array().unwrap().len() as u64,
        count - (count - 1) / 10 * 10
    );
    assert_eq!(last["next"], Value::Null);

    // pages out of range: DRF's 404
    for q in [
        "page=0",
        "page=-1",
        "page=abc",
        "page=1.5",
        &format!("page={}", pages + 1),
    ] {
        s.get(&format!("{LOCATIONS}?{q}"))
            .expect(404, r#"{"detail":"Invalid page."}"#);
    }
}

#[test]
fn forbidden_and_missing_modes() {
    let s = with_mode(LocationsMode::Forbidden, 30);
    let r = s.get(LOCATIONS);
    r.expect(403, FORBIDDEN);
    assert_eq!(r.h("Content-Type"), Some("application/json"));
    assert_eq!(r.h("Allow"), Some("GET, HEAD, OPTIONS"));
    // authentication still comes first; the read-only token is refused as well
    run(s.req("GET", LOCATIONS), None).expect(401, r#"{"detail":"Authentication credentials were not provided."}"#);
    run(
        s.req("GET", LOCATIONS)
            .set("Authorization", &format!("Token {RO_TOKEN}")),
        None,
    )
    .expect(403, FORBIDDEN);
    assert_eq!(s.list("").status, 200, "the discrepancy endpoints are unaffected");

    let s = with_mode(LocationsMode::Missing, 30);
    let unknown = s.get("/api/v1/oms/no-such-resource/");
    assert_eq!(unknown.status, 404);
    for r in [
        s.get(LOCATIONS),
        run(s.req("GET", LOCATIONS), None), // no URL pattern: 404 before authentication
        s.get("/api/v1/oms/stocklocations/list-simple"), // no redirect to a missing route
        s.get(&format!("{LOCATIONS}?page=2")),
    ] {
        r.expect(404, &unknown.body);
        assert_eq!(r.h("Content-Type"), Some("text/html; charset=utf-8"));
    }
    assert_eq!(s.list("").status, 200, "the discrepancy endpoints are unaffected");
    assert_eq!(
        s.dev("GET", "/__dev/stats", None).json()["requests"]["locations"],
        3,
        "the app's attempts are counted all the same (the slash-less path is no endpoint)"
    );
}

#[test]
fn mode_switches_at_runtime() {
    let s = Server::small();
    s.dev("GET", "/__dev/locations", None).expect(200, r#"{"mode":"list"}"#);
    let list = s.get(LOCATIONS);
    assert!(list.body.starts_with('['));

    switch(&s, "paginated");
    s.dev("GET", "/__dev/locations", None)
        .expect(200, r#"{"mode":"paginated"}"#);
    let v = s.get(LOCATIONS).json();
    assert_eq!(
        v["count"].as_u64().unwrap() as usize,
        list.json().as_array().unwrap().len()
    );

    switch(&s, "forbidden");
    s.get(LOCATIONS).expect(403, FORBIDDEN);

    switch(&s, "missing");
    assert_eq!(s.get(LOCATIONS).status, 404);

    switch(&s, "list");
    assert_eq!(s.get(LOCATIONS).body, list.body);

    for (body, message) in [
        (
            json!({"mode": "nope"}),
            r#"{"detail":"mode: \"nope\" is not one of list, paginated, forbidden, missing"}"#,
        ),
        (
            json!({"mode": 1}),
            r#"{"detail":"mode must be one of list, paginated, forbidden, missing"}"#,
        ),
        (
            json!({}),
            r#"{"detail":"mode must be one of list, paginated, forbidden, missing"}"#,
        ),
        (json!(["list"]), r#"{"detail":"expected a JSON object"}"#),
    ] {
        s.dev("POST", "/__dev/locations", Some(body)).expect(400, message);
    }
    s.dev("GET", "/__dev/locations", None).expect(200, r#"{"mode":"list"}"#);
}

#[test]
fn hostile_names_are_served_exactly_as_seeded() {
    let s = Server::start(Config {
        hostile: true,
        ..config(20)
    });
    let r = s.get(LOCATIONS);
    let v = r.json();
    let names: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["name"].as_str().unwrap())
        .collect();
    let long: String = "Çok-Uzun-Adlı-Mağaza-".chars().cycle().take(300).collect();
    for expected in [
        "<script>window.__pwned='location'</script>",
        "<img src=x onerror=\"window.__pwned='location'\">",
        "=HYPERLINK(\"http://evil.example\",\"x\")",
        "+cmd|' /C calc'!A0",
        "-1",
        "@SUM(1)",
        "Kadıköy \u{202E}ağazaM",
        "Şiş\u{200B}li\u{200D} Depo\u{FEFF}",
        "🏬 Bodrum Outlet 🌊🔥",
        "Satır\r\nsonu, \"tırnak\"; ve\tsekme",
        "Ayraç\u{2028}Depo\u{2029}",
        long.as_str(),
        "' OR 1=1 --",
    ] {
        assert!(names.contains(&expected), "{expected:?} in {names:?}");
    }
    assert_eq!(long.chars().count(), 300);
    // on the wire: markup and UTF-8 raw, only what JSON (and DRF, for U+2028/9) must escape
    for raw in [
        r#""name":"<script>window.__pwned='location'</script>""#,
        r#""name":"=HYPERLINK(\"http://evil.example\",\"x\")""#,
        r#""name":"Satır\r\nsonu, \"tırnak\"; ve\tsekme""#,
        r#""name":"Ayraç\u2028Depo\u2029""#,
        "\"name\":\"Kadıköy \u{202E}ağazaM\"",
        "\"name\":\"🏬 Bodrum Outlet 🌊🔥\"",
    ] {
        assert!(r.body.contains(raw), "{raw} in the body");
    }
    // the hostile records sit at hostile-named locations (and at a deleted one)
    let hostile_at: BTreeSet<i64> = s
        .all("")
        .iter()
        .filter(|r| !REASONS.contains(&r["reason"].as_str().unwrap()))
        .map(|r| r["stock_location"].as_i64().unwrap())
        .collect();
    let listed: BTreeSet<i64> = location_ids(&v).into_iter().collect();
    assert!(hostile_at.iter().any(|id| !listed.contains(id)), "{hostile_at:?}");
    let by_id = |id: i64| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|l| l["id"] == id)
            .map(|l| l["name"].clone())
    };
    for name in [
        "<script>window.__pwned='location'</script>",
        "=HYPERLINK(\"http://evil.example\",\"x\")",
        long.as_str(),
    ] {
        assert!(hostile_at.iter().any(|&id| by_id(id) == Some(json!(name))), "{name}");
    }
    // the busiest (first) locations keep readable names, for `make dev`'s breakdowns
    assert_eq!(by_id(1), Some(json!("İstanbul Kadıköy Mağaza")));

    // reseeding without hostile payloads brings the plain names back, and vice versa
    s.dev("POST", "/__dev/reseed", Some(json!({"records": 20})));
    let plain = s.get(LOCATIONS);
    assert!(!plain.body.contains("<script>") && plain.body.contains("İstanbul Kadıköy Mağaza"));
    assert_eq!(location_ids(&plain.json()), location_ids(&v), "same ids either way");
    s.dev("POST", "/__dev/reseed", Some(json!({"records": 20, "hostile": true})));
    assert_eq!(s.get(LOCATIONS).body, r.body);
}

#[test]
fn seeded_discrepancies_cover_locations_reasons_and_two_years() {
    for seed in [7, DEFAULT_SEED] {
        let s = Server::start(Config { seed, ..config(1000) });
        let all = s.all("");
        assert_eq!(all.len(), 1000);
        let locations: BTreeSet<i64> = all.iter().map(|r| r["stock_location"].as_i64().unwrap()).collect();
        assert!(locations.len() >= 40, "seed {seed}: {} locations", locations.len());
        let reasons: BTreeSet<&str> = all.iter().map(|r| r["reason"].as_str().unwrap()).collect();
        assert_eq!(reasons, BTreeSet::from(REASONS), "seed {seed}");
        let dates: Vec<chrono::DateTime<chrono::FixedOffset>> = all
            .iter()
            .map(|r| chrono::DateTime::parse_from_rfc3339(&date_of(r, "created_date")).unwrap())
            .collect();
        let span = *dates.iter().max().unwrap() - *dates.iter().min().unwrap();
        assert!(span.num_days() >= 700, "seed {seed}: {} days", span.num_days());
        // every location a record names is one list-simple lists, but the deleted one(s)
        let listed: BTreeSet<i64> = location_ids(&s.get(LOCATIONS).json()).into_iter().collect();
        let unnamed: Vec<&i64> = locations.difference(&listed).collect();
        assert!(!unnamed.is_empty() && unnamed.len() <= 2, "seed {seed}: {unnamed:?}");
    }
}
