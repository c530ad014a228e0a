//! A tag scanner for worksheet XML, where quick-xml's general events cost
//! several times the inflating: `<c>` elements are millions, simple and alike.
//!
//! It knows just what sheet XML needs — start, end and empty tags with their
//! attributes, text between them, comments, processing instructions and CDATA
//! skipped — and reports anything malformed so the caller can hand the file
//! to calamine.

/// A tag as found: its local name (prefix dropped), raw attribute bytes, and kind.
#[derive(Debug, Clone, Copy)]
pub struct Tag<'a> {
    pub name: &'a [u8],
    pub attrs: &'a [u8],
    pub kind: TagKind,
    /// Byte offset of the `<`.
    pub start: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagKind {
    Open,
    Close,
    Empty,
}

/// Malformed XML: the caller falls back to a full parser.
#[derive(Debug)]
pub struct Malformed;

pub struct Scanner<'a> {
    xml: &'a [u8],
    pos: usize,
}

impl<'a> Scanner<'a> {
    pub fn new(xml: &'a [u8]) -> Self {
        Scanner { xml, pos: 0 }
    }

    /// The next tag, skipping text, comments, declarations and CDATA; None at the end.
    pub fn next_tag(&mut self) -> Result<Option<Tag<'a>>, Malformed> {
        loop {
            let Some(lt) = find_lt(&self.xml[self.pos..]) else {
                self.pos = self.xml.len();
                return Ok(None);
            };
            let start = self.pos + lt;
            let rest = &self.xml[start + 1..];
            match rest.first() {
                Some(b'!') => {
                    let close: &[u8] = if rest.starts_with(b"!--") {
                        b"-->"
                    } else if rest.starts_with(b"![CDATA[") {
                        b"]]>"
                    } else {
                        b">"
                    };
                    let at = memchr::memmem::find(rest, close).ok_or(Malformed)?;
                    self.pos = start + 1 + at + close.len();
                }
                Some(b'?') => {
                    let at = memchr::memmem::find(rest, b"?>").ok_or(Malformed)?;
                    self.pos = start + 1 + at + 2;
                }
                Some(_) => return self.tag_at(start).map(Some),
                None => return Err(Malformed),
            }
        }
    }

    fn tag_at(&mut self, start: usize) -> Result<Tag<'a>, Malformed> {
        let gt = start + tag_end(&self.xml[start..]).ok_or(Malformed)?;
        self.pos = gt + 1;
        let mut inner = &self.xml[start + 1..gt];
        let kind = if let Some(rest) = inner.strip_prefix(b"/") {
            inner = rest;
            TagKind::Close
        } else if let Some(rest) = inner.strip_suffix(b"/") {
            inner = rest;
            TagKind::Empty
        } else {
            TagKind::Open
        };
        let name_len = inner
            .iter()
            .position(|b| b.is_ascii_whitespace())
            .unwrap_or(inner.len());
        let qname = &inner[..name_len];
        if qname.is_empty() {
            return Err(Malformed);
        }
        let name = match qname.iter().rposition(|&b| b == b':') {
            Some(colon) => &qname[colon + 1..],
            None => qname,
        };
        Ok(Tag {
            name,
            attrs: &inner[name_len..],
            kind,
            start,
        })
    }

    /// The commonest cell body, `<v>text</v></c>`, right where the scanner
    /// stands: returns the text and moves past `</c>`. Anything else (a
    /// formula, an inline string, white space, a comment) gives None and
    /// leaves the scanner where it was, for the general path.
    pub fn plain_value(&mut self) -> Option<&'a [u8]> {
        let body = self.xml[self.pos..].strip_prefix(b"<v>")?;
        let lt = find_lt(body)?;
        body[lt..].starts_with(b"</v></c>").then(|| {
            self.pos += b"<v>".len() + lt + b"</v></c>".len();
            &body[..lt]
        })
    }

    /// Moves past the end tag matching an open tag named `name`; returns the
    /// bytes between the two tags.
    pub fn skip_to_end(&mut self, name: &[u8]) -> Result<&'a [u8], Malformed> {
        let from = self.pos;
        let mut depth = 1usize;
        while let Some(t) = self.next_tag()? {
            if t.name != name {
                continue;
            }
            match t.kind {
                TagKind::Open => depth += 1,
                TagKind::Close => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(&self.xml[from..t.start]);
                    }
                }
                TagKind::Empty => {}
            }
        }
        Err(Malformed)
    }
}

/// Offset of the next `<`: a plain look at the first bytes (text in sheet XML
/// is a few digits), then a vectorised search for long text.
fn find_lt(s: &[u8]) -> Option<usize> {
    const SHORT: usize = 32;
    match s[..s.len().min(SHORT)].iter().position(|&b| b == b'<') {
        Some(i) => Some(i),
        None if s.len() <= SHORT => None,
        None => memchr::memchr(b'<', &s[SHORT..]).map(|i| i + SHORT),
    }
}

/// Offset of the `>` closing the tag that starts at `tag[0]`, passing over quoted
/// attribute values. Tags are short: a plain loop beats a vectorised search here.
fn tag_end(tag: &[u8]) -> Option<usize> {
    let mut i = 1;
    while let Some(&b) = tag.get(i) {
        match b {
            b'>' => return Some(i),
            b'"' | b'\'' => i += 1 + tag[i + 1..].iter().position(|&q| q == b)?,
            _ => {}
        }
        i += 1;
    }
    None
}

/// The attributes of a tag: (local name, raw value), in order.
pub fn attributes(raw: &[u8]) -> Attributes<'_> {
    Attributes { raw }
}

/// Iterator over a tag's attributes.
pub struct Attributes<'a> {
    raw: &'a [u8],
}

impl<'a> Iterator for Attributes<'a> {
    type Item = (&'a [u8], &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        let raw = self.raw;
        let eq = raw.iter().position(|&b| b == b'=')?;
        let key = raw[..eq].trim_ascii();
        let mut i = eq + 1;
        while raw.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        let quote = *raw.get(i)?;
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        let len = raw[i + 1..].iter().position(|&b| b == quote)?;
        let value = &raw[i + 1..i + 1 + len];
        self.raw = &raw[i + 2 + len..];
        let local = match key.iter().rposition(|&b| b == b':') {
            Some(colon) => &key[colon + 1..],
            None => key,
        };
        Some((local, value))
    }
}

/// Appends XML text to `out`: entities resolved, line ends made `\n` as XML 1.0 requires.
pub fn push_text(raw: &[u8], out: &mut String) -> Result<(), Malformed> {
    // Markup inside a value (`<![CDATA[5]]>`, a nested tag) is not read here:
    // the package goes to calamine, which reads it whole.
    if memchr::memchr(b'<', raw).is_some() {
        return Err(Malformed);
    }
    let s = std::str::from_utf8(raw).map_err(|_| Malformed)?;
    if !s.contains(['&', '\r']) {
        out.push_str(s);
        return Ok(());
    }
    let unescaped = quick_xml::escape::unescape(s).map_err(|_| Malformed)?;
    out.push_str(&unescaped.replace("\r\n", "\n").replace('\r', "\n"));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_attributes_and_text() {
        let xml = br#"<?xml version="1.0"?><!-- a <c> in a comment --><x:row r="2" spans='1:3'><c r="A2" t="s"><v>7</v></c><c r="B2" a=">"/></x:row>"#;
        let mut s = Scanner::new(xml);
        let row = s.next_tag().unwrap().unwrap();
        assert_eq!((row.name, row.kind), (&b"row"[..], TagKind::Open));
        let attrs: Vec<_> = attributes(row.attrs).collect();
        assert_eq!(
            attrs,
            vec![(&b"r"[..], &b"2"[..]), (&b"spans"[..], &b"1:3"[..])]
        );
        let c = s.next_tag().unwrap().unwrap();
        assert_eq!(c.name, b"c");
        let v = s.next_tag().unwrap().unwrap();
        assert_eq!(v.name, b"v");
        assert_eq!(s.skip_to_end(b"v").unwrap(), b"7");
        s.next_tag().unwrap(); // </c>
        let empty = s.next_tag().unwrap().unwrap();
        assert_eq!(empty.kind, TagKind::Empty);
        assert_eq!(attributes(empty.attrs).nth(1), Some((&b"a"[..], &b">"[..])));
        assert_eq!(s.next_tag().unwrap().unwrap().kind, TagKind::Close);
        assert!(s.next_tag().unwrap().is_none());
    }

    #[test]
    fn only_the_plain_cell_body_takes_the_short_way() {
        let mut s = Scanner::new(b"<v>12.5</v></c><c>");
        assert_eq!(s.plain_value(), Some(&b"12.5"[..]));
        assert_eq!(s.next_tag().unwrap().unwrap().name, b"c", "moved past </c>");
        let mut s = Scanner::new(b"<v>a&amp;b</v></c>");
        assert_eq!(
            s.plain_value(),
            Some(&b"a&amp;b"[..]),
            "entities are left to push_text"
        );
        for other in [
            &b"<f>A1</f><v>2</v></c>"[..],
            b"<v>2</v> </c>",
            b"<v>2<!-- x --></v></c>",
            b" <v>2</v></c>",
            b"<v>2</v></x:c>",
            b"<v>2",
        ] {
            let mut s = Scanner::new(other);
            assert_eq!(s.plain_value(), None, "{}", String::from_utf8_lossy(other));
            assert_eq!(s.pos, 0, "the scanner stays put");
        }
    }

    #[test]
    fn malformed_input_is_reported_not_panicked_on() {
        for bad in [&b"<c r=\"A1"[..], b"<", b"<!-- open", b"<>"] {
            let mut s = Scanner::new(bad);
            assert!(s.next_tag().is_err(), "{:?}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn text_entities_and_line_ends() {
        let mut out = String::new();
        push_text(b"a &amp; b&#x4E2D;\r\nc", &mut out).unwrap();
        assert_eq!(out, "a & b\u{4E2D}\nc");
    }
}
