//! One kind of background job for everything slow the window does
//! (printing a report card or minutes, exporting a spreadsheet): it runs on
//! a worker thread, the window stays responsive and shows what is running,
//! the user can cancel it, and a panic in it is reported as a failure.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Instant;

/// Why a job gave no result. Every kind says nothing was written: jobs
/// write their one file last, through [`crate::store::output::write`].
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    #[error("cancelled; nothing was written")]
    Cancelled,
    #[error(
        "an internal error stopped it; nothing was written. Details are in {}",
        crate::store::crash::log_path().display()
    )]
    Panicked,
    #[error("could not start {name}: {source}")]
    NotStarted {
        name: String,
        source: std::io::Error,
    },
    #[error("the job ended without a result")]
    Vanished,
    #[error(transparent)]
    Report(#[from] crate::report::ReportError),
    #[error(transparent)]
    Output(#[from] crate::store::output::OutputError),
    #[error(transparent)]
    Requests(#[from] crate::requests::RequestError),
    #[error(transparent)]
    Export(#[from] crate::table::ExportError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

/// A job running on a worker thread, producing a `T` or why not.
pub struct Job<T> {
    /// What is running, for the window to say ("Printing the minutes").
    pub name: String,
    rx: Receiver<Result<T, JobError>>,
    cancel: Arc<AtomicBool>,
    started: Instant,
}

/// Handed to the work: whether the user asked to stop.
#[derive(Clone)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn requested(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// `Err` with the words for a cancelled job, once one was asked for.
    pub fn check(&self) -> Result<(), JobError> {
        if self.requested() {
            Err(JobError::Cancelled)
        } else {
            Ok(())
        }
    }
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a worker thread; the window is repainted when it
    /// ends.
    pub fn start(
        name: impl Into<String>,
        ctx: &egui::Context,
        work: impl FnOnce(&Cancel) -> Result<T, JobError> + Send + 'static,
    ) -> Result<Self, JobError> {
        let name = name.into();
        let (tx, rx) = channel();
        let flag = Arc::new(AtomicBool::new(false));
        let cancel = Cancel(Arc::clone(&flag));
        let ctx = ctx.clone();
        std::thread::Builder::new()
            .name(name.clone())
            .spawn(move || {
                let result =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(&cancel)))
                        .unwrap_or(Err(JobError::Panicked));
                let _ = tx.send(result);
                ctx.request_repaint();
            })
            .map_err(|source| JobError::NotStarted {
                name: name.clone(),
                source,
            })?;
        Ok(Self {
            name,
            rx,
            cancel: flag,
            started: Instant::now(),
        })
    }

    /// The result once the job has ended; `None` while it runs.
    pub fn poll(&mut self) -> Option<Result<T, JobError>> {
        match self.rx.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(JobError::Vanished)),
        }
    }

    /// Asks the job to stop before it writes anything.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// "Printing the minutes… 2 s".
    pub fn status(&self) -> String {
        format!("{}… {} s", self.name, self.started.elapsed().as_secs())
    }
}

/// A spinner, the job's status and a Cancel button; true when cancelled.
pub fn show_running<T: Send + 'static>(ui: &mut egui::Ui, job: &Job<T>) -> bool {
    let mut cancelled = false;
    ui.horizontal(|ui| {
        ui.spinner();
        ui.label(job.status());
        if ui
            .button("Cancel")
            .on_hover_text("Stop before anything is written")
            .clicked()
        {
            job.cancel();
            cancelled = true;
        }
    });
    // Keep the seconds ticking.
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_millis(250));
    cancelled
}
