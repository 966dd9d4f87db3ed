//! The one error type every OMS call returns, so each screen renders every failure the same
//! way and can offer the right next step (retry, page 1, sign in).

use crate::messages::t;
use std::fmt;

/// Longest list of messages a validation error's text carries, whatever the server sent.
const MAX_SUMMARY_CHARS: usize = 1_500;

/// DRF validation errors: messages per field, plus `non_field_errors` / bare-list messages.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldErrors {
    /// `(field name, messages)` in the order the server sent them.
    pub fields: Vec<(String, Vec<String>)>,
    /// Messages that belong to no field (`non_field_errors`, `detail`, a bare list).
    pub general: Vec<String>,
}

impl FieldErrors {
    /// The messages for `field`, empty when the server named none.
    pub fn for_field(&self, field: &str) -> Vec<String> {
        self.fields
            .iter()
            .filter(|(name, _)| name == field)
            .flat_map(|(_, msgs)| msgs.iter().cloned())
            .collect()
    }

    /// Messages for fields the form does not show, so none is lost.
    pub fn other_than(&self, shown: &[&str]) -> Vec<String> {
        let mut out = self.general.clone();
        for (name, msgs) in &self.fields {
            if !shown.contains(&name.as_str()) {
                out.extend(msgs.iter().map(|m| format!("{name}: {m}")));
            }
        }
        out
    }
}

/// The kind of body a request expected, named in the user's language when it cannot be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Body {
    /// A page of the list.
    Page,
    /// One record.
    Record,
}

/// Every way an OMS call can fail. `Clone` so resources can hold it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// 401: the token is missing, wrong or revoked.
    Unauthorized {
        /// The server's `detail`.
        detail: String,
    },
    /// 403: a valid token without permission.
    Forbidden {
        /// The server's `detail`.
        detail: String,
    },
    /// 404 with the server's `detail`, in the server's words.
    NotFound {
        /// The server's `detail`.
        detail: String,
    },
    /// 404 for a list page past the end (DRF's "Invalid page."): told apart by the request
    /// (a list page after the first), never by the server's wording, which may be localised.
    InvalidPage,
    /// 400 with DRF field errors.
    Validation(FieldErrors),
    /// 429, with `Retry-After` in seconds when the server gave it.
    Throttled {
        /// Seconds to wait, from `Retry-After`.
        retry_after: Option<u64>,
    },
    /// 5xx; the body (often an HTML page) is not shown.
    Server {
        /// The HTTP status.
        status: u16,
    },
    /// Any other non-success status.
    UnexpectedStatus {
        /// The HTTP status.
        status: u16,
    },
    /// No response at all (offline, DNS, CORS, connection refused).
    Network(String),
    /// No answer within the client's time limit.
    Timeout {
        /// The limit that passed.
        seconds: u32,
    },
    /// A success status whose body is not what the contract promises.
    Decode {
        /// What was expected.
        expected: Body,
        /// The decoder's explanation.
        detail: String,
    },
    /// Cancelled by the app because a newer request superseded it; never shown.
    Aborted,
}

impl ApiError {
    /// True for a list page past the end, so the UI offers "go to page 1".
    pub fn is_invalid_page(&self) -> bool {
        matches!(self, ApiError::InvalidPage)
    }

    /// True when repeating the same request may succeed (for a Retry button).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            ApiError::Throttled { .. }
                | ApiError::Server { .. }
                | ApiError::Network(_)
                | ApiError::Timeout { .. }
                | ApiError::UnexpectedStatus { .. }
                | ApiError::Decode { .. }
        )
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = t();
        match self {
            ApiError::Unauthorized { .. } => f.write_str(m.err_unauthorized),
            ApiError::Forbidden { .. } => f.write_str(m.err_forbidden),
            ApiError::InvalidPage => f.write_str(m.err_invalid_page),
            ApiError::NotFound { detail } => f.write_str(&m.err_not_found(detail)),
            ApiError::Validation(errors) => {
                f.write_str(m.err_validation)?;
                // One line of text: as many whole messages as fit, the error panel lists them all.
                let mut left = MAX_SUMMARY_CHARS;
                for msg in errors.other_than(&[]) {
                    let len = msg.chars().count() + 1;
                    if len > left {
                        return f.write_str(" …");
                    }
                    left -= len;
                    write!(f, " {msg}")?;
                }
                Ok(())
            }
            ApiError::Throttled { retry_after } => f.write_str(&m.err_throttled(*retry_after)),
            ApiError::Server { status } => f.write_str(&m.err_server(*status)),
            ApiError::UnexpectedStatus { status } => f.write_str(&m.err_status(*status)),
            ApiError::Network(detail) => f.write_str(&m.err_network(detail)),
            ApiError::Timeout { seconds } => f.write_str(&m.err_timeout(*seconds)),
            ApiError::Decode { expected, detail } => f.write_str(&m.err_decode(*expected, detail)),
            ApiError::Aborted => f.write_str(m.err_aborted),
        }
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_server_wording_decides_nothing() {
        assert!(ApiError::InvalidPage.is_invalid_page());
        // A 404 is an invalid page only when the client says so, whatever its text.
        assert!(
            !ApiError::NotFound {
                detail: "Invalid page.".into()
            }
            .is_invalid_page()
        );
    }

    #[test]
    fn errors_without_a_field_keep_their_field_name() {
        let e = FieldErrors {
            fields: vec![
                ("expired_date".into(), vec!["bad".into()]),
                ("other".into(), vec!["x".into()]),
            ],
            general: vec!["general".into()],
        };
        assert_eq!(e.for_field("expired_date"), vec!["bad".to_string()]);
        assert_eq!(
            e.other_than(&["expired_date"]),
            vec!["general".to_string(), "other: x".to_string()]
        );
    }

    #[test]
    fn display_uses_the_message_catalogue() {
        assert_eq!(
            ApiError::Throttled { retry_after: Some(3) }.to_string(),
            "The OMS is limiting requests. Try again in 3 s."
        );
        assert_eq!(
            ApiError::InvalidPage.to_string(),
            "This page does not exist (any more). The records may have changed."
        );
        assert_eq!(
            ApiError::NotFound {
                detail: "Sayfa geçersiz.".into()
            }
            .to_string(),
            "Not found: Sayfa geçersiz."
        );
    }
}
