//! Whether the system asks for high contrast. egui reads the system's
//! light or dark theme but not its high-contrast setting, so it is asked
//! of each platform the way its own settings tools do: GNOME's
//! `high-contrast` key (or a HighContrast GTK theme), Windows' High
//! Contrast flag in the registry, macOS' "Increase contrast". Each answer
//! is read by a parser below, tested on its own; a platform that cannot
//! say answers `None` and the user's choice stands.

use std::process::Command;

/// Asks the system; `None` when it cannot say. Runs a small program, so
/// call it off the frame (see `CairnApp::follow_system_contrast`).
pub fn query() -> Option<bool> {
    if cfg!(target_os = "windows") {
        let out = quiet(Command::new("reg").args([
            "query",
            r"HKCU\Control Panel\Accessibility\HighContrast",
            "/v",
            "Flags",
        ]))?;
        windows_flags(&out)
    } else if cfg!(target_os = "macos") {
        let out = quiet(Command::new("defaults").args([
            "read",
            "com.apple.universalaccess",
            "increaseContrast",
        ]))?;
        macos_increase_contrast(&out)
    } else {
        if let Ok(theme) = std::env::var("GTK_THEME")
            && gtk_theme_is_high_contrast(&theme)
        {
            return Some(true);
        }
        let out = quiet(Command::new("gsettings").args([
            "get",
            "org.gnome.desktop.a11y.interface",
            "high-contrast",
        ]))?;
        gsettings_bool(&out)
    }
}

/// Runs `cmd` with no console window, its output as text if it succeeded.
fn quiet(cmd: &mut Command) -> Option<String> {
    #[cfg(windows)]
    {
        use std::os::windows::process::CommandExt as _;
        const CREATE_NO_WINDOW: u32 = 0x0800_0000;
        cmd.creation_flags(CREATE_NO_WINDOW);
    }
    let out = cmd
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// `gsettings get …` prints `true` or `false`.
fn gsettings_bool(out: &str) -> Option<bool> {
    match out.trim() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// GNOME's and GTK's high-contrast themes are named HighContrast (and
/// HighContrastInverse), sometimes with a variant after a colon.
fn gtk_theme_is_high_contrast(theme: &str) -> bool {
    theme.to_ascii_lowercase().starts_with("highcontrast")
}

/// `reg query … /v Flags` prints a line `Flags    REG_SZ    127`; bit 1
/// (HCF_HIGHCONTRASTON) says high contrast is on.
fn windows_flags(out: &str) -> Option<bool> {
    let line = out.lines().find(|l| l.trim_start().starts_with("Flags"))?;
    let value = line.split_whitespace().last()?;
    let flags: u32 = match value.strip_prefix("0x") {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => value.parse().ok()?,
    };
    Some(flags & 1 == 1)
}

/// `defaults read com.apple.universalaccess increaseContrast` prints 1 or 0.
fn macos_increase_contrast(out: &str) -> Option<bool> {
    match out.trim() {
        "1" => Some(true),
        "0" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gnome_says_true_or_false() {
        assert_eq!(gsettings_bool("true\n"), Some(true));
        assert_eq!(gsettings_bool("false\n"), Some(false));
        assert_eq!(gsettings_bool("No such schema\n"), None);
    }

    #[test]
    fn gtk_high_contrast_themes_are_known_by_name() {
        assert!(gtk_theme_is_high_contrast("HighContrast"));
        assert!(gtk_theme_is_high_contrast("HighContrastInverse"));
        assert!(gtk_theme_is_high_contrast("highcontrast:dark"));
        assert!(!gtk_theme_is_high_contrast("Adwaita:dark"));
    }

    #[test]
    fn windows_high_contrast_is_the_first_flag() {
        let on = "\r\nHKEY_CURRENT_USER\\Control Panel\\Accessibility\\HighContrast\r\n    Flags    REG_SZ    127\r\n\r\n";
        let off = "\r\nHKEY_CURRENT_USER\\Control Panel\\Accessibility\\HighContrast\r\n    Flags    REG_SZ    126\r\n\r\n";
        assert_eq!(windows_flags(on), Some(true));
        assert_eq!(windows_flags(off), Some(false));
        assert_eq!(
            windows_flags("    Flags    REG_DWORD    0x7f\r\n"),
            Some(true)
        );
        assert_eq!(windows_flags("ERROR: not found"), None);
    }

    #[test]
    fn macos_says_one_or_zero() {
        assert_eq!(macos_increase_contrast("1\n"), Some(true));
        assert_eq!(macos_increase_contrast("0\n"), Some(false));
        assert_eq!(
            macos_increase_contrast("The domain/default pair does not exist"),
            None
        );
    }
}
