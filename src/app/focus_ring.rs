//! A ring around whatever holds the keyboard, drawn over every control
//! alike. egui shows keyboard focus as a hover, and its menus draw no
//! outline at all; a keyboard-only user must see where they are on every
//! control, in every theme, without telling colours apart.

use egui::{Context, Id, LayerId, Order, Stroke, StrokeKind};

/// Paints the ring around the focused control as it was last laid out.
pub fn paint(ctx: &Context, high_contrast: bool) {
    let Some(id) = ctx.memory(|m| m.focused()) else {
        return;
    };
    let Some(response) = ctx.read_response(id) else {
        return;
    };
    // Only what is on screen: a control scrolled out of its area has no
    // visible part to ring.
    let rect = response.interact_rect;
    if !rect.is_positive() {
        return;
    }
    let stroke = if high_contrast {
        Stroke::new(
            3.0,
            crate::app::widgets::colour(crate::theme::palette::window::HC_FOCUS),
        )
    } else {
        Stroke::new(2.0, ctx.global_style().visuals.selection.stroke.color)
    };
    ctx.layer_painter(LayerId::new(Order::Tooltip, Id::unique("focus-ring")))
        .rect_stroke(rect.expand(1.0), 3.0, stroke, StrokeKind::Outside);
}
