//! Small text helpers shared by the decoder and the recovery view.

/// `s` cut to at most `max_chars` characters, with `…` when something was cut; never splits
/// a character, so it is safe on any server text.
pub fn truncate(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_on_characters_not_bytes() {
        assert_eq!(truncate("abc", 2), "ab…");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("şşş", 1), "ş…");
        assert_eq!(truncate("", 0), "");
    }
}
