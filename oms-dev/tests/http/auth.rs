//! DRF `TokenAuthentication` and the read-only token: every 401 and 403 body, byte for byte,
//! since the app shows the user which credential problem it hit.

use crate::support::*;

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
