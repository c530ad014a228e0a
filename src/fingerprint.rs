//! A file's size and SHA-256 as the batch manifest lists them, taken from the
//! bytes as they are read or written, so no file is read a second time.

use std::io::Write;

use sha2::Digest;

/// A file's size in bytes and its SHA-256 in lower-case hex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    pub size: u64,
    pub sha256: String,
}

impl Fingerprint {
    /// The fingerprint of bytes in hand (an input just read).
    pub fn of(bytes: &[u8]) -> Self {
        Fingerprint {
            size: bytes.len() as u64,
            sha256: hex(&sha2::Sha256::digest(bytes)),
        }
    }
}

fn hex(digest: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut s = String::with_capacity(digest.len() * 2);
    for b in digest {
        // Writing to a String cannot fail.
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// Whether this run lists its outputs' SHA-256 (only the batch's manifest
/// does): other runs count sizes and hash nothing.
static WANTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Asks that every output written from now on be hashed (the batch, for its manifest).
pub fn want_hashes() {
    WANTED.store(true, std::sync::atomic::Ordering::Relaxed);
}

fn hashes_wanted() -> bool {
    WANTED.load(std::sync::atomic::Ordering::Relaxed)
}

/// A writer that passes everything on to `inner` and fingerprints what
/// `inner` accepted: its size always, its SHA-256 when the run wants hashes.
pub struct Hashing<W> {
    inner: W,
    hasher: Option<sha2::Sha256>,
    size: u64,
}

impl<W> Hashing<W> {
    /// Hashes when the run asked for hashes ([`want_hashes`]).
    pub fn new(inner: W) -> Self {
        Hashing {
            inner,
            hasher: hashes_wanted().then(sha2::Sha256::new),
            size: 0,
        }
    }

    /// Always hashes.
    pub fn always(inner: W) -> Self {
        Hashing {
            inner,
            hasher: Some(sha2::Sha256::new()),
            size: 0,
        }
    }

    /// The writer back, and the fingerprint of all that was written to it
    /// (an empty SHA-256 when none was taken).
    pub fn finish(self) -> (W, Fingerprint) {
        let print = Fingerprint {
            size: self.size,
            sha256: self.hasher.map(|h| hex(&h.finalize())).unwrap_or_default(),
        };
        (self.inner, print)
    }
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        if let Some(h) = self.hasher.as_mut() {
            h.update(&buf[..n]);
        }
        self.size += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_in_hand_and_bytes_written_give_the_same_fingerprint() {
        assert_eq!(
            Fingerprint::of(b"abc"),
            Fingerprint {
                size: 3,
                sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad".into()
            }
        );
        // Written in uneven pieces, longer than any buffer.
        let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let mut w = Hashing::always(Vec::new());
        for piece in big.chunks(7_919) {
            w.write_all(piece).unwrap();
        }
        let (written, print) = w.finish();
        assert_eq!(written, big);
        assert_eq!(print, Fingerprint::of(&big));
        assert_eq!(print.size, 200_000);
    }

    /// A writer that takes at most three bytes a call.
    struct Sip(Vec<u8>);

    impl Write for Sip {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let n = buf.len().min(3);
            self.0.extend_from_slice(&buf[..n]);
            Ok(n)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn only_what_the_inner_writer_took_is_counted() {
        let mut w = Hashing::always(Sip(Vec::new()));
        assert_eq!(w.write(b"abcdef").unwrap(), 3);
        w.write_all(b"def").unwrap();
        let (inner, print) = w.finish();
        assert_eq!(inner.0, b"abcdef");
        assert_eq!(print, Fingerprint::of(b"abcdef"));
    }
}
