//! docs/ARCHITECTURE.md stays true: every folder under src/ is on its map.

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
