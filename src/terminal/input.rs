//! Reading questions from a terminal or a pipe, a line at a time, without
//! trusting the input: a line is kept to a bounded size however long it is,
//! and bytes that are not UTF-8 are a reply, not an error.

use std::io::{self, BufRead};

/// Lines longer than this are not questions; they are answered with an error
/// line (and read to their end without being kept in memory).
pub const MAX_LINE_BYTES: usize = 64 * 1024;

/// A line read with a size limit.
pub struct Line {
    bytes: Vec<u8>,
    /// The line was longer than the limit; only its start was kept.
    too_long: bool,
}

impl Line {
    /// The line as text, or why it cannot be a question.
    pub fn text(&self) -> Result<&str, &'static str> {
        if self.too_long {
            return Err("line too long: questions are limited to 64 KiB");
        }
        let bytes = self.bytes.strip_suffix(b"\r").unwrap_or(&self.bytes);
        std::str::from_utf8(bytes).map_err(|_| "line is not valid UTF-8 text")
    }
}

/// Reads one line (without its `\n`), keeping at most `max` bytes of it.
/// `None` at end of input.
pub fn read_line_bounded(input: &mut impl BufRead, max: usize) -> io::Result<Option<Line>> {
    let mut line = Line {
        bytes: Vec::new(),
        too_long: false,
    };
    let mut read_any = false;
    loop {
        let buf = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(read_any.then_some(line));
        }
        read_any = true;
        let (chunk, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (&buf[..i], Some(i + 1)),
            None => (buf, None),
        };
        let room = max.saturating_sub(line.bytes.len());
        if chunk.len() > room {
            line.too_long = true;
        }
        line.bytes
            .extend_from_slice(&chunk[..chunk.len().min(room)]);
        let used = done.unwrap_or(buf.len());
        input.consume(used);
        if done.is_some() {
            return Ok(Some(line));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_bounded_lines() {
        let mut input: &[u8] = b"short\nlong line here\n\xff\xfe\nlast";
        let mut got = Vec::new();
        while let Some(line) = read_line_bounded(&mut input, 8).unwrap() {
            got.push(line.text().map(str::to_string));
        }
        assert_eq!(
            got,
            vec![
                Ok("short".to_string()),
                Err("line too long: questions are limited to 64 KiB"),
                Err("line is not valid UTF-8 text"),
                Ok("last".to_string()),
            ]
        );
    }
}
