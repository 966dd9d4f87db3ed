//! Cuts credentials and query strings out of text that leaves the app (the recovery view's
//! diagnostics): a bug report must never carry a token, whatever a panic message says.
//!
//! Three passes over bytes, each replacing spans: query strings (`?a=b`), values after a
//! secret word (`Token …`, `Bearer …`, `token=…`), and long hex runs (a bare DRF key).

/// Words that introduce a credential (`Authorization: Token …`, `Bearer …`, `token=…`).
const SECRET_WORDS: [&str; 2] = ["token", "bearer"];

/// A value after a secret word shorter than this is prose ("token is …"), not a credential.
const MIN_SECRET_CHARS: usize = 4;

/// After a secret word and a space (not `:` or `=`), a value without digits is a credential
/// only from this length on, so that prose like "token missing" stays readable.
const MIN_WORDY_SECRET_CHARS: usize = 12;

/// A run of this many hex digits may be a bare DRF token (40 hex digits).
const MIN_HEX_SECRET: usize = 32;

/// What replaces a credential.
const REDACTED: &str = "[redacted]";

/// `text` without query strings and without anything that looks like a credential.
pub fn redact(text: &str) -> String {
    redact_hex(&redact_secret_words(&strip_queries(text)))
}

/// Ends a URL, a query or a credential.
fn is_delimiter(b: u8) -> bool {
    b.is_ascii_whitespace()
        || matches!(
            b,
            b'"' | b'\'' | b'`' | b',' | b';' | b'<' | b'>' | b'(' | b')' | b'[' | b']' | b'{' | b'}'
        )
}

/// Copies `text`, replacing each span that `found(bytes, i)` reports as starting at `i` (its
/// end and what to put instead); scanning goes on after a replaced span. Spans start on
/// ASCII bytes, so every cut is on a character boundary.
fn replace_spans(text: &str, found: impl Fn(&[u8], usize) -> Option<(usize, &'static str)>) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut copied, mut i) = (0, 0);
    while i < bytes.len() {
        match found(bytes, i) {
            Some((end, replacement)) => {
                out.push_str(&text[copied..i]);
                out.push_str(replacement);
                copied = end;
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// Drops `?a=b…` and `#a=b…` up to the next delimiter (prose like "why?" stays).
fn strip_queries(text: &str) -> String {
    replace_spans(text, |bytes, i| {
        if !matches!(bytes[i], b'?' | b'#') {
            return None;
        }
        let end = (i + 1..bytes.len())
            .find(|&j| is_delimiter(bytes[j]))
            .unwrap_or(bytes.len());
        bytes[i + 1..end].contains(&b'=').then_some((end, ""))
    })
}

/// Replaces `Token abc123`, `Bearer …`, `token=…`, `"token": "…"` (the word, its separators
/// and the value) with `[redacted]`; "token missing" and "tokens: 2" stay.
fn redact_secret_words(text: &str) -> String {
    replace_spans(text, |bytes, i| {
        let word = SECRET_WORDS
            .iter()
            .find(|w| bytes.len() - i >= w.len() && bytes[i..i + w.len()].eq_ignore_ascii_case(w.as_bytes()))?;
        let after_word = i + word.len();
        let value = (after_word..bytes.len())
            .find(|&j| !matches!(bytes[j], b' ' | b'\t' | b':' | b'=' | b'"' | b'\''))
            .unwrap_or(bytes.len());
        let end = (value..bytes.len())
            .find(|&j| is_delimiter(bytes[j]))
            .unwrap_or(bytes.len());
        let separators = &bytes[after_word..value];
        let candidate = &bytes[value..end];
        let secret = candidate.len() >= MIN_SECRET_CHARS
            && (separators.iter().any(|b| matches!(b, b':' | b'='))
                || candidate.iter().any(u8::is_ascii_digit)
                || candidate.len() >= MIN_WORDY_SECRET_CHARS);
        (!separators.is_empty() && secret).then_some((end, REDACTED))
    })
}

/// Replaces runs of at least `MIN_HEX_SECRET` hex digits (a bare DRF key) with `[redacted]`.
fn redact_hex(text: &str) -> String {
    replace_spans(text, |bytes, i| {
        // Only at the start of a run: a shorter tail of a run that was too short stays too.
        if i > 0 && bytes[i - 1].is_ascii_hexdigit() {
            return None;
        }
        let end = (i..bytes.len())
            .find(|&j| !bytes[j].is_ascii_hexdigit())
            .unwrap_or(bytes.len());
        (end - i >= MIN_HEX_SECRET).then_some((end, REDACTED))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_pass_cuts_its_kind_of_secret() {
        assert_eq!(redact("Authorization: Token abc123"), "Authorization: [redacted]");
        assert_eq!(redact("GET /x/?token=abc&page=2 failed"), "GET /x/ failed");
        assert_eq!(
            redact("key 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b leaked"),
            "key [redacted] leaked"
        );
        assert_eq!(
            redact("Is the token missing? (tokens: 2)"),
            "Is the token missing? (tokens: 2)"
        );
    }
}
