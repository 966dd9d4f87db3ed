//! The Content-Security-Policy of the `--static` app: the inline loader's hash, the
//! `--csp-connect`/`--frame-ancestors` settings, `--no-csp`, and values refused at start-up.

use crate::support::*;
use oms_dev::{AppState, Config};

/// trunk's loader as `trunk build --release` writes it, plus an external script and a
/// commented-out one, neither of which may be hashed.
pub(crate) const LOADER: &str = "\nimport init, * as bindings from '/app-1234.js';\nconst wasm = await init({ module_or_path: '/app-1234_bg.wasm' });\nwindow.wasmBindings = bindings;\n";

pub(crate) fn csp_fixture(name: &str) -> std::path::PathBuf {
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
pub(crate) fn sha256_source(script: &str) -> String {
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
