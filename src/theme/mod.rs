//! The look shared by the window, PDF and HTML: status colours, ink and
//! error red (`palette`), and the embedded fonts (`fonts`).

pub mod fonts;
pub mod palette;
