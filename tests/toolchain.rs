//! The toolchain the project says it needs is the one its locked dependencies need.

mod common;

use std::process::Command;

/// `1.89` or `1.88.0` as comparable numbers (`1.89` is `1.89.0`).
fn version(v: &str) -> [u32; 3] {
    let mut parts = [0; 3];
    for (part, text) in parts.iter_mut().zip(v.split('.')) {
        *part = text.parse().unwrap_or_else(|_| panic!("a version: {v}"));
    }
    parts
}

#[test]
fn rust_version_is_the_newest_that_a_dependency_needs() {
    let cargo = env!("CARGO");
    let rustc = Command::new("rustc").arg("-vV").output().expect("rustc runs");
    let host = String::from_utf8_lossy(&rustc.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_string))
        .expect("rustc names its host");
    // only the host's dependencies: the others (Windows crates) are not downloaded, and no network is needed
    let out = Command::new(cargo)
        .args(["metadata", "--locked", "--offline", "--format-version", "1", "--filter-platform", &host])
        .current_dir(common::package_root())
        .output()
        .expect("cargo metadata runs");
    assert!(out.status.success(), "cargo metadata: {}", String::from_utf8_lossy(&out.stderr));
    let metadata: serde_json::Value = serde_json::from_slice(&out.stdout).expect("metadata is JSON");
    let packages = metadata["packages"].as_array().expect("packages");
    let needed = packages
        .iter()
        .filter(|p| p["name"] != "carelint")
        .filter_map(|p| Some((version(p["rust_version"].as_str()?), p["name"].as_str()?.to_string())))
        .max()
        .expect("some dependency declares a rust-version");
    let ours = version(env!("CARGO_PKG_RUST_VERSION"));
    assert_eq!(
        ours, needed.0,
        "Cargo.toml's rust-version must be what the locked dependencies need: {} needs {:?}",
        needed.1, needed.0
    );
}
