//! Fault injection: Django's HTML 500 at a rate, DRF's 429 with `Retry-After` per token,
//! and latency on the API only; each changeable at runtime through `/__dev/faults`.

use crate::support::*;
use oms_dev::Config;
use serde_json::json;
use std::time::{Duration, Instant};

const HTML_500: &str = "<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Server Error (500)</title>\n</head>\n<body>\n  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n";

#[test]
fn fail_rate_answers_django_html_500() {
    let s = Server::start(Config {
        fail_rate: 1.0,
        ..config(30)
    });
    for path in [LIST.to_string(), format!("{LIST}1/"), LOCATIONS.to_string()] {
        let r = run(s.authed("GET", &path).set("Origin", "http://x"), None);
        r.expect(500, HTML_500);
        assert_eq!(r.h("Content-Type"), Some("text/html; charset=utf-8"));
        assert_eq!(r.h("Access-Control-Allow-Origin"), Some("*"));
    }
    let r = s.remove(Some("application/x-www-form-urlencoded"), "expired_date=01-01-2100");
    r.expect(500, HTML_500);
    assert_eq!(
        s.dev("GET", "/__dev/stats", None).body,
        r#"{"records":30,"requests":{"list":1,"detail":1,"remove":1,"locations":1}}"#
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
    assert_eq!(
        r.h("Access-Control-Expose-Headers"),
        None,
        "as on a real OMS: see cors.rs"
    );
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
