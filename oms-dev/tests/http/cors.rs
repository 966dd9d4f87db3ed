//! The layers around every response: django-cors-headers' CORS (preflights answered
//! without authentication, errors included) and gzip when the client accepts it.

use crate::support::*;

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
