//! Changing cells of an .xlsx written by Cairn the way another program
//! saving a person's edits would: the sheet's XML rewritten inside the zip,
//! every other part kept.

use std::io::{Cursor, Read as _, Write as _};
use std::path::Path;

/// The parts of an .xlsx, by name, in order.
pub fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).expect("part");
            let mut data = Vec::new();
            f.read_to_end(&mut data).expect("read part");
            (f.name().expect("name").into_owned(), data)
        })
        .collect()
}

pub fn rezip(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        w.start_file(name.as_str(), opts).expect("start");
        w.write_all(data).expect("write");
    }
    w.finish().expect("finish").into_inner()
}

/// Replaces the cell `at` (e.g. "H2") of a worksheet's XML with `cell`,
/// keeping its style, as a spreadsheet program saving an edit would.
pub fn set_cell(xml: &str, at: &str, value: &Value) -> String {
    let open = format!("<c r=\"{at}\"");
    let start = xml.find(&open).unwrap_or_else(|| panic!("no cell {at}"));
    let head_end = start + xml[start..].find('>').expect("tag end");
    let self_closing = xml.as_bytes()[head_end - 1] == b'/';
    let end = if self_closing {
        head_end + 1
    } else {
        head_end + xml[head_end..].find("</c>").expect("close") + 4
    };
    let head = &xml[start..head_end];
    let style = head
        .split_whitespace()
        .find(|a| a.starts_with("s=\""))
        .map(|s| format!(" {}", s.trim_end_matches('/')))
        .unwrap_or_default();
    let cell = match value {
        Value::Text(t) => {
            format!("<c r=\"{at}\"{style} t=\"inlineStr\"><is><t>{t}</t></is></c>")
        }
        Value::Number(n) => format!("<c r=\"{at}\"{style}><v>{n}</v></c>"),
    };
    format!("{}{cell}{}", &xml[..start], &xml[end..])
}

pub enum Value {
    Text(&'static str),
    Number(f64),
}

/// The request as the owner returns it: `edits` per sheet part
/// ("sheet2" is Initiatives, "sheet3" KPIs).
pub fn fill_in(path: &Path, edits: &[(&str, &str, Value)]) -> Vec<u8> {
    let bytes = std::fs::read(path).expect("request");
    let mut parts = parts(&bytes);
    for (sheet, at, value) in edits {
        let name = format!("xl/worksheets/{sheet}.xml");
        let part = parts
            .iter_mut()
            .find(|(n, _)| *n == name)
            .expect("sheet part");
        let xml = String::from_utf8(part.1.clone()).expect("xml");
        part.1 = set_cell(&xml, at, value).into_bytes();
    }
    rezip(&parts)
}
