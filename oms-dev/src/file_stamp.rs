//! A file's version as far as caching goes: its modification time and length. The static
//! file cache and the CSP (hashed from `index.html`) both recompute only when it changes,
//! so a rebuilt app is picked up without a restart.

use std::path::Path;
use std::time::SystemTime;

/// Modification time and length of a file.
pub(crate) type Stamp = (SystemTime, u64);

/// The current [`Stamp`] of `path`.
pub(crate) fn stamp(path: &Path) -> std::io::Result<Stamp> {
    let meta = std::fs::metadata(path)?;
    Ok((meta.modified()?, meta.len()))
}
