//! Tagged PDF (PDF/UA-1): the logical structure of what the layout engine
//! draws, and the catalog entries that make a file accessible.
//!
//! The layout engine ([`super::pdf_layout`]) records, while it draws, a tree
//! of structure elements (headings, paragraphs, tables, figures) whose
//! leaves are marked-content sequences on the pages (`BDC` with an MCID).
//! Everything drawn outside such a sequence is page furniture and is marked
//! as an artifact. [`write`] then adds to the finished file, with lopdf:
//! the structure tree and its parent tree, `/MarkInfo`, `/Lang`,
//! `/ViewerPreferences /DisplayDocTitle`, the outline (bookmarks) and the
//! XMP metadata with the PDF/UA identifier.

use super::escape::escape as xml;
use super::pdf_error::PdfError;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

/// A structure element's standard role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Document,
    Sect,
    H1,
    H2,
    H3,
    H4,
    P,
    L,
    LI,
    LBody,
    Table,
    TR,
    TH,
    TD,
    Figure,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Self::Document => "Document",
            Self::Sect => "Sect",
            Self::H1 => "H1",
            Self::H2 => "H2",
            Self::H3 => "H3",
            Self::H4 => "H4",
            Self::P => "P",
            Self::L => "L",
            Self::LI => "LI",
            Self::LBody => "LBody",
            Self::Table => "Table",
            Self::TR => "TR",
            Self::TH => "TH",
            Self::TD => "TD",
            Self::Figure => "Figure",
        }
    }

    /// The heading role of a level: 1 → H1 … 4 and deeper → H4.
    pub fn heading(level: u8) -> Self {
        match level {
            0 | 1 => Self::H1,
            2 => Self::H2,
            3 => Self::H3,
            _ => Self::H4,
        }
    }
}

/// What a structure element holds, in reading order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kid {
    Elem(usize),
    /// A marked-content sequence: page index and MCID.
    Content {
        page: usize,
        mcid: i64,
    },
}

/// One structure element.
#[derive(Clone, Debug)]
pub struct Elem {
    pub role: Role,
    pub parent: usize,
    pub kids: Vec<Kid>,
    /// Alternative text (figures).
    pub alt: Option<String>,
    /// A header cell's scope: "Column" or "Row".
    pub scope: Option<&'static str>,
}

/// A bookmark: its title, depth (0 = top), page index and y from the top.
#[derive(Clone, Debug, PartialEq)]
pub struct Bookmark {
    pub title: String,
    pub depth: u8,
    pub page: usize,
    pub y: f32,
}

/// The structure recorded while drawing.
pub struct Tags {
    pub elems: Vec<Elem>,
    /// Open elements, innermost last; the document is always open.
    stack: Vec<usize>,
    /// The element whose marked content is open on the current page.
    pub content: Option<usize>,
    /// Next MCID per page.
    next_mcid: Vec<i64>,
    pub bookmarks: Vec<Bookmark>,
}

impl Default for Tags {
    fn default() -> Self {
        Self {
            elems: vec![Elem {
                role: Role::Document,
                parent: 0,
                kids: Vec::new(),
                alt: None,
                scope: None,
            }],
            stack: vec![0],
            content: None,
            next_mcid: Vec::new(),
            bookmarks: Vec::new(),
        }
    }
}

impl Tags {
    /// Opens an element inside the innermost open one.
    pub fn open(&mut self, role: Role) -> usize {
        let parent = self.stack.last().copied().unwrap_or(0);
        let id = self.elems.len();
        self.elems.push(Elem {
            role,
            parent,
            kids: Vec::new(),
            alt: None,
            scope: None,
        });
        self.elems[parent].kids.push(Kid::Elem(id));
        self.stack.push(id);
        id
    }

    /// Makes an element opened earlier the innermost again, to add more
    /// content to it; [`Self::close`] ends that.
    pub fn reopen(&mut self, elem: usize) {
        if elem < self.elems.len() {
            self.stack.push(elem);
        }
    }

    /// Closes the innermost open element (never the document).
    pub fn close(&mut self) {
        if self.stack.len() > 1 {
            self.stack.pop();
        }
    }

    /// The innermost open element.
    pub fn current(&self) -> usize {
        self.stack.last().copied().unwrap_or(0)
    }

    /// A new MCID on `page` for the innermost open element.
    pub fn begin(&mut self, page: usize) -> (Role, i64) {
        if self.next_mcid.len() <= page {
            self.next_mcid.resize(page + 1, 0);
        }
        let mcid = self.next_mcid[page];
        self.next_mcid[page] += 1;
        let elem = self.current();
        self.elems[elem].kids.push(Kid::Content { page, mcid });
        self.content = Some(elem);
        (self.elems[elem].role, mcid)
    }
}

/// What the catalog says of the document.
pub struct Catalog<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub subject: &'a str,
    /// BCP 47, e.g. "en-US".
    pub lang: &'a str,
}

/// Adds the structure tree, parent tree, outline, language, title display
/// and XMP metadata to a document whose pages carry the tags' MCIDs.
pub fn write(doc: &mut Document, tags: &Tags, cat: &Catalog) -> Result<(), PdfError> {
    let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    let root_id = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(PdfError::NoCatalog)?;
    let tree_root = doc.new_object_id();
    let ids: Vec<ObjectId> = tags.elems.iter().map(|_| doc.new_object_id()).collect();
    // Parent tree: per page, the element of each MCID.
    let mut per_page: Vec<Vec<(i64, ObjectId)>> = vec![Vec::new(); pages.len()];
    for (i, e) in tags.elems.iter().enumerate() {
        // The element's page: that of its first content. Content there is
        // a bare MCID; content on other pages names its page (MCR).
        let home = e.kids.iter().find_map(|k| match k {
            Kid::Content { page, .. } => pages.get(*page).map(|&pg| (*page, pg)),
            Kid::Elem(_) => None,
        });
        let mut kids = Vec::new();
        for k in &e.kids {
            match k {
                Kid::Elem(c) => kids.push(Object::Reference(ids[*c])),
                Kid::Content { page, mcid } => {
                    let Some(&pg) = pages.get(*page) else {
                        continue;
                    };
                    per_page[*page].push((*mcid, ids[i]));
                    if home.is_some_and(|(h, _)| h == *page) {
                        kids.push(Object::Integer(*mcid));
                    } else {
                        kids.push(Object::Dictionary(Dictionary::from_iter([
                            ("Type", Object::Name(b"MCR".to_vec())),
                            ("Pg", Object::Reference(pg)),
                            ("MCID", Object::Integer(*mcid)),
                        ])));
                    }
                }
            }
        }
        let parent = if i == 0 { tree_root } else { ids[e.parent] };
        let mut d = Dictionary::from_iter([
            ("Type", Object::Name(b"StructElem".to_vec())),
            ("S", Object::Name(e.role.name().as_bytes().to_vec())),
            ("P", Object::Reference(parent)),
        ]);
        // One kid stands alone, as most writers give it.
        d.set(
            "K",
            if kids.len() == 1 {
                kids.remove(0)
            } else {
                Object::Array(kids)
            },
        );
        if let Some((_, pg)) = home {
            d.set("Pg", Object::Reference(pg));
        }
        if let Some(alt) = &e.alt {
            d.set("Alt", text_string(alt));
        }
        if let Some(scope) = e.scope {
            d.set(
                "A",
                Object::Dictionary(Dictionary::from_iter([
                    ("O", Object::Name(b"Table".to_vec())),
                    ("Scope", Object::Name(scope.as_bytes().to_vec())),
                ])),
            );
        }
        doc.objects.insert(ids[i], Object::Dictionary(d));
    }
    let mut nums = Vec::new();
    for (page, (pg, mut marks)) in pages.iter().zip(per_page).enumerate() {
        marks.sort_by_key(|(m, _)| *m);
        let key = i64::try_from(page).map_err(|_| PdfError::TooManyPages)?;
        nums.push(Object::Integer(key));
        nums.push(Object::Array(
            marks
                .into_iter()
                .map(|(_, e)| Object::Reference(e))
                .collect(),
        ));
        if let Ok(Object::Dictionary(p)) = doc.get_object_mut(*pg) {
            p.set("StructParents", Object::Integer(key));
            p.set("Tabs", Object::Name(b"S".to_vec()));
        }
    }
    let parent_tree = doc.add_object(Dictionary::from_iter([("Nums", Object::Array(nums))]));
    let next_key = i64::try_from(pages.len()).map_err(|_| PdfError::TooManyPages)?;
    doc.objects.insert(
        tree_root,
        Object::Dictionary(Dictionary::from_iter([
            ("Type", Object::Name(b"StructTreeRoot".to_vec())),
            ("K", Object::Reference(ids[0])),
            ("ParentTree", Object::Reference(parent_tree)),
            ("ParentTreeNextKey", Object::Integer(next_key)),
        ])),
    );
    let outline = outline(doc, &tags.bookmarks, &pages);
    let mut xmp = Stream::new(
        Dictionary::from_iter([
            ("Type", Object::Name(b"Metadata".to_vec())),
            ("Subtype", Object::Name(b"XML".to_vec())),
        ]),
        xmp(cat).into_bytes(),
    );
    xmp.allows_compression = false;
    let metadata = doc.add_object(xmp);
    let catalog = doc
        .get_object_mut(root_id)
        .and_then(Object::as_dict_mut)
        .map_err(PdfError::Catalog)?;
    catalog.set("StructTreeRoot", Object::Reference(tree_root));
    catalog.set(
        "MarkInfo",
        Object::Dictionary(Dictionary::from_iter([("Marked", Object::Boolean(true))])),
    );
    catalog.set("Lang", text_string(cat.lang));
    catalog.set(
        "ViewerPreferences",
        Object::Dictionary(Dictionary::from_iter([(
            "DisplayDocTitle",
            Object::Boolean(true),
        )])),
    );
    catalog.set("Metadata", Object::Reference(metadata));
    if let Some(outline) = outline {
        catalog.set("Outlines", Object::Reference(outline));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
    Ok(())
}

/// A PDF text string: literal when ASCII, else UTF-16BE with a BOM.
fn text_string(text: &str) -> Object {
    if text.is_ascii() {
        Object::String(text.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xfe, 0xff];
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// The outline: bookmarks nested by depth, each opening its page at its
/// heading.
fn outline(doc: &mut Document, marks: &[Bookmark], pages: &[ObjectId]) -> Option<ObjectId> {
    if marks.is_empty() {
        return None;
    }
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = marks.iter().map(|_| doc.new_object_id()).collect();
    // Parent of each bookmark: the nearest earlier one that is shallower.
    let parent: Vec<Option<usize>> = (0..marks.len())
        .map(|i| (0..i).rev().find(|&j| marks[j].depth < marks[i].depth))
        .collect();
    let children =
        |p: Option<usize>| -> Vec<usize> { (0..marks.len()).filter(|&i| parent[i] == p).collect() };
    let height = |page: usize| {
        doc.get_object(pages[page])
            .ok()
            .and_then(|o| o.as_dict().ok())
            .and_then(|d| d.get(b"MediaBox").ok())
            .and_then(|b| b.as_array().ok())
            .and_then(|a| a.get(3))
            .and_then(|h| h.as_float().ok())
            .unwrap_or(792.0)
    };
    let mut dicts = Vec::new();
    for (i, m) in marks.iter().enumerate() {
        let page = m.page.min(pages.len().saturating_sub(1));
        let top = height(page) - m.y + 4.0;
        let mut d = Dictionary::from_iter([
            ("Title", text_string(&m.title)),
            (
                "Parent",
                Object::Reference(parent[i].map_or(root, |p| ids[p])),
            ),
            (
                "Dest",
                Object::Array(vec![
                    Object::Reference(pages[page]),
                    Object::Name(b"XYZ".to_vec()),
                    Object::Integer(0),
                    Object::Real(top),
                    Object::Null,
                ]),
            ),
        ]);
        let siblings = children(parent[i]);
        let at = siblings.iter().position(|&s| s == i).unwrap_or(0);
        if at > 0 {
            d.set("Prev", Object::Reference(ids[siblings[at - 1]]));
        }
        if let Some(&next) = siblings.get(at + 1) {
            d.set("Next", Object::Reference(ids[next]));
        }
        let kids = children(Some(i));
        if let (Some(&f), Some(&l)) = (kids.first(), kids.last()) {
            d.set("First", Object::Reference(ids[f]));
            d.set("Last", Object::Reference(ids[l]));
            d.set("Count", Object::Integer(count(kids.len())));
        }
        dicts.push(d);
    }
    for (id, d) in ids.iter().zip(dicts) {
        doc.objects.insert(*id, Object::Dictionary(d));
    }
    let top = children(None);
    let mut d = Dictionary::from_iter([("Type", Object::Name(b"Outlines".to_vec()))]);
    if let (Some(&f), Some(&l)) = (top.first(), top.last()) {
        d.set("First", Object::Reference(ids[f]));
        d.set("Last", Object::Reference(ids[l]));
        d.set("Count", Object::Integer(count(marks.len())));
    }
    doc.objects.insert(root, Object::Dictionary(d));
    Some(root)
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The XMP packet: title, author, subject, language and the PDF/UA-1
/// identification. No dates, so a reprint gives the same bytes.
fn xmp(cat: &Catalog) -> String {
    format!(
        r#"<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
<pdf:Producer>Cairn report cards (printpdf)</pdf:Producer>
<xmp:CreatorTool>Cairn</xmp:CreatorTool>
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"#,
        title = xml(cat.title),
        author = xml(cat.author),
        subject = xml(cat.subject),
        lang = xml(cat.lang),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_nest_and_content_is_recorded_in_order() {
        let mut t = Tags::default();
        let table = t.open(Role::Table);
        let row = t.open(Role::TR);
        let (role, first) = t.begin(0);
        assert_eq!((role, first), (Role::TR, 0));
        t.content = None;
        let (_, second) = t.begin(0);
        assert_eq!(second, 1, "MCIDs count up per page");
        let (_, other) = t.begin(1);
        assert_eq!(other, 0, "each page starts at 0");
        t.close();
        t.close();
        t.close(); // The document never closes.
        assert_eq!(t.current(), 0);
        assert_eq!(t.elems[row].parent, table);
        assert_eq!(t.elems[0].kids, vec![Kid::Elem(table)]);
    }

    #[test]
    fn xmp_escapes_and_identifies_pdf_ua() {
        let x = xmp(&Catalog {
            title: "Goals <& more>",
            author: "A",
            subject: "S",
            lang: "en-US",
        });
        assert!(x.contains("Goals &lt;&amp; more&gt;"));
        assert!(x.contains("<pdfuaid:part>1</pdfuaid:part>"));
    }
}
