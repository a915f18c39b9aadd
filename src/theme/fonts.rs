//! The open-licensed font family shipped in `assets/fonts` (DejaVu Sans
//! Condensed; licence beside it). Report cards embed it (subset); the window
//! uses it as a fallback for symbols egui's default fonts lack, so status
//! symbols look the same on screen and on paper.

/// DejaVu Sans Condensed, regular.
pub const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSansCondensed.ttf");
/// DejaVu Sans Condensed, bold.
pub const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSansCondensed-Bold.ttf");
/// DejaVu Sans Condensed, oblique (the family's italic).
pub const ITALIC: &[u8] = include_bytes!("../../assets/fonts/DejaVuSansCondensed-Oblique.ttf");
