//! The layers around every response: django-cors-headers' CORS (preflights answered
//! without authentication, errors included; no header exposed unless
//! `--expose-retry-after`) and gzip when the client accepts it.

use crate::support::*;
use oms_dev::Config;

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
        assert_eq!(
            r.h("Access-Control-Expose-Headers"),
            None,
            "DRF's default exposes nothing"
        );
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

/// Two cross-origin list requests under a 1-per-second throttle: a 200, then a 429.
fn ok_then_throttled(s: &Server) -> (Resp, Resp) {
    let cross_origin = || run(s.authed("GET", LIST).set("Origin", "http://localhost:8080"), None);
    let ok = cross_origin();
    let throttled = cross_origin();
    assert_eq!(ok.status, 200);
    throttled.expect(
        429,
        r#"{"detail":"Request was throttled. Expected available in 1 second."}"#,
    );
    assert_eq!(throttled.h("Retry-After"), Some("1"));
    for r in [&ok, &throttled] {
        assert_eq!(r.h("Access-Control-Allow-Origin"), Some("*"), "status {}", r.status);
    }
    (ok, throttled)
}

#[test]
fn retry_after_is_not_exposed_by_default_as_on_a_real_oms() {
    let s = Server::start(Config {
        throttle: Some(1),
        ..config(10)
    });
    let (ok, throttled) = ok_then_throttled(&s);
    assert_eq!(ok.h("Access-Control-Expose-Headers"), None);
    assert_eq!(
        throttled.h("Access-Control-Expose-Headers"),
        None,
        "a cross-origin script cannot read Retry-After"
    );
    let preflight = run(
        s.req("OPTIONS", LIST)
            .set("Origin", "http://localhost:8080")
            .set("Access-Control-Request-Method", "GET"),
        None,
    );
    assert_eq!(preflight.status, 200);
    assert_eq!(preflight.h("Access-Control-Expose-Headers"), None);
}

#[test]
fn expose_retry_after_exposes_it_on_every_cross_origin_response() {
    let s = Server::start(Config {
        throttle: Some(1),
        expose_retry_after: true,
        ..config(10)
    });
    let (ok, throttled) = ok_then_throttled(&s);
    assert_eq!(ok.h("Access-Control-Expose-Headers"), Some("Retry-After"));
    assert_eq!(throttled.h("Access-Control-Expose-Headers"), Some("Retry-After"));
    // Same-origin requests carry no CORS headers at all.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let r = s.list("");
    assert_eq!(r.status, 200);
    assert_eq!(r.h("Access-Control-Expose-Headers"), None);
    assert_eq!(r.h("Access-Control-Allow-Origin"), None);
}
