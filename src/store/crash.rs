//! The last resort: a panic hook that puts one readable line in front of
//! the user and the details in a log file, instead of Rust's panic message.

use std::io::Write as _;
use std::path::PathBuf;

/// Where panic details are appended: `cairn-crash.log` in Cairn's data
/// folder (or the system's temporary folder when there is none).
pub fn log_path() -> PathBuf {
    crate::store::paths::data_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("cairn-crash.log")
}

/// Replaces the default panic message with one line naming the log, and
/// writes the message, place and a backtrace to the log.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let log = log_path();
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown".into());
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let written = (|| -> std::io::Result<()> {
            if let Some(dir) = log.parent() {
                std::fs::create_dir_all(dir)?;
            }
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&log)?;
            writeln!(
                f,
                "--- {} cairn {}\npanic at {place}: {what}\n{}\n",
                chrono::Utc::now().to_rfc3339(),
                env!("CARGO_PKG_VERSION"),
                std::backtrace::Backtrace::force_capture()
            )
        })();
        let where_ = if written.is_ok() {
            format!("details are in {}", log.display())
        } else {
            format!("the details could not be logged ({what} at {place})")
        };
        let _ = writeln!(
            std::io::stderr(),
            "cairn: an internal error stopped this part of Cairn; edits saved before it are kept. Please report it: {where_}"
        );
    }));
}
