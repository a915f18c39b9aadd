//! Helpers shared by the integration tests: running the binary as a user
//! would. (Each test crate uses some of them.)
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// Runs `cairn ARGS` with its data folder at `home`.
pub fn cairn(args: &[&str], home: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cairn"))
        .args(args)
        .env("CAIRN_HOME", home)
        .output()
        .expect("run cairn")
}

/// Its standard output, after checking it succeeded.
pub fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("utf-8")
}

#[cfg(feature = "gui")]
pub mod window;
pub mod xlsx;
