//! The open-licensed font family shipped in `assets/fonts` (DejaVu Sans
//! Condensed; licence beside it). The window uses it as a fallback for
//! symbols the default fonts lack, so status symbols look the same on screen
//! and on paper.

/// DejaVu Sans Condensed, regular.
pub const REGULAR: &[u8] = include_bytes!("../assets/fonts/DejaVuSansCondensed.ttf");
