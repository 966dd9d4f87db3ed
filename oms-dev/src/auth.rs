//! DRF `TokenAuthentication` plus the read-only/read-write split: the same header parsing
//! and the same 401/403 messages, so the app's auth handling is tested against the truth.

use axum::http::{HeaderMap, HeaderValue, header};
use std::sync::RwLock;

/// What a valid token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    /// Everything, including the remove action.
    ReadWrite,
    /// Safe methods only; unsafe ones get 403.
    ReadOnly,
}

/// Why authentication failed; each maps to DRF's exact message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AuthError {
    /// No `Authorization` header, or another scheme.
    NotProvided,
    /// `Token` with nothing after it.
    NoCredentials,
    /// `Token a b`.
    Spaces,
    /// A key that is not valid UTF-8.
    InvalidCharacters,
    /// Unknown key.
    InvalidToken,
}

impl AuthError {
    /// DRF's message for this failure.
    pub(crate) fn message(self) -> &'static str {
        match self {
            Self::NotProvided => "Authentication credentials were not provided.",
            Self::NoCredentials => "Invalid token header. No credentials provided.",
            Self::Spaces => "Invalid token header. Token string should not contain spaces.",
            Self::InvalidCharacters => "Invalid token header. Token string should not contain invalid characters.",
            Self::InvalidToken => "Invalid token.",
        }
    }
}

/// The two accepted keys; the read-write one can be replaced at runtime to simulate
/// revocation.
#[derive(Debug)]
pub(crate) struct Tokens {
    keys: RwLock<(String, String)>,
}

impl Tokens {
    /// Tokens from the command line.
    pub(crate) fn new(read_write: String, read_only: String) -> Self {
        Self {
            keys: RwLock::new((read_write, read_only)),
        }
    }

    /// Current `(read_write, read_only)` keys.
    pub(crate) fn get(&self) -> (String, String) {
        self.keys.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Replaces the read-write key (the old one then gets "Invalid token.").
    pub(crate) fn set_read_write(&self, key: String) {
        self.keys.write().unwrap_or_else(|e| e.into_inner()).0 = key;
    }

    /// Replaces the read-only key.
    pub(crate) fn set_read_only(&self, key: String) {
        self.keys.write().unwrap_or_else(|e| e.into_inner()).1 = key;
    }

    /// `TokenAuthentication.authenticate`: splits the header on whitespace, matches the
    /// keyword case-insensitively and checks the key.
    pub(crate) fn authenticate(&self, headers: &HeaderMap) -> Result<Access, AuthError> {
        let raw = headers
            .get(header::AUTHORIZATION)
            .map(HeaderValue::as_bytes)
            .unwrap_or_default();
        let parts: Vec<&[u8]> = raw
            .split(|b| b" \t\n\r\x0b\x0c".contains(b))
            .filter(|p| !p.is_empty())
            .collect();
        match parts.first() {
            Some(k) if k.eq_ignore_ascii_case(b"token") => {}
            _ => return Err(AuthError::NotProvided),
        }
        match parts.len() {
            1 => return Err(AuthError::NoCredentials),
            2 => {}
            _ => return Err(AuthError::Spaces),
        }
        let key = std::str::from_utf8(parts[1]).map_err(|_| AuthError::InvalidCharacters)?;
        let (rw, ro) = self.get();
        if key == rw {
            Ok(Access::ReadWrite)
        } else if key == ro {
            Ok(Access::ReadOnly)
        } else {
            Err(AuthError::InvalidToken)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auth(value: Option<&[u8]>) -> Result<Access, AuthError> {
        let t = Tokens::new("rw".into(), "ro".into());
        let mut h = HeaderMap::new();
        if let Some(v) = value {
            h.insert(header::AUTHORIZATION, HeaderValue::from_bytes(v).unwrap());
        }
        t.authenticate(&h)
    }

    #[test]
    fn header_parsing() {
        assert_eq!(auth(None), Err(AuthError::NotProvided));
        assert_eq!(auth(Some(b"Bearer rw")), Err(AuthError::NotProvided));
        assert_eq!(auth(Some(b"Token")), Err(AuthError::NoCredentials));
        assert_eq!(auth(Some(b"Token a b")), Err(AuthError::Spaces));
        assert_eq!(auth(Some(b"Token \xff")), Err(AuthError::InvalidCharacters));
        assert_eq!(auth(Some(b"Token nope")), Err(AuthError::InvalidToken));
        assert_eq!(auth(Some(b"token  rw")), Ok(Access::ReadWrite));
        assert_eq!(auth(Some(b"TOKEN ro")), Ok(Access::ReadOnly));
    }
}
