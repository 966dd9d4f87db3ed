//! The `oms-dev` binary itself: the start-up lines scripts parse and the flags that only
//! the command line sets.

use crate::csp::{LOADER, csp_fixture, sha256_source};
use crate::support::*;

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

#[test]
fn binary_expose_retry_after_flag() {
    let exposed = |args: &[&str]| {
        let (mut child, port, _) = start_bin(args, 4);
        let r = run(
            ureq::get(&format!("http://127.0.0.1:{port}{LIST}?limit=1"))
                .set("Authorization", "Token bin-token")
                .set("Origin", "http://localhost:8080"),
            None,
        );
        let _ = child.kill();
        let _ = child.wait();
        assert_eq!(r.status, 200);
        assert_eq!(r.h("Access-Control-Allow-Origin"), Some("*"));
        r.h("Access-Control-Expose-Headers").map(str::to_string)
    };
    let base = ["--records", "5", "--token", "bin-token"];
    assert_eq!(exposed(&base), None);
    assert_eq!(
        exposed(&[&base[..], &["--expose-retry-after"]].concat()),
        Some("Retry-After".to_string())
    );
}

#[test]
fn binary_locations_flag() {
    let get = |args: &[&str]| {
        let (mut child, port, _) = start_bin(&[&["--records", "5", "--token", "bin-token"], args].concat(), 4);
        let r = run(
            ureq::get(&format!("http://127.0.0.1:{port}{LOCATIONS}")).set("Authorization", "Token bin-token"),
            None,
        );
        let _ = child.kill();
        let _ = child.wait();
        r
    };
    let list = get(&[]);
    assert_eq!(list.status, 200);
    assert!(list.json().is_array(), "list by default");
    let paged = get(&["--locations", "paginated"]);
    assert_eq!(
        paged.json()["results"].as_array().unwrap()[..],
        list.json().as_array().unwrap()[..20]
    );
    assert_eq!(get(&["--locations", "forbidden"]).status, 403);
    assert_eq!(get(&["--locations", "missing"]).status, 404);

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_oms-dev"))
        .args(["--port", "0", "--db", ":memory:", "--locations", "paged"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("\"paged\" is not one of list, paginated, forbidden, missing"),
        "{stderr}"
    );
}
