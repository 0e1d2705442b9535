//! The shape ARCHITECTURE.md promises, checked on the source itself: files under 400 lines and
//! functions under 80 (seed data aside), no import rings between files, and no printing outside
//! the output encoders.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_FILE_LINES: usize = 400;
const MAX_FUNCTION_LINES: usize = 80;
/// Data tables and seeds, which the size rules leave alone.
const DATA_FILES: &[&str] = &["seed.rs"];
/// The workspace's crates: the sources of each, relative to the workspace.
const CRATES: &[&str] = &["src", "crates/auth0/src", "crates/token/src", "crates/sim/src"];

/// Every `.rs` file of each crate, by its path relative to the crate's `src/`.
fn crates() -> Vec<BTreeMap<String, String>> {
    CRATES.iter().map(|dir| sources_in(dir)).collect()
}

/// Every file of every crate, for the rules that hold file by file.
fn sources() -> BTreeMap<String, String> {
    CRATES
        .iter()
        .flat_map(|dir| sources_in(dir).into_iter().map(move |(f, t)| (format!("{dir}/{f}"), t)))
        .collect()
}

fn sources_in(dir: &str) -> BTreeMap<String, String> {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, root, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                out.insert(relative, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut out = BTreeMap::new();
    walk(&root, &root, &mut out);
    out
}

/// The module path of a file: `tui/app/mod.rs` → `["tui", "app"]`.
fn module_of(file: &str) -> Vec<String> {
    let mut parts: Vec<String> = file.trim_end_matches(".rs").split('/').map(str::to_string).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        parts.pop();
    }
    parts
}

#[test]
fn files_and_functions_stay_small() {
    let mut too_long = Vec::new();
    for (file, text) in sources() {
        if DATA_FILES.iter().any(|data| file.ends_with(&format!("/{data}"))) {
            continue;
        }
        let lines: Vec<&str> = text.lines().collect();
        if lines.len() > MAX_FILE_LINES {
            too_long.push(format!("{file}: {} lines", lines.len()));
        }
        for (name, length) in functions(&lines) {
            if length > MAX_FUNCTION_LINES {
                too_long.push(format!("{file}: fn {name} is {length} lines"));
            }
        }
    }
    assert!(
        too_long.is_empty(),
        "over the limits ({MAX_FILE_LINES} a file, {MAX_FUNCTION_LINES} a function):\n{}",
        too_long.join("\n")
    );
}

/// Each function's name and length, from its `fn` line to the closing brace at its indent.
fn functions(lines: &[&str]) -> Vec<(String, usize)> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim_start();
        let declaration = [
            "fn ",
            "pub fn ",
            "async fn ",
            "pub async fn ",
            "pub(super) fn ",
            "pub(crate) fn ",
            "pub(super) async fn ",
            "pub(crate) async fn ",
        ]
        .iter()
        .find_map(|prefix| trimmed.strip_prefix(prefix));
        match declaration {
            Some(rest) if !line.trim_end().ends_with(';') => {
                let indent = line.len() - trimmed.len();
                let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                let close = format!("{}}}", " ".repeat(indent));
                let end = (i + 1..lines.len()).find(|&j| {
                    lines[j].starts_with(&close) && lines[j].len() - lines[j].trim_start().len() == indent
                });
                let end = end.unwrap_or(i);
                found.push((name, end - i + 1));
                i = end + 1;
            }
            _ => i += 1,
        }
    }
    found
}

#[test]
fn no_two_files_import_each_other() {
    for sources in crates() {
        let rings = rings(&imports_of(&sources));
        assert!(rings.is_empty(), "files that import each other, directly or through a ring: {rings:?}");
    }
}

/// Which files each file of one crate imports.
fn imports_of(sources: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    let modules: BTreeMap<Vec<String>, String> = sources.keys().map(|f| (module_of(f), f.clone())).collect();
    let mut imports: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (file, text) in sources {
        let here = module_of(file);
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for path in use_paths(code).into_iter().chain(inline_paths(code)) {
            if let Some(target) = resolve(&here, &path, &modules).filter(|t| t != file) {
                imports.entry(file.clone()).or_default().insert(target);
            }
        }
    }
    imports
}

/// The paths of every `use` item, braces expanded: `use super::{a, b::c};` → `super::a`, `super::b::c`.
fn use_paths(code: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let mut statement: Option<String> = None;
    for line in code.lines() {
        let trimmed = line.trim_start();
        if statement.is_none() {
            let Some(body) = trimmed.strip_prefix("pub use ").or_else(|| trimmed.strip_prefix("use ")) else {
                continue;
            };
            statement = Some(String::new());
            statement.as_mut().unwrap().push_str(body);
        } else if let Some(text) = statement.as_mut() {
            text.push_str(trimmed);
        }
        if let Some(text) = statement.take_if(|text| text.contains(';')) {
            let body: String =
                text.split(';').next().unwrap_or_default().chars().filter(|c| !c.is_whitespace()).collect();
            expand(&body, &mut paths);
        }
    }
    paths
}

/// The paths named in code outside `use` items: `crate::token::decode(…)`,
/// `super::evidence::look_after(…)`, `self::x::Y`. Comments are skipped; a path is its `::`-joined
/// identifiers.
fn inline_paths(code: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    for line in code.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("//") || trimmed.starts_with("use ") || trimmed.starts_with("pub use ") {
            continue;
        }
        let code = line.split(" //").next().unwrap_or_default();
        for root in ["crate::", "super::", "self::"] {
            let mut from = 0;
            while let Some(at) = code[from..].find(root).map(|i| i + from) {
                from = at + root.len();
                let before = code[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                    continue;
                }
                let path: String = code[at..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                    .collect();
                paths.push(path.split("::").filter(|s| !s.is_empty()).map(str::to_string).collect());
            }
        }
    }
    paths
}

fn expand(path: &str, out: &mut Vec<Vec<String>>) {
    let Some(open) = path.find('{') else {
        out.push(path.split("::").filter(|s| !s.is_empty()).map(str::to_string).collect());
        return;
    };
    let prefix = &path[..open];
    let inner = &path[open + 1..path.len().saturating_sub(1)];
    let mut depth = 0;
    let mut start = 0;
    let mut parts = Vec::new();
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    for part in parts.into_iter().filter(|p| !p.is_empty()) {
        let joined = if part == "self" {
            prefix.trim_end_matches("::").to_string()
        } else {
            format!("{prefix}{part}")
        };
        expand(&joined, out);
    }
}

/// The file a `use` path lands in: the longest module prefix that is a file.
fn resolve(here: &[String], path: &[String], modules: &BTreeMap<Vec<String>, String>) -> Option<String> {
    let (mut full, rest): (Vec<String>, &[String]) = match path.first().map(String::as_str) {
        Some("crate") => (Vec::new(), &path[1..]),
        Some("self") => (here.to_vec(), &path[1..]),
        Some("super") => {
            let supers = path.iter().take_while(|s| *s == "super").count();
            (here[..here.len().saturating_sub(supers)].to_vec(), &path[supers..])
        }
        Some(first) if modules.contains_key(&[here, &[first.to_string()]].concat()) => (here.to_vec(), path),
        _ => return None,
    };
    full.extend(rest.iter().cloned());
    (0..=full.len()).rev().find_map(|n| modules.get(&full[..n]).cloned())
}

/// Groups of files that reach each other through their imports (Tarjan's strongly connected
/// components of more than one file).
fn rings(imports: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Walk<'a> {
        imports: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        rings: Vec<Vec<String>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, file: &'a str) {
            let n = self.index.len();
            self.index.insert(file, n);
            self.low.insert(file, n);
            self.stack.push(file);
            for next in self.imports.get(file).into_iter().flatten() {
                if !self.index.contains_key(next.as_str()) {
                    self.visit(next);
                    let low = self.low[next.as_str()].min(self.low[file]);
                    self.low.insert(file, low);
                } else if self.stack.contains(&next.as_str()) {
                    let low = self.index[next.as_str()].min(self.low[file]);
                    self.low.insert(file, low);
                }
            }
            if self.low[file] == self.index[file] {
                let mut ring = Vec::new();
                while let Some(top) = self.stack.pop() {
                    ring.push(top.to_string());
                    if top == file {
                        break;
                    }
                }
                if ring.len() > 1 {
                    self.rings.push(ring);
                }
            }
        }
    }
    let mut walk =
        Walk { imports, index: BTreeMap::new(), low: BTreeMap::new(), stack: Vec::new(), rings: Vec::new() };
    for file in imports.keys() {
        if !walk.index.contains_key(file.as_str()) {
            walk.visit(file);
        }
    }
    walk.rings
}

#[test]
fn the_rules_find_what_they_look_for() {
    let lines =
        ["fn short() {", "    1", "}", "", "    pub async fn nested(x: u8) -> u8 {", "        x", "    }"];
    assert_eq!(functions(&lines), [("short".to_string(), 3), ("nested".to_string(), 3)]);
    assert_eq!(
        use_paths(
            "//! docs\n\nuse super::x::Y;\n#[allow(unused)]\npub use crate::{\n    a::B,\n    c,\n};\n"
        ),
        [vec!["super", "x", "Y"], vec!["crate", "a", "B"], vec!["crate", "c"]]
    );
    let mut paths = Vec::new();
    expand("super::{a,b::{c,self}}", &mut paths);
    assert_eq!(paths, [vec!["super", "a"], vec!["super", "b", "c"], vec!["super", "b"]]);
    let imports: BTreeMap<String, BTreeSet<String>> = [
        ("a.rs".to_string(), BTreeSet::from(["b.rs".to_string()])),
        ("b.rs".to_string(), BTreeSet::from(["a.rs".to_string()])),
        ("c.rs".to_string(), BTreeSet::from(["a.rs".to_string()])),
    ]
    .into();
    assert_eq!(rings(&imports).len(), 1);
    assert_eq!(
        inline_paths(
            "    let x = crate::token::decode(t);\n    // crate::not::this\n    super::super::a::b();"
        ),
        [vec!["crate", "token", "decode"], vec!["super", "super", "a", "b"]]
    );
}

/// A test of the test: a ring planted through inline paths and a `super::` group, which a reader
/// of `use crate::` lines alone would miss, is found.
#[test]
fn a_planted_ring_through_super_and_inline_paths_is_found() {
    let files = [
        ("tui/a.rs", "use super::{b::B, c};\nfn f() {}"),
        ("tui/b.rs", "fn g() { crate::tui::c::h(); }"),
        ("tui/c.rs", "fn h() { let _ = self::super::a::f; }\nfn i() { super::a::f(); }"),
        ("tui/mod.rs", "pub mod a;"),
    ];
    let modules: BTreeMap<Vec<String>, String> =
        files.iter().map(|(f, _)| (module_of(f), f.to_string())).collect();
    let mut imports: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (file, code) in files {
        for path in use_paths(code).into_iter().chain(inline_paths(code)) {
            if let Some(target) = resolve(&module_of(file), &path, &modules).filter(|t| t != file) {
                imports.entry(file.to_string()).or_default().insert(target);
            }
        }
    }
    let rings = rings(&imports);
    assert_eq!(rings.len(), 1, "{imports:?}");
    assert_eq!(
        BTreeSet::from_iter(rings[0].iter().map(String::as_str)),
        BTreeSet::from(["tui/a.rs", "tui/b.rs", "tui/c.rs"])
    );
}
