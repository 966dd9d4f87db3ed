//! End-to-end tests over real HTTP: the server runs in-process on an ephemeral loopback
//! port with a small seeded database; every error body is compared byte for byte.

use oms_dev::{AppState, Config};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::Read;
use std::time::{Duration, Instant};

const LIST: &str = "/api/v1/oms/inventory-discrepancies/";
const TOKEN: &str = "test-rw-token";
const RO_TOKEN: &str = "test-ro-token";

struct Resp {
    status: u16,
    headers: HashMap<String, String>,
    body: String,
    raw: Vec<u8>,
}

impl Resp {
    fn h(&self, name: &str) -> Option<&str> {
        self.headers.get(&name.to_ascii_lowercase()).map(String::as_str)
    }
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    #[track_caller]
    fn expect(&self, status: u16, body: &str) {
        assert_eq!((self.status, self.body.as_str()), (status, body));
    }
}

fn to_resp(r: ureq::Response) -> Resp {
    let status = r.status();
    let headers = r
        .headers_names()
        .into_iter()
        .map(|n| {
            let v = r.header(&n).unwrap_or("").to_string();
            (n.to_ascii_lowercase(), v)
        })
        .collect();
    let mut bytes = Vec::new();
    r.into_reader().read_to_end(&mut bytes).unwrap();
    Resp {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        raw: bytes,
    }
}

fn run(req: ureq::Request, body: Option<&[u8]>) -> Resp {
    let result = match body {
        Some(b) => req.send_bytes(b),
        None => req.call(),
    };
    match result {
        Ok(r) => to_resp(r),
        Err(ureq::Error::Status(_, r)) => to_resp(r),
        Err(e) => panic!("transport error: {e}"),
    }
}

struct Server {
    port: u16,
    agent: ureq::Agent,
}

impl Server {
    fn start(config: Config) -> Server {
        let state = AppState::new(&config).expect("state");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                tx.send(listener.local_addr().unwrap().port()).unwrap();
                oms_dev::serve_state(state, listener).await.unwrap();
            });
        });
        let port = rx.recv().unwrap();
        Server {
            port,
            agent: ureq::AgentBuilder::new().redirects(0).build(),
        }
    }

    /// 120 deterministic records in memory.
    fn small() -> Server {
        Self::start(config(120))
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn req(&self, method: &str, path: &str) -> ureq::Request {
        self.agent.request(method, &self.url(path))
    }

    fn authed(&self, method: &str, path: &str) -> ureq::Request {
        self.req(method, path).set("Authorization", &format!("Token {TOKEN}"))
    }

    /// Authenticated GET.
    fn get(&self, path: &str) -> Resp {
        run(self.authed("GET", path), None)
    }

    /// Authenticated GET of the list with a query string.
    fn list(&self, query: &str) -> Resp {
        self.get(&format!("{LIST}?{query}"))
    }

    /// Every record matching `query` (which must not contain limit/page), in list order.
    fn all(&self, query: &str) -> Vec<Value> {
        let r = self.list(&format!("{query}&limit=1000"));
        assert_eq!(r.status, 200, "{}", r.body);
        r.json()["results"].as_array().unwrap().clone()
    }

    fn count(&self, query: &str) -> u64 {
        let r = self.list(query);
        assert_eq!(r.status, 200, "{}", r.body);
        r.json()["count"].as_u64().unwrap()
    }

    fn remove(&self, content_type: Option<&str>, body: &str) -> Resp {
        let mut req = self.authed("POST", &format!("{LIST}remove/"));
        if let Some(ct) = content_type {
            req = req.set("Content-Type", ct);
        }
        run(req, Some(body.as_bytes()))
    }

    fn dev(&self, method: &str, path: &str, body: Option<Value>) -> Resp {
        let req = self.req(method, path);
        match body {
            Some(b) => run(
                req.set("Content-Type", "application/json"),
                Some(b.to_string().as_bytes()),
            ),
            None => run(req, None),
        }
    }
}

fn config(records: u64) -> Config {
    Config {
        db: ":memory:".into(),
        records: Some(records),
        seed: 7,
        token: TOKEN.into(),
        readonly_token: RO_TOKEN.into(),
        ..Config::default()
    }
}

fn ids(results: &[Value]) -> Vec<i64> {
    results.iter().map(|r| r["id"].as_i64().unwrap()).collect()
}

fn date_of(r: &Value, field: &str) -> String {
    r[field].as_str().unwrap().to_string()
}

// ---------------------------------------------------------------- auth

#[test]
fn authentication_errors_match_drf() {
    let s = Server::small();
    let cases: [(Option<&str>, &str); 6] = [
        (None, r#"{"detail":"Authentication credentials were not provided."}"#),
        (
            Some("Bearer test-rw-token"),
            r#"{"detail":"Authentication credentials were not provided."}"#,
        ),
        (
            Some("Token"),
            r#"{"detail":"Invalid token header. No credentials provided."}"#,
        ),
        (
            Some("Token "),
            r#"{"detail":"Invalid token header. No credentials provided."}"#,
        ),
        (
            Some("Token a b"),
            r#"{"detail":"Invalid token header. Token string should not contain spaces."}"#,
        ),
        (Some("Token wrong-token"), r#"{"detail":"Invalid token."}"#),
    ];
    for path in [LIST.to_string(), format!("{LIST}1/"), format!("{LIST}remove/")] {
        for (header, body) in cases {
            let method = if path.ends_with("remove/") { "POST" } else { "GET" };
            let mut req = s.req(method, &path);
            if let Some(h) = header {
                req = req.set("Authorization", h);
            }
            let r = run(req, None);
            r.expect(401, body);
            assert_eq!(r.h("WWW-Authenticate"), Some("Token"), "{path} {header:?}");
            assert_eq!(r.h("Content-Type"), Some("application/json"));
        }
    }
    // keyword is case-insensitive, as in DRF
    let r = run(s.req("GET", LIST).set("Authorization", &format!("token {TOKEN}")), None);
    assert_eq!(r.status, 200);
    // auth comes before method dispatch: unauthenticated GET on remove is 401, not 405
    run(s.req("GET", &format!("{LIST}remove/")), None)
        .expect(401, r#"{"detail":"Authentication credentials were not provided."}"#);
}

#[test]
fn read_only_token_can_read_but_not_remove() {
    let s = Server::small();
    let ro = |m: &str, p: &str| s.req(m, p).set("Authorization", &format!("Token {RO_TOKEN}"));
    assert_eq!(run(ro("GET", LIST), None).status, 200);
    assert_eq!(run(ro("GET", &format!("{LIST}1/")), None).status, 200);
    let r = run(
        ro("POST", &format!("{LIST}remove/")).set("Content-Type", "application/x-www-form-urlencoded"),
        Some(b"expired_date=01-01-2100"),
    );
    r.expect(
        403,
        r#"{"detail":"You do not have permission to perform this action."}"#,
    );
    assert_eq!(s.count(""), 120, "nothing may be deleted");
    // unsafe method on the list: permission is checked before the method
    run(ro("POST", LIST), Some(b"")).expect(
        403,
        r#"{"detail":"You do not have permission to perform this action."}"#,
    );
}

// ---------------------------------------------------------------- list

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
    let reasons = [
        "out_of_stock",
        "damaged",
        "missing",
        "wrong_product",
        "expired",
        "quality_issue",
    ];
    let now = chrono::Utc::now();
    for rec in &all {
        let obj = rec.as_object().unwrap();
        assert_eq!(obj.len(), 8);
        assert!(reasons.contains(&rec["reason"].as_str().unwrap()));
        for f in ["created_date", "modified_date"] {
            let d = date_of(rec, f);
            assert_eq!(d.len(), 27, "{d}");
            assert!(d.ends_with('Z') && &d[19..20] == ".", "{d}");
            let parsed = chrono::DateTime::parse_from_rfc3339(&d).unwrap();
            assert!(parsed <= now && parsed > now - chrono::Duration::days(401), "{d}");
        }
        assert!(date_of(rec, "modified_date") >= date_of(rec, "created_date"));
        let loc = rec["stock_location"].as_i64().unwrap();
        assert!((1..=25).contains(&loc));
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

// ---------------------------------------------------------------- detail & routing

#[test]
fn detail_and_not_found() {
    let s = Server::small();
    let all = s.all("");
    let rec = &all[10];
    let id = rec["id"].as_i64().unwrap();
    let r = s.get(&format!("{LIST}{id}/"));
    assert_eq!(r.status, 200);
    assert_eq!(&r.json(), rec);
    // byte-identical to the record inside the list body
    let list = s.list("limit=1000").body;
    let start = list.find(&format!("{{\"id\":{id},")).unwrap();
    assert_eq!(&list[start..start + r.body.len()], r.body);
    assert!(r.body.starts_with(&format!("{{\"id\":{id},\"reason\":")));
    for pk in ["999999", "0", "-1", "99999999999999999999999"] {
        s.get(&format!("{LIST}{pk}/"))
            .expect(404, r#"{"detail":"No InventoryDiscrepancy matches the given query."}"#);
    }
    for pk in ["abc", "1x", "%20"] {
        s.get(&format!("{LIST}{pk}/")).expect(404, r#"{"detail":"Not found."}"#);
    }
    // paths no URL pattern matches: Django's HTML 404
    for p in ["/api/v1/oms/nope/", "/api/v1/oms/inventory-discrepancies/1.5/", "/api/"] {
        let r = s.get(p);
        assert_eq!(r.status, 404, "{p}");
        assert_eq!(r.h("Content-Type"), Some("text/html; charset=utf-8"));
        assert!(r.body.contains("<title>Not Found</title>"), "{}", r.body);
    }
}

#[test]
fn append_slash_redirects_without_auth() {
    let s = Server::small();
    for (path, location) in [
        (
            "/api/v1/oms/inventory-discrepancies/5",
            "/api/v1/oms/inventory-discrepancies/5/",
        ),
        (
            "/api/v1/oms/inventory-discrepancies/5?a=1&b=%20",
            "/api/v1/oms/inventory-discrepancies/5/?a=1&b=%20",
        ),
        (
            "/api/v1/oms/inventory-discrepancies",
            "/api/v1/oms/inventory-discrepancies/",
        ),
        (
            "/api/v1/oms/inventory-discrepancies?limit=5&page=2",
            "/api/v1/oms/inventory-discrepancies/?limit=5&page=2",
        ),
        (
            "/api/v1/oms/inventory-discrepancies/remove",
            "/api/v1/oms/inventory-discrepancies/remove/",
        ),
    ] {
        let r = run(s.req("GET", path), None);
        assert_eq!(r.status, 301, "{path}");
        assert_eq!(r.h("Location"), Some(location), "{path}");
        assert_eq!(r.body, "");
    }
}

#[test]
fn wrong_methods_get_405() {
    let s = Server::small();
    let m = |method: &str, path: &str| run(s.authed(method, path), None);
    let r = m("POST", LIST);
    r.expect(405, r#"{"detail":"Method \"POST\" not allowed."}"#);
    assert_eq!(r.h("Allow"), Some("GET, HEAD, OPTIONS"));
    let r = m("GET", &format!("{LIST}remove/"));
    r.expect(405, r#"{"detail":"Method \"GET\" not allowed."}"#);
    assert_eq!(r.h("Allow"), Some("POST, OPTIONS"));
    m("DELETE", &format!("{LIST}remove/")).expect(405, r#"{"detail":"Method \"DELETE\" not allowed."}"#);
    m("PUT", &format!("{LIST}3/")).expect(405, r#"{"detail":"Method \"PUT\" not allowed."}"#);
    m("PATCH", &format!("{LIST}3/")).expect(405, r#"{"detail":"Method \"PATCH\" not allowed."}"#);
    m("POST", &format!("{LIST}3/")).expect(405, r#"{"detail":"Method \"POST\" not allowed."}"#);
    // HEAD works where GET does
    assert_eq!(m("HEAD", LIST).status, 200);
    // a plain OPTIONS (not a CORS preflight) gets DRF's metadata after auth
    m("OPTIONS", LIST).expect(
        200,
        r#"{"name":"Inventory Discrepancy List","description":"","renders":["application/json"],"parses":["application/json","application/x-www-form-urlencoded"]}"#,
    );
    assert_eq!(run(s.req("OPTIONS", LIST), None).status, 401);
}

// ---------------------------------------------------------------- remove

/// `DD-MM-YYYY` of the date part of an ISO timestamp.
fn ddmmyyyy(iso: &str) -> String {
    format!("{}-{}-{}", &iso[8..10], &iso[5..7], &iso[0..4])
}

#[test]
fn remove_with_form_body_at_one_location() {
    let s = Server::small();
    let all = s.all("");
    let loc = 7;
    let at_loc: Vec<&Value> = all.iter().filter(|r| r["stock_location"] == loc).collect();
    assert!(at_loc.len() >= 3, "seed gives location 7 enough rows");
    let pivot = date_of(at_loc[at_loc.len() / 2], "created_date");
    let day = &pivot[..10];
    // expected from list queries first
    let expected = s.count(&format!("stock_location={loc}&created_date__lt={day}"));
    let others_before = s.count(&format!("created_date__lt={day}")) - expected;
    assert!(expected > 0);
    let total = s.count("");

    let r = s.remove(
        Some("application/x-www-form-urlencoded"),
        &format!("expired_date={}&stock_location={loc}", ddmmyyyy(&pivot)),
    );
    assert_eq!((r.status, r.body.as_str()), (204, ""));
    assert_eq!(r.h("Content-Type"), None);
    assert_eq!(s.count(""), total - expected);
    assert_eq!(s.count(&format!("stock_location={loc}&created_date__lt={day}")), 0);
    assert_eq!(
        s.count(&format!("created_date__lt={day}")),
        others_before,
        "other locations untouched"
    );
    assert_eq!(
        s.count(&format!("stock_location={loc}&created_date__gte={day}")) as usize,
        at_loc
            .iter()
            .filter(|r| date_of(r, "created_date").as_str() >= day)
            .count()
    );
}

#[test]
fn remove_with_json_body_everywhere() {
    let s = Server::small();
    let all = s.all("sort=created_date");
    let pivot = date_of(&all[80], "created_date");
    let day = &pivot[..10];
    let expected = s.count(&format!("created_date__lt={day}"));
    assert!(expected >= 60);
    let r = s.remove(
        Some("application/json"),
        &json!({"expired_date": ddmmyyyy(&pivot)}).to_string(),
    );
    assert_eq!((r.status, r.body.as_str()), (204, ""));
    assert_eq!(s.count(""), 120 - expected);
    assert_eq!(s.count(&format!("created_date__lt={day}")), 0);
    // form body with a blank optional stock_location behaves like no location
    let r = s.remove(
        Some("application/x-www-form-urlencoded"),
        "expired_date=01-01-2100&stock_location=",
    );
    assert_eq!(r.status, 204);
    assert_eq!(s.count(""), 0);
    // JSON with charset parameter and an integral stock_location string
    let r = s.remove(
        Some("application/json; charset=utf-8"),
        r#"{"expired_date":"01-01-2100","stock_location":"7"}"#,
    );
    assert_eq!(r.status, 204);
}

#[test]
fn remove_validation_errors_are_exact() {
    let s = Server::small();
    const FORM: Option<&str> = Some("application/x-www-form-urlencoded");
    const JSON: Option<&str> = Some("application/json");
    let wrong = r#"{"expired_date":["Date has wrong format. Use one of these formats instead: DD-MM-YYYY."]}"#;
    for bad in [
        "2023-10-10",
        "1-10-2023",
        "10-1-2023",
        "31-02-2023",
        "10/10/2023",
        "10-10-23",
        "",
        "x",
    ] {
        s.remove(FORM, &format!("expired_date={bad}")).expect(400, wrong);
        s.remove(JSON, &json!({"expired_date": bad}).to_string())
            .expect(400, wrong);
    }
    s.remove(JSON, r#"{"expired_date":20231010}"#).expect(400, wrong);
    let required = r#"{"expired_date":["This field is required."]}"#;
    s.remove(FORM, "").expect(400, required);
    s.remove(FORM, "stock_location=3").expect(400, required);
    s.remove(JSON, "{}").expect(400, required);
    s.remove(None, "").expect(400, required);
    s.remove(FORM, "expired_date=10-10-2023&stock_location=abc")
        .expect(400, r#"{"stock_location":["A valid integer is required."]}"#);
    s.remove(JSON, r#"{"expired_date":"10-10-2023","stock_location":"7.5"}"#)
        .expect(400, r#"{"stock_location":["A valid integer is required."]}"#);
    s.remove(JSON, r#"{"expired_date":"10-10-2023","stock_location":null}"#)
        .expect(400, r#"{"stock_location":["This field may not be null."]}"#);
    s.remove(JSON, r#"{"expired_date":null}"#)
        .expect(400, r#"{"expired_date":["This field may not be null."]}"#);
    s.remove(FORM, "expired_date=2023&stock_location=x").expect(
        400,
        r#"{"expired_date":["Date has wrong format. Use one of these formats instead: DD-MM-YYYY."],"stock_location":["A valid integer is required."]}"#,
    );
    s.remove(JSON, "[1]").expect(
        400,
        r#"{"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}"#,
    );
    s.remove(Some("text/plain"), "expired_date=10-10-2023")
        .expect(415, r#"{"detail":"Unsupported media type \"text/plain\" in request."}"#);
    s.remove(Some("text/plain;charset=UTF-8"), "{}").expect(
        415,
        r#"{"detail":"Unsupported media type \"text/plain;charset=UTF-8\" in request."}"#,
    );
    s.remove(Some("multipart/form-data; boundary=x"), "--x--").expect(
        415,
        r#"{"detail":"Unsupported media type \"multipart/form-data; boundary=x\" in request."}"#,
    );
    s.remove(None, "expired_date=10-10-2023")
        .expect(415, r#"{"detail":"Unsupported media type \"\" in request."}"#);
    s.remove(JSON, "{bad").expect(
        400,
        r#"{"detail":"JSON parse error - Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"}"#,
    );
    s.remove(JSON, r#"{"expired_date":}"#).expect(
        400,
        r#"{"detail":"JSON parse error - Expecting value: line 1 column 17 (char 16)"}"#,
    );
    assert_eq!(s.count(""), 120, "no failed call deleted anything");
}

// ---------------------------------------------------------------- CORS, gzip, static

#[test]
fn cors_on_preflight_success_and_errors() {
    let s = Server::small();
    let origin = "http://localhost:8080";
    let r = run(
        s.req("OPTIONS", &format!("{LIST}remove/"))
            .set("Origin", origin)
            .set("Access-Control-Request-Method", "POST")
            .set("Access-Control-Request-Headers", "authorization,content-type"),
        None,
    );
    assert_eq!((r.status, r.body.as_str()), (200, ""));
    assert_eq!(r.h("Access-Control-Allow-Origin"), Some("*"));
    assert_eq!(r.h("Access-Control-Allow-Methods"), Some("GET, POST, OPTIONS"));
    assert_eq!(r.h("Access-Control-Allow-Headers"), Some("authorization, content-type"));
    assert_eq!(r.h("Access-Control-Max-Age"), Some("86400"));
    assert_eq!(
        s.dev("GET", "/__dev/stats", None).json()["requests"]["remove"],
        0,
        "preflight is not a call"
    );

    let with_origin = |req: ureq::Request| run(req.set("Origin", origin), None);
    for r in [
        with_origin(s.authed("GET", LIST)),
        with_origin(s.req("GET", LIST)),                         // 401
        with_origin(s.authed("GET", &format!("{LIST}999999/"))), // 404
    ] {
        assert_eq!(r.h("Access-Control-Allow-Origin"), Some("*"), "status {}", r.status);
        assert_eq!(r.h("Access-Control-Expose-Headers"), Some("Retry-After"));
        assert_eq!(r.h("Access-Control-Allow-Methods"), None, "only on OPTIONS");
    }
    let r = with_origin(s.req("GET", LIST));
    assert_eq!(r.status, 401);
    assert_eq!(r.h("WWW-Authenticate"), Some("Token"));
}

#[test]
fn gzip_when_accepted() {
    let s = Server::small();
    let r = run(
        s.authed("GET", &format!("{LIST}?limit=100"))
            .set("Accept-Encoding", "gzip"),
        None,
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.h("Content-Encoding"), Some("gzip"));
    let r = s.list("limit=100");
    assert_eq!(r.h("Content-Encoding"), None);
}

#[test]
fn static_files_with_spa_fallback() {
    let dir = std::env::temp_dir().join(format!("oms-dev-static-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>app</title>").unwrap();
    std::fs::write(dir.join("assets/app.js"), "console.log(1)").unwrap();
    let s = Server::start(Config {
        static_dir: Some(dir.clone()),
        ..config(10)
    });
    for path in ["/", "/index.html", "/discrepancies/42", "/deep/client/route?x=1"] {
        let r = run(s.req("GET", path), None);
        assert_eq!(
            (r.status, r.body.as_str()),
            (200, "<!doctype html><title>app</title>"),
            "{path}"
        );
        assert_eq!(r.h("Cache-Control"), Some("no-cache"), "{path}");
        assert!(r.h("Content-Type").unwrap().starts_with("text/html"));
    }
    let r = run(s.req("GET", "/assets/app.js"), None);
    assert_eq!((r.status, r.body.as_str()), (200, "console.log(1)"));
    assert!(r.h("Content-Type").unwrap().contains("javascript"));
    assert_eq!(
        r.h("Cache-Control"),
        Some("no-cache"),
        "an unhashed name must be revalidated"
    );
    // /api/ and /__dev/ never fall back to the app
    let r = run(s.req("GET", "/api/v1/unknown/"), None);
    assert_eq!(r.status, 404);
    assert!(r.body.contains("Not Found"));
    assert_eq!(run(s.req("GET", "/__dev/unknown"), None).status, 404);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn static_assets_precompressed_cached_and_revalidated() {
    let dir = std::env::temp_dir().join(format!("oms-dev-static-cache-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let index = "<!doctype html><title>app</title>".repeat(20);
    let wasm: Vec<u8> = (0..40_000u32).map(|i| (i % 7) as u8).collect();
    std::fs::write(dir.join("index.html"), &index).unwrap();
    std::fs::write(dir.join("app-59f3c2942698cb0_bg.wasm"), &wasm).unwrap();
    std::fs::write(dir.join("secret.txt"), "outside").unwrap();
    let s = Server::start(Config {
        static_dir: Some(dir.clone()),
        ..config(10)
    });
    let gunzip = |raw: &[u8]| {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(raw).read_to_end(&mut out).unwrap();
        out
    };

    // The hashed wasm: gzip when accepted (level 9, far below the raw size), immutable.
    let path = "/app-59f3c2942698cb0_bg.wasm";
    let r = run(s.req("GET", path).set("Accept-Encoding", "gzip, deflate, br"), None);
    assert_eq!(r.status, 200);
    assert_eq!(r.h("Content-Encoding"), Some("gzip"));
    assert_eq!(r.h("Content-Type"), Some("application/wasm"));
    assert_eq!(r.h("Cache-Control"), Some("public, max-age=31536000, immutable"));
    assert!(r.h("Vary").unwrap().contains("accept-encoding"), "{:?}", r.h("Vary"));
    assert_eq!(r.h("Content-Length"), Some(r.raw.len().to_string().as_str()));
    assert!(r.raw.len() < wasm.len() / 20, "{} bytes", r.raw.len());
    assert_eq!(gunzip(&r.raw), wasm);
    let etag = r.h("ETag").unwrap().to_string();
    assert!(
        etag.starts_with('"') && etag.ends_with('"') && etag.len() == 26,
        "{etag}"
    );
    // Without gzip (or refused with q=0): the identical bytes, the same ETag.
    for ae in [None, Some("gzip;q=0, identity")] {
        let req = s.req("GET", path);
        let r = run(
            if let Some(v) = ae {
                req.set("Accept-Encoding", v)
            } else {
                req
            },
            None,
        );
        assert_eq!((r.status, r.h("Content-Encoding")), (200, None), "{ae:?}");
        assert_eq!(r.raw, wasm);
        assert_eq!(r.h("ETag"), Some(etag.as_str()));
    }
    // Revalidation: 304 without a body, still with the policy headers.
    let r = run(s.req("GET", path).set("If-None-Match", &etag), None);
    assert_eq!((r.status, r.raw.len()), (304, 0));
    assert_eq!(r.h("ETag"), Some(etag.as_str()));
    assert!(r.h("Content-Security-Policy").is_some());
    assert_eq!(
        run(s.req("GET", path).set("If-None-Match", "\"other\""), None).status,
        200
    );
    // HEAD: the headers of the GET, no body.
    let r = run(s.req("HEAD", path).set("Accept-Encoding", "gzip"), None);
    assert_eq!((r.status, r.raw.len(), r.h("Content-Encoding")), (200, 0, Some("gzip")));

    // index.html (and the client-route fallback) is revalidated, never immutable.
    let r = run(s.req("GET", "/discrepancies/7").set("Accept-Encoding", "gzip"), None);
    assert_eq!((r.status, r.h("Cache-Control")), (200, Some("no-cache")));
    assert_eq!(gunzip(&r.raw), index.as_bytes());

    // A rebuilt file is served fresh, under a new ETag.
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(dir.join("app-59f3c2942698cb0_bg.wasm"), b"rebuilt").unwrap();
    let r = run(s.req("GET", path), None);
    assert_eq!(r.body, "rebuilt");
    assert_ne!(r.h("ETag"), Some(etag.as_str()));

    // Paths that try to leave the directory get the app, never a file outside it.
    let outside = dir
        .parent()
        .unwrap()
        .join(format!("oms-dev-outside-{}.txt", std::process::id()));
    std::fs::write(&outside, "outside").unwrap();
    let name = outside.file_name().unwrap().to_str().unwrap();
    for p in [
        format!("/../{name}"),
        format!("/%2e%2e/{name}"),
        format!("/%2E%2E%2F{name}"),
    ] {
        let r = run(s.req("GET", &p), None);
        assert_eq!((r.status, r.body.as_str()), (200, index.as_str()), "{p}");
    }
    std::fs::remove_file(&outside).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}

// ---------------------------------------------------------------- faults

const HTML_500: &str = "<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Server Error (500)</title>\n</head>\n<body>\n  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n";

#[test]
fn fail_rate_answers_django_html_500() {
    let s = Server::start(Config {
        fail_rate: 1.0,
        ..config(30)
    });
    for path in [LIST.to_string(), format!("{LIST}1/")] {
        let r = run(s.authed("GET", &path).set("Origin", "http://x"), None);
        r.expect(500, HTML_500);
        assert_eq!(r.h("Content-Type"), Some("text/html; charset=utf-8"));
        assert_eq!(r.h("Access-Control-Allow-Origin"), Some("*"));
    }
    let r = s.remove(Some("application/x-www-form-urlencoded"), "expired_date=01-01-2100");
    r.expect(500, HTML_500);
    assert_eq!(
        s.dev("GET", "/__dev/stats", None).body,
        r#"{"records":30,"requests":{"list":1,"detail":1,"remove":1}}"#
    );
    // runtime change: half the requests fail, deterministically
    let v = s.dev("POST", "/__dev/faults", Some(json!({"fail_rate": 0.5}))).json();
    assert_eq!(v, json!({"latency_ms": 0, "fail_rate": 0.5, "throttle": null}));
    let fails = (0..200).filter(|_| s.list("").status == 500).count();
    assert!((80..=120).contains(&fails), "{fails}");
    s.dev("POST", "/__dev/faults", Some(json!({"fail_rate": 0})));
    assert!((0..20).all(|_| s.list("").status == 200));
}

#[test]
fn throttle_answers_429_with_retry_after() {
    let s = Server::start(Config {
        throttle: Some(3),
        ..config(10)
    });
    for _ in 0..3 {
        assert_eq!(s.list("").status, 200);
    }
    let r = run(s.authed("GET", LIST).set("Origin", "http://x"), None);
    r.expect(
        429,
        r#"{"detail":"Request was throttled. Expected available in 1 second."}"#,
    );
    assert_eq!(r.h("Retry-After"), Some("1"));
    assert_eq!(r.h("Access-Control-Allow-Origin"), Some("*"));
    assert_eq!(r.h("Access-Control-Expose-Headers"), Some("Retry-After"));
    // per token: the read-only token has its own budget
    let ro = run(
        s.req("GET", LIST).set("Authorization", &format!("Token {RO_TOKEN}")),
        None,
    );
    assert_eq!(ro.status, 200);
    std::thread::sleep(Duration::from_millis(1100));
    assert_eq!(s.list("").status, 200);
    // switched off at runtime
    s.dev("POST", "/__dev/faults", Some(json!({"throttle": null})));
    assert!((0..10).all(|_| s.list("").status == 200));
}

#[test]
fn latency_delays_api_responses_only() {
    let s = Server::start(Config {
        latency_ms: 150,
        ..config(10)
    });
    let t = Instant::now();
    assert_eq!(s.list("").status, 200);
    assert!(t.elapsed() >= Duration::from_millis(150));
    let t = Instant::now();
    s.dev("GET", "/__dev/stats", None);
    assert!(t.elapsed() < Duration::from_millis(150));
    let v = s.dev("POST", "/__dev/faults", Some(json!({"latency_ms": 0}))).json();
    assert_eq!(v, json!({"latency_ms": 0, "fail_rate": 0.0, "throttle": null}));
}

// ---------------------------------------------------------------- dev API & data

#[test]
fn dev_stats_count_requests_per_endpoint() {
    let s = Server::small();
    s.list("");
    s.list("page=99"); // 404 still counts
    run(s.req("GET", LIST), None); // 401 still counts
    s.get(&format!("{LIST}1/"));
    s.remove(Some("application/json"), "{}");
    run(s.req("GET", "/api/v1/oms/inventory-discrepancies"), None); // redirect: no endpoint
    s.dev("GET", "/__dev/stats", None)
        .expect(200, r#"{"records":120,"requests":{"list":3,"detail":1,"remove":1}}"#);
    s.dev("POST", "/__dev/stats/reset", None);
    s.dev("GET", "/__dev/stats", None)
        .expect(200, r#"{"records":120,"requests":{"list":0,"detail":0,"remove":0}}"#);
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

#[test]
fn binary_prints_startup_lines_and_serves() {
    let (mut child, port, lines) = start_bin(&["--records", "50", "--token", "bin-token"], 4);
    assert_eq!(lines[1], "token: bin-token");
    assert_eq!(lines[2], "read-only token: demo-readonly-4b81d3");
    assert_eq!(lines[3], "records: 50");
    let r = run(
        ureq::get(&format!("http://127.0.0.1:{port}{LIST}?limit=1")).set("Authorization", "Token bin-token"),
        None,
    );
    let killed = child.kill();
    let _ = child.wait();
    killed.unwrap();
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["count"], 50);
}

// ---------------------------------------------------------------- Content-Security-Policy

/// trunk's loader as `trunk build --release` writes it, plus an external script and a
/// commented-out one, neither of which may be hashed.
const LOADER: &str = "\nimport init, * as bindings from '/app-1234.js';\nconst wasm = await init({ module_or_path: '/app-1234_bg.wasm' });\nwindow.wasmBindings = bindings;\n";

fn csp_fixture(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("oms-dev-csp-{name}-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(
        dir.join("index.html"),
        format!(
            "<!doctype html><head><!-- <script>old()</script> -->\n<script type=\"module\">{LOADER}</script>\
             <script src=\"/assets/app.js\" integrity=\"sha384-x\"></script></head><body></body>"
        ),
    )
    .unwrap();
    std::fs::write(dir.join("assets/app.js"), "console.log(1)").unwrap();
    dir
}

/// `'sha256-…'` of `script`, computed here rather than by the server's code.
fn sha256_source(script: &str) -> String {
    use base64::Engine;
    use sha2::Digest;
    let digest = sha2::Sha256::digest(script.as_bytes());
    format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest))
}

fn csp_server(dir: &std::path::Path, csp: oms_dev::CspConfig) -> Server {
    Server::start(Config {
        static_dir: Some(dir.to_path_buf()),
        csp,
        ..config(10)
    })
}

#[test]
fn csp_header_on_the_app_and_its_client_side_routes() {
    let dir = csp_fixture("default");
    let s = csp_server(&dir, Default::default());
    let expected = format!(
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval' {}; style-src 'self'; connect-src 'self'; \
         img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        sha256_source(LOADER)
    );
    for path in ["/", "/index.html", "/discrepancies/42", "/discrepancies/remove?x=1"] {
        let r = run(s.req("GET", path), None);
        assert_eq!(r.status, 200, "{path}");
        assert!(r.body.contains(LOADER), "{path}");
        assert_eq!(r.h("Content-Security-Policy"), Some(expected.as_str()), "{path}");
        assert_eq!(r.h("X-Content-Type-Options"), Some("nosniff"), "{path}");
        assert_eq!(r.h("Referrer-Policy"), Some("no-referrer"), "{path}");
        assert_eq!(r.h("Cache-Control"), Some("no-cache"), "{path}");
    }
    assert_eq!(
        expected.matches("'sha256-").count(),
        1,
        "only the inline loader is hashed"
    );
    let r = run(s.req("GET", "/assets/app.js"), None);
    assert_eq!(r.status, 200);
    assert_eq!(r.h("Content-Security-Policy"), Some(expected.as_str()));
    assert_eq!(r.h("X-Content-Type-Options"), Some("nosniff"));
    // The API is not the app: no policy there.
    let r = s.list("limit=1");
    assert_eq!(r.status, 200);
    assert_eq!(r.h("Content-Security-Policy"), None);

    // A rebuilt index.html (new loader) gets a new hash without a restart.
    let new_loader = "import init from '/app-5678.js'; await init();";
    std::fs::write(
        dir.join("index.html"),
        format!("<script type=module>{new_loader}</script>"),
    )
    .unwrap();
    let policy = run(s.req("GET", "/discrepancies/42"), None)
        .h("Content-Security-Policy")
        .unwrap()
        .to_string();
    assert!(policy.contains(&sha256_source(new_loader)), "{policy}");
    assert!(!policy.contains(&sha256_source(LOADER)), "{policy}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn csp_connect_frame_ancestors_and_no_csp() {
    let dir = csp_fixture("flags");
    let s = csp_server(
        &dir,
        oms_dev::CspConfig {
            enabled: true,
            connect: vec!["https://acme-oms.akinon.net".into(), "https://oms2.example.com".into()],
            frame_ancestors: "'self' https://backoffice.example.com".into(),
        },
    );
    for path in ["/", "/discrepancies/42"] {
        let r = run(s.req("GET", path), None);
        let policy = r.h("Content-Security-Policy").unwrap();
        assert!(
            policy.contains("; connect-src 'self' https://acme-oms.akinon.net https://oms2.example.com;"),
            "{policy}"
        );
        assert!(
            policy.ends_with("; frame-ancestors 'self' https://backoffice.example.com"),
            "{policy}"
        );
        assert!(policy.contains(&sha256_source(LOADER)), "{policy}");
    }

    let off = csp_server(
        &dir,
        oms_dev::CspConfig {
            enabled: false,
            ..Default::default()
        },
    );
    for path in ["/", "/discrepancies/42", "/assets/app.js"] {
        let r = run(off.req("GET", path), None);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.h("Content-Security-Policy"), None, "{path}");
        assert_eq!(r.h("X-Content-Type-Options"), Some("nosniff"), "{path}");
    }

    // Values that would inject directives are refused at start-up.
    for bad in [
        oms_dev::CspConfig {
            connect: vec!["https://a.example; script-src *".into()],
            ..Default::default()
        },
        oms_dev::CspConfig {
            frame_ancestors: "*, x".into(),
            ..Default::default()
        },
    ] {
        let cfg = Config {
            static_dir: Some(dir.clone()),
            csp: bad.clone(),
            ..config(1)
        };
        assert!(AppState::new(&cfg).is_err(), "{bad:?}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Starts the binary on an ephemeral port with an in-memory database and `args`; returns
/// it, its port and its first `lines` start-up lines.
fn start_bin(args: &[&str], lines: usize) -> (std::process::Child, u16, Vec<String>) {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_oms-dev"))
        .args(["--port", "0", "--db", ":memory:"])
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let lines: Vec<String> = std::io::BufReader::new(stdout)
        .lines()
        .take(lines)
        .map(Result::unwrap)
        .collect();
    let port = lines[0]
        .strip_prefix("oms-dev listening on http://127.0.0.1:")
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("{lines:?}"));
    (child, port, lines)
}

#[test]
fn binary_csp_flags_and_printed_policy() {
    let dir = csp_fixture("bin");
    let d = dir.to_str().unwrap();
    let get = |port: u16, path: &str| run(ureq::get(&format!("http://127.0.0.1:{port}{path}")), None);

    let (mut child, port, lines) = start_bin(
        &[
            "--records",
            "5",
            "--static",
            d,
            "--csp-connect",
            "https://acme-oms.akinon.net",
            "--csp-connect",
            "https://oms2.example.com",
            "--frame-ancestors",
            "'self'",
        ],
        6,
    );
    let r = get(port, "/discrepancies/42");
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(lines[4], format!("static: {d}"));
    let policy = r.h("Content-Security-Policy").unwrap();
    assert_eq!(lines[5], format!("csp: {policy}"), "the printed policy is the one sent");
    assert!(policy.contains(&format!(
        "script-src 'self' 'wasm-unsafe-eval' {};",
        sha256_source(LOADER)
    )));
    assert!(policy.contains("; connect-src 'self' https://acme-oms.akinon.net https://oms2.example.com;"));
    assert!(policy.ends_with("; frame-ancestors 'self'"), "{policy}");

    let (mut child, port, lines) = start_bin(&["--records", "5", "--static", d], 6);
    let r = get(port, "/");
    let _ = child.kill();
    let _ = child.wait();
    assert!(lines[5].ends_with("; frame-ancestors 'none'"), "{lines:?}");
    assert_eq!(
        r.h("Content-Security-Policy").map(|p| format!("csp: {p}")),
        Some(lines[5].clone())
    );

    let (mut child, port, lines) = start_bin(&["--records", "5", "--static", d, "--no-csp"], 6);
    let r = get(port, "/");
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(lines[5], "csp: off");
    assert_eq!(r.status, 200);
    assert_eq!(r.h("Content-Security-Policy"), None);

    let status = std::process::Command::new(env!("CARGO_BIN_EXE_oms-dev"))
        .args(["--port", "0", "--db", ":memory:", "--static", d])
        .args(["--csp-connect", "https://a.example; script-src *"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(!status.success(), "an injected directive is refused");
    std::fs::remove_dir_all(&dir).unwrap();
}
