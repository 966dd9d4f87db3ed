//! The list endpoint: envelope and field order, pagination and its links, `limit`,
//! sorting, and every filter with its validation errors, as DRF and django-filter produce
//! them.

use crate::support::*;
use serde_json::{Value, json};

#[test]
fn list_shape_fields_and_default_order() {
    let s = Server::small();
    let r = s.list("");
    assert_eq!(r.status, 200);
    assert_eq!(r.h("Content-Type"), Some("application/json"));
    assert_eq!(r.h("Allow"), Some("GET, HEAD, OPTIONS"));
    let v = r.json();
    assert_eq!(v["count"], 120);
    assert_eq!(v["next"], json!(s.url(&format!("{LIST}?page=2"))));
    assert_eq!(v["previous"], Value::Null);
    let results = v["results"].as_array().unwrap();
    assert_eq!(ids(results), (101..=120).rev().collect::<Vec<_>>());
    // envelope and record key order, compact separators
    assert!(
        r.body.starts_with(r#"{"count":120,"next":"http://127.0.0.1:"#),
        "{}",
        &r.body[..60]
    );
    assert!(r.body.contains(r#","previous":null,"results":[{"id":120,"reason":""#));
    let first = &r.body[r.body.find(r#"{"id":120"#).unwrap()..];
    let keys = [
        "\"id\":",
        "\"reason\":",
        "\"created_date\":",
        "\"modified_date\":",
        "\"is_active\":",
        "\"stock_location\":",
        "\"package_item\":",
        "\"transfer_item\":",
    ];
    let pos: Vec<usize> = keys.iter().map(|k| first.find(k).unwrap()).collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]), "{pos:?}");
    assert!(!r.body.contains(": ") && !r.body.contains(", "), "compact JSON");

    let all = s.all("");
    assert_eq!(all.len(), 120);
    let now = chrono::Utc::now();
    for rec in &all {
        let obj = rec.as_object().unwrap();
        assert_eq!(obj.len(), 8);
        assert!(REASONS.contains(&rec["reason"].as_str().unwrap()));
        for f in ["created_date", "modified_date"] {
            let d = date_of(rec, f);
            assert_eq!(d.len(), 27, "{d}");
            assert!(d.ends_with('Z') && &d[19..20] == ".", "{d}");
            let parsed = chrono::DateTime::parse_from_rfc3339(&d).unwrap();
            assert!(parsed <= now && parsed > now - chrono::Duration::days(731), "{d}");
        }
        assert!(date_of(rec, "modified_date") >= date_of(rec, "created_date"));
        let loc = rec["stock_location"].as_i64().unwrap();
        assert!((1..=50).contains(&loc));
        assert!(rec["package_item"].is_null() != rec["transfer_item"].is_null(), "{rec}");
    }
    let active = all.iter().filter(|r| r["is_active"] == json!(true)).count();
    assert!((95..=118).contains(&active), "~90% active, got {active}");
}

#[test]
fn pagination_maths_and_links() {
    let s = Server::small();
    let base = s.url(LIST);
    let v = s.list("limit=50&page=2").json();
    assert_eq!(v["results"].as_array().unwrap().len(), 50);
    assert_eq!(v["next"], json!(format!("{base}?limit=50&page=3")));
    assert_eq!(v["previous"], json!(format!("{base}?limit=50")));
    let v = s.list("limit=50&page=3").json();
    assert_eq!(
        ids(v["results"].as_array().unwrap()),
        (1..=20).rev().collect::<Vec<_>>()
    );
    assert_eq!(v["next"], Value::Null);
    assert_eq!(v["previous"], json!(format!("{base}?limit=50&page=2")));
    let last = s.list("limit=50&page=last").json();
    assert_eq!(last["results"], v["results"]);
    assert_eq!(last["previous"], json!(format!("{base}?limit=50&page=2")));

    // other params kept, keys sorted, values re-encoded as Python's urlencode does
    let v = s
        .list("sort=-created_date&reason=damaged&limit=2&id__in=&x=a%20b")
        .json();
    assert_eq!(
        v["next"],
        json!(format!(
            "{base}?id__in=&limit=2&page=2&reason=damaged&sort=-created_date&x=a+b"
        ))
    );
    let v = s.list("page=3&limit=2&id__in=1,2,3,4,5,6,7,8").json();
    assert_eq!(
        v["previous"],
        json!(format!("{base}?id__in=1%2C2%2C3%2C4%2C5%2C6%2C7%2C8&limit=2&page=2"))
    );
    assert_eq!(
        v["next"],
        json!(format!("{base}?id__in=1%2C2%2C3%2C4%2C5%2C6%2C7%2C8&limit=2&page=4"))
    );

    for q in [
        "page=4&limit=50",
        "page=0",
        "page=-1",
        "page=abc",
        "page=1.5",
        "page=LAST",
        "page=7",
    ] {
        s.list(q).expect(404, r#"{"detail":"Invalid page."}"#);
    }
    for q in ["page=", "page=1", "page=%201%20"] {
        assert_eq!(s.list(q).status, 200, "{q}");
    }
    // limit fallback and clamp
    for (q, n) in [
        ("limit=0", 20),
        ("limit=-3", 20),
        ("limit=abc", 20),
        ("limit=", 20),
        ("limit=7", 7),
        ("limit=5000", 120),
    ] {
        assert_eq!(s.list(q).json()["results"].as_array().unwrap().len(), n, "{q}");
    }
    // empty result: page 1 is fine, page 2 is not
    s.list("reason=nothing-matches")
        .expect(200, r#"{"count":0,"next":null,"previous":null,"results":[]}"#);
    s.list("reason=nothing-matches&page=2")
        .expect(404, r#"{"detail":"Invalid page."}"#);
    s.list("reason=nothing-matches&page=last")
        .expect(200, r#"{"count":0,"next":null,"previous":null,"results":[]}"#);

    // walking every page gives every record exactly once, for several orders
    for sort in [
        "",
        "sort=-created_date",
        "sort=reason",
        "sort=stock_location,-modified_date",
    ] {
        let mut seen = Vec::new();
        let mut page = 1;
        loop {
            let v = s.list(&format!("{sort}&limit=7&page={page}")).json();
            seen.extend(ids(v["results"].as_array().unwrap()));
            if v["next"].is_null() {
                break;
            }
            page += 1;
        }
        assert_eq!(page, 18, "{sort}");
        assert_eq!(seen, ids(&s.all(sort)), "{sort}");
        let mut sorted = seen.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (1..=120).collect::<Vec<_>>(), "{sort}");
    }
}

#[test]
fn limit_is_clamped_to_1000() {
    let s = Server::start(config(1005));
    let v = s.list("limit=5000").json();
    assert_eq!(v["count"], 1005);
    assert_eq!(v["results"].as_array().unwrap().len(), 1000);
    assert_eq!(v["next"], json!(s.url(&format!("{LIST}?limit=5000&page=2"))));
    let v = s.list("limit=5000&page=2").json();
    assert_eq!(ids(v["results"].as_array().unwrap()), vec![5, 4, 3, 2, 1]);
    // deep pages past the middle are walked from the other end: same rows as a full scan
    let all = ids(&s.all("sort=-created_date"));
    let v = s.list("sort=-created_date&limit=20&page=40").json();
    assert_eq!(ids(v["results"].as_array().unwrap()), all[780..800].to_vec());
    let v = s.list("sort=-created_date&limit=20&page=last").json();
    let mut oldest = ids(s.list("sort=created_date&limit=5").json()["results"]
        .as_array()
        .unwrap());
    oldest.reverse();
    assert_eq!(ids(v["results"].as_array().unwrap()), oldest);
}

#[test]
fn sorting_by_every_field() {
    let s = Server::small();
    let key = |r: &Value, f: &str| -> (String, i64) {
        let v = &r[f];
        let k = match v {
            Value::String(x) => x.clone(),
            Value::Number(n) => format!("{:020}", n.as_i64().unwrap()),
            _ => panic!(),
        };
        (k, r["id"].as_i64().unwrap())
    };
    for f in ["id", "created_date", "modified_date", "stock_location", "reason"] {
        for desc in [false, true] {
            let q = format!("sort={}{f}", if desc { "-" } else { "" });
            let got = s.all(&q);
            let mut expected = got.clone();
            expected.sort_by_key(|r| key(r, f));
            if desc {
                expected.reverse();
            }
            assert_eq!(ids(&got), ids(&expected), "{q}");
        }
    }
    // unknown fields ignored; all unknown → default -id
    assert_eq!(ids(&s.all("sort=bogus")), (1..=120).rev().collect::<Vec<_>>());
    assert_eq!(ids(&s.all("sort=bogus,id")), (1..=120).collect::<Vec<_>>());
    // two keys: reason ascending, then created_date descending, then id descending
    let got = s.all("sort=reason,-created_date");
    let mut expected = got.clone();
    expected.sort_by(|a, b| {
        a["reason"]
            .as_str()
            .cmp(&b["reason"].as_str())
            .then(date_of(b, "created_date").cmp(&date_of(a, "created_date")))
            .then(b["id"].as_i64().cmp(&a["id"].as_i64()))
    });
    assert_eq!(ids(&got), ids(&expected));
}

#[test]
fn filters_select_exactly_the_matching_records() {
    let s = Server::small();
    let all = s.all("");
    let expect = |q: &str, pred: &dyn Fn(&Value) -> bool| {
        let want: Vec<i64> = ids(&all.iter().filter(|r| pred(r)).cloned().collect::<Vec<_>>());
        let got = ids(&s.all(q));
        assert_eq!(got, want, "{q}");
        assert_eq!(s.count(q), want.len() as u64, "{q}");
        want.len()
    };
    assert!(expect("reason=damaged", &|r| r["reason"] == "damaged") > 5);
    assert!(expect("stock_location=7", &|r| r["stock_location"] == 7) > 0);
    expect("stock_location=7.0", &|r| r["stock_location"] == 7);
    expect("is_active=true", &|r| r["is_active"] == true);
    expect("is_active=True", &|r| r["is_active"] == true);
    expect("is_active=1", &|r| r["is_active"] == true);
    assert!(expect("is_active=false", &|r| r["is_active"] == false) > 0);
    expect("is_active=False", &|r| r["is_active"] == false);
    expect("is_active=0", &|r| r["is_active"] == false);
    expect("is_active=maybe", &|_| true);
    expect("unknown_param=1&reason=", &|_| true);
    let pkg = all.iter().find(|r| !r["package_item"].is_null()).unwrap()["package_item"].clone();
    expect(&format!("package_item={pkg}"), &|r| r["package_item"] == pkg);
    let tr = all.iter().find(|r| !r["transfer_item"].is_null()).unwrap()["transfer_item"].clone();
    expect(&format!("transfer_item={tr}"), &|r| r["transfer_item"] == tr);
    expect("id__in=3,1,17,9999", &|r| {
        [1, 3, 17].contains(&r["id"].as_i64().unwrap())
    });
    expect("id__in=5", &|r| r["id"] == 5);
    expect("reason=damaged&stock_location=3&is_active=true", &|r| {
        r["reason"] == "damaged" && r["stock_location"] == 3 && r["is_active"] == true
    });

    // created_date bounds, inclusive and exclusive, on an exact stored value
    let pivot = date_of(&all[60], "created_date");
    let enc = pivot.replace(':', "%3A");
    assert_eq!(
        expect(&format!("created_date__gte={enc}"), &|r| date_of(r, "created_date")
            >= pivot),
        61
    );
    assert_eq!(
        expect(&format!("created_date__lte={enc}"), &|r| date_of(r, "created_date")
            <= pivot),
        60
    );
    assert_eq!(
        expect(&format!("created_date__lt={enc}"), &|r| date_of(r, "created_date")
            < pivot),
        59
    );
    // a date means midnight UTC; an offset is honoured
    let day = &pivot[..10];
    expect(&format!("created_date__lt={day}"), &|r| {
        date_of(r, "created_date").as_str() < day
    });
    expect(&format!("created_date__gte={day}T00:00:00%2B00:00"), &|r| {
        date_of(r, "created_date").as_str() >= day
    });
    expect("created_date__gte=2000-01-01&created_date__lt=2000-01-02", &|_| false);
}

#[test]
fn filter_validation_errors_are_exact() {
    let s = Server::small();
    s.list("stock_location=abc")
        .expect(400, r#"{"stock_location":["Enter a number."]}"#);
    s.list("package_item=1x")
        .expect(400, r#"{"package_item":["Enter a number."]}"#);
    s.list("transfer_item=NaN")
        .expect(400, r#"{"transfer_item":["Enter a number."]}"#);
    s.list("created_date__lt=yesterday")
        .expect(400, r#"{"created_date__lt":["Enter a valid date/time."]}"#);
    s.list("created_date__gte=2023-02-30")
        .expect(400, r#"{"created_date__gte":["Enter a valid date/time."]}"#);
    s.list("created_date__lte=10-10-2023")
        .expect(400, r#"{"created_date__lte":["Enter a valid date/time."]}"#);
    s.list("id__in=1,two").expect(400, r#"{"id__in":["Enter a number."]}"#);
    s.list("id__in=1,two&created_date__lt=x&stock_location=y&page=99").expect(
        400,
        r#"{"stock_location":["Enter a number."],"created_date__lt":["Enter a valid date/time."],"id__in":["Enter a number."]}"#,
    );
    // the last of repeated values counts, as in Django's QueryDict
    assert_eq!(s.list("stock_location=x&stock_location=3").status, 200);
}
