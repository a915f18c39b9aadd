//! Reading a number as people and programs write it: the one parser for
//! the window's fields, the command line, spreadsheets and returned
//! requests.

use super::Unreadable;

/// Reads a number written by a person or a program. Blank is `None`.
///
/// Accepts `1,234,567.50`, `1.234.567,50` and `1 234 567,50` (the decimal
/// separator is the last of `.` and `,` when both appear), a leading or
/// trailing currency sign (`$`, `€`, `£`), a trailing `%` (the number is
/// kept as written: `45%` is 45), and `(1,234)` for a negative number. A
/// lone comma is a decimal comma when `decimal_comma` is set (semicolon
/// separated files) or when it is not followed by exactly three digits.
pub fn parse_number_text(text: &str, decimal_comma: bool) -> Result<Option<f64>, Unreadable> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let bad = || Unreadable::Number { text: t.to_owned() };
    let mut s: String = t
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\''))
        .collect();
    let mut negative = false;
    if s.len() > 2 && s.starts_with('(') && s.ends_with(')') {
        negative = true;
        s = s[1..s.len() - 1].to_owned();
    }
    let s = s.trim_end_matches('%');
    let s = s
        .trim_start_matches(['$', '€', '£'])
        .trim_end_matches(['$', '€', '£']);
    let (sign, s) = match s.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, s.strip_prefix('+').unwrap_or(s)),
    };
    let s = s.trim_start_matches(['$', '€', '£']);
    if s.is_empty()
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        // Scientific notation, as some exports write large numbers.
        if let Ok(v) = s.parse::<f64>()
            && v.is_finite()
            && s.chars().any(|c| c == 'e' || c == 'E')
        {
            return Ok(Some(sign * if negative { -v } else { v }));
        }
        return Err(bad());
    }
    let last_dot = s.rfind('.');
    let last_comma = s.rfind(',');
    let grouped = |sep: char| {
        let parts: Vec<&str> = s.split(sep).collect();
        parts.len() > 1
            && (1..=3).contains(&parts[0].len())
            && parts[1..].iter().all(|p| p.len() == 3)
    };
    let plain = match (last_dot, last_comma) {
        (Some(d), Some(c)) if c > d => s.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => s.replace(',', ""),
        (None, Some(_)) => {
            if !decimal_comma && grouped(',') {
                s.replace(',', "")
            } else if s.matches(',').count() == 1 {
                s.replace(',', ".")
            } else {
                return Err(bad());
            }
        }
        (Some(_), None) => {
            if s.matches('.').count() > 1 || (decimal_comma && grouped('.')) {
                if grouped('.') {
                    s.replace('.', "")
                } else {
                    return Err(bad());
                }
            } else {
                s.to_owned()
            }
        }
        (None, None) => s.to_owned(),
    };
    match plain.parse::<f64>() {
        Ok(v) if v.is_finite() => {
            let v = sign * v;
            Ok(Some(if negative { -v } else { v }))
        }
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_number_text;

    #[test]
    fn numbers_read_as_people_write_them() {
        let read = |t: &str| parse_number_text(t, false);
        assert_eq!(read(""), Ok(None));
        assert_eq!(read("1,234"), Ok(Some(1234.0)));
        assert_eq!(read("$1,500.25"), Ok(Some(1500.25)));
        assert_eq!(read("45%"), Ok(Some(45.0)));
        assert_eq!(read("(1,500)"), Ok(Some(-1500.0)));
        assert_eq!(
            read("1,5"),
            Ok(Some(1.5)),
            "a lone comma before one digit is decimal"
        );
        assert!(read("lots").is_err());
    }
}
