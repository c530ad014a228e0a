//! Sector chains of an OLE compound file (.xls) walked before calamine reads it: a chain that
//! loops would make calamine append sectors until memory runs out.
//!
//! Found by fuzzing: a 9.5 KB .xls whose directory chain points back into
//! itself made calamine allocate 4 GB. Only what calamine would follow is
//! walked: the DIFAT, the FAT, the directory chain, the mini-FAT chain, the
//! mini stream and every stream of 4096 bytes or more. Anything else odd is
//! left to calamine, which reports it.
//!
//! calamine also turns every .xls sheet into a dense grid (all sheets at
//! once, when the file is opened): a 12 KB file with one cell at A1 and one
//! at IV65536 on each of a few sheets took 4.9 GB (found by fuzzing). The
//! cell records of the `Workbook` stream are therefore scanned here, and a
//! file whose sheets span more than [`MAX_DENSE_CELLS`] is refused.

use super::error::ReadError;

const MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// Most cells the dense grids of one .xls may span (about 32 bytes each in
/// calamine): a real .xls sheet of 65,536 rows × 20 columns spans 1.3 million.
pub const MAX_DENSE_CELLS: u64 = 10_000_000;
/// Sector ids from here up are markers (DIFSECT, FATSECT, ENDOFCHAIN, FREESECT).
const MAX_REGULAR: u32 = 0xFFFF_FFFA;

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at + 4)
        .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

struct File<'a> {
    bytes: &'a [u8],
    size: usize,
}

impl File<'_> {
    /// Sector `id` (the header takes the first sector's place), or None past
    /// the end. A last sector cut short is given as far as it goes, as
    /// calamine reads it (found by fuzzing).
    fn sector(&self, id: u32) -> Option<&[u8]> {
        let start = (id as usize).checked_add(1)?.checked_mul(self.size)?;
        if start >= self.bytes.len() {
            return None;
        }
        let end = start.saturating_add(self.size).min(self.bytes.len());
        self.bytes.get(start..end)
    }

    /// How many sectors the file can hold: no honest chain is longer.
    fn sectors(&self) -> usize {
        self.bytes.len() / self.size + 1
    }

    /// The first `len` bytes of the chain from `start`.
    fn stream(&self, fat: &[u32], start: u32, len: usize) -> Result<Vec<u8>, ReadError> {
        let mut out = Vec::new();
        for id in self.walk(fat, start)? {
            if out.len() >= len {
                break;
            }
            match self.sector(id) {
                Some(s) => out.extend_from_slice(s),
                None => break,
            }
        }
        out.truncate(len);
        Ok(out)
    }

    /// Follows a chain through `fat`; Err when it is longer than the file.
    fn walk(&self, fat: &[u32], start: u32) -> Result<Vec<u32>, ReadError> {
        let mut chain = Vec::new();
        let mut id = start;
        while id < MAX_REGULAR {
            if chain.len() > self.sectors() {
                return Err(looping());
            }
            chain.push(id);
            match fat.get(id as usize) {
                Some(next) => id = *next,
                // Past the FAT: calamine reports (or its guard catches) it.
                None => break,
            }
        }
        Ok(chain)
    }
}

fn looping() -> ReadError {
    ReadError::Corrupt("Cfb error: a sector chain loops (a damaged .xls)".into())
}

/// Refuses an OLE file whose sector chains loop; anything else passes.
pub fn check_cfb(bytes: &[u8]) -> Result<(), ReadError> {
    if !bytes.starts_with(MAGIC) || bytes.len() < 512 {
        return Ok(());
    }
    let size = match u32_at(bytes, 30).map(|v| v & 0xFFFF) {
        Some(9) => 512,
        Some(12) => 4096,
        _ => return Ok(()),
    };
    let file = File { bytes, size };
    let per_sector = size / 4;

    // DIFAT: 109 entries in the header, then a chain of DIFAT sectors.
    let mut difat: Vec<u32> = (0..109).filter_map(|i| u32_at(bytes, 76 + 4 * i)).collect();
    let mut next = u32_at(bytes, 68).unwrap_or(u32::MAX);
    let mut hops = 0;
    while next < MAX_REGULAR {
        hops += 1;
        if hops > file.sectors() {
            return Err(looping());
        }
        let Some(s) = file.sector(next) else { break };
        difat.extend((0..per_sector - 1).filter_map(|i| u32_at(s, 4 * i)));
        next = u32_at(s, size - 4).unwrap_or(u32::MAX);
    }
    let mut fat = Vec::new();
    for id in difat.into_iter().filter(|id| *id < MAX_REGULAR) {
        if let Some(s) = file.sector(id) {
            fat.extend((0..per_sector).filter_map(|i| u32_at(s, 4 * i)));
        }
    }

    let dir_chain = file.walk(&fat, u32_at(bytes, 48).unwrap_or(u32::MAX))?;
    if u32_at(bytes, 64).is_some_and(|n| n > 0) {
        file.walk(&fat, u32_at(bytes, 60).unwrap_or(u32::MAX))?;
    }
    let mut first = true;
    let mut root = None;
    let mut workbook = None;
    for id in dir_chain {
        let Some(s) = file.sector(id) else { break };
        for entry in s.chunks_exact(128) {
            let start = u32_at(entry, 116).unwrap_or(u32::MAX);
            let len = u32_at(entry, 120).unwrap_or(0);
            // The root entry holds the mini stream; other streams of 4096
            // bytes and more live in regular sectors.
            if first || len >= 4096 {
                file.walk(&fat, start)?;
            }
            if first {
                root = Some((start, len));
            } else if let Some(rank) = workbook_stream(entry) {
                // calamine takes `Workbook`, and `Book` only when there is none.
                if workbook.is_none_or(|(r, _, _)| rank < r) {
                    workbook = Some((rank, start, len));
                }
            }
            first = false;
        }
    }
    let Some((_, start, len)) = workbook else {
        return Ok(());
    };
    let stream = if len >= 4096 {
        file.stream(&fat, start, len as usize)?
    } else {
        // A small stream lives in the mini stream, in 64-byte sectors.
        let Some((root_start, root_len)) = root else {
            return Ok(());
        };
        let mini = file.stream(&fat, root_start, root_len as usize)?;
        let minifat_bytes = file.stream(&fat, u32_at(bytes, 60).unwrap_or(u32::MAX), usize::MAX)?;
        let minifat: Vec<u32> = (0..minifat_bytes.len() / 4)
            .filter_map(|i| u32_at(&minifat_bytes, 4 * i))
            .collect();
        let mut out = Vec::new();
        let mut id = start;
        while id < MAX_REGULAR && out.len() < len as usize {
            if out.len() > mini.len() {
                return Err(looping());
            }
            let at = id as usize * 64;
            let Some(s) = mini.get(at..at + 64) else {
                break;
            };
            out.extend_from_slice(s);
            id = minifat.get(id as usize).copied().unwrap_or(u32::MAX);
        }
        out.truncate(len as usize);
        out
    };
    if dense_cells(&stream) > MAX_DENSE_CELLS {
        return Err(ReadError::TooLarge(format!(
            "the sheets of this .xls span more than {MAX_DENSE_CELLS} cells (a stray cell far from the table?)"
        )));
    }
    Ok(())
}

/// 0 for the directory entry of the `Workbook` (BIFF8) stream, 1 for `Book` (BIFF5).
fn workbook_stream(entry: &[u8]) -> Option<u8> {
    let name_len = entry
        .get(64..66)
        .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]) as usize);
    let units: Vec<u16> = entry[..64.min(name_len)]
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .take_while(|u| *u != 0)
        .collect();
    let name = String::from_utf16_lossy(&units);
    if name.eq_ignore_ascii_case("Workbook") {
        Some(0)
    } else if name.eq_ignore_ascii_case("Book") {
        Some(1)
    } else {
        None
    }
}

/// The cells the dense grids of all sheets would span. calamine reads each
/// sheet from the offset its BOUNDSHEET record gives, which a damaged file
/// can point into the middle of other records (found by fuzzing), so each
/// sheet is scanned from there too, as well as the stream from its start.
fn dense_cells(stream: &[u8]) -> u64 {
    let mut offsets = Vec::new();
    let sequential = scan(stream, 0, false, &mut offsets);
    let mut sheets: u64 = 0;
    for at in offsets {
        sheets = sheets.saturating_add(scan(stream, at, true, &mut Vec::new()));
    }
    sequential.max(sheets)
}

/// The grids spanned from `from` on: per substream (BOF … EOF), the rectangle
/// around its value and formula cells, or the grid its DIMENSIONS record
/// declares when larger. `one_sheet` stops at the sheet's own EOF, skipping
/// nested substreams as calamine does; BOUNDSHEET offsets go to `offsets`.
fn scan(stream: &[u8], from: usize, one_sheet: bool, offsets: &mut Vec<usize>) -> u64 {
    let mut total: u64 = 0;
    // (first row, last row, first col, last col) of the current substream.
    let mut extent: Option<(u16, u16, u16, u16)> = None;
    let area = |e: Option<(u16, u16, u16, u16)>| {
        e.map_or(0, |(r0, r1, c0, c1)| {
            (u64::from(r1) - u64::from(r0) + 1) * (u64::from(c1) - u64::from(c0) + 1)
        })
    };
    // The largest grid a DIMENSIONS record of the substream declares:
    // calamine reserves room for it before reading a cell.
    let mut declared: u64 = 0;
    let mut seen_bof = false;
    let mut depth = 0usize;
    let mut pos = from;
    while pos + 4 <= stream.len() {
        let typ = u16::from_le_bytes([stream[pos], stream[pos + 1]]);
        let size = u16::from_le_bytes([stream[pos + 2], stream[pos + 3]]) as usize;
        let data = &stream[pos + 4..(pos + 4 + size).min(stream.len())];
        pos += 4 + size;
        let u16_at = |at: usize| {
            data.get(at..at + 2)
                .map(|b| u16::from_le_bytes([b[0], b[1]]))
        };
        if one_sheet {
            match (typ, depth) {
                (0x0809, _) if seen_bof => {
                    depth += 1;
                    continue;
                }
                (0x0809, _) => seen_bof = true,
                (0x000A, 0) => break,
                (0x000A, _) => {
                    depth -= 1;
                    continue;
                }
                (_, d) if d > 0 => continue,
                _ => {}
            }
        }
        let cells = match typ {
            0x0085 => {
                if let Some(at) = u32_at(data, 0) {
                    offsets.push(at as usize);
                }
                continue;
            }
            // BOF starts a substream, EOF ends it.
            0x0809 | 0x000A => {
                total = total.saturating_add(area(extent.take()).max(declared));
                declared = 0;
                continue;
            }
            0x0200 => {
                declared = declared.max(declared_cells(data));
                continue;
            }
            // Number, Label, RString, BoolErr, Rk, LabelSst, Formula: one cell.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                u16_at(0).zip(u16_at(2)).map(|(r, c)| (r, c, c))
            }
            // MulRk: a run of cells in one row.
            0x00BD => u16_at(0)
                .zip(u16_at(2))
                .zip(data.len().checked_sub(2).and_then(u16_at))
                .map(|((r, c0), c1)| (r, c0, c1.max(c0))),
            _ => None,
        };
        if let Some((r, c0, c1)) = cells {
            extent = Some(match extent {
                None => (r, r, c0, c1),
                Some((r0, r1, a, b)) => (r0.min(r), r1.max(r), a.min(c0), b.max(c1)),
            });
        }
    }
    total.saturating_add(area(extent).max(declared))
}

/// The cells a DIMENSIONS record makes calamine reserve, computed as calamine
/// does (rows and columns in 32 bits, wrapping as a release build does): a
/// record whose last row comes before its first declares about 4 billion rows.
fn declared_cells(r: &[u8]) -> u64 {
    let u16_at = |at: usize| {
        r.get(at..at + 2)
            .map_or(0, |b| u32::from(u16::from_le_bytes([b[0], b[1]])))
    };
    let (rf, rl, cf, cl) = match r.len() {
        10 => (u16_at(0), u16_at(2), u16_at(4), u16_at(6)),
        14 | 16 => (
            u32_at(r, 0).unwrap_or(0),
            u32_at(r, 4).unwrap_or(0),
            u16_at(8),
            u16_at(10),
        ),
        _ => return 0,
    };
    let cf = if 0xFF < cf || cl < cf { 0 } else { cf };
    let (er, ec) = if 1 <= rl && 1 <= cl {
        (rl - 1, cl - 1)
    } else {
        (rf, cf)
    };
    let rows = u64::from(er.wrapping_sub(rf).wrapping_add(1));
    let cols = u64::from(ec.wrapping_sub(cf).wrapping_add(1));
    rows.saturating_mul(cols)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_chain_that_loops_is_refused() {
        // Header with 512-byte sectors, one FAT sector (sector 0) whose
        // entry 1 points to itself, and the directory starting at sector 1.
        let mut b = vec![0u8; 512 * 3];
        b[..8].copy_from_slice(MAGIC);
        b[30] = 9;
        b[32] = 6;
        b[48..52].copy_from_slice(&1u32.to_le_bytes());
        b[68..72].copy_from_slice(&u32::MAX.to_le_bytes());
        b[76..80].copy_from_slice(&0u32.to_le_bytes());
        for i in 1..109 {
            b[76 + 4 * i..80 + 4 * i].copy_from_slice(&u32::MAX.to_le_bytes());
        }
        // FAT (sector 0, at offset 512): entry 0 = FATSECT, entry 1 = 1 (a loop).
        b[512..516].copy_from_slice(&0xFFFF_FFFDu32.to_le_bytes());
        b[516..520].copy_from_slice(&1u32.to_le_bytes());
        assert_eq!(check_cfb(&b), Err(looping()));
        // Ended properly, it passes.
        b[516..520].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
        assert_eq!(check_cfb(&b), Ok(()));
    }

    #[test]
    fn a_stray_cell_far_away_on_many_sheets_is_counted() {
        let rec = |typ: u16, data: &[u8]| {
            let mut v = typ.to_le_bytes().to_vec();
            v.extend((data.len() as u16).to_le_bytes());
            v.extend(data);
            v
        };
        let number = |r: u16, c: u16| {
            let mut d = r.to_le_bytes().to_vec();
            d.extend(c.to_le_bytes());
            d.extend([0u8; 10]);
            rec(0x0203, &d)
        };
        let mut stream = Vec::new();
        for _ in 0..3 {
            stream.extend(rec(0x0809, &[0; 16]));
            stream.extend(number(0, 0));
            stream.extend(number(65_535, 255));
            stream.extend(rec(0x000A, &[]));
        }
        assert_eq!(dense_cells(&stream), 3 * 65_536 * 256);
        let mut small = rec(0x0809, &[0; 16]);
        small.extend(number(2, 1));
        small.extend(number(9, 4));
        assert_eq!(dense_cells(&small), 8 * 4);

        // A DIMENSIONS record declaring 4 billion rows (found by fuzzing:
        // calamine reserved 1.5 TB and the process aborted).
        let mut dims = rec(0x0809, &[0; 16]);
        let mut d = 0u32.to_le_bytes().to_vec();
        d.extend(u32::MAX.to_le_bytes());
        d.extend([0, 0, 16, 0, 0, 0]);
        dims.extend(rec(0x0200, &d));
        assert!(dense_cells(&dims) > MAX_DENSE_CELLS);
        // An honest one: rows 0..100, columns 0..8.
        let mut ok = rec(0x0809, &[0; 16]);
        let mut d = 0u32.to_le_bytes().to_vec();
        d.extend(100u32.to_le_bytes());
        d.extend([0, 0, 8, 0, 0, 0]);
        ok.extend(rec(0x0200, &d));
        assert_eq!(dense_cells(&ok), 800);
    }

    #[test]
    fn the_official_biff8_samples_pass() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/official-forms");
        for name in [
            "target_public_cemetery_biff8.xls",
            "evaluate_rural_water_biff8.xls",
        ] {
            let bytes = std::fs::read(format!("{dir}/{name}")).expect("sample");
            assert_eq!(check_cfb(&bytes), Ok(()), "{name}");
        }
    }
}
