//! Line breaking for the PDF layout, from kept crates: break opportunities
//! by the Unicode line-break rules (UAX #14, through textwrap's
//! `unicode-linebreak` separator), hyphenation points from the en-US
//! patterns (`hyphenation`, embedded), first-fit wrapping by textwrap over
//! Cairn's own glyph widths, and right-to-left runs put in visual order by
//! `unicode-bidi`. Only a word with no break point that is longer than a
//! whole line is cut between letters.

use std::sync::OnceLock;

use textwrap::core::Fragment;
use textwrap::word_splitters::split_words;
use textwrap::wrap_algorithms::wrap_first_fit;
use textwrap::{WordSeparator, WordSplitter};

/// The en-US hyphenator, loaded once; without it words still break at
/// hyphens.
fn dictionary() -> Option<&'static hyphenation::Standard> {
    static DICTIONARY: OnceLock<Option<hyphenation::Standard>> = OnceLock::new();
    DICTIONARY
        .get_or_init(|| {
            use hyphenation::{Language, Load, Standard};
            Standard::from_embedded(Language::EnglishUS).ok()
        })
        .as_ref()
}

/// Hyphenation points of a word, remembered per thread: a card repeats
/// the same words (titles on several pages, status words) many times.
fn split_points(word: &str) -> Vec<usize> {
    use hyphenation::Hyphenator;
    thread_local! {
        static SEEN: std::cell::RefCell<std::collections::HashMap<String, Vec<usize>>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    if let Some(found) = SEEN.with(|s| s.borrow().get(word).cloned()) {
        return found;
    }
    let points = match dictionary() {
        Some(d) => d.hyphenate(word).breaks,
        None => WordSplitter::HyphenSplitter.split_points(word),
    };
    SEEN.with(|s| {
        let mut seen = s.borrow_mut();
        if seen.len() > 50_000 {
            seen.clear();
        }
        seen.insert(word.to_owned(), points.clone());
    });
    points
}

fn splitter() -> &'static WordSplitter {
    static SPLITTER: WordSplitter = WordSplitter::Custom(split_points);
    &SPLITTER
}

/// A word, its following space and the hyphen it needs when a line ends
/// after it, measured in points.
#[derive(Debug)]
struct Piece {
    word: String,
    whitespace: bool,
    penalty: &'static str,
    width: f64,
    space: f64,
    hyphen: f64,
}

impl Fragment for Piece {
    fn width(&self) -> f64 {
        self.width
    }
    fn whitespace_width(&self) -> f64 {
        if self.whitespace { self.space } else { 0.0 }
    }
    fn penalty_width(&self) -> f64 {
        if self.penalty.is_empty() {
            0.0
        } else {
            self.hyphen
        }
    }
}

/// Wraps one paragraph (no newlines) to `max` points, measuring with
/// `measure`. Words are hyphenated only when breaking between whole words
/// leaves a line less than three quarters full, as in a narrow column.
/// Always returns at least one line.
pub fn wrap(text: &str, max: f32, measure: &dyn Fn(&str) -> f32) -> Vec<String> {
    // Most cells and many lines fit as they are.
    if measure(text) <= max {
        return vec![visual(text.trim_end())];
    }
    let whole = wrap_with(text, max, measure, &WordSplitter::NoHyphenation);
    let ragged = whole.len() > 1
        && whole[..whole.len() - 1]
            .iter()
            .any(|l| measure(l) < max * 0.75);
    if ragged {
        wrap_with(text, max, measure, splitter())
    } else {
        whole
    }
}

fn wrap_with(
    text: &str,
    max: f32,
    measure: &dyn Fn(&str) -> f32,
    splitter: &WordSplitter,
) -> Vec<String> {
    let max = f64::from(max.max(1.0));
    let space = f64::from(measure(" "));
    let hyphen = f64::from(measure("-"));
    let words = WordSeparator::UnicodeBreakProperties.find_words(text);
    let mut pieces = Vec::new();
    for w in split_words(words, splitter) {
        let trailing = !w.whitespace.is_empty();
        let penalty = if w.penalty.is_empty() { "" } else { "-" };
        let width = f64::from(measure(w.word));
        if width + if penalty.is_empty() { 0.0 } else { hyphen } <= max {
            pieces.push(Piece {
                word: w.word.to_owned(),
                whitespace: trailing,
                penalty,
                width,
                space,
                hyphen,
            });
            continue;
        }
        // Longer than a line and no break point inside: cut by letters,
        // with a hyphen between letters.
        let chunks = cut(w.word, max - hyphen, measure);
        let last = chunks.len().saturating_sub(1);
        for (i, chunk) in chunks.into_iter().enumerate() {
            let width = f64::from(measure(&chunk));
            let letters = chunk.chars().last().is_some_and(char::is_alphabetic);
            pieces.push(Piece {
                word: chunk,
                whitespace: i == last && trailing,
                penalty: if i == last {
                    penalty
                } else if letters {
                    "-"
                } else {
                    ""
                },
                width,
                space,
                hyphen,
            });
        }
    }
    let mut lines: Vec<String> = wrap_first_fit(&pieces, &[max])
        .into_iter()
        .map(|line| {
            let mut s = String::new();
            let n = line.len();
            for (i, p) in line.iter().enumerate() {
                s.push_str(&p.word);
                if i + 1 < n {
                    if p.whitespace {
                        s.push(' ');
                    }
                } else {
                    s.push_str(p.penalty);
                }
            }
            visual(s.trim_end())
        })
        .collect();
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// Cuts a word into pieces no wider than `max` (at least one letter each).
fn cut(word: &str, max: f64, measure: &dyn Fn(&str) -> f32) -> Vec<String> {
    let mut out = Vec::new();
    let mut piece = String::new();
    for c in word.chars() {
        piece.push(c);
        if f64::from(measure(&piece)) > max && piece.chars().count() > 1 {
            piece.pop();
            out.push(std::mem::take(&mut piece));
            piece.push(c);
        }
    }
    out.push(piece);
    out
}

/// Whether a character is in a right-to-left script.
fn is_rtl(c: char) -> bool {
    matches!(u32::from(c), 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Whether a character is Arabic, whose letters join; the report's fonts
/// are drawn unshaped, so they print in their isolated forms.
pub fn is_joining(c: char) -> bool {
    matches!(u32::from(c), 0x0600..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

/// A line in visual (left-to-right drawing) order: right-to-left runs are
/// reversed by the Unicode bidirectional algorithm; other lines unchanged.
pub fn visual(line: &str) -> String {
    if !line.chars().any(is_rtl) {
        return line.to_owned();
    }
    let info = unicode_bidi::BidiInfo::new(line, None);
    info.paragraphs
        .iter()
        .map(|p| info.reorder_line(p, p.range.clone()).into_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A width of 5 pt per character: easy to reason about.
    fn mono(s: &str) -> f32 {
        let n = s.chars().count() as f32;
        n * 5.0
    }

    #[test]
    fn words_break_between_words_then_at_hyphenation_points() {
        assert_eq!(wrap("a short line", 200.0, &mono), ["a short line"]);
        assert_eq!(wrap("one two three", 40.0, &mono), ["one two", "three"]);
        // "Communications" hyphenates (com-mu-ni-ca-tions) instead of being
        // cut between any two letters.
        let lines = wrap("Communications", 45.0, &mono);
        assert!(lines.len() > 1, "{lines:?}");
        for l in &lines[..lines.len() - 1] {
            assert!(l.ends_with('-'), "{lines:?}");
        }
        assert_eq!(lines.concat().replace('-', ""), "Communications");
    }

    #[test]
    fn a_word_without_break_points_is_cut_with_a_hyphen_and_nothing_is_lost() {
        let code = "XQZXQZXQZXQZXQZ";
        let lines = wrap(code, 30.0, &mono);
        assert!(lines.iter().all(|l| mono(l) <= 30.0), "{lines:?}");
        assert_eq!(lines.concat().replace('-', ""), code);
    }

    #[test]
    fn right_to_left_text_is_drawn_in_visual_order() {
        // "שלום" (shalom) is stored first letter first; drawn left to
        // right it must start with its last letter.
        let line = visual("Plan שלום");
        assert!(line.starts_with("Plan "), "{line}");
        assert!(line.ends_with('ש'), "{line}");
        assert_eq!(visual("plain"), "plain");
    }
}
