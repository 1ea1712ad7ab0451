//! Wrapping text to the terminal's width at word boundaries, so a long
//! answer is not broken mid-word by the terminal itself.

use std::io::{self, Write};

/// The width of the terminal stdout writes to, or `None` when it is not a
/// terminal (a pipe or a file gets the text unwrapped).
pub fn terminal_width() -> Option<usize> {
    terminal_size::terminal_size_of(std::io::stdout()).map(|(w, _)| usize::from(w.0))
}

/// Writes `text` and a newline, wrapped to `width` when there is one.
pub fn writeln_wrapped(out: &mut impl Write, text: &str, width: Option<usize>) -> io::Result<()> {
    match width {
        Some(width) => writeln!(out, "{}", wrap(text, width)),
        None => writeln!(out, "{text}"),
    }
}

/// `text` with every line longer than `width` characters broken at spaces.
/// Continuation lines keep the line's indent and line up after a list
/// marker ("12. ", "• "). A word longer than the line stays whole.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        wrap_line(&mut out, line, width);
    }
    out
}

fn wrap_line(out: &mut String, line: &str, width: usize) {
    if line.chars().count() <= width {
        out.push_str(line);
        return;
    }
    let indent = " ".repeat(hanging_indent(line));
    let mut used = 0;
    for (i, word) in line.split(' ').enumerate() {
        let len = word.chars().count();
        if i == 0 {
            // Nothing before the first word.
        } else if used + 1 + len > width && used > indent.len() {
            out.push('\n');
            out.push_str(&indent);
            used = indent.len();
        } else {
            out.push(' ');
            used += 1;
        }
        out.push_str(word);
        used += len;
    }
}

/// How far continuation lines are indented: the line's leading spaces plus
/// a list marker after them ("1. ", "12. ", "• "), if any.
fn hanging_indent(line: &str) -> usize {
    let spaces = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[spaces..];
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let marker = if digits > 0 && rest[digits..].starts_with(". ") {
        digits + 2
    } else if rest.starts_with("• ") {
        2
    } else {
        0
    };
    spaces + marker
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_word_boundaries() {
        // (text, width, wrapped)
        let cases = [
            ("short line", 20, "short line"),
            ("one two three four", 9, "one two\nthree\nfour"),
            ("1. one two three", 9, "1. one\n   two\n   three"),
            ("12. one two", 8, "12. one\n    two"),
            ("• один два три", 8, "• один\n  два\n  три"),
            ("  • one two", 7, "  • one\n    two"),
            ("a unbreakablewordhere b", 6, "a\nunbreakablewordhere\nb"),
            ("keep\n\nparagraphs apart", 10, "keep\n\nparagraphs\napart"),
            ("“quoted text here”", 8, "“quoted\ntext\nhere”"),
        ];
        for (text, width, want) in cases {
            assert_eq!(wrap(text, width), want, "{text:?} at {width}");
        }
    }

    #[test]
    fn never_loses_or_splits_a_word() {
        let text = "In 2013 the trade of the Russian Far East and Zabaykalye with China increased 14% to US$12.522 billion.";
        for width in 1..=text.len() {
            let wrapped = wrap(text, width);
            let words: Vec<&str> = wrapped.split_whitespace().collect();
            assert_eq!(words, text.split(' ').collect::<Vec<_>>(), "at {width}");
            for line in wrapped.lines() {
                let len = line.chars().count();
                assert!(len <= width || !line.contains(' '), "{line:?} at {width}");
            }
        }
    }
}
