//! Escaping text for HTML and XML: the web card and minutes, and the PDF's
//! XMP metadata. One function, so no page escapes differently.

/// Escapes text for HTML or XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_characters_are_escaped_and_the_rest_kept() {
        assert_eq!(
            escape(r#"Mayor's "Smart City" <plan> & more: café"#),
            "Mayor&#39;s &quot;Smart City&quot; &lt;plan&gt; &amp; more: café"
        );
        assert_eq!(escape("&amp;"), "&amp;amp;", "escaped once, as written");
    }
}
