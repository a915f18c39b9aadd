//! The system's "save as" dialog for Cairn's outputs, which never returns
//! a workbench: a chosen file that is the open workbench, another Cairn
//! workbench or one of its journal or lock files is refused with a message
//! saying nothing was written, and the dialog opens again to choose anew.

use std::path::{Path, PathBuf};

/// Asks where to save an output (`what` names it in the dialog's title).
/// `None` when the user cancels.
pub fn choose_output(
    what: &str,
    filter: (&str, &[&str]),
    file_name: &str,
    folder: Option<&Path>,
    open: &Path,
) -> Option<PathBuf> {
    loop {
        let mut dialog = rfd::FileDialog::new()
            .set_title(format!("Save {what}"))
            .add_filter(filter.0, filter.1)
            .set_file_name(file_name);
        if let Some(dir) = folder {
            dialog = dialog.set_directory(dir);
        }
        let path = super::files::save_file(dialog)?;
        match crate::store::output::check_target(&path, Some(open)) {
            Ok(()) => return Some(path),
            Err(e) => {
                rfd::MessageDialog::new()
                    .set_level(rfd::MessageLevel::Warning)
                    .set_title("Choose another file")
                    .set_description(e.to_string())
                    .set_buttons(rfd::MessageButtons::Ok)
                    .show();
            }
        }
    }
}
