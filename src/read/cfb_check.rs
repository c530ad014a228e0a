//! Sector chains of an OLE compound file (.xls) walked before calamine reads it: a chain that
//! loops would make calamine append sectors until memory runs out.
//!
//! Found by fuzzing: a 9.5 KB .xls whose directory chain points back into
//! itself made calamine allocate 4 GB. Only what calamine would follow is
//! walked: the DIFAT, the FAT, the directory chain, the mini-FAT chain, the
//! mini stream and every stream of 4096 bytes or more. Anything else odd is
//! left to calamine, which reports it.

use super::error::ReadError;

const MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
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
    /// Sector `id` (the header takes the first sector's place), or None past the end.
    fn sector(&self, id: u32) -> Option<&[u8]> {
        let start = (id as usize).checked_add(1)?.checked_mul(self.size)?;
        self.bytes.get(start..start.checked_add(self.size)?)
    }

    /// How many sectors the file can hold: no honest chain is longer.
    fn sectors(&self) -> usize {
        self.bytes.len() / self.size + 1
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
            first = false;
        }
    }
    Ok(())
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
    fn the_official_biff8_samples_pass() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/samples/official-forms"
        );
        for name in [
            "target_public_cemetery_biff8.xls",
            "evaluate_rural_water_biff8.xls",
        ] {
            let bytes = std::fs::read(format!("{dir}/{name}")).expect("sample");
            assert_eq!(check_cfb(&bytes), Ok(()), "{name}");
        }
    }
}
