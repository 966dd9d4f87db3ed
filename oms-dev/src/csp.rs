//! The Content-Security-Policy sent with the `--static` app: nothing inline but the loader
//! trunk writes into `index.html`, allowed by its SHA-256 hash; the wasm module compiled
//! under `'wasm-unsafe-eval'`; requests to the own origin plus any `--csp-connect` origins.
//!
//! The hashes are computed at start-up from `DIR/index.html` and recomputed whenever that
//! file changes (a rebuild renames the bundle, so the loader text and its hash change).

use crate::file_stamp::{Stamp, stamp};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Default `--frame-ancestors`: the app may not be framed at all.
pub const DEFAULT_FRAME_ANCESTORS: &str = "'none'";

/// CSP settings (the `--no-csp`, `--csp-connect` and `--frame-ancestors` flags).
#[derive(Debug, Clone, PartialEq)]
pub struct CspConfig {
    /// Send the header at all.
    pub enabled: bool,
    /// Extra `connect-src` sources after `'self'`, e.g. a real OMS origin.
    pub connect: Vec<String>,
    /// The `frame-ancestors` value.
    pub frame_ancestors: String,
}

impl Default for CspConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            connect: Vec::new(),
            frame_ancestors: DEFAULT_FRAME_ANCESTORS.to_string(),
        }
    }
}

impl CspConfig {
    /// Rejects values that would break out of their directive (`;`, `,`) or the header
    /// (control characters), and empty ones.
    pub(crate) fn validate(&self) -> Result<(), String> {
        for origin in &self.connect {
            check_source_list(origin, "--csp-connect")?;
            if origin.contains(char::is_whitespace) {
                return Err(format!("--csp-connect {origin:?}: one origin per flag"));
            }
        }
        check_source_list(&self.frame_ancestors, "--frame-ancestors")
    }
}

fn check_source_list(value: &str, flag: &str) -> Result<(), String> {
    if value.trim().is_empty() {
        return Err(format!("{flag}: empty value"));
    }
    if let Some(c) = value
        .chars()
        .find(|c| matches!(c, ';' | ',') || c.is_control() || !c.is_ascii())
    {
        return Err(format!("{flag} {value:?}: {c:?} is not allowed in a CSP source list"));
    }
    Ok(())
}

/// The policy for `config` given the text of `index.html`.
pub(crate) fn policy(config: &CspConfig, index_html: &str) -> String {
    let mut script_src = String::from("'self' 'wasm-unsafe-eval'");
    for hash in inline_script_hashes(index_html) {
        script_src.push_str(&format!(" '{hash}'"));
    }
    let mut connect_src = String::from("'self'");
    for origin in &config.connect {
        connect_src.push(' ');
        connect_src.push_str(origin);
    }
    format!(
        "default-src 'none'; script-src {script_src}; style-src 'self'; connect-src {connect_src}; \
         img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors {}",
        config.frame_ancestors.trim()
    )
}

/// `sha256-…` (base64 of the SHA-256 of the exact text between the tags) for every inline
/// `<script>` of `html`, in document order, without duplicates. Scripts with a `src`
/// attribute are skipped (hashes do not cover them); comments are skipped.
pub(crate) fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for body in inline_scripts(html) {
        let hash = format!("sha256-{}", STANDARD.encode(Sha256::digest(body.as_bytes())));
        if !out.contains(&hash) {
            out.push(hash);
        }
    }
    out
}

/// The bodies of the inline `<script>` elements of `html`.
pub(crate) fn inline_scripts(html: &str) -> Vec<&str> {
    let lower = html.to_ascii_lowercase(); // same byte offsets: ASCII-only change
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(rel) = lower[i..].find('<') {
        let at = i + rel;
        let rest = &lower[at..];
        if rest.starts_with("<!--") {
            i = match rest.find("-->") {
                Some(end) => at + end + 3,
                None => break,
            };
            continue;
        }
        let is_script = rest.starts_with("<script")
            && rest[7..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_whitespace() || c == '>' || c == '/');
        if !is_script {
            i = at + 1;
            continue;
        }
        let Some(tag_len) = open_tag_len(rest) else { break };
        let attrs = &rest[7..tag_len - 1];
        let body_start = at + tag_len;
        let Some(body_len) = lower[body_start..].find("</script") else {
            break;
        };
        if !has_src_attribute(attrs) {
            out.push(&html[body_start..body_start + body_len]);
        }
        i = body_start + body_len;
    }
    out
}

/// Length of the start tag at the beginning of `s` (up to and including its `>`), honouring
/// quoted attribute values.
fn open_tag_len(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// Whether the (lower-cased) attribute text of a start tag has a `src` attribute.
fn has_src_attribute(attrs: &str) -> bool {
    let mut rest = attrs;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if rest.is_empty() {
            return false;
        }
        let name_end = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        if &rest[..name_end] == "src" {
            return true;
        }
        rest = rest[name_end..].trim_start();
        if let Some(value) = rest.strip_prefix('=') {
            let value = value.trim_start();
            rest = match value.chars().next() {
                Some(q @ ('"' | '\'')) => match value[1..].find(q) {
                    Some(end) => &value[end + 2..],
                    None => return false,
                },
                _ => {
                    let end = value.find(|c: char| c.is_ascii_whitespace()).unwrap_or(value.len());
                    &value[end..]
                }
            };
        }
    }
}

/// The policy for a static directory, recomputed when `index.html` changes.
#[derive(Debug)]
pub(crate) struct Csp {
    config: CspConfig,
    index: PathBuf,
    cached: Mutex<(Option<Stamp>, String)>,
}

impl Csp {
    /// Reads `dir/index.html` (a missing file gives a policy without hashes).
    pub(crate) fn new(config: CspConfig, dir: &Path) -> Self {
        let index = dir.join("index.html");
        let st = stamp(&index).ok();
        let html = std::fs::read_to_string(&index).unwrap_or_default();
        let value = policy(&config, &html);
        Self {
            config,
            index,
            cached: Mutex::new((st, value)),
        }
    }

    /// The current policy.
    pub(crate) fn header_value(&self) -> String {
        let st = stamp(&self.index).ok();
        let mut cached = self.cached.lock().unwrap_or_else(|e| e.into_inner());
        if cached.0 != st {
            let html = std::fs::read_to_string(&self.index).unwrap_or_default();
            *cached = (st, policy(&self.config, &html));
        }
        cached.1.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inline_scripts_only() {
        let html = "<!doctype html><head><!-- <script>no</script> -->\
            <SCRIPT type=\"module\">a()</SCRIPT><script src=\"/x.js\"></script>\
            <script data-x='>' >b()\n</script><scripts></scripts><script>a()</script></head>";
        assert_eq!(inline_scripts(html), vec!["a()", "b()\n", "a()"]);
        assert_eq!(inline_script_hashes(html).len(), 2);
        assert!(has_src_attribute(" type=module src=/a.js"));
        assert!(!has_src_attribute(" data-src=\"src\" type='src'"));
    }

    #[test]
    fn hash_is_base64_sha256() {
        // printf 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert_eq!(
            inline_script_hashes("<script>alert(1)</script>"),
            vec!["sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI="]
        );
    }

    #[test]
    fn rejects_values_that_break_the_policy() {
        let with = |connect: &[&str], fa: &str| CspConfig {
            enabled: true,
            connect: connect.iter().map(|s| s.to_string()).collect(),
            frame_ancestors: fa.into(),
        };
        assert!(
            with(&["https://oms.example.com"], "'self' https://bo.example.com")
                .validate()
                .is_ok()
        );
        assert!(with(&["https://a; script-src *"], "'none'").validate().is_err());
        assert!(with(&["https://a https://b"], "'none'").validate().is_err());
        assert!(with(&[], "'none'\r\nX: y").validate().is_err());
        assert!(with(&[], " ").validate().is_err());
    }
}
