//! Opening any file as a workbench never panics, and a file that is
//! refused is left byte-for-byte unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let path = dir.path().join("fuzzed.cairn");
    if std::fs::write(&path, data).is_err() {
        return;
    }
    match cairn::store::Store::open(&path) {
        Ok((_store, plan)) => {
            // A file that opens holds a plan that passes validation and exports.
            let _ = cairn::interchange::to_json(&plan);
        }
        Err(_) => {
            let after = std::fs::read(&path).expect("the file is still there");
            assert!(after == data, "a refused file was changed");
        }
    }
});
