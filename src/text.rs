//! Small text helpers shared by the decoder, the recovery view and the shortcut list.

/// `s` cut to at most `max_chars` characters, with `…` when something was cut; never splits
/// a character, so it is safe on any server text.
pub fn truncate(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_string(),
    }
}

/// `s` as HTML text or attribute value: what markup builds from strings (the table, the
/// chips, the breakdown, the shortcut list) shows them as written, whatever characters a
/// translation or the OMS's data bring. (A NUL cannot be written in HTML at all: the parser
/// drops it from text, as the browser's rendering of a text node does.)
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // The HTML parser turns a raw CR (and CR LF) into LF; a reference keeps it.
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_text_is_escaped() {
        assert_eq!(escape_html("a<b>&\"c\"'d'"), "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;");
        assert_eq!(escape_html("Şişli g l"), "Şişli g l");
        assert_eq!(escape_html("a\r\nb\tc"), "a&#13;\nb\tc");
    }

    #[test]
    fn cuts_on_characters_not_bytes() {
        assert_eq!(truncate("abc", 2), "ab…");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("şşş", 1), "ş…");
        assert_eq!(truncate("", 0), "");
    }
}
