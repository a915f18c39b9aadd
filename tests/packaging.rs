//! The installers' pieces agree: the mime type the packages register is the
//! one the desktop entry opens, a double-click passes the file, and every
//! icon size the packages list is there at that size.

use std::path::Path;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect(path)
}

/// The `key = "value"` strings of the packager's table in Cargo.toml.
fn packager_values(key: &str) -> Vec<String> {
    let manifest = read("Cargo.toml");
    let table = &manifest[manifest
        .find("[package.metadata.packager]")
        .expect("packager table")..];
    table
        .lines()
        .filter_map(|l| l.trim().strip_prefix(key))
        .filter_map(|rest| rest.trim().strip_prefix('='))
        .map(|v| v.trim().trim_matches('"').to_owned())
        .collect()
}

#[test]
fn a_double_clicked_cairn_file_is_cairns_type_and_is_passed_to_cairn() {
    let mime = packager_values("mime-type");
    assert_eq!(mime, ["application/x-cairn-workbench"]);
    let xml = read("assets/packaging/cairn-mime.xml");
    assert!(
        xml.contains(&format!("<mime-type type=\"{}\">", mime[0])),
        "{xml}"
    );
    assert!(xml.contains("<glob pattern=\"*.cairn\""), "{xml}");
    let desktop = read("assets/packaging/cairn.desktop.hbs");
    assert!(
        desktop.contains(&format!("MimeType={};", mime[0])),
        "{desktop}"
    );
    // %f: one file per launch, so each double-click opens its own window.
    let exec = desktop
        .lines()
        .find(|l| l.starts_with("Exec="))
        .expect("Exec line");
    assert!(exec.ends_with(" %f"), "{exec}");
    assert!(
        packager_values("desktop-template")
            .iter()
            .any(|t| t == "assets/packaging/cairn.desktop.hbs")
    );
}

/// A PNG's width and height, from its header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[1..4], b"PNG", "not a PNG");
    let be = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().expect("4 bytes"));
    (be(16), be(20))
}

#[test]
fn every_icon_the_packages_list_is_there_at_its_size() {
    let manifest = read("Cargo.toml");
    let listed: Vec<&str> = manifest
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("\"assets/icons/"))
        .map(|l| l.trim_end_matches(',').trim_matches('"'))
        .collect();
    assert!(listed.len() >= 10, "{listed:?}");
    for icon in &listed {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(icon);
        let bytes = std::fs::read(&path).expect(icon);
        if let Some(size) = icon
            .strip_prefix("assets/icons/cairn-")
            .and_then(|s| s.strip_suffix(".png"))
        {
            let n: u32 = size.parse().expect("size in the name");
            assert_eq!(png_size(&bytes), (n, n), "{icon}");
        } else if icon.ends_with(".ico") {
            assert_eq!(&bytes[..4], [0, 0, 1, 0], "{icon} is not an ICO");
        } else if icon.ends_with(".icns") {
            assert_eq!(&bytes[..4], b"icns", "{icon} is not an ICNS");
        }
    }
    let svg = read("assets/icons/cairn.svg");
    assert!(svg.starts_with("<svg"), "the drawing the sizes come from");
}
