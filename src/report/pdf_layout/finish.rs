//! Finishing a document: the running header and footer with page numbers
//! and the sample tag, then the file with its metadata, structure tree and
//! compressed streams.

use printpdf::{PdfDocument, PdfPage, PdfSaveOptions};

use super::page::mm;
use super::{Face, INK, MUTED, RULE, SAMPLE_TAG, SMALL, Writer};
use crate::report::PdfError;

/// What a PDF says about itself in its metadata.
pub struct DocMeta {
    pub title: String,
    pub author: String,
    pub subject: String,
    /// Printed as the creation date when given; never the clock, so a
    /// reprint gives the same bytes.
    pub print_date: Option<chrono::NaiveDate>,
    /// The document's language (BCP 47).
    pub lang: String,
}

impl DocMeta {
    /// Metadata naming the one who prepared the document, else the
    /// organisation, as its author.
    pub fn new(
        title: String,
        prepared_by: &str,
        organisation: &str,
        subject: String,
        print_date: Option<chrono::NaiveDate>,
    ) -> Self {
        Self {
            title,
            author: if prepared_by.is_empty() {
                organisation
            } else {
                prepared_by
            }
            .to_owned(),
            subject,
            print_date,
            lang: "en-US".into(),
        }
    }

    /// The same, in `lang` (BCP 47); blank keeps "en-US".
    #[must_use]
    pub fn in_language(mut self, lang: &str) -> Self {
        if !lang.trim().is_empty() {
            lang.trim().clone_into(&mut self.lang);
        }
        self
    }
}

/// The footer's left side: "Prepared by NAME", else the organisation.
pub fn prepared_line(prepared_by: &str, organisation: &str) -> String {
    if prepared_by.is_empty() {
        organisation.to_owned()
    } else {
        format!("Prepared by {prepared_by}")
    }
}

/// Deflates every stream that allows it, at zlib's default level: within
/// a few percent of lopdf's best level on page content, in a third of the
/// time, which the 1,000-objective card needs.
fn compress(doc: &mut lopdf::Document) {
    use std::io::Write as _;
    for obj in doc.objects.values_mut() {
        let lopdf::Object::Stream(st) = obj else {
            continue;
        };
        if !st.allows_compression || st.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        if enc.write_all(&st.content).is_err() {
            continue;
        }
        if let Ok(packed) = enc.finish()
            && packed.len() + 19 < st.content.len()
        {
            st.dict.set("Filter", "FlateDecode");
            st.set_content(packed);
        }
    }
}

/// FNV-1a, for a document id that depends only on the content.
fn fnv(bytes: &[u8], seed: u64) -> u64 {
    bytes.iter().fold(seed, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl Writer {
    /// Adds the running header (on every page but the first, unless
    /// `header_on_first`) and the footer with "Page X of Y" and the sample
    /// tag, now that the page count is known.
    pub fn decorate(&mut self, header: &str, footer_left: &str, header_on_first: bool) {
        let total = self.pages.len();
        // Left of the centred sample tag, so the two never overlap.
        let tag_w = self.measure(SAMPLE_TAG, Face::Bold, SMALL) + 10.0;
        let room = (self.content_width() - tag_w) / 2.0 - 12.0;
        let footer_left = self.fit(footer_left, Face::Regular, SMALL, room);
        for i in 0..total {
            // Draw onto page i by temporarily making it the last page.
            let page = self.pages.remove(i);
            self.pages.push(page);
            let (m, right) = (self.margin, self.width - self.margin);
            if i > 0 || header_on_first {
                let y = 34.0;
                let own = self.pages.last().and_then(|p| p.header.clone());
                let text = match own {
                    Some(h) => self.fit(&h, Face::Regular, SMALL, right - m),
                    None => header.to_owned(),
                };
                self.text_at(m, y, &text, Face::Regular, SMALL, MUTED);
                self.polyline(&[(m, y + 6.0), (right, y + 6.0)], RULE, 0.6);
            }
            let fy = self.height - 30.0;
            self.polyline(&[(m, fy - 12.0), (right, fy - 12.0)], RULE, 0.6);
            self.text_at(m, fy, &footer_left, Face::Regular, SMALL, MUTED);
            let n = format!("Page {} of {total}", i + 1);
            let nw = self.measure(&n, Face::Regular, SMALL);
            self.text_at(right - nw, fy, &n, Face::Regular, SMALL, MUTED);
            if self.pages.last().is_some_and(|p| p.sample) {
                let tag = SAMPLE_TAG;
                let tw = self.measure(tag, Face::Bold, SMALL);
                let cx = (self.width - tw) / 2.0;
                self.rect(
                    cx - 5.0,
                    fy - 9.5,
                    tw + 10.0,
                    13.0,
                    crate::theme::palette::SAMPLE_BAND,
                );
                self.text_at(cx, fy, tag, Face::Bold, SMALL, INK);
            }
            if let Some(page) = self.pages.pop() {
                self.pages.insert(i, page);
            }
        }
    }

    /// The finished PDF: fonts embedded and subset, metadata set, and an
    /// id derived from the content, so the same pages give the same bytes.
    pub fn finish(self, meta: &DocMeta) -> Result<Vec<u8>, PdfError> {
        use lopdf::{Object, StringFormat};
        let mut doc = PdfDocument::new(&meta.title);
        for (face, font) in [Face::Regular, Face::Bold, Face::Italic]
            .into_iter()
            .zip(self.fonts.faces)
        {
            doc.resources
                .fonts
                .map
                .insert(face.id(), printpdf::PdfFont::new(font));
        }
        let info = &mut doc.metadata.info;
        info.author.clone_from(&meta.author);
        info.subject.clone_from(&meta.subject);
        info.creator = "Cairn".into();
        info.producer = "Cairn report cards (printpdf)".into();
        let (pw, ph) = (mm(self.width), mm(self.height));
        let tags = self.tags;
        let mut pages = self.pages;
        for p in &mut pages {
            p.close_artifact();
        }
        doc.pages = pages
            .into_iter()
            .map(|p| PdfPage::new(pw, ph, p.ops))
            .collect();
        let mut warnings = Vec::new();
        let mut lo = doc.to_lopdf_document(&PdfSaveOptions::default(), &mut warnings);
        let date = meta
            .print_date
            .map(|d| d.format("D:%Y%m%d000000Z").to_string());
        if let Ok(Object::Reference(id)) = lo.trailer.get(b"Info").cloned()
            && let Ok(Object::Dictionary(dict)) = lo.get_object_mut(id)
        {
            for key in [
                "CreationDate",
                "ModDate",
                "Identifier",
                "GTS_PDFXVersion",
                "Trapped",
            ] {
                dict.remove(key.as_bytes());
            }
            if let Some(date) = &date {
                dict.set(
                    "CreationDate",
                    Object::String(date.clone().into_bytes(), StringFormat::Literal),
                );
            }
        }
        crate::report::pdf_tags::write(
            &mut lo,
            &tags,
            &crate::report::pdf_tags::Catalog {
                title: &meta.title,
                author: &meta.author,
                subject: &meta.subject,
                lang: &meta.lang,
            },
        )?;
        let id = |h: u64| Object::String(h.to_be_bytes().to_vec(), StringFormat::Hexadecimal);
        lo.trailer.set("ID", Object::Array(vec![id(0), id(0)]));
        compress(&mut lo);
        // The id hashes every stream (pages, fonts, metadata) and the
        // object count: the same content gives the same id, with one save.
        let mut hash = 0xcbf2_9ce4_8422_2325;
        for obj in lo.objects.values() {
            if let Object::Stream(st) = obj {
                hash = fnv(&st.content, hash);
            }
        }
        hash = fnv(&lo.objects.len().to_be_bytes(), hash);
        lo.trailer.set(
            "ID",
            Object::Array(vec![id(hash), id(fnv(&hash.to_be_bytes(), hash))]),
        );
        let mut bytes = Vec::new();
        lo.save_to(&mut bytes).map_err(PdfError::Save)?;
        Ok(bytes)
    }
}
