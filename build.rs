//! On Windows, puts Cairn's icon into cairn.exe, so Explorer, the Start
//! menu entry the installer makes and the taskbar show it. Elsewhere the
//! packages carry the icon as files and there is nothing to do.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icons/cairn.ico");
    #[cfg(windows)]
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("windows") {
        let mut resource = winresource::WindowsResource::new();
        resource.set_icon("assets/icons/cairn.ico");
        if let Err(e) = resource.compile() {
            println!("cargo:warning=the icon could not be put into cairn.exe: {e}");
        }
    }
}
