//! The `/__dev/` control API that browser tests use to arrange situations (counters, token
//! revocation, reseeding, inserting records), and the determinism of seeded data.

use crate::support::*;
use oms_dev::Config;
use serde_json::{Value, json};

#[test]
fn dev_stats_count_requests_per_endpoint() {
    let s = Server::small();
    s.list("");
    s.list("page=99"); // 404 still counts
    run(s.req("GET", LIST), None); // 401 still counts
    s.get(&format!("{LIST}1/"));
    s.remove(Some("application/json"), "{}");
    run(s.req("GET", "/api/v1/oms/inventory-discrepancies"), None); // redirect: no endpoint
    s.get(LOCATIONS);
    run(s.req("GET", LOCATIONS), None); // 401 still counts
    s.dev("GET", "/__dev/stats", None).expect(
        200,
        r#"{"records":120,"requests":{"list":3,"detail":1,"remove":1,"locations":2}}"#,
    );
    s.dev("POST", "/__dev/stats/reset", None);
    s.dev("GET", "/__dev/stats", None).expect(
        200,
        r#"{"records":120,"requests":{"list":0,"detail":0,"remove":0,"locations":0}}"#,
    );
}

#[test]
fn dev_token_revocation() {
    let s = Server::small();
    let r = s.dev("POST", "/__dev/token", Some(json!({"token": "fresh-token"})));
    assert_eq!(r.json()["token"], "fresh-token");
    s.list("").expect(401, r#"{"detail":"Invalid token."}"#);
    let r = run(s.req("GET", LIST).set("Authorization", "Token fresh-token"), None);
    assert_eq!(r.status, 200);
    assert_eq!(s.dev("POST", "/__dev/token", Some(json!({"token": ""}))).status, 400);
}

#[test]
fn dev_reseed_and_hostile_records() {
    let s = Server::small();
    let r = s.dev(
        "POST",
        "/__dev/reseed",
        Some(json!({"records": 40, "seed": 3, "hostile": true})),
    );
    r.expect(200, r#"{"records":50}"#);
    assert_eq!(s.count(""), 50);
    let page = s.list("");
    let first: Vec<String> = page.json()["results"].as_array().unwrap()[..10]
        .iter()
        .map(|r| r["reason"].as_str().unwrap().to_string())
        .collect();
    for needle in [
        "<script>window.__pwned=1</script>",
        "<img src=x onerror=\"window.__pwned=1\">",
        "\"><svg onload=window.__pwned=1>",
        "Stok yetersiz: ığüşöçİĞÜŞÖÇ",
        "javascript:window.__pwned=1",
    ] {
        assert!(first.iter().any(|r| r == needle), "{needle} on page 1");
    }
    assert!(first.iter().any(|r| r.chars().count() == 500));
    assert!(first.iter().any(|r| r.contains('\u{202E}')));
    assert!(first.iter().any(|r| r.contains('\u{200B}') && r.contains('\u{200D}')));
    assert!(first.iter().any(|r| r.contains('📦')));
    // raw UTF-8 and unescaped markup on the wire, as DRF renders it
    assert!(page.body.contains(r#""reason":"<script>window.__pwned=1</script>""#));
    assert!(page.body.contains("ığüşöçİĞÜŞÖÇ"));
    // newest first with sort=-created_date too
    let by_date = s.all("sort=-created_date");
    assert_eq!(
        ids(&by_date[..10]),
        ids(&page.json()["results"].as_array().unwrap()[..10])
    );
    // hostile flag at start-up
    let h = Server::start(Config {
        hostile: true,
        ..config(20)
    });
    assert_eq!(h.count(""), 30);
    assert_eq!(h.count("reason=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E"), 1);
}

#[test]
fn dev_records_insert_renders_like_the_vendor_example() {
    let s = Server::small();
    let r = s.dev(
        "POST",
        "/__dev/records",
        Some(json!([
            {"id": 5000, "reason": "out_of_stock", "created_date": "2023-01-01T14:09:34.934060Z",
             "modified_date": "2023-01-01T14:09:34.934069Z", "stock_location": 1, "package_item": 11111},
            {"reason": "damaged", "stock_location": 9, "transfer_item": 77, "is_active": false}
        ])),
    );
    assert_eq!(r.status, 201);
    let created = r.json();
    assert_eq!(created[1]["id"], 5001);
    assert_eq!(created[1]["is_active"], false);
    let r = s.get(&format!("{LIST}5000/"));
    r.expect(
        200,
        r#"{"id":5000,"reason":"out_of_stock","created_date":"2023-01-01T14:09:34.934060Z","modified_date":"2023-01-01T14:09:34.934069Z","is_active":true,"stock_location":1,"package_item":11111,"transfer_item":null}"#,
    );
    assert_eq!(created[0], r.json());
    assert_eq!(s.count(""), 122);
    assert_eq!(ids(&s.all("id__in=5000,5001")), vec![5001, 5000]);
    assert_eq!(s.count("created_date__lt=2023-01-02&created_date__gte=2023-01-01"), 1);
    assert_eq!(
        s.dev("POST", "/__dev/records", Some(json!([{"stock_location": 1}])))
            .status,
        400
    );
}

#[test]
fn seeding_is_deterministic() {
    let strip = |v: Vec<Value>| -> Vec<Value> {
        v.into_iter()
            .map(|mut r| {
                let o = r.as_object_mut().unwrap();
                o.remove("created_date");
                o.remove("modified_date");
                r
            })
            .collect()
    };
    let a = Server::small();
    let b = Server::small();
    let c = Server::start(Config { seed: 8, ..config(120) });
    assert_eq!(strip(a.all("")), strip(b.all("")));
    assert_ne!(strip(a.all("")), strip(c.all("")));
}
