//! Outline codes written before titles: "1.1 Replace legacy ERP",
//! "2. Secure the city", "1.1a Pilot". Only codes that look like an
//! outline are taken off — numbers of one to three digits joined by dots,
//! at least one dot, perhaps a letter — so "2025 budget review" and
//! "311 call centre" keep their titles.

use crate::command::imports::plan_extras::RowCode;

/// Splits a leading outline code off a title: `(code, written, title)`,
/// where `code` is the numeric part without a trailing dot.
pub fn split(title: &str) -> Option<(String, String, String)> {
    let t = title.trim_start();
    let bytes = t.as_bytes();
    let mut i = 0;
    let mut parts = 0;
    let mut dots = 0;
    loop {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let digits = i - start;
        if digits == 0 || digits > 3 {
            return None;
        }
        parts += 1;
        if i < bytes.len() && bytes[i] == b'.' {
            dots += 1;
            i += 1;
            if i < bytes.len() && bytes[i].is_ascii_digit() {
                continue;
            }
        }
        break;
    }
    let numeric_end = if t[..i].ends_with('.') { i - 1 } else { i };
    // An optional letter ("1.1a"), then an optional closing mark.
    if i < bytes.len() && bytes[i].is_ascii_alphabetic() {
        let next = bytes.get(i + 1).copied();
        if next.is_none_or(|b| b == b' ' || b == b')' || b == b'.') {
            i += 1;
        }
    }
    if i < bytes.len() && (bytes[i] == b')' || (bytes[i] == b'.' && !t[..i].ends_with('.'))) {
        i += 1;
    }
    if dots == 0 || parts == 0 {
        return None;
    }
    let written = t[..i].to_owned();
    let rest = t[i..].trim_start();
    // The code must stand apart from the title: a space, or a dash or
    // colon and a space.
    let gap = t[i..].len() - rest.len();
    let rest = match rest.strip_prefix(['-', '–', '—', ':']) {
        Some(r) if r.starts_with(' ') => r.trim_start(),
        Some(_) => return None,
        None if gap == 0 => return None,
        None => rest,
    };
    if rest.is_empty() {
        return None;
    }
    Some((t[..numeric_end].to_owned(), written, rest.to_owned()))
}

/// A [`RowCode`] for a title cell in `column`, with the title left.
pub fn take(title: &str, column: &str) -> Option<(RowCode, String)> {
    split(title).map(|(code, written, rest)| {
        (
            RowCode {
                code,
                written,
                column: column.to_owned(),
            },
            rest,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(t: &str) -> Option<(String, String)> {
        split(t).map(|(c, _, r)| (c, r))
    }

    #[test]
    fn outline_codes_are_taken_off() {
        let p = |c: &str, r: &str| Some((c.to_owned(), r.to_owned()));
        assert_eq!(
            parts("1.1 Replace legacy ERP"),
            p("1.1", "Replace legacy ERP")
        );
        assert_eq!(parts("2. Secure the city"), p("2", "Secure the city"));
        assert_eq!(parts("1.1.3 Pilot"), p("1.1.3", "Pilot"));
        assert_eq!(parts("1.1. Pilot"), p("1.1", "Pilot"));
        assert_eq!(parts("1.1a Pilot"), p("1.1", "Pilot"));
        assert_eq!(parts("3.2 – Data sharing"), p("3.2", "Data sharing"));
        assert_eq!(split("1.1a Pilot").map(|s| s.1), Some("1.1a".into()));
    }

    #[test]
    fn years_numbers_and_bare_codes_are_left_alone() {
        assert_eq!(parts("2025 budget review"), None);
        assert_eq!(parts("2025. Budget review"), None);
        assert_eq!(parts("311 call centre upgrade"), None);
        assert_eq!(parts("3 new parks"), None);
        assert_eq!(parts("1.1"), None);
        assert_eq!(parts("1.1-Pilot"), None);
        assert_eq!(parts("v1.1 Pilot"), None);
        assert_eq!(parts("1.1Pilot"), None);
        assert_eq!(parts("Replace legacy ERP"), None);
    }
}
