//! The harness every test module shares: an in-process server on an ephemeral loopback port
//! with a small seeded in-memory database, a blocking HTTP client that never follows
//! redirects (so 301s are seen as sent), and the raw response with its exact bytes.

use oms_dev::{AppState, Config};
use serde_json::Value;
use std::collections::HashMap;
use std::io::Read;

pub(crate) const LIST: &str = "/api/v1/oms/inventory-discrepancies/";
pub(crate) const LOCATIONS: &str = "/api/v1/oms/stocklocations/list-simple/";
pub(crate) const TOKEN: &str = "test-rw-token";
pub(crate) const RO_TOKEN: &str = "test-ro-token";
/// The reason codes seeded records use.
pub(crate) use oms_dev::REASONS;

/// A response as received: status, headers (lower-cased names), body as text and as bytes.
pub(crate) struct Resp {
    pub(crate) status: u16,
    pub(crate) headers: HashMap<String, String>,
    pub(crate) body: String,
    pub(crate) raw: Vec<u8>,
}

impl Resp {
    pub(crate) fn h(&self, name: &str) -> Option<&str> {
        self.headers.get(&name.to_ascii_lowercase()).map(String::as_str)
    }
    pub(crate) fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    #[track_caller]
    pub(crate) fn expect(&self, status: u16, body: &str) {
        assert_eq!((self.status, self.body.as_str()), (status, body));
    }
}

/// Reads a ureq response, whatever its status, into a [`Resp`].
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

/// Sends `req` (with `body` if given); error statuses are responses too, not failures.
pub(crate) fn run(req: ureq::Request, body: Option<&[u8]>) -> Resp {
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

/// A server running in-process on its own runtime thread for the rest of the test.
pub(crate) struct Server {
    port: u16,
    agent: ureq::Agent,
}

impl Server {
    pub(crate) fn start(config: Config) -> Server {
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
    pub(crate) fn small() -> Server {
        Self::start(config(120))
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub(crate) fn req(&self, method: &str, path: &str) -> ureq::Request {
        self.agent.request(method, &self.url(path))
    }

    pub(crate) fn authed(&self, method: &str, path: &str) -> ureq::Request {
        self.req(method, path).set("Authorization", &format!("Token {TOKEN}"))
    }

    /// Authenticated GET.
    pub(crate) fn get(&self, path: &str) -> Resp {
        run(self.authed("GET", path), None)
    }

    /// Authenticated GET of the list with a query string.
    pub(crate) fn list(&self, query: &str) -> Resp {
        self.get(&format!("{LIST}?{query}"))
    }

    /// Every record matching `query` (which must not contain limit/page), in list order.
    pub(crate) fn all(&self, query: &str) -> Vec<Value> {
        let r = self.list(&format!("{query}&limit=1000"));
        assert_eq!(r.status, 200, "{}", r.body);
        r.json()["results"].as_array().unwrap().clone()
    }

    pub(crate) fn count(&self, query: &str) -> u64 {
        let r = self.list(query);
        assert_eq!(r.status, 200, "{}", r.body);
        r.json()["count"].as_u64().unwrap()
    }

    pub(crate) fn remove(&self, content_type: Option<&str>, body: &str) -> Resp {
        let mut req = self.authed("POST", &format!("{LIST}remove/"));
        if let Some(ct) = content_type {
            req = req.set("Content-Type", ct);
        }
        run(req, Some(body.as_bytes()))
    }

    pub(crate) fn dev(&self, method: &str, path: &str, body: Option<Value>) -> Resp {
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

/// An in-memory database with `records` records (seed 7) and the test tokens.
pub(crate) fn config(records: u64) -> Config {
    Config {
        db: ":memory:".into(),
        records: Some(records),
        seed: 7,
        token: TOKEN.into(),
        readonly_token: RO_TOKEN.into(),
        ..Config::default()
    }
}

/// The `id`s of list results, in order.
pub(crate) fn ids(results: &[Value]) -> Vec<i64> {
    results.iter().map(|r| r["id"].as_i64().unwrap()).collect()
}

/// A record's date field as a string.
pub(crate) fn date_of(r: &Value, field: &str) -> String {
    r[field].as_str().unwrap().to_string()
}

/// Starts the binary on an ephemeral port with an in-memory database and `args`; returns
/// it, its port and its first `lines` start-up lines.
pub(crate) fn start_bin(args: &[&str], lines: usize) -> (std::process::Child, u16, Vec<String>) {
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
