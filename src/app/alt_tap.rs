//! Alt pressed and let go on its own, as Windows and Linux desktop programs
//! take it: the keyboard goes to the menu bar. egui sends no key for Alt,
//! only the modifiers' change, so the tap is worked out from the frames.

use egui::{Event, InputState};

/// Whether Alt is down, and whether anything else happened while it was.
#[derive(Debug, Default)]
pub struct AltTap {
    down: bool,
    spoiled: bool,
}

impl AltTap {
    /// Reads one frame's input; true when Alt was let go and nothing else
    /// (a key, a click, a scroll, typed text) happened while it was down.
    pub fn tapped(&mut self, i: &InputState) -> bool {
        let other = i.events.iter().any(|e| {
            matches!(
                e,
                Event::Key { .. }
                    | Event::Text(_)
                    | Event::PointerButton { .. }
                    | Event::MouseWheel { .. }
            )
        });
        let alt_only = i.modifiers.alt && !i.modifiers.ctrl && !i.modifiers.command;
        match (self.down, i.modifiers.alt) {
            (false, true) => {
                // AltGr comes as Ctrl+Alt on Windows: that is typing.
                self.down = true;
                self.spoiled = other || !alt_only;
                false
            }
            (true, true) => {
                self.spoiled |= other || !alt_only;
                false
            }
            (true, false) => {
                self.down = false;
                !(self.spoiled || other)
            }
            (false, false) => false,
        }
    }
}
