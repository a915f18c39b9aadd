//! The request workbook's sheets: the cover, Initiatives and KPIs with
//! their validated input cells, and the hidden sheet of ids and values sent.

use chrono::{Datelike as _, NaiveDate};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, ExcelDateTime, Format,
    FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};

use super::{item_values, kpi_values};
use crate::model::{Plan, StatusKind, Tree, UpdateRequest};
use crate::requests::RequestError;
use crate::requests::{
    COVER_SHEET, ITEMS_SHEET, KPIS_SHEET, LAYOUT, MAGIC, META_HEADER_ROW, META_HEADERS, META_SHEET,
    items_col, kpis_col,
};

pub(super) fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(
        u16::try_from(d.year()).unwrap_or(1900),
        u8::try_from(d.month()).unwrap_or(1),
        u8::try_from(d.day()).unwrap_or(1),
    )
}

/// The formats of a request workbook.
pub(super) struct Formats {
    header: Format,
    context: Format,
    input: Format,
    input_percent: Format,
    input_date: Format,
    title: Format,
    wrap: Format,
}

impl Formats {
    fn new() -> Self {
        let input = Format::new()
            .set_unlocked()
            .set_background_color(0x00FF_F8DC)
            .set_border(FormatBorder::Thin)
            .set_border_color(0x00B0_B0B0);
        Self {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_background_color(0x00E6_E6E6)
                .set_border_bottom(FormatBorder::Thin),
            context: Format::new().set_font_color(0x0040_4040),
            input_percent: input.clone().set_num_format("0"),
            input_date: input.clone().set_num_format("yyyy-mm-dd"),
            input,
            title: Format::new().set_bold().set_font_size(16),
            wrap: Format::new().set_text_wrap(),
        }
    }
}

/// One request's workbook, as bytes.
pub fn workbook(
    plan: &Plan,
    tree: &Tree,
    request: &UpdateRequest,
    return_to: &str,
) -> Result<Vec<u8>, RequestError> {
    Ok(build(plan, tree, request, return_to).and_then(|mut book| book.save_to_buffer())?)
}

pub(super) fn build(
    plan: &Plan,
    tree: &Tree,
    request: &UpdateRequest,
    return_to: &str,
) -> Result<Workbook, XlsxError> {
    let f = Formats::new();
    let period = plan.info.periods.iter().find(|p| p.label == request.period);
    let last = period.and_then(|p| plan.info.previous_period(p));
    let last_label = last.map_or("Last period", |p| p.label.as_str());
    let mut book = Workbook::new();
    let mut meta: Vec<[String; 10]> = Vec::new();
    cover(book.add_worksheet(), &f, plan, request, return_to)?;
    let items = book.add_worksheet();
    items.set_name(ITEMS_SHEET)?;
    items_sheet(items, &f, plan, tree, request, last_label, &mut meta)?;
    let kpis = book.add_worksheet();
    kpis.set_name(KPIS_SHEET)?;
    kpis_sheet(kpis, &f, plan, tree, request, &mut meta)?;
    let hidden = book.add_worksheet();
    hidden.set_name(META_SHEET)?;
    meta_sheet(hidden, plan, request, &meta)?;
    Ok(book)
}

pub(super) fn cover(
    sheet: &mut Worksheet,
    f: &Formats,
    plan: &Plan,
    request: &UpdateRequest,
    return_to: &str,
) -> Result<(), XlsxError> {
    sheet.set_name(COVER_SHEET)?;
    sheet.set_column_width(0, 22)?;
    sheet.set_column_width(1, 90)?;
    sheet.write_with_format(0, 0, "Update request", &f.title)?;
    let due = request
        .due
        .map_or_else(|| "as soon as you can".to_owned(), |d| d.to_string());
    let rows = [
        (
            "Plan",
            format!("{} — {}", plan.info.organisation, plan.info.title),
        ),
        ("Reporting period", request.period.clone()),
        ("For", request.to.clone()),
        ("Please return by", due),
        ("Return it to", return_to.to_owned()),
        ("Request", request.id.clone()),
    ];
    for (i, (label, value)) in rows.iter().enumerate() {
        let r = u32::try_from(i).unwrap_or(0) + 2;
        sheet.write_with_format(r, 0, *label, &f.header)?;
        sheet.write(r, 1, value)?;
    }
    let how = [
        "How to fill it in",
        "1. On the Initiatives sheet, for each initiative you hold, pick this period's status from the drop-down, type the percent complete (0 to 100), correct the due date if it moved, and write a short progress note.",
        "2. On the KPIs sheet, type this period's value for each KPI you report, and a comment if it needs one.",
        "3. Only the shaded cells can be changed. Leave a row blank if nothing changed; the last period's figures are shown for reference.",
        "4. Do not rename, add or delete sheets or rows, or sort the rows: the file is matched row by row when it comes back.",
        "5. Save the file (keep it as .xlsx) and send it back to the person named above.",
    ];
    for (i, line) in how.iter().enumerate() {
        let r = u32::try_from(i).unwrap_or(0) + 9;
        if i == 0 {
            sheet.write_with_format(r, 0, *line, &f.header)?;
        } else {
            sheet.write_with_format(r, 1, *line, &f.wrap)?;
        }
    }
    sheet.protect();
    Ok(())
}

pub(super) fn header_row(
    sheet: &mut Worksheet,
    f: &Formats,
    headers: &[String],
) -> Result<(), XlsxError> {
    for (c, h) in headers.iter().enumerate() {
        sheet.write_with_format(0, u16::try_from(c).unwrap_or(0), h, &f.header)?;
    }
    sheet.set_row_height(0, 32)?;
    sheet.set_freeze_panes(1, 2)?;
    Ok(())
}

/// "1.2 Modernise permits" for the item at `pos`.
pub(super) fn coded(plan: &Plan, tree: &Tree, pos: usize) -> String {
    let title = &plan.items()[pos].title;
    match tree.code_of(pos) {
        Some(code) => format!("{code} {title}"),
        None => title.clone(),
    }
}

pub(super) fn input_message(
    v: DataValidation,
    title: &str,
    message: &str,
) -> Result<DataValidation, XlsxError> {
    v.set_error_title(title)?
        .set_error_message(message)
        .map(|v| v.set_error_style(DataValidationErrorStyle::Stop))
}

#[allow(clippy::too_many_arguments)] // The sheet, its formats and what it lists.
pub(super) fn items_sheet(
    sheet: &mut Worksheet,
    f: &Formats,
    plan: &Plan,
    tree: &Tree,
    request: &UpdateRequest,
    last_label: &str,
    meta: &mut Vec<[String; 10]>,
) -> Result<(), XlsxError> {
    let period = request.period.as_str();
    header_row(
        sheet,
        f,
        &crate::requests::items_headers(last_label, period),
    )?;
    let widths = [9, 44, 34, 13, 8, 34, 16, 12, 12, 50];
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(u16::try_from(c).unwrap_or(0), *w)?;
    }
    let last = plan
        .info
        .periods
        .iter()
        .find(|p| p.label == period)
        .and_then(|p| plan.info.previous_period(p))
        .map(|p| p.label.clone());
    let mut r = 1u32;
    for id in &request.items {
        let (Some(pos), Some(item)) = (plan.position(id), plan.item(id)) else {
            continue;
        };
        let code = tree.code_of(pos).unwrap_or("").to_owned();
        sheet.write(r, items_col::CODE, &code)?;
        sheet.write(r, items_col::TITLE, &item.title)?;
        let parent = tree
            .parents(pos)
            .first()
            .map(|&p| coded(plan, tree, p))
            .unwrap_or_default();
        sheet.write(r, items_col::PARENT, &parent)?;
        if let Some(u) = last.as_deref().and_then(|l| item.update_for(l)) {
            sheet.write_with_format(
                r,
                items_col::LAST_STATUS,
                plan.info.status_label(u.status),
                &f.context,
            )?;
            if let Some(p) = u.percent {
                sheet.write_with_format(r, items_col::LAST_PERCENT, p, &f.context)?;
            }
            sheet.write_with_format(r, items_col::LAST_NOTE, &u.note, &f.context)?;
        }
        let [status, percent, note, due] = item_values(item, period);
        let label = StatusKind::parse(&status)
            .map(|k| plan.info.status_label(k).to_owned())
            .unwrap_or_default();
        sheet.write_with_format(r, items_col::STATUS, &label, &f.input)?;
        match item.update_for(period).and_then(|u| u.percent) {
            Some(p) => sheet.write_with_format(r, items_col::PERCENT, p, &f.input_percent)?,
            None => sheet.write_blank(r, items_col::PERCENT, &f.input_percent)?,
        };
        match item.due {
            Some(d) => {
                sheet.write_with_format(r, items_col::DUE, &excel_date(d)?, &f.input_date)?
            }
            None => sheet.write_blank(r, items_col::DUE, &f.input_date)?,
        };
        sheet.write_with_format(r, items_col::NOTE, &note, &f.input)?;
        meta.push([
            super::ITEMS_SHEET.into(),
            (r + 1).to_string(),
            item.id.clone(),
            code,
            status,
            percent,
            note,
            due,
            String::new(),
            String::new(),
        ]);
        r += 1;
    }
    if r > 1 {
        let last_row = r - 1;
        let labels: Vec<&str> = StatusKind::ALL
            .iter()
            .map(|k| plan.info.status_label(*k))
            .collect();
        // The list is read from the hidden sheet's status column: an
        // explicit list would split a label with a comma in two.
        let list = format!(
            "='{META_SHEET}'!${col}${first}:${col}${last}",
            col = crate::table::column_letter(usize::from(crate::requests::META_STATUS_COL)),
            first = 2,
            last = labels.len() + 1
        );
        let status = input_message(
            DataValidation::new().allow_list_formula(Formula::new(list)),
            "Status",
            "Pick one of the plan's statuses from the list.",
        )?;
        sheet.add_data_validation(1, items_col::STATUS, last_row, items_col::STATUS, &status)?;
        let percent = input_message(
            DataValidation::new().allow_decimal_number(DataValidationRule::Between(0.0, 100.0)),
            "Percent complete",
            "Type a number from 0 to 100.",
        )?;
        sheet.add_data_validation(
            1,
            items_col::PERCENT,
            last_row,
            items_col::PERCENT,
            &percent,
        )?;
        let due = input_message(
            DataValidation::new().allow_date(DataValidationRule::Between(
                ExcelDateTime::from_ymd(2000, 1, 1)?,
                ExcelDateTime::from_ymd(2100, 12, 31)?,
            )),
            "Due date",
            "Type a date, e.g. 2026-06-30.",
        )?;
        sheet.add_data_validation(1, items_col::DUE, last_row, items_col::DUE, &due)?;
        let note = input_message(
            DataValidation::new().allow_text_length(DataValidationRule::LessThanOrEqualTo(2000)),
            "Progress note",
            "Keep the note under 2,000 characters.",
        )?;
        sheet.add_data_validation(1, items_col::NOTE, last_row, items_col::NOTE, &note)?;
    }
    sheet.protect();
    Ok(())
}

pub(super) fn kpis_sheet(
    sheet: &mut Worksheet,
    f: &Formats,
    plan: &Plan,
    tree: &Tree,
    request: &UpdateRequest,
    meta: &mut Vec<[String; 10]>,
) -> Result<(), XlsxError> {
    let period = request.period.as_str();
    header_row(sheet, f, &crate::requests::kpis_headers(period))?;
    let widths = [40, 34, 10, 20, 12, 40, 14, 50];
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(u16::try_from(c).unwrap_or(0), *w)?;
    }
    let rank = plan.info.period_rank(period).unwrap_or(usize::MAX);
    let mut r = 1u32;
    for id in &request.kpis {
        let Some(kpi) = plan.kpis.iter().find(|k| k.id == *id) else {
            continue;
        };
        sheet.write(r, kpis_col::NAME, &kpi.name)?;
        let item = plan
            .position(&kpi.item)
            .map(|p| coded(plan, tree, p))
            .unwrap_or_default();
        sheet.write(r, kpis_col::ITEM, &item)?;
        sheet.write(r, kpis_col::UNIT, &kpi.unit)?;
        sheet.write(r, kpis_col::DIRECTION, kpi.direction.label())?;
        if let Some(t) = kpi.target_for(period) {
            sheet.write(r, kpis_col::TARGET, t)?;
        }
        let mut earlier: Vec<(usize, String)> = kpi
            .measurements
            .iter()
            .filter_map(|m| {
                let k = plan.info.period_rank(&m.period)?;
                (k < rank).then(|| {
                    let v = m
                        .value
                        .map_or_else(|| "missing".to_owned(), |v| v.to_string());
                    (k, format!("{}: {v}", m.period))
                })
            })
            .collect();
        earlier.sort_by_key(|(k, _)| *k);
        let shown: Vec<String> = earlier
            .into_iter()
            .rev()
            .take(3)
            .rev()
            .map(|(_, t)| t)
            .collect();
        sheet.write_with_format(r, kpis_col::LAST_VALUES, shown.join("; "), &f.context)?;
        let [value, comment] = kpi_values(kpi, period);
        match kpi
            .measurements
            .iter()
            .find(|m| m.period == period)
            .and_then(|m| m.value)
        {
            Some(v) => sheet.write_with_format(r, kpis_col::VALUE, v, &f.input)?,
            None => sheet.write_blank(r, kpis_col::VALUE, &f.input)?,
        };
        sheet.write_with_format(r, kpis_col::COMMENT, &comment, &f.input)?;
        meta.push([
            super::KPIS_SHEET.into(),
            (r + 1).to_string(),
            kpi.id.clone(),
            kpi.name.clone(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            value,
            comment,
        ]);
        r += 1;
    }
    if r > 1 {
        let last_row = r - 1;
        let value = input_message(
            DataValidation::new()
                .allow_decimal_number(DataValidationRule::Between(-1.0e15, 1.0e15)),
            "Value",
            "Type a number (leave it blank if there is no value).",
        )?;
        sheet.add_data_validation(1, kpis_col::VALUE, last_row, kpis_col::VALUE, &value)?;
        let comment = input_message(
            DataValidation::new().allow_text_length(DataValidationRule::LessThanOrEqualTo(2000)),
            "Comment",
            "Keep the comment under 2,000 characters.",
        )?;
        sheet.add_data_validation(1, kpis_col::COMMENT, last_row, kpis_col::COMMENT, &comment)?;
    }
    sheet.protect();
    Ok(())
}

pub(super) fn meta_sheet(
    sheet: &mut Worksheet,
    plan: &Plan,
    request: &UpdateRequest,
    rows: &[[String; 10]],
) -> Result<(), XlsxError> {
    sheet.write(0, 0, MAGIC)?;
    sheet.write(0, 1, LAYOUT)?;
    // The plan's status labels, which the Status drop-down lists.
    sheet.write(0, crate::requests::META_STATUS_COL, "statuses")?;
    for (i, kind) in StatusKind::ALL.iter().enumerate() {
        let r = u32::try_from(i).unwrap_or(0) + 1;
        sheet.write_string(
            r,
            crate::requests::META_STATUS_COL,
            plan.info.status_label(*kind),
        )?;
    }
    let head = [
        ("request", request.id.as_str()),
        ("period", request.period.as_str()),
        ("plan", plan.info.title.as_str()),
        ("to", request.to.as_str()),
    ];
    for (i, (k, v)) in head.iter().enumerate() {
        let r = u32::try_from(i).unwrap_or(0) + 1;
        sheet.write(r, 0, *k)?;
        sheet.write(r, 1, *v)?;
    }
    for (c, h) in META_HEADERS.iter().enumerate() {
        sheet.write(META_HEADER_ROW, u16::try_from(c).unwrap_or(0), *h)?;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = META_HEADER_ROW + 1 + u32::try_from(i).unwrap_or(0);
        for (c, v) in row.iter().enumerate() {
            // Every sent value as text, so it comes back exactly.
            sheet.write_string(r, u16::try_from(c).unwrap_or(0), v)?;
        }
    }
    sheet.set_hidden(true);
    sheet.protect();
    Ok(())
}
