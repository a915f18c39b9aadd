//! The JSON importer never panics, and whatever it accepts round-trips:
//! export → import → export gives the same bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(plan) = cairn::interchange::from_json(text) {
        let once = cairn::interchange::to_json(&plan);
        let again = cairn::interchange::from_json(&once).expect("an exported plan must import");
        assert_eq!(once, cairn::interchange::to_json(&again), "export is not stable");
    }
});
