//! The crates are the layers (ARCHITECTURE.md): each manifest is read here, so a dependency that
//! would let a layer reach past its place fails a test, not only a review. The same reading finds
//! a declared dependency nothing uses, the check cargo-machete makes; CI has no network to
//! install it, so the rule lives here.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The crates that draw on a terminal or the clipboard: only the application may depend on them.
const UI_CRATES: &[&str] = &["ratatui", "crossterm", "tui-input", "arboard"];

struct Crate {
    /// The folder of its `Cargo.toml`, relative to the workspace.
    dir: &'static str,
    /// Folders whose sources may use its dependencies (`[dependencies]`).
    code: &'static [&'static str],
    /// Folders whose sources may use its `[dev-dependencies]` as well.
    tests: &'static [&'static str],
    /// Whether it may depend on another crate of tenantscope's.
    sees_our_crates: bool,
    /// Whether it may depend on a UI crate.
    sees_the_terminal: bool,
}

const WORKSPACE: &[Crate] = &[
    Crate {
        dir: ".",
        code: &["src"],
        tests: &["tests", "benches"],
        sees_our_crates: true,
        sees_the_terminal: true,
    },
    Crate {
        dir: "crates/auth0",
        code: &["src"],
        tests: &[],
        sees_our_crates: false,
        sees_the_terminal: false,
    },
    Crate {
        dir: "crates/token",
        code: &["src"],
        tests: &[],
        sees_our_crates: false,
        sees_the_terminal: false,
    },
    Crate { dir: "crates/sim", code: &["src"], tests: &[], sees_our_crates: false, sees_the_terminal: false },
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn manifest(dir: &str) -> toml::Table {
    let text = std::fs::read_to_string(root().join(dir).join("Cargo.toml")).unwrap();
    text.parse().unwrap()
}

fn names(manifest: &toml::Table, section: &str) -> BTreeSet<String> {
    manifest
        .get(section)
        .and_then(toml::Value::as_table)
        .map(|t| t.keys().cloned().collect())
        .unwrap_or_default()
}

#[test]
fn every_crate_of_the_workspace_is_checked() {
    let members = manifest(".")["workspace"]["members"].as_array().unwrap().clone();
    let listed: Vec<&str> = members.iter().filter_map(toml::Value::as_str).collect();
    let checked: Vec<&str> = WORKSPACE.iter().map(|c| c.dir).collect();
    assert_eq!(listed, checked, "a crate of the workspace without its layer rules here");
}

#[test]
fn the_layers_depend_one_way() {
    let mut wrong = Vec::new();
    for krate in WORKSPACE {
        let manifest = manifest(krate.dir);
        for name in names(&manifest, "dependencies") {
            if !krate.sees_our_crates && name.starts_with("tenantscope") {
                wrong.push(format!("{} depends on {name}, another crate of ours", krate.dir));
            }
            if !krate.sees_the_terminal && UI_CRATES.contains(&name.as_str()) {
                wrong.push(format!("{} depends on {name}, a UI crate", krate.dir));
            }
        }
    }
    assert!(wrong.is_empty(), "layers reaching past their place:\n{}", wrong.join("\n"));
}

#[test]
fn every_declared_dependency_is_used() {
    let mut unused = Vec::new();
    for krate in WORKSPACE {
        let manifest = manifest(krate.dir);
        let code = idents_in(krate.dir, krate.code);
        let tests = idents_in(krate.dir, krate.tests);
        for name in names(&manifest, "dependencies") {
            if !uses(&code, &name) {
                unused.push(format!("{}: {name}", krate.dir));
            }
        }
        for name in names(&manifest, "dev-dependencies") {
            if !uses(&tests, &name) && !uses(&code, &name) {
                unused.push(format!("{} (dev): {name}", krate.dir));
            }
        }
    }
    assert!(unused.is_empty(), "declared but never used (remove them):\n{}", unused.join("\n"));
}

/// Whether the sources name the crate as a path (`serde_json::`) or an import (`use serde_json`).
fn uses(sources: &BTreeSet<String>, dependency: &str) -> bool {
    sources.contains(&dependency.replace('-', "_"))
}

/// Every identifier that starts a path (`name::`) or follows `use`, in the folders' `.rs` files.
fn idents_in(dir: &str, folders: &[&str]) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for folder in folders {
        let mut files = Vec::new();
        rust_files(&root().join(dir).join(folder), &mut files);
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            collect_idents(&text, &mut found);
        }
    }
    found
}

fn collect_idents(text: &str, found: &mut BTreeSet<String>) {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut words = text.split(|c: char| !is_ident(c) && c != ':').filter(|w| !w.is_empty());
    let mut after_use = false;
    for word in words.by_ref() {
        let head = word.split("::").next().unwrap_or_default();
        if after_use || word.contains("::") {
            found.insert(head.to_string());
        }
        after_use = word == "use";
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_rules_see_a_use_and_a_path_but_not_a_word() {
    let mut found = BTreeSet::new();
    collect_idents(
        "use secrecy::SecretString;\nlet x = serde_json::json!(1);\nuse libc;\n// tokio is nice",
        &mut found,
    );
    assert!(uses(&found, "secrecy") && uses(&found, "serde-json") && uses(&found, "libc"));
    assert!(!uses(&found, "tokio"), "a word in a comment is not a use");
}

#[test]
fn the_token_crate_holds_no_http_client() {
    let dependencies = names(&manifest("crates/token"), "dependencies");
    let network: Vec<&String> =
        dependencies.iter().filter(|name| ["reqwest", "axum", "hyper"].contains(&name.as_str())).collect();
    assert!(network.is_empty(), "the token crate is pure; key sets come in through FetchKeySet: {network:?}");
}

/// Inside the application the two front-ends are peers: neither reaches into the other, and
/// `launch.rs` alone chooses between them.
#[test]
fn the_front_ends_do_not_reach_into_each_other() {
    let mut wrong = Vec::new();
    for (folder, other) in [("src/cli", "tui"), ("src/tui", "cli")] {
        let mut files = Vec::new();
        rust_files(&root().join(folder), &mut files);
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            if text.contains(&format!("crate::{other}::")) || text.contains(&format!("crate::{other};")) {
                wrong.push(format!("{} uses crate::{other}", file.display()));
            }
        }
    }
    assert!(wrong.is_empty(), "a front-end reaching into the other:\n{}", wrong.join("\n"));
}
