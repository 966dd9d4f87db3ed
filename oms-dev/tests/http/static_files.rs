//! `--static`: the built app with client-side-route fallback, precompressed and cached
//! assets, revalidation by ETag, and paths that must not leave the directory.

use crate::support::*;
use oms_dev::Config;
use std::io::Read;

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
    // (With `br` accepted too, brotli wins: see `static_assets_brotli_when_accepted`.)
    let path = "/app-59f3c2942698cb0_bg.wasm";
    let r = run(s.req("GET", path).set("Accept-Encoding", "gzip, deflate"), None);
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
        etag.starts_with('"') && etag.ends_with("-gz\"") && etag.len() == 29,
        "{etag}"
    );
    // Without gzip (or refused with q=0): the identical bytes, the ETag without the encoding.
    let identity_etag = etag.replace("-gz", "");
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
        assert_eq!(r.h("ETag"), Some(identity_etag.as_str()));
    }
    // Revalidation: 304 without a body, still with the policy headers.
    let r = run(
        s.req("GET", path)
            .set("If-None-Match", &etag)
            .set("Accept-Encoding", "gzip"),
        None,
    );
    assert_eq!((r.status, r.raw.len()), (304, 0));
    assert_eq!(r.h("ETag"), Some(etag.as_str()));
    assert!(r.h("Content-Security-Policy").is_some());
    assert_eq!(
        run(s.req("GET", path).set("If-None-Match", "\"other\""), None).status,
        200
    );
    // The gzip ETag does not validate the identity form: a cache must not reuse gzip bytes.
    assert_eq!(run(s.req("GET", path).set("If-None-Match", &etag), None).status, 200);
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

/// The files of a trunk build, each compressible and large enough for compression to pay.
fn app_files() -> Vec<(&'static str, Vec<u8>)> {
    let text = |unit: &str, n: usize| unit.repeat(n).into_bytes();
    vec![
        (
            "index.html",
            text(
                "<!doctype html><link rel=modulepreload href=/app-59f3c2942698cb0.js>",
                20,
            ),
        ),
        (
            "app-59f3c2942698cb0_bg.wasm",
            (0..60_000u32).map(|i| ((i % 13) ^ (i / 1000)) as u8).collect(),
        ),
        (
            "app-59f3c2942698cb0.js",
            text("export function f(a, b) { return wasm.f(a, b); }\n", 200),
        ),
        (
            "main-7a38c19fb053e2e7.css",
            text(".list th { position: sticky; top: 0; }\n", 200),
        ),
    ]
}

#[test]
fn static_assets_brotli_when_accepted() {
    let dir = std::env::temp_dir().join(format!("oms-dev-static-br-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let files = app_files();
    for (name, bytes) in &files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    let s = Server::start(Config {
        static_dir: Some(dir.clone()),
        ..config(10)
    });
    let unbrotli = |raw: &[u8]| {
        let mut out = Vec::new();
        brotli::Decompressor::new(raw, 4096).read_to_end(&mut out).unwrap();
        out
    };
    let gunzip = |raw: &[u8]| {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(raw).read_to_end(&mut out).unwrap();
        out
    };
    let get = |path: &str, ae: Option<&str>, inm: Option<&str>| {
        let mut req = s.req("GET", path);
        if let Some(v) = ae {
            req = req.set("Accept-Encoding", v);
        }
        if let Some(v) = inm {
            req = req.set("If-None-Match", v);
        }
        run(req, None)
    };
    for (name, bytes) in &files {
        let path = format!("/{name}");
        let br = get(&path, Some("gzip, deflate, br"), None);
        assert_eq!((br.status, br.h("Content-Encoding")), (200, Some("br")), "{name}");
        assert_eq!(
            br.h("Content-Length"),
            Some(br.raw.len().to_string().as_str()),
            "{name}"
        );
        assert_eq!(&unbrotli(&br.raw), bytes, "{name}");
        let gz = get(&path, Some("gzip"), None);
        assert_eq!((gz.status, gz.h("Content-Encoding")), (200, Some("gzip")), "{name}");
        assert_eq!(&gunzip(&gz.raw), bytes, "{name}");
        assert!(
            br.raw.len() < gz.raw.len(),
            "{name}: br {} >= gzip {}",
            br.raw.len(),
            gz.raw.len()
        );
        let plain = get(&path, None, None);
        assert_eq!((plain.status, plain.h("Content-Encoding")), (200, None), "{name}");
        assert_eq!(&plain.raw, bytes, "{name}");
        for r in [&br, &gz, &plain] {
            assert!(
                r.h("Vary").unwrap_or("").contains("accept-encoding"),
                "{name}: {:?}",
                r.h("Vary")
            );
        }
        let etags = [&br, &gz, &plain].map(|r| r.h("ETag").unwrap().to_string());
        assert!(
            etags[0].ends_with("-br\"") && etags[1].ends_with("-gz\""),
            "{name}: {etags:?}"
        );
        assert!(
            etags[0] != etags[1] && etags[1] != etags[2] && etags[0] != etags[2],
            "{name}: {etags:?}"
        );
        // Each ETag revalidates its own encoding (304, no body, its ETag), and only that one.
        for (ae, etag) in [
            (Some("gzip, deflate, br"), &etags[0]),
            (Some("gzip"), &etags[1]),
            (None, &etags[2]),
        ] {
            let r = get(&path, ae, Some(etag));
            assert_eq!((r.status, r.raw.len()), (304, 0), "{name} {ae:?}");
            assert_eq!(r.h("ETag"), Some(etag.as_str()), "{name} {ae:?}");
            assert!(r.h("Vary").unwrap_or("").contains("accept-encoding"), "{name} {ae:?}");
            // A brotli request is validated by the brotli ETag only (weak form accepted).
            let expected = if etag == &etags[0] { 304 } else { 200 };
            let r = get(&path, Some("br"), Some(&format!("W/{etag}")));
            assert_eq!(r.status, expected, "{name} {ae:?}");
        }
        // HEAD: the GET's headers, no body.
        let h = run(s.req("HEAD", &path).set("Accept-Encoding", "br"), None);
        assert_eq!(
            (h.status, h.raw.len(), h.h("Content-Encoding")),
            (200, 0, Some("br")),
            "{name}"
        );
        assert_eq!(h.h("Content-Length"), br.h("Content-Length"), "{name}");
        assert_eq!(h.h("ETag"), br.h("ETag"), "{name}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
