//! `cairn set` (one field, or many from standard input) and `cairn comment`.

use std::io::Write as _;
use std::path::Path;

use anyhow::{Context as _, bail};

use super::tell_notices;
use crate::command::{Command, ItemField};
use crate::workbench::Workbench;

pub(super) fn set_from_stdin(file: &Path) -> anyhow::Result<()> {
    let mut wb = Workbench::open(file)?;
    let mut out = std::io::stdout().lock();
    for (n, line) in std::io::stdin().lines().enumerate() {
        let line = line.context("could not read standard input")?;
        if line.trim().is_empty() {
            continue;
        }
        let mut parts = line.splitn(3, '\t');
        let (Some(code), Some(field), Some(value)) = (parts.next(), parts.next(), parts.next())
        else {
            bail!("line {}: expected CODE<TAB>FIELD<TAB>VALUE", n + 1);
        };
        set(&mut wb, code, field, value).with_context(|| format!("line {}", n + 1))?;
        tell_notices(&mut wb);
        writeln!(out, "saved {}", n + 1)?;
        out.flush()?;
    }
    Ok(())
}

pub(super) fn set(wb: &mut Workbench, code: &str, field: &str, value: &str) -> anyhow::Result<()> {
    let file = wb.path().to_owned();
    let Some(field) = ItemField::parse(field) else {
        let names: Vec<&str> = ItemField::ALL.iter().map(|f| f.key()).collect();
        bail!("unknown field {field:?}; use one of {}", names.join(", "));
    };
    let Some(pos) = wb.tree().item_by_code(code) else {
        bail!("no item has the code {code:?} in {}", file.display());
    };
    let item = wb.plan().items()[pos].id.clone();
    wb.apply(&Command::SetField {
        item,
        field,
        value: value.to_owned(),
    })?;
    Ok(())
}

pub(super) fn comment(
    file: &Path,
    code: &str,
    period: String,
    commentary: String,
    recommendations: String,
) -> anyhow::Result<()> {
    let mut wb = Workbench::open(file)?;
    let item = if code.eq_ignore_ascii_case("plan") {
        None
    } else {
        let Some(pos) = wb.tree().item_by_code(code) else {
            bail!("no item has the code {code:?} in {}", file.display());
        };
        Some(wb.plan().items()[pos].id.clone())
    };
    wb.apply(&Command::SetCommentary {
        item,
        period,
        commentary,
        recommendations,
    })?;
    tell_notices(&mut wb);
    Ok(())
}
