//! The high-contrast theme: the window's visuals built from the palette's
//! high-contrast colours (text 7:1 or more, tested in `theme::palette`),
//! with focus and selection drawn as thick outlines so they show without
//! telling colours apart.

use egui::{Stroke, Visuals};

use crate::app::widgets::colour;
use crate::theme::palette::window::{
    HC_BACKGROUND, HC_FIELD, HC_FOCUS, HC_HOVER, HC_OUTLINE, HC_SELECTION, HC_TEXT, HC_WEAK,
};

/// Sets `v` to the high-contrast theme.
pub fn high_contrast(v: &mut Visuals) {
    *v = Visuals::dark();
    let text = colour(HC_TEXT);
    let outline = Stroke::new(1.5, colour(HC_OUTLINE));
    let focus = Stroke::new(3.0, colour(HC_FOCUS));
    v.override_text_color = Some(text);
    v.weak_text_color = Some(colour(HC_WEAK));
    v.panel_fill = colour(HC_BACKGROUND);
    v.window_fill = colour(HC_BACKGROUND);
    v.faint_bg_color = colour(HC_HOVER);
    v.extreme_bg_color = colour(HC_FIELD);
    v.code_bg_color = colour(HC_BACKGROUND);
    v.window_stroke = outline;
    v.selection.bg_fill = colour(HC_SELECTION);
    v.selection.stroke = focus;
    v.hyperlink_color = colour(HC_FOCUS);
    for w in [
        &mut v.widgets.noninteractive,
        &mut v.widgets.inactive,
        &mut v.widgets.open,
    ] {
        w.fg_stroke = Stroke::new(1.0, text);
        w.bg_fill = colour(HC_BACKGROUND);
        w.weak_bg_fill = colour(HC_BACKGROUND);
    }
    v.widgets.noninteractive.bg_stroke = Stroke::new(1.0, colour(HC_OUTLINE));
    v.widgets.inactive.bg_stroke = outline;
    v.widgets.open.bg_stroke = focus;
    // Under the pointer or holding the keyboard: a thick yellow outline.
    for w in [&mut v.widgets.hovered, &mut v.widgets.active] {
        w.fg_stroke = Stroke::new(1.5, text);
        w.bg_fill = colour(HC_HOVER);
        w.weak_bg_fill = colour(HC_HOVER);
        w.bg_stroke = focus;
    }
}
