//! DRF's request parsing (`JSONParser`, `FormParser`, and the `UnsupportedMediaType` when
//! neither matches), kept apart from any one view: the parser a body goes through decides
//! the 415 and the Python-worded 400 a client sees before any serializer runs.

use crate::querystring::parse_qsl;
use serde_json::Value;

/// `request.data` after DRF's parsing.
#[derive(Debug)]
pub(crate) enum Data {
    /// No body: an empty dict.
    Empty,
    /// `application/x-www-form-urlencoded` (an HTML-input `QueryDict`).
    Form(Vec<(String, String)>),
    /// `application/json`.
    Json(Value),
}

/// Why DRF's parsers refused a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ParseError {
    /// No parser for this `Content-Type` (the full header value): 415.
    UnsupportedMediaType(String),
    /// Malformed JSON (Python-style message): 400.
    Json(String),
}

/// DRF's parser selection on the request's `Content-Type`.
pub(crate) fn parse_body(content_type: Option<&str>, body: &[u8]) -> Result<Data, ParseError> {
    // DRF skips parsing when there is no body at all, whatever the content type.
    if body.is_empty() {
        return Ok(Data::Empty);
    }
    let full = content_type.unwrap_or("");
    let media = full.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let (main, sub) = media.split_once('/').unwrap_or((media.as_str(), ""));
    let matches = |m: &str, s: &str| (main == "*" || main == m) && (sub == "*" || sub == s);
    if !media.is_empty() && matches("application", "json") {
        let text = match std::str::from_utf8(body) {
            Ok(t) => t,
            Err(e) => return Err(ParseError::Json(utf8_message(body, &e))),
        };
        return serde_json::from_str(text)
            .map(Data::Json)
            .map_err(|e| ParseError::Json(python_json_message(text, &e)));
    }
    if !media.is_empty() && matches("application", "x-www-form-urlencoded") {
        return Ok(Data::Form(parse_qsl(&String::from_utf8_lossy(body))));
    }
    Err(ParseError::UnsupportedMediaType(full.to_string()))
}

/// Python's `UnicodeDecodeError` text for invalid UTF-8 in a JSON body.
fn utf8_message(body: &[u8], e: &std::str::Utf8Error) -> String {
    let pos = e.valid_up_to();
    let byte = body[pos];
    let reason = match e.error_len() {
        None => "unexpected end of data",
        Some(_) if (0x80..0xC2).contains(&byte) || byte > 0xF4 => "invalid start byte",
        Some(_) => "invalid continuation byte",
    };
    format!("'utf-8' codec can't decode byte 0x{byte:02x} in position {pos}: {reason}")
}

/// Rephrases a serde_json error the way Python's `json` module words it
/// (`Expecting value: line 1 column 1 (char 0)`), positions included; an approximation for
/// the rarer cases, exact for the common ones (empty body, bad value, trailing data).
pub(crate) fn python_json_message(text: &str, e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let lead = msg.split(" at line ").next().unwrap_or(&msg);
    let eof = e.is_eof();
    let python = if lead.starts_with("EOF while parsing a string") {
        "Unterminated string starting at"
    } else if lead.starts_with("EOF while parsing an object") || lead.starts_with("EOF while parsing a list") {
        "Expecting ',' delimiter"
    } else if lead.starts_with("EOF") || lead.starts_with("expected value") || lead.starts_with("trailing comma") {
        "Expecting value"
    } else if lead.starts_with("key must be a string") {
        "Expecting property name enclosed in double quotes"
    } else if lead.starts_with("expected `:`") {
        "Expecting ':' delimiter"
    } else if lead.starts_with("expected `,`") {
        "Expecting ',' delimiter"
    } else if lead.starts_with("trailing characters") {
        "Extra data"
    } else if lead.starts_with("invalid escape") {
        "Invalid \\escape"
    } else if lead.starts_with("control character") {
        "Invalid control character at"
    } else {
        lead
    };
    // character offset of the error, as Python counts it
    let pos = if eof {
        text.chars().count()
    } else {
        let line_start: usize = text
            .split_inclusive('\n')
            .take(e.line().saturating_sub(1))
            .map(str::len)
            .sum();
        let byte = (line_start + e.column().saturating_sub(1)).min(text.len());
        let byte = (0..=byte).rev().find(|b| text.is_char_boundary(*b)).unwrap_or(0);
        text[..byte].chars().count()
    };
    let before: String = text.chars().take(pos).collect();
    let line = before.matches('\n').count() + 1;
    let col = pos - before.rfind('\n').map(|i| before[..=i].chars().count()).unwrap_or(0) + 1;
    format!("{python}: line {line} column {col} (char {pos})")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json_err(body: &str) -> String {
        let e = serde_json::from_str::<Value>(body).unwrap_err();
        python_json_message(body, &e)
    }

    #[test]
    fn python_style_json_errors() {
        assert_eq!(json_err(""), "Expecting value: line 1 column 1 (char 0)");
        assert_eq!(json_err("{\"a\":}"), "Expecting value: line 1 column 6 (char 5)");
        assert_eq!(
            json_err("{bad}"),
            "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"
        );
        assert_eq!(json_err("{\"a\":1}x"), "Extra data: line 1 column 8 (char 7)");
        assert_eq!(
            json_err("{\n\"a\" 1}"),
            "Expecting ':' delimiter: line 2 column 5 (char 6)"
        );
    }
}
