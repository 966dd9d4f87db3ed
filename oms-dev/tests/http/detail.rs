//! The detail endpoint and URL resolution: Django's two 404 flavours, `APPEND_SLASH`
//! redirects (before authentication) and 405 for methods a view does not allow.

use crate::support::*;

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
