//! The shell's part in meetings: starting and drawing the presentation,
//! and printing minutes in the background.

use std::path::Path;

use egui::Ui;

use super::*;
use crate::command::Command;

impl CairnApp {
    /// The meeting F5 presents: the one shown on the Meetings page, if it
    /// has an agenda.
    pub(super) fn meeting_to_present(&self) -> Option<String> {
        let wb = self.wb.as_ref()?;
        let plan = wb.plan();
        let id = self
            .meetings
            .selected
            .clone()
            .or_else(|| plan.meetings.last().map(|m| m.id.clone()))?;
        plan.meeting(&id)
            .filter(|m| !m.agenda.is_empty())
            .map(|m| m.id.clone())
    }

    /// Starts the meeting (noting where each agenda item stands) unless it
    /// already has, and puts it on the screen.
    pub(super) fn start_presenting(&mut self, ctx: &egui::Context, id: &str) {
        let Some(wb) = self.wb.as_ref() else { return };
        let Some(m) = wb.plan().meeting(id) else {
            return;
        };
        if m.started_at.is_none()
            && !self.edit(Command::StartMeeting {
                meeting: id.to_owned(),
            })
        {
            return;
        }
        self.meetings.selected = Some(id.to_owned());
        self.presenting = Some(views::presentation::Presentation::new(id));
        if self.style_before_presenting.is_none() {
            self.style_before_presenting = Some(ctx.global_style());
        }
        ctx.global_style_mut(views::presentation::projector);
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
    }

    /// The presentation takes the whole window; only its own keys, undo,
    /// redo, quit and zoom work.
    pub(super) fn present(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let (Some(wb), Some(p)) = (self.wb.as_ref(), self.presenting.as_mut()) else {
            self.presenting = None;
            return;
        };
        let len = wb.plan().meeting(&p.meeting).map_or(0, |m| m.agenda.len());
        let mut actions = Vec::new();
        if p.keys(&ctx, len) {
            actions.push(Action::EndPresentation);
        }
        for c in [
            UiCommand::Redo,
            UiCommand::Undo,
            UiCommand::Quit,
            UiCommand::ZoomIn,
            UiCommand::ZoomOut,
            UiCommand::ZoomReset,
        ] {
            let typing = ctx.egui_wants_keyboard_input();
            if !(typing && matches!(c, UiCommand::Undo | UiCommand::Redo))
                && ctx.input_mut(|i| c.pressed(i))
            {
                actions.push(Action::Ui(c));
            }
        }
        let collapsed = std::collections::BTreeSet::new();
        let cx = views::ViewContext {
            wb,
            selection: &self.selection,
            collapsed: &collapsed,
            user_name: &self.prefs.user_name,
        };
        actions.extend(views::View::ui(p, ui, &cx));
        for action in actions {
            self.handle(&ctx, action);
        }
        self.update_title(&ctx);
    }

    /// Writes a meeting's minutes: a web page when the path ends in .html,
    /// otherwise a PDF.
    pub(super) fn print_minutes(
        &mut self,
        ctx: &egui::Context,
        meeting: &str,
        path: &Path,
        a4: bool,
    ) {
        use crate::report::{Paper, minutes};
        let Some(wb) = self.wb.as_ref() else { return };
        let path = if path.is_relative() {
            crate::store::paths::output_dir(wb.path().parent().unwrap_or(Path::new("."))).join(path)
        } else {
            path.to_path_buf()
        };
        let html = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
        let paper = if a4 { Paper::A4 } else { Paper::Letter };
        if self.minutes_job.is_some() {
            self.say(
                "The minutes are already being printed; wait for them first.",
                true,
            );
            return;
        }
        // Refused at once, before any work; the history is read here, on
        // the window's thread, and the rest runs on a worker.
        if let Err(e) = crate::store::output::check_target(&path, Some(wb.path())) {
            self.say(e.to_string(), true);
            return;
        }
        let history = match minutes::history_for(wb.store(), wb.plan(), meeting) {
            Ok(h) => h,
            Err(e) => {
                self.say(e.to_string(), true);
                return;
            }
        };
        let (plan, workbench, meeting) =
            (wb.plan().clone(), wb.path().to_owned(), meeting.to_owned());
        let started = jobs::Job::start("Printing the minutes", ctx, move |cancel| {
            let (bytes, pages) = crate::report::minutes::print::render(
                &plan,
                &meeting,
                &minutes::MinutesOptions::default(),
                &history,
                (!html).then_some(paper),
            )?;
            cancel.check()?;
            crate::store::output::write(&path, &bytes, Some(&workbench))?;
            let what = pages.map_or_else(|| "a web page".to_owned(), |n| format!("{n} pages"));
            Ok(format!("Wrote the minutes ({what}) to {}", path.display()))
        });
        match started {
            Ok(job) => self.minutes_job = Some(job),
            Err(e) => self.say(e.to_string(), true),
        }
    }

    /// Collects the minutes job's result, and shows it while it runs.
    pub(super) fn minutes_job_ui(&mut self, ui: &mut Ui) {
        let Some(job) = self.minutes_job.as_mut() else {
            return;
        };
        match job.poll() {
            Some(Ok(msg)) => {
                self.minutes_job = None;
                self.say(msg, false);
            }
            Some(Err(e)) => {
                self.minutes_job = None;
                self.say(format!("The minutes were not printed: {e}"), true);
            }
            None => {
                jobs::show_running(ui, job);
            }
        }
    }
}
