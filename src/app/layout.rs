//! How the window fits a laptop or a projector: the width below which
//! side-by-side columns stack, and the scrolling every page and table gets
//! so nothing is cut off at 1280×720 or when zoomed.

use egui::Ui;

/// Below this width (in points) two columns stack into one scrolling page.
pub const SIDE_BY_SIDE: f32 = 820.0;

/// A page that scrolls both ways when its content is larger than the space
/// it has; content is laid out at least `MIN_PAGE_WIDTH` wide so titles
/// wrap by word, not by syllable.
pub fn scroll_both<R>(ui: &mut Ui, id: &str, add: impl FnOnce(&mut Ui) -> R) -> R {
    egui::ScrollArea::both()
        .id_salt(id)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.set_min_width(MIN_PAGE_WIDTH);
            add(ui)
        })
        .inner
}

/// The narrowest a page is laid out; narrower views scroll sideways.
pub const MIN_PAGE_WIDTH: f32 = 320.0;

/// A table that may be wider than the page: it scrolls sideways, and its
/// columns keep the widths given instead of being squeezed away.
pub fn wide_table<R>(ui: &mut Ui, id: &str, add: impl FnOnce(&mut Ui) -> R) -> R {
    egui::ScrollArea::horizontal()
        .id_salt(id)
        .auto_shrink([false, false])
        .show(ui, add)
        .inner
}
