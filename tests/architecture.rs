//! The house stays as docs/ARCHITECTURE.md draws it: every folder under
//! src/ is on its map, and no two modules of one folder import each other.

use std::path::Path;

fn folders(dir: &Path, root: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            let rel = path.strip_prefix(root).expect("under src");
            out.push(rel.to_string_lossy().replace('\\', "/"));
            folders(&path, root, out);
        }
    }
}

#[test]
fn every_folder_under_src_is_on_the_architecture_map() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let map = std::fs::read_to_string(root.join("docs/ARCHITECTURE.md")).expect("the map");
    let mut found = Vec::new();
    folders(&root.join("src"), &root.join("src"), &mut found);
    assert!(found.len() > 10, "{found:?}");
    let missing: Vec<&String> = found
        .iter()
        .filter(|rel| {
            // A top folder by its full path; a folder inside one by its
            // path from that top folder or, in its parent's row, by its
            // name (`copies/`).
            let name = rel.rsplit('/').next().unwrap_or(rel);
            let from_top = rel.split_once('/').map_or(rel.as_str(), |(_, r)| r);
            !(map.contains(&format!("`src/{rel}/`"))
                || (rel.contains('/')
                    && (map.contains(&format!("`{from_top}/`"))
                        || map.contains(&format!("`{name}/`")))))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "docs/ARCHITECTURE.md does not say what these folders hold: {missing:?}"
    );
}

/// The code of a module (a file, or a folder's files), without tests and
/// comments.
fn code_of(path: &Path) -> String {
    let mut out = String::new();
    let mut files = Vec::new();
    if path.is_dir() {
        let mut stack = vec![path.to_owned()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("read") {
                let p = entry.expect("entry").path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|e| e == "rs") {
                    files.push(p);
                }
            }
        }
    } else {
        files.push(path.to_owned());
    }
    for file in files {
        let text = std::fs::read_to_string(&file).expect("source");
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
        for line in text.lines() {
            if !line.trim_start().starts_with("//") {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// Whether `code` names module `name` of the folder at `crate_path`.
fn names(code: &str, crate_path: &str, name: &str) -> bool {
    let whole = |needle: &str| {
        code.match_indices(needle).any(|(i, _)| {
            !code[i + needle.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
    };
    whole(&format!("super::{name}")) || whole(&format!("crate::{crate_path}{name}"))
}

#[test]
fn no_two_modules_of_one_folder_import_each_other() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut dirs = vec![src.clone()];
    let mut found = Vec::new();
    while let Some(dir) = dirs.pop() {
        let mut modules = Vec::new();
        for entry in std::fs::read_dir(&dir).expect("read") {
            let p = entry.expect("entry").path();
            let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned());
            if p.is_dir() {
                dirs.push(p.clone());
                if p.join("mod.rs").exists() {
                    modules.push((stem.unwrap_or_default(), p));
                }
            } else if p.extension().is_some_and(|e| e == "rs")
                && !matches!(stem.as_deref(), Some("mod" | "lib" | "main"))
            {
                modules.push((stem.unwrap_or_default(), p));
            }
        }
        let rel = dir.strip_prefix(&src).expect("under src");
        let crate_path: String = rel
            .components()
            .map(|c| format!("{}::", c.as_os_str().to_string_lossy()))
            .collect();
        let code: Vec<String> = modules.iter().map(|(_, p)| code_of(p)).collect();
        for (i, (a, _)) in modules.iter().enumerate() {
            for (j, (b, _)) in modules.iter().enumerate().skip(i + 1) {
                if names(&code[i], &crate_path, b) && names(&code[j], &crate_path, a) {
                    found.push(format!("src/{}: {a} <-> {b}", rel.display()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "modules that need each other are one idea split in the wrong place, or share words that want their own file: {found:?}"
    );
}
