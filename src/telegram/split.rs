//! Splitting a reply into messages Telegram accepts.
//!
//! Telegram rejects a message over 4096 characters, and rejects HTML whose
//! tags do not balance, so a long reply is cut at a paragraph, line, sentence
//! or word boundary, never inside a tag or an entity, and tags open at a cut
//! are closed in one part and reopened in the next. Lengths are counted in
//! UTF-16 units, as Telegram counts them.

/// Telegram's limit on a message's text.
pub const MESSAGE_LIMIT: usize = 4096;

/// One indivisible piece of HTML source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Atom<'a> {
    /// A character of text.
    Char(char),
    /// `&amp;` and the like.
    Entity(&'a str),
    /// `<b>`, `<a href="…">`: the whole tag and its name.
    Open(&'a str, &'a str),
    /// `</b>` and its name.
    Close(&'a str),
}

impl Atom<'_> {
    /// Length as Telegram may count it. UTF-16 units of the source are never
    /// fewer than the characters Telegram counts after parsing.
    fn units(&self) -> usize {
        match self {
            Atom::Char(c) => c.len_utf16(),
            Atom::Entity(s) | Atom::Open(s, _) => s.len(),
            Atom::Close(name) => name.len() + 3,
        }
    }
}

fn atoms(html: &str) -> Vec<Atom<'_>> {
    let mut out = Vec::with_capacity(html.len());
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        let taken = match c {
            '<' => rest.find('>').map(|end| {
                let tag = &rest[..=end];
                let inner = &tag[1..tag.len() - 1];
                let atom = match inner.strip_prefix('/') {
                    Some(name) => Atom::Close(&tag[2..2 + name.trim().len()]),
                    None => {
                        let name_len = inner
                            .find(|c: char| c.is_whitespace())
                            .unwrap_or(inner.len());
                        Atom::Open(tag, &inner[..name_len])
                    }
                };
                (atom, end + 1)
            }),
            '&' => rest
                .find(';')
                .filter(|&end| {
                    end <= 10
                        && rest[1..end]
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '#')
                })
                .map(|end| (Atom::Entity(&rest[..=end]), end + 1)),
            _ => None,
        };
        // A stray `<` or `&` (not valid Telegram HTML anyway) is kept as text.
        let (atom, len) = taken.unwrap_or((Atom::Char(c), c.len_utf8()));
        out.push(atom);
        rest = &rest[len..];
    }
    out
}

/// Tags open at a point: (whole opening tag, name), outermost first.
type OpenTags<'a> = Vec<(&'a str, &'a str)>;

/// How good a place to cut the boundary after `atoms[i]` is: paragraph 4,
/// line 3, sentence 2, word 1, anywhere else in text 0; `None` right after
/// an opening tag (the part would end in an empty element).
fn boundary(atoms: &[Atom<'_>], i: usize) -> Option<u8> {
    let prev = i.checked_sub(1).map(|p| atoms[p]);
    match atoms[i] {
        Atom::Open(..) => None,
        Atom::Char('\n') if prev == Some(Atom::Char('\n')) => Some(4),
        Atom::Char('\n') => Some(3),
        Atom::Char(' ') if matches!(prev, Some(Atom::Char('.' | '!' | '?' | '…' | ':' | ';'))) => {
            Some(2)
        }
        Atom::Char(c) if c.is_whitespace() => Some(1),
        _ => Some(0),
    }
}

/// Splits Telegram HTML into parts of at most `limit` UTF-16 units, each with
/// balanced tags. Text that fits is returned as one part unchanged.
pub fn split(html: &str, limit: usize) -> Vec<String> {
    if html.encode_utf16().count() <= limit {
        return vec![html.to_string()];
    }
    let atoms = atoms(html);
    let mut parts = Vec::new();
    // Tags open where the current part starts: (whole opening tag, name).
    let mut carried: OpenTags<'_> = Vec::new();
    let mut start = 0;
    while start < atoms.len() {
        let prefix: String = carried.iter().map(|(tag, _)| *tag).collect();
        let mut len = prefix.encode_utf16().count();
        let mut open = carried.clone();
        let mut closing: usize = open.iter().map(|(_, n)| n.len() + 3).sum();
        // Best cut of each quality so far: (end atom index, tags open there).
        let mut best: [Option<(usize, OpenTags<'_>)>; 5] = Default::default();
        let mut end = start;
        while end < atoms.len() {
            let atom = atoms[end];
            match atom {
                Atom::Open(tag, name) => {
                    open.push((tag, name));
                    closing += name.len() + 3;
                }
                Atom::Close(name) => {
                    if let Some(pos) = open.iter().rposition(|(_, n)| *n == name) {
                        for (_, n) in open.drain(pos..) {
                            closing -= n.len() + 3;
                        }
                    }
                }
                _ => {}
            }
            len += atom.units();
            if len + closing > limit {
                break;
            }
            if let Some(q) = boundary(&atoms, end) {
                best[q as usize] = Some((end + 1, open.clone()));
            }
            end += 1;
        }
        if end == atoms.len() {
            let mut part = prefix;
            atoms[start..].iter().for_each(|a| push_atom(&mut part, a));
            close_all(&mut part, &open);
            parts.push(part);
            break;
        }
        // Prefer the best kind of boundary that still fills a third of the
        // part, so a paragraph break near the start does not waste a message.
        let min_end = start + (end - start) / 3;
        let chosen = best
            .iter()
            .rev()
            .flatten()
            .find(|(e, _)| *e > min_end)
            .or_else(|| best.iter().rev().flatten().find(|(e, _)| *e > start))
            .cloned();
        // Only if one atom alone (a huge tag) exceeds the limit: take it anyway.
        let (cut, open_at_cut) = chosen.unwrap_or_else(|| (start + 1, open.clone()));
        let mut part = prefix;
        atoms[start..cut]
            .iter()
            .for_each(|a| push_atom(&mut part, a));
        // The space or newline cut at is not needed at the end of a message.
        part.truncate(part.trim_end().len());
        close_all(&mut part, &open_at_cut);
        if part_has_text(&atoms[start..cut]) {
            parts.push(part);
        }
        carried = open_at_cut;
        start = cut;
        // Whitespace at the start of a message is dropped by Telegram anyway.
        while matches!(atoms.get(start), Some(Atom::Char(c)) if c.is_whitespace()) {
            start += 1;
        }
    }
    parts
}

fn push_atom(out: &mut String, atom: &Atom<'_>) {
    match atom {
        Atom::Char(c) => out.push(*c),
        Atom::Entity(s) | Atom::Open(s, _) => out.push_str(s),
        Atom::Close(name) => {
            out.push_str("</");
            out.push_str(name);
            out.push('>');
        }
    }
}

fn close_all(out: &mut String, open: &[(&str, &str)]) {
    for (_, name) in open.iter().rev() {
        out.push_str("</");
        out.push_str(name);
        out.push('>');
    }
}

fn part_has_text(atoms: &[Atom<'_>]) -> bool {
    atoms
        .iter()
        .any(|a| matches!(a, Atom::Char(c) if !c.is_whitespace()) || matches!(a, Atom::Entity(_)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use teloxide::utils::html::escape;

    /// Text without tags and whitespace, entities decoded: what a reader
    /// sees, whatever the cuts.
    fn visible(html: &str) -> String {
        let mut out = String::new();
        for a in atoms(html) {
            match a {
                Atom::Char(c) => out.push(c),
                Atom::Entity("&lt;") => out.push('<'),
                Atom::Entity("&gt;") => out.push('>'),
                Atom::Entity("&amp;") => out.push('&'),
                Atom::Entity(e) => out.push_str(e),
                _ => {}
            }
        }
        out.retain(|c| !c.is_whitespace());
        out
    }

    /// Tags balance and nest properly.
    fn balanced(html: &str) -> bool {
        let mut stack = Vec::new();
        for a in atoms(html) {
            match a {
                Atom::Open(_, n) => stack.push(n),
                Atom::Close(n) if stack.pop() != Some(n) => return false,
                _ => {}
            }
        }
        stack.is_empty()
    }

    fn check(html: &str, limit: usize) -> Vec<String> {
        let parts = split(html, limit);
        for p in &parts {
            assert!(
                p.encode_utf16().count() <= limit,
                "part over {limit}: {p:?}"
            );
            assert!(balanced(p), "unbalanced part: {p:?}");
            assert!(!p.trim().is_empty(), "empty part");
        }
        assert_eq!(
            visible(&parts.join(" ")),
            visible(html),
            "text lost or changed"
        );
        parts
    }

    #[test]
    fn splits_at_the_best_boundary() {
        // (html, limit, expected parts)
        let cases: &[(&str, usize, &[&str])] = &[
            ("short", 10, &["short"]),
            ("One two. Three four.", 12, &["One two.", "Three four."]),
            (
                "para one\n\npara two here",
                16,
                &["para one", "para two here"],
            ),
            (
                "line one\nline two\nline 3",
                19,
                &["line one\nline two", "line 3"],
            ),
            ("abcdefghij", 4, &["abcd", "efgh", "ij"]),
            (
                "<b>bold words here</b>",
                18,
                &["<b>bold words</b>", "<b>here</b>"],
            ),
            ("a &amp; b &amp; c", 8, &["a &amp;", "b &amp;", "c"]),
        ];
        for (html, limit, want) in cases {
            assert_eq!(check(html, *limit), *want, "{html:?} at {limit}");
        }
    }

    #[test]
    fn never_cuts_an_entity_or_a_tag() {
        let html = format!("<blockquote>{}</blockquote>", "&amp;".repeat(30));
        for limit in 30..60 {
            for p in check(&html, limit) {
                assert!(
                    p.starts_with("<blockquote>&amp;") && p.ends_with("&amp;</blockquote>"),
                    "{p}"
                );
            }
        }
    }

    #[test]
    fn long_reply_fits_telegram() {
        let sentence = "The volume of trade reached US$8.8 billion in 2013 &amp; grew by 14%. ";
        let html = format!(
            "<b>Answer</b>\nFigures: 1\nSource:\n<blockquote>{}</blockquote>",
            sentence.repeat(200)
        );
        let parts = check(&html, MESSAGE_LIMIT);
        assert!(parts.len() >= 3);
        // Cut between sentences, not inside one.
        for p in &parts[..parts.len() - 1] {
            assert!(p.ends_with("14%.</blockquote>"), "{}", &p[p.len() - 40..]);
        }
    }

    #[test]
    fn counts_utf16_units() {
        let html = "😀".repeat(10);
        for p in check(&html, 5) {
            assert!(p.encode_utf16().count() <= 5);
        }
    }

    proptest! {
        #[test]
        fn any_reply_splits_into_valid_parts(
            words in proptest::collection::vec("[a-zA-Zа-я0-9<>&.😀]{1,12}", 1..200),
            seps in proptest::collection::vec(prop_oneof![Just(" "), Just(". "), Just("\n"), Just("\n\n")], 200),
            limit in 40usize..300,
        ) {
            let mut html = String::from("<b>");
            for (i, w) in words.iter().enumerate() {
                html.push_str(&escape(w));
                html.push_str(seps[i]);
                if i == words.len() / 2 {
                    html.push_str("</b><blockquote><i>");
                }
            }
            html.push_str("</i></blockquote>");
            check(&html, limit);
        }
    }
}
