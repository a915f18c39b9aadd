//! Recognises a Cairn workbench from the first bytes of a file, without
//! opening it in SQLite, so a file that is not ours is never written to.

use std::io::Read;
use std::path::Path;

use super::StoreError;

/// `PRAGMA application_id` of every Cairn workbench: "CAIR".
pub const APPLICATION_ID: i32 = 0x4341_4952;

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What the header says about a workbench file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeaderInfo {
    pub schema_version: i32,
}

fn be_u32(bytes: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

/// Reads and checks the SQLite header of `path`.
pub fn sniff(path: &Path) -> Result<HeaderInfo, StoreError> {
    let shown = path.display().to_string();
    let mut file = std::fs::File::open(path).map_err(|e| StoreError::Io {
        path: shown.clone(),
        message: e.to_string(),
    })?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len == 0 {
        return Err(StoreError::NotAWorkbench {
            path: shown,
            why: "the file is empty (0 bytes)".into(),
        });
    }
    let mut header = [0u8; 100];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) => {
                return Err(StoreError::Io {
                    path: shown,
                    message: e.to_string(),
                });
            }
        }
    }
    if read < header.len() || &header[..16] != SQLITE_MAGIC {
        return Err(StoreError::NotAWorkbench {
            path: shown,
            why: "it is not a database file".into(),
        });
    }
    let app_id = be_u32(&header, 68) as i32;
    if app_id != APPLICATION_ID {
        return Err(StoreError::NotAWorkbench {
            path: shown,
            why: "it is an SQLite database of another program".into(),
        });
    }
    // Page size: 1 means 65536.
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536u64,
        n => u64::from(n),
    };
    let page_count = u64::from(be_u32(&header, 28));
    let change_counter = be_u32(&header, 24);
    let valid_for = be_u32(&header, 92);
    // The in-header page count is trustworthy when the "version valid for"
    // number matches the change counter. A shorter file lost its tail.
    if page_size >= 512
        && valid_for == change_counter
        && page_count > 0
        && len < page_size * page_count
    {
        return Err(StoreError::Damaged {
            path: shown,
            why: format!(
                "the file is truncated: {len} bytes where the header promises {}",
                page_size * page_count
            ),
        });
    }
    Ok(HeaderInfo {
        schema_version: be_u32(&header, 60) as i32,
    })
}

/// Whether `path` starts like a Cairn workbench (SQLite's magic and Cairn's
/// application id), damaged or not. Used to refuse writing over one.
pub fn is_workbench(path: &Path) -> bool {
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    let mut header = [0u8; 72];
    if file.read_exact(&mut header).is_err() {
        return false;
    }
    &header[..16] == SQLITE_MAGIC && be_u32(&header, 68) as i32 == APPLICATION_ID
}
