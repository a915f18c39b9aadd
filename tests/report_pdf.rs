//! Report cards read back from the PDF bytes: metadata and page count with
//! lopdf, text with pdf-extract (an independent reader, so what a viewer
//! would show is tested, not what the renderer meant to draw).

use cairn::interchange::seeds::{self, Seed};
use cairn::model::{Item, Period, PeriodKind, Plan, PlanInfo, StatusKind, period};
use cairn::report::{self, Paper, ReportOptions, Scope, pdf::Pdf};

/// The Phoenix plan with sample KPIs and a few statuses, as a user would
/// have it mid-plan.
fn phoenix() -> Plan {
    let mut plan = seeds::phoenix_with_sample_kpis().expect("seed");
    let tree = cairn::model::Tree::build(&plan);
    let set = |plan: &mut Plan, code: &str, status: StatusKind, pct: Option<f64>| {
        let pos = tree.item_by_code(code).expect("code");
        let id = plan.items()[pos].id.clone();
        // Reported for FY2024, the year the cards below print.
        let info = plan.info.clone();
        let item = plan.item_mut(&id).expect("item");
        let update = cairn::model::ProgressUpdate {
            period: "FY2024".into(),
            status,
            percent: pct,
            note: String::new(),
        };
        item.record_update(update, &info);
    };
    set(&mut plan, "1.1.1", StatusKind::Completed, None);
    set(&mut plan, "1.1.2", StatusKind::OnTrack, Some(60.0));
    set(&mut plan, "2.1.1", StatusKind::AtRisk, Some(30.0));
    set(&mut plan, "3.1.1", StatusKind::Completed, None);
    plan
}

fn render(plan: &Plan, opts: &ReportOptions, paper: Paper) -> Pdf {
    let card = report::build(plan, opts).expect("card");
    report::pdf::render(&card, paper).expect("pdf")
}

fn pages_text(pdf: &Pdf) -> Vec<String> {
    let pages = pdf_extract::extract_text_from_mem_by_pages(&pdf.bytes).expect("pdf text");
    assert_eq!(pages.len(), pdf.pages, "page count as read back");
    pages
}

/// Normalises whitespace, so wrapped lines read as one, and joins words
/// hyphenated at a line's end ("informa-" / "tion").
fn flat(text: &str) -> String {
    let joined = text.replace("-\n", "");
    joined.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A PDF text string: UTF-16BE with a byte-order mark, or bytes.
fn pdf_string(obj: &lopdf::Object) -> String {
    let bytes = obj.as_str().expect("string");
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

fn info(pdf: &Pdf, key: &str) -> Option<String> {
    let doc = lopdf::Document::load_mem(&pdf.bytes).expect("lopdf reads it");
    assert_eq!(doc.get_pages().len(), pdf.pages);
    let info = doc
        .trailer
        .get(b"Info")
        .expect("info")
        .as_reference()
        .expect("ref");
    let dict = doc.get_dictionary(info).expect("info dict");
    dict.get(key.as_bytes()).ok().map(pdf_string)
}

fn assert_page_numbers(pages: &[String]) {
    let n = pages.len();
    for (i, page) in pages.iter().enumerate() {
        let want = format!("Page {} of {n}", i + 1);
        assert!(flat(page).contains(&want), "page {} lacks {want:?}", i + 1);
    }
}

#[test]
fn phoenix_card_prints_cover_summary_goals_and_appendix() {
    let plan = phoenix();
    let opts = ReportOptions::new(Scope::Plan, "FY2024");
    let card = report::build(&plan, &opts).expect("card");
    let pdf = report::pdf::render(&card, Paper::Letter).expect("pdf");
    let pages = pages_text(&pdf);
    assert!(pdf.pages >= 8, "{} pages", pdf.pages);
    assert_page_numbers(&pages);

    let cover = flat(&pages[0]);
    for want in [
        "City of Phoenix · Information Technology Services",
        "Strategic Technology Plan 2022–2026",
        "Report card",
        "Whole plan",
        "FY2024 (1 July 2023 – 30 June 2024)",
        "Prepared by",
        "Chief Information Officer",
        "Contains sample data",
    ] {
        assert!(cover.contains(want), "cover lacks {want:?}: {cover}");
    }

    let glance = flat(&pages[1]);
    let grade = card.summary.grade.clone().expect("a grade");
    let pct = format!(
        "{:.0}% complete",
        card.summary.percent.current.expect("pct")
    );
    assert!(glance.contains("The year at a glance"), "{glance}");
    assert!(glance.contains(&pct), "{pct} not in {glance}");
    assert!(glance.contains(&format!("{grade} from")), "{glance}");
    // The figures were recorded for FY2024; FY2023 had none, so the
    // change is from not started.
    assert!(glance.contains("since FY2023"), "{glance}");
    assert!(glance.contains("165 key initiatives by status"), "{glance}");
    for row in &card.summary.rows {
        assert!(glance.contains(&row.title), "{} missing", row.title);
    }

    let all = flat(&pages.join("\n"));
    for goal in plan.roots() {
        assert!(all.contains(&goal.title), "{}", goal.title);
    }
    assert!(all.contains("Goal 3: Reduce cyber risk"), "goal heading");
    assert!(all.contains("Phishing simulation click rate [sample]"));
    assert!(all.contains("Appendix: how the figures were computed"));
    assert!(all.contains("Data as of 30 June 2024 (end of FY2024)."));
    assert!(all.contains("No figure in scope was overridden."));
    // Every page printing sample KPI values says so.
    for page in &pages {
        let f = flat(page);
        if f.contains("[sample]") {
            assert!(f.contains("Sample data on this page"), "{f}");
        }
    }
    // Metadata.
    assert_eq!(info(&pdf, "Title").as_deref(), Some(card.title().as_str()));
    assert_eq!(
        info(&pdf, "Author").as_deref(),
        Some("Chief Information Officer")
    );
    assert!(info(&pdf, "Subject").expect("subject").contains("FY2024"));
    assert_eq!(info(&pdf, "CreationDate"), None, "no clock in the file");
}

#[test]
fn reprints_are_byte_identical_and_only_a_requested_date_is_printed() {
    let plan = phoenix();
    let opts = ReportOptions::new(Scope::Plan, "FY2024");
    let a = render(&plan, &opts, Paper::Letter);
    let b = render(&plan, &opts, Paper::Letter);
    assert!(a.bytes == b.bytes, "reprint differs");
    let other = render(
        &plan,
        &ReportOptions::new(Scope::Plan, "FY2023"),
        Paper::Letter,
    );
    assert!(other.bytes != a.bytes);
    let dated = ReportOptions {
        print_date: chrono::NaiveDate::from_ymd_opt(2024, 8, 15),
        ..opts
    };
    let d = render(&plan, &dated, Paper::Letter);
    assert_eq!(
        info(&d, "CreationDate").as_deref(),
        Some("D:20240815000000Z")
    );
    assert!(flat(&pages_text(&d)[0]).contains("Printed 15 August 2024"));
}

#[test]
fn letter_and_a4_pages_have_their_sizes() {
    let plan = phoenix();
    let opts = ReportOptions::new(Scope::Goal(3), "FY2024");
    for (paper, (w, h)) in [
        (Paper::Letter, (612.0, 792.0)),
        (Paper::A4, (595.28, 841.89)),
    ] {
        let pdf = render(&plan, &opts, paper);
        let doc = lopdf::Document::load_mem(&pdf.bytes).expect("pdf");
        for (_, id) in doc.get_pages() {
            let page = doc.get_dictionary(id).expect("page");
            let media = page
                .get(b"MediaBox")
                .expect("box")
                .as_array()
                .expect("array");
            let num = |o: &lopdf::Object| o.as_float().expect("number");
            assert!((num(&media[2]) - w).abs() < 0.5 && (num(&media[3]) - h).abs() < 0.5);
        }
    }
}

#[test]
fn narrower_scopes_print_one_branch() {
    let plan = Seed::Milwaukee.plan().expect("seed");
    let pdf = render(
        &plan,
        &ReportOptions::new(Scope::Goal(2), "FY2025"),
        Paper::A4,
    );
    let all = flat(&pages_text(&pdf).join("\n"));
    let goal2 = plan.roots().nth(1).expect("goal 2");
    let goal3 = plan.roots().nth(2).expect("goal 3");
    assert!(all.contains(&format!("Goal 2: {}", goal2.title)), "{all}");
    assert!(!all.contains(&format!("Goal 3: {}", goal3.title)));
    assert!(
        all.contains("Focus areas"),
        "rows are named by the plan's level"
    );

    let pdf = render(
        &plan,
        &ReportOptions::new(Scope::Item("1.2".into()), "FY2025"),
        Paper::A4,
    );
    let all = flat(&pages_text(&pdf).join("\n"));
    assert!(all.contains("Focus area 1.2:"), "{all}");
    assert!(all.contains("Projects"));

    // A single project: its own card, with nothing below it to list.
    let pdf = render(
        &plan,
        &ReportOptions::new(Scope::Item("1.2.1".into()), "FY2025"),
        Paper::A4,
    );
    let all = flat(&pages_text(&pdf).join("\n"));
    assert!(
        all.contains("Project 1.2.1:") && all.contains("1 project by status"),
        "{all}"
    );
    assert!(!all.contains("Level 4"), "{all}");
}

#[test]
fn bad_scopes_and_periods_name_the_valid_ones() {
    let plan = phoenix();
    let err = report::build(&plan, &ReportOptions::new(Scope::Goal(9), "FY2024"))
        .expect_err("no goal 9")
        .to_string();
    assert!(
        err.contains("goal:9") && err.contains("goal:1") && err.contains("goal:5"),
        "{err}"
    );
    let err = report::build(
        &plan,
        &ReportOptions::new(Scope::Item("7.7".into()), "FY2024"),
    )
    .expect_err("no item 7.7")
    .to_string();
    assert!(err.contains("item:7.7") && err.contains("plan"), "{err}");
    let err = report::build(&plan, &ReportOptions::new(Scope::Plan, "FY1999"))
        .expect_err("no such period")
        .to_string();
    assert!(err.contains("FY1999") && err.contains("FY2024 Q3"), "{err}");
    assert!(Scope::parse("goal:x").is_err());
    assert_eq!(
        Scope::parse("item:2.1").ok(),
        Some(Scope::Item("2.1".into()))
    );
}

#[test]
fn the_summary_card_is_one_page() {
    for plan in [phoenix(), Seed::Milwaukee.plan().expect("seed")] {
        let opts = ReportOptions {
            summary_only: true,
            ..ReportOptions::new(Scope::Plan, "FY2025")
        };
        let pdf = render(&plan, &opts, Paper::Letter);
        assert_eq!(pdf.pages, 1);
        let text = flat(&pages_text(&pdf)[0]);
        assert!(
            text.contains("Report card summary") && text.contains("Page 1 of 1"),
            "{text}"
        );
    }
}

/// A small plan: one goal, one objective, the given initiatives.
fn small_plan(goal_title: &str, initiatives: &[String]) -> Plan {
    let mut info = PlanInfo::blank();
    info.periods = period::fiscal_periods(7, 2025, 2026, false);
    let mut goal = Item::new("g1", 0, goal_title);
    goal.children = vec!["o1".into()];
    let mut objective = Item::new("o1", 1, "The only objective");
    let mut items = vec![];
    for (n, title) in initiatives.iter().enumerate() {
        let id = format!("i{n}");
        objective.children.push(id.clone());
        let mut item = Item::new(id, 2, title.as_str());
        item.owner = "PMO".into();
        items.push(item);
    }
    items.insert(0, objective);
    items.insert(0, goal);
    let plan = Plan::new(info, items, vec![]);
    plan.validate().expect("valid");
    plan
}

#[test]
fn a_300_character_title_wraps_and_is_never_cut() {
    let words: Vec<String> = (0..43).map(|n| format!("word{n:02}")).collect();
    let title = words.join(" ");
    assert!(title.len() >= 300, "{}", title.len());
    let plan = small_plan(&title, std::slice::from_ref(&title));
    let pdf = render(
        &plan,
        &ReportOptions::new(Scope::Plan, "FY2025"),
        Paper::Letter,
    );
    let pages = pages_text(&pdf);
    assert_page_numbers(&pages);
    let all = flat(&pages.join("\n"));
    // The goal heading, the glance row and the initiative row each print
    // every word.
    for w in &words {
        assert!(all.matches(w.as_str()).count() >= 3, "{w} cut");
    }
}

#[test]
fn five_hundred_initiatives_break_between_rows_with_the_header_repeated() {
    // Long titles wrap to two or three lines; a start and an end marker
    // must land on the same page, or a row was split.
    let titles: Vec<String> = (1..=500)
        .map(|n| format!("S{n:03}x a long initiative title that will wrap onto more than one line of the table E{n:03}y"))
        .collect();
    let plan = small_plan("One goal", &titles);
    // Every row in the table: the full detail.
    let opts = ReportOptions {
        detail: report::model::Detail::Full,
        ..ReportOptions::new(Scope::Plan, "FY2025")
    };
    let pdf = render(&plan, &opts, Paper::Letter);
    let pages = pages_text(&pdf);
    assert!(pdf.pages > 15, "{} pages", pdf.pages);
    assert_page_numbers(&pages);
    let mut seen = 0;
    for (i, page) in pages.iter().enumerate() {
        let f = flat(page);
        let mut here = 0;
        for n in 1..=500 {
            let (s, e) = (format!("S{n:03}x"), format!("E{n:03}y"));
            match (f.contains(&s), f.contains(&e)) {
                (true, true) => here += 1,
                (false, false) => {}
                _ => panic!("row {n} split across pages (page {})", i + 1),
            }
        }
        if here > 0 {
            assert!(
                f.contains("Code Title Owner Due Status Complete"),
                "page {} has rows but no header",
                i + 1
            );
        }
        seen += here;
    }
    assert_eq!(seen, 500, "every initiative printed once");
}

#[test]
fn characters_the_font_lacks_are_replaced_visibly_not_dropped() {
    let title = "Zürich, São Paulo, Łódź, 東京, emoji 🚀 — “quoted” ½ © café";
    let plan = small_plan(title, &["Ελληνικά and Кириллица".to_owned()]);
    let pdf = render(
        &plan,
        &ReportOptions::new(Scope::Plan, "FY2025"),
        Paper::Letter,
    );
    let all = flat(&pages_text(&pdf).join("\n"));
    for want in [
        "Zürich, São Paulo, Łódź,",
        "□□, emoji □",
        "— “quoted” ½ © café",
        "Ελληνικά and Кириллица",
        "printed as “□”",
    ] {
        assert!(all.contains(want), "{want:?} not in {all}");
    }
    assert!(pdf.replaced >= 3, "{}", pdf.replaced);
}

#[test]
fn an_empty_plan_prints_and_a_plan_without_periods_says_so() {
    let mut plan = Plan::new(PlanInfo::blank(), vec![], vec![]);
    let err = report::build(&plan, &ReportOptions::new(Scope::Plan, "FY2026"))
        .expect_err("no periods")
        .to_string();
    assert!(err.contains("no reporting periods"), "{err}");
    plan.info.periods = vec![Period {
        label: "FY2026".into(),
        kind: PeriodKind::Year,
        start: chrono::NaiveDate::from_ymd_opt(2025, 7, 1).expect("date"),
        end: chrono::NaiveDate::from_ymd_opt(2026, 6, 30).expect("date"),
    }];
    let pdf = render(&plan, &ReportOptions::new(Scope::Plan, "FY2026"), Paper::A4);
    let pages = pages_text(&pdf);
    assert_eq!(
        pdf.pages, 4,
        "cover, summary, contents and attention, appendix"
    );
    assert_page_numbers(&pages);
    let all = flat(&pages.join("\n"));
    assert!(all.contains("No initiatives in scope yet."), "{all}");
    assert!(all.contains("No goals in scope yet."), "{all}");
    assert!(
        all.contains("— complete"),
        "unknown percent is shown as unknown: {all}"
    );
    assert!(!all.contains("Contains sample data"));
}

/// An override shows where the figure shows: the mark beside the goal's
/// percent on page 2 and its section, the legend under both, and the
/// appendix row with who, why, the value set and the one it replaced.
#[test]
fn an_override_is_marked_wherever_its_figure_prints() {
    let mut plan = phoenix();
    let id = plan.roots().nth(3).expect("goal 4").id.clone();
    plan.item_mut(&id).expect("goal 4").override_ = Some(cairn::model::Override {
        status: None,
        percent: Some(15.0),
        reason: "Vendor milestones accepted in June".into(),
        by: "CIO".into(),
        on: None,
    });
    let opts = ReportOptions::new(Scope::Plan, "FY2024");
    let card = report::build(&plan, &opts).expect("card");
    let pdf = report::pdf::render(&card, Paper::Letter).expect("pdf");
    let pages = pages_text(&pdf);
    let legend = "✎ override: a person set this figure by hand";
    let glance = flat(&pages[1]);
    assert!(glance.contains("15% ✎"), "{glance}");
    assert!(glance.contains(legend), "{glance}");
    let section = pages
        .iter()
        .map(|p| flat(p))
        .find(|p| p.contains("Goal 4:") && p.contains("complete"))
        .expect("goal 4's section");
    assert!(section.contains("15% ✎ complete"), "{section}");
    assert!(section.contains(legend), "{section}");
    let all = flat(&pages.join("\n"));
    assert!(
        all.contains("Vendor milestones accepted in June"),
        "the reason"
    );
    assert!(!all.contains("No figure in scope was overridden."));
    // Goal 4's status is the rule's, so it carries no mark.
    let row = card
        .summary
        .rows
        .iter()
        .find(|r| r.code == "4")
        .expect("row");
    assert!(row.overridden.percent && !row.overridden.status);
    assert!(!row.status.text().contains('✎'));

    let html = report::html::render(&card);
    assert!(html.contains("15% ✎"), "the HTML marks it too");
    assert!(html.contains("✎ override: a person set this figure by hand"));
}

/// Every structure element below `id`, depth first, as (role, dictionary).
fn struct_elems(doc: &lopdf::Document, obj: &lopdf::Object, out: &mut Vec<lopdf::Dictionary>) {
    let resolved = match obj {
        lopdf::Object::Reference(id) => doc.get_object(*id).expect("object"),
        other => other,
    };
    match resolved {
        lopdf::Object::Array(items) => {
            for i in items {
                struct_elems(doc, i, out);
            }
        }
        lopdf::Object::Dictionary(d) if d.has(b"S") => {
            out.push(d.clone());
            if let Ok(k) = d.get(b"K") {
                struct_elems(doc, k, out);
            }
        }
        _ => {}
    }
}

fn role(d: &lopdf::Dictionary) -> String {
    String::from_utf8_lossy(d.get(b"S").and_then(lopdf::Object::as_name).expect("S")).into_owned()
}

/// The card is tagged PDF/UA: read back, its structure tree has the
/// card's title as H1, a H2 per section and goal, tables with column
/// header cells, figures with their data as alternative text; the catalog
/// declares the language and asks to show the title; the outline has one
/// bookmark per goal; the XMP identifies PDF/UA-1.
#[test]
fn the_card_reads_back_as_a_tagged_document_with_an_outline() {
    let plan = phoenix();
    for opts in [
        ReportOptions::new(Scope::Plan, "FY2024"),
        ReportOptions::new(Scope::Goal(3), "FY2024"),
    ] {
        let pdf = render(&plan, &opts, Paper::Letter);
        let doc = lopdf::Document::load_mem(&pdf.bytes).expect("lopdf");
        let catalog = doc.catalog().expect("catalog");
        assert_eq!(pdf_string(catalog.get(b"Lang").expect("Lang")), "en-US");
        let marked = catalog
            .get(b"MarkInfo")
            .and_then(lopdf::Object::as_dict)
            .and_then(|d| d.get(b"Marked"))
            .and_then(lopdf::Object::as_bool);
        assert_eq!(marked.ok(), Some(true));
        let prefs = catalog
            .get(b"ViewerPreferences")
            .and_then(lopdf::Object::as_dict)
            .expect("viewer preferences");
        assert_eq!(
            prefs
                .get(b"DisplayDocTitle")
                .and_then(lopdf::Object::as_bool)
                .ok(),
            Some(true)
        );
        let meta = catalog
            .get(b"Metadata")
            .and_then(lopdf::Object::as_reference)
            .expect("xmp");
        let xmp = doc
            .get_object(meta)
            .and_then(lopdf::Object::as_stream)
            .expect("stream");
        assert!(String::from_utf8_lossy(&xmp.content).contains("<pdfuaid:part>1</pdfuaid:part>"));

        let root = catalog
            .get(b"StructTreeRoot")
            .and_then(lopdf::Object::as_reference)
            .expect("tree");
        let root = doc
            .get_object(root)
            .and_then(lopdf::Object::as_dict)
            .expect("tree root");
        let mut elems = Vec::new();
        struct_elems(&doc, root.get(b"K").expect("K"), &mut elems);
        let roles: Vec<String> = elems.iter().map(role).collect();
        assert_eq!(roles.iter().filter(|r| *r == "H1").count(), 1, "one H1");
        let goals = if matches!(opts.scope, Scope::Plan) {
            5
        } else {
            1
        };
        // Page 2, the contents, what needs attention, each goal and the
        // appendix.
        assert_eq!(roles.iter().filter(|r| *r == "H2").count(), goals + 4);
        let ths: Vec<_> = elems.iter().filter(|d| role(d) == "TH").collect();
        assert!(!ths.is_empty(), "tables have header cells");
        assert!(
            ths.iter().all(|d| d.get(b"A").is_ok()),
            "each TH has its scope"
        );
        assert!(roles.iter().filter(|r| *r == "Table").count() >= goals);
        let figures: Vec<String> = elems
            .iter()
            .filter(|d| role(d) == "Figure")
            .map(|d| pdf_string(d.get(b"Alt").expect("every figure has Alt")))
            .collect();
        assert!(
            figures
                .iter()
                .any(|a| a.starts_with("Status of ") && a.contains("not started")),
            "the status bar in words: {figures:?}"
        );
        assert!(
            figures.iter().any(|a| a.starts_with("Trend of ")),
            "KPI trends: {figures:?}"
        );

        let outlines = catalog
            .get(b"Outlines")
            .and_then(lopdf::Object::as_reference)
            .expect("outline");
        let outlines = doc
            .get_object(outlines)
            .and_then(lopdf::Object::as_dict)
            .expect("dict");
        let mut titles = Vec::new();
        let mut at = outlines
            .get(b"First")
            .and_then(lopdf::Object::as_reference)
            .ok();
        while let Some(id) = at {
            let d = doc
                .get_object(id)
                .and_then(lopdf::Object::as_dict)
                .expect("bookmark");
            titles.push(pdf_string(d.get(b"Title").expect("title")));
            at = d.get(b"Next").and_then(lopdf::Object::as_reference).ok();
        }
        assert_eq!(
            titles.iter().filter(|t| t.starts_with("Goal ")).count(),
            goals,
            "{titles:?}"
        );
        assert!(
            titles.iter().any(|t| t.starts_with("Appendix")),
            "{titles:?}"
        );
    }
}

/// Page 3 lists what needs attention, grouped by goal: every initiative
/// off track, at risk or overdue and every KPI off target, with its figure
/// and period; the compact card prints every initiative in fewer pages
/// than the full one.
#[test]
fn what_needs_attention_comes_first_and_compact_drops_no_item() {
    let plan = phoenix();
    let opts = ReportOptions::new(Scope::Plan, "FY2024");
    let card = report::build(&plan, &opts).expect("card");
    let listed: Vec<&str> = card
        .attention
        .iter()
        .flat_map(|g| &g.rows)
        .map(|r| r.code.as_str())
        .collect();
    for s in &card.sections {
        for i in &s.initiatives {
            let alarming = matches!(i.status.kind, StatusKind::OffTrack | StatusKind::AtRisk);
            assert_eq!(
                listed.contains(&i.code.as_str()),
                alarming || i.overdue || i.completed_short(),
                "{} {:?}",
                i.code,
                i.status
            );
        }
        for k in &s.kpis {
            let off = k
                .status
                .as_ref()
                .is_some_and(|c| matches!(c.kind, StatusKind::OffTrack | StatusKind::AtRisk));
            let row = card
                .attention
                .iter()
                .flat_map(|g| &g.rows)
                .find(|r| r.kind == "KPI" && r.title == k.name);
            assert_eq!(row.is_some(), off, "{}", k.name);
        }
    }
    assert!(listed.contains(&"2.1.1"), "2.1.1 is at risk");
    let compact = report::pdf::render(&card, Paper::Letter).expect("pdf");
    let pages = pages_text(&compact);
    let attention = flat(&pages[2]);
    assert!(attention.contains("What needs attention"), "{attention}");
    assert!(
        attention.contains("2.1.1 Key initiative: myPHX311 Phase 1 completion"),
        "{attention}"
    );
    assert!(attention.contains("Contents"), "{attention}");

    let full_opts = ReportOptions {
        detail: report::model::Detail::Full,
        ..opts
    };
    let full = render(&plan, &full_opts, Paper::Letter);
    assert!(
        compact.pages < full.pages,
        "compact {} pages, full {}",
        compact.pages,
        full.pages
    );
    let all = flat(&pages.join("\n"));
    let tree = cairn::model::Tree::build(&plan);
    for p in &tree.placements {
        if plan.items()[p.item].level == 2 {
            let printed = [" ", ",", ")", ";"]
                .iter()
                .any(|end| all.contains(&format!("{}{end}", p.code)));
            assert!(printed, "{} dropped", p.code);
        }
    }
}
