//! `--static DIR`: serves a built single-page app the way a production host should, so the
//! benchmarks and the end-to-end tests see what an operator's browser would see.
//!
//! - Existing files come from DIR; any other GET outside `/api/` and `/__dev/` gets
//!   `index.html`, so client-side routes survive a reload.
//! - Compressible files are compressed once, with brotli (quality 11) and gzip (level 9), and
//!   kept in memory (keyed by modification time and length, so a rebuilt app is picked up).
//!   Compressing a 650 KB wasm on every request cost about 60 ms per load; a real host serves
//!   precompressed assets. Brotli is sent when the request accepts `br`, else gzip when it
//!   accepts `gzip`; each encoding has its own `ETag` so no cache mixes them up.
//! - trunk's content-hashed assets (`name-<hex>.ext`) are `immutable` for a year: a repeat
//!   visit then loads nothing but `index.html`, and Chromium can reuse its compiled wasm.
//!   Everything else (`index.html`, unhashed files) is `no-cache`, revalidated by `ETag`.
//! - The security headers (the Content-Security-Policy among them) are added by
//!   [`crate::security`].

use crate::error::AppError;
use crate::file_stamp::{Stamp, stamp};
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

/// `Cache-Control` of a content-hashed asset: its name changes whenever its content does.
pub(crate) const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `Cache-Control` of everything else: always revalidate (cheap with the `ETag`).
pub(crate) const REVALIDATE: &str = "no-cache";

/// The `--static` directory and its in-memory cache of file bodies and their compressed forms.
pub(crate) struct StaticApp {
    dir: PathBuf,
    cache: Mutex<HashMap<PathBuf, Arc<Cached>>>,
}

/// One file as served: read and compressed once per version of the file on disk.
struct Cached {
    stamp: Stamp,
    content_type: &'static str,
    /// `Cache-Control`: [`IMMUTABLE`] for content-hashed names, else [`REVALIDATE`].
    cache_control: &'static str,
    /// The file as it is on disk.
    identity: Encoded,
    /// The gzip form, when the type compresses and the result is smaller.
    gzip: Option<Encoded>,
    /// The brotli form, when the type compresses and the result is smaller than the gzip one.
    br: Option<Encoded>,
}

/// One representation of a file: its bytes and its `ETag` (which names the encoding too).
struct Encoded {
    body: Bytes,
    etag: HeaderValue,
}

impl Cached {
    /// Whether more than one representation exists, so responses depend on `Accept-Encoding`.
    fn varies(&self) -> bool {
        self.gzip.is_some() || self.br.is_some()
    }

    /// The representation for a request: brotli when accepted, else gzip when accepted, else
    /// the file as it is, with its `Content-Encoding`.
    fn select(&self, req_headers: &HeaderMap) -> (&Encoded, Option<&'static str>) {
        match (&self.br, &self.gzip) {
            (Some(br), _) if accepts(req_headers, "br") => (br, Some("br")),
            (_, Some(gz)) if accepts(req_headers, "gzip") => (gz, Some("gzip")),
            _ => (&self.identity, None),
        }
    }
}

impl StaticApp {
    /// Serves `dir`; nothing is read until the first request.
    pub(crate) fn new(dir: PathBuf) -> Self {
        Self {
            dir,
            cache: Mutex::default(),
        }
    }

    /// Reads and compresses (brotli and gzip) every file of the directory (not its
    /// subdirectories) so the first visitor does not wait for quality-11 brotli and level-9
    /// gzip of the wasm (over a second together).
    pub(crate) fn warm(&self) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for path in entries.flatten().map(|e| e.path()).filter(|p| p.is_file()) {
            if let Err(e) = self.load(&path) {
                tracing::warn!("static: {}: {e}", path.display());
            }
        }
    }

    /// Answers a GET or HEAD for `req` (the caller routes `/api/` and `/__dev/` elsewhere).
    pub(crate) async fn serve(self: Arc<Self>, req: Request) -> Result<Response, AppError> {
        let path = resolve(&self.dir, req.uri().path());
        let app = Arc::clone(&self);
        let file = match tokio::task::spawn_blocking(move || app.load(&path)).await {
            Ok(Ok(file)) => file,
            Ok(Err(e)) => {
                tracing::warn!("static: {e}");
                return Err(AppError::Plain(StatusCode::NOT_FOUND, "not found"));
            }
            Err(_) => {
                return Err(AppError::Plain(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "static file task failed",
                ));
            }
        };
        Ok(respond(&file, req.method(), req.headers()))
    }

    /// The cached form of `path`, read (and compressed) again when the file changed.
    fn load(&self, path: &Path) -> std::io::Result<Arc<Cached>> {
        let stamp = stamp(path)?;
        if let Some(hit) = self.lock().get(path).filter(|c| c.stamp == stamp) {
            return Ok(Arc::clone(hit));
        }
        let body = std::fs::read(path)?;
        let content_type = content_type(path);
        let gzip = compressible(content_type)
            .then(|| gzip(&body))
            .filter(|gz| gz.len() < body.len());
        let br = compressible(content_type)
            .then(|| brotli(&body))
            .filter(|br| br.len() < gzip.as_ref().map_or(body.len(), Vec::len));
        let digest = Sha256::digest(&body);
        let tag = digest[..12].iter().fold(String::new(), |mut s, b| {
            s.push_str(&format!("{b:02x}"));
            s
        });
        let encoded = |body: Vec<u8>, suffix: &str| -> std::io::Result<Encoded> {
            Ok(Encoded {
                body: Bytes::from(body),
                etag: HeaderValue::from_str(&format!("\"{tag}{suffix}\"")).map_err(std::io::Error::other)?,
            })
        };
        let hashed = path.file_name().and_then(|n| n.to_str()).is_some_and(is_content_hashed);
        let cached = Arc::new(Cached {
            stamp,
            content_type,
            cache_control: if hashed && !content_type.starts_with("text/html") {
                IMMUTABLE
            } else {
                REVALIDATE
            },
            identity: encoded(body, "")?,
            gzip: gzip.map(|gz| encoded(gz, "-gz")).transpose()?,
            br: br.map(|br| encoded(br, "-br")).transpose()?,
        });
        self.lock().insert(path.to_path_buf(), Arc::clone(&cached));
        Ok(cached)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Arc<Cached>>> {
        self.cache.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The file for a request path: the file itself when it exists inside `dir`, otherwise
/// `index.html` (client-side routes, and any path trying to leave `dir`).
fn resolve(dir: &Path, uri_path: &str) -> PathBuf {
    let index = dir.join("index.html");
    let Ok(decoded) = percent_encoding::percent_decode_str(uri_path).decode_utf8() else {
        return index;
    };
    let rel = Path::new(decoded.trim_start_matches('/'));
    if rel.as_os_str().is_empty() || !rel.components().all(|c| matches!(c, Component::Normal(_))) {
        return index;
    }
    let candidate = dir.join(rel);
    if candidate.is_file() { candidate } else { index }
}

/// The response for a loaded file: 304 when the client's copy of the selected representation
/// is current, else its body (brotli or gzip when accepted), without the body for HEAD.
fn respond(file: &Cached, method: &Method, req_headers: &HeaderMap) -> Response {
    let (selected, encoding) = file.select(req_headers);
    let not_modified = req_headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .any(|t| t.trim() == "*" || t.trim().trim_start_matches("W/") == selected.etag)
        });
    let mut headers = HeaderMap::new();
    headers.insert(header::ETAG, selected.etag.clone());
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(file.cache_control));
    if file.varies() {
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    if not_modified {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(file.content_type));
    if let Some(encoding) = encoding {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    let body = selected.body.clone();
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
    let body = if method == Method::HEAD {
        Body::empty()
    } else {
        Body::from(body)
    };
    (StatusCode::OK, headers, body).into_response()
}

/// Whether a file name carries trunk's content hash: `stem-<8 to 16 hex digits>[_bg].ext`.
pub(crate) fn is_content_hashed(name: &str) -> bool {
    let Some((stem, _ext)) = name.rsplit_once('.') else {
        return false;
    };
    let Some((_, hash)) = stem.rsplit_once('-') else {
        return false;
    };
    let hash = hash.strip_suffix("_bg").unwrap_or(hash);
    (8..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Whether the client takes the content coding `coding` (`gzip`, `br`): the coding or `*`
/// listed without `q=0`.
pub(crate) fn accepts(headers: &HeaderMap, coding: &str) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut parts = item.split(';').map(str::trim);
            let listed = parts.next().unwrap_or("");
            let refused = parts.any(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            (listed.eq_ignore_ascii_case(coding) || listed == "*") && !refused
        })
}

/// The `Content-Type` for a file, by extension.
pub(crate) fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "json" | "map" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

fn compressible(content_type: &str) -> bool {
    content_type.starts_with("text/")
        || matches!(content_type, "application/wasm" | "application/json" | "image/svg+xml")
}

fn gzip(body: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::with_capacity(body.len() / 3), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let _ = enc.write_all(body);
    enc.finish().unwrap_or_default()
}

/// Brotli at the highest quality (11) with a 4 MiB window (lgwin 22), in generic mode: what
/// `brotli -q 11` and nginx's `brotli_static` files are made with.
fn brotli(body: &[u8]) -> Vec<u8> {
    let params = ::brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        mode: ::brotli::enc::backward_references::BrotliEncoderMode::BROTLI_MODE_GENERIC,
        size_hint: body.len(),
        ..Default::default()
    };
    let mut out = Vec::with_capacity(body.len() / 4);
    // Reading from a slice and writing to a Vec cannot fail.
    let _ = ::brotli::BrotliCompress(&mut &body[..], &mut out, &params);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunk_hashed_names() {
        for name in [
            "discrepancy-admin-59f3c2942698cb0_bg.wasm",
            "discrepancy-admin-59f3c2942698cb0.js",
            "main-7a38c19fb053e2e7.css",
            "favicon-202e2e17296f99e8.svg",
        ] {
            assert!(is_content_hashed(name), "{name}");
        }
        for name in [
            "index.html",
            "baseline.html",
            "app.js",
            "my-app.js",
            "x-1234567.js",
            "x-12345678901234567.js",
            "x-zzzzzzzz.js",
        ] {
            assert!(!is_content_hashed(name), "{name}");
        }
    }

    fn accept_encoding(v: &str) -> HeaderMap {
        let mut m = HeaderMap::new();
        m.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(v).unwrap());
        m
    }

    #[test]
    fn accepts_gzip() {
        let h = |v: &str| accepts(&accept_encoding(v), "gzip");
        assert!(h("gzip, deflate, br, zstd"));
        assert!(h("br;q=1.0, GZIP;q=0.5"));
        assert!(h("*"));
        assert!(!h("gzip;q=0"));
        assert!(!h("*;q=0"));
        assert!(!h("br, identity"));
        assert!(!h("gzipx"));
        assert!(!accepts(&HeaderMap::new(), "gzip"));
    }

    #[test]
    fn accepts_br() {
        let h = |v: &str| accepts(&accept_encoding(v), "br");
        assert!(h("br"));
        assert!(h("gzip, deflate, br, zstd"));
        assert!(h("gzip;q=0.5, BR;q=1.0"));
        assert!(h("*"));
        assert!(h("*;q=0, br"));
        assert!(!h("br;q=0"));
        assert!(!h("br;q=0.0, gzip"));
        assert!(!h("*;q=0"));
        assert!(!h("gzip, identity"));
        assert!(!h("brotli"));
        assert!(!accepts(&HeaderMap::new(), "br"));
    }

    #[test]
    fn brotli_round_trip_and_preference() {
        let text = "<!doctype html><title>app</title>".repeat(50);
        let mut out = Vec::new();
        ::brotli::BrotliDecompress(&mut brotli(text.as_bytes()).as_slice(), &mut out).unwrap();
        assert_eq!(out, text.as_bytes());
        let enc = |body: &[u8], tag: &'static str| Encoded {
            body: Bytes::copy_from_slice(body),
            etag: HeaderValue::from_static(tag),
        };
        let file = Cached {
            stamp: stamp(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap(),
            content_type: "text/html; charset=utf-8",
            cache_control: REVALIDATE,
            identity: enc(b"id", "\"t\""),
            gzip: Some(enc(b"gz", "\"t-gz\"")),
            br: Some(enc(b"br", "\"t-br\"")),
        };
        let pick = |v: &str| {
            let (e, coding) = file.select(&accept_encoding(v));
            (e.body.clone(), coding)
        };
        assert_eq!(pick("gzip, deflate, br"), (Bytes::from_static(b"br"), Some("br")));
        assert_eq!(pick("br;q=0, gzip"), (Bytes::from_static(b"gz"), Some("gzip")));
        assert_eq!(pick("identity"), (Bytes::from_static(b"id"), None));
    }

    #[test]
    fn resolve_stays_inside() {
        let dir = std::env::temp_dir().join(format!("oms-dev-resolve-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("a")).unwrap();
        std::fs::write(dir.join("a/b c.js"), "x").unwrap();
        let index = dir.join("index.html");
        assert_eq!(resolve(&dir, "/a/b%20c.js"), dir.join("a/b c.js"));
        for p in [
            "/",
            "",
            "/a",
            "/a/",
            "/missing.js",
            "/../etc/passwd",
            "/a/../../x",
            "/%2e%2e/x",
            "/%ff",
        ] {
            assert_eq!(resolve(&dir, p), index, "{p}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn types_and_compression() {
        assert_eq!(content_type(Path::new("x_bg.wasm")), "application/wasm");
        assert_eq!(content_type(Path::new("x.js")), "text/javascript; charset=utf-8");
        assert_eq!(content_type(Path::new("LICENSE")), "application/octet-stream");
        assert!(compressible("application/wasm") && compressible("text/css; charset=utf-8"));
        assert!(!compressible("image/png") && !compressible("font/woff2"));
    }
}
