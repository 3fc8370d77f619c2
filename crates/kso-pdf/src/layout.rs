//! The document layer: A4 pages (portrait or landscape) with the SMIT / KSO header, the title,
//! blocks of text, label–value fields and tables that break across pages and repeat their header
//! row, and a footer with the creation time, the document number and "Lk 2/5". Text is set in
//! Liberation Sans (SIL OFL 1.1, `fonts/OFL.txt`), embedded and subset, so Estonian letters are
//! exact and can be copied out.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Op, PaintMode, ParsedFont, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem,
};

use crate::{Error, Result};

const REGULAR_TTF: &[u8] = include_bytes!("../fonts/LiberationSans-Regular.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../fonts/LiberationSans-Bold.ttf");

const MM: f32 = 72.0 / 25.4;
const A4_SHORT: f32 = 210.0 * MM;
const A4_LONG: f32 = 297.0 * MM;
const MARGIN_X: f32 = 15.0 * MM;
const MARGIN_TOP: f32 = 12.0 * MM;
const MARGIN_BOTTOM: f32 = 14.0 * MM;
/// Space the running header takes at the top of every page.
const HEADER_H: f32 = 10.0 * MM;
const FOOTER_Y: f32 = 8.0 * MM;
const CELL_PAD_X: f32 = 3.0;
const CELL_PAD_Y: f32 = 2.2;

/// A font with the advance widths needed to measure text.
struct Face {
    bytes: &'static [u8],
    parsed: ParsedFont,
    /// Advance widths of U+0000–U+024F by code point (negative: not in the font).
    latin: Vec<f32>,
    /// … and of the punctuation and signs in use beyond it.
    advance: HashMap<char, f32>,
    upem: f32,
}

impl Face {
    fn load(bytes: &'static [u8]) -> Face {
        let parsed =
            ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).expect("the bundled font parses");
        let upem = f32::from(parsed.units_per_em.max(1));
        // Every character of Latin-1, Latin Extended-A and the punctuation in use, measured once.
        let glyph_width = |c: u32| {
            parsed
                .lookup_glyph_index(c)
                .and_then(|g| parsed.get_glyph_width(g))
                .map(f32::from)
        };
        let latin = (0..0x250u32)
            .map(|c| glyph_width(c).unwrap_or(-1.0))
            .collect();
        let mut advance = HashMap::new();
        let ranges = [
            0x2010u32..0x2040,
            0x20AC..0x20AD,
            0x2116..0x2117,
            0x2190..0x2194,
            0x2713..0x2714,
        ];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            if let Some(w) = glyph_width(c as u32) {
                advance.insert(c, w);
            }
        }
        Face {
            bytes,
            parsed,
            latin,
            advance,
            upem,
        }
    }

    /// The font cut down to the glyphs of `chars`, with a Unicode cmap, ready to embed.
    fn subset(&self, chars: &BTreeSet<char>) -> Result<ParsedFont> {
        use allsorts::binary::read::ReadScope;
        use allsorts::font_data::FontData;
        let fail = |e: &dyn std::fmt::Display| Error::Render(format!("font subset: {e}"));
        let mut ids: Vec<u16> = chars
            .iter()
            .filter_map(|c| self.parsed.lookup_glyph_index(*c as u32))
            .filter(|g| *g != 0)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.insert(0, 0);
        let scope = ReadScope::new(self.bytes);
        let data = scope.read::<FontData<'_>>().map_err(|e| fail(&e))?;
        let provider = data.table_provider(0).map_err(|e| fail(&e))?;
        let bytes = allsorts::subset::subset(
            &provider,
            &ids,
            &allsorts::subset::SubsetProfile::Pdf,
            allsorts::subset::CmapTarget::Unicode,
        )
        .map_err(|e| fail(&e))?;
        ParsedFont::from_bytes(&bytes, 0, &mut Vec::new()).ok_or_else(|| fail(&"unreadable subset"))
    }

    /// Width of `s` at `size` points.
    fn width(&self, s: &str, size: f32) -> f32 {
        let units: f32 = s
            .chars()
            .map(|c| {
                if let Some(&w) = self.latin.get(c as usize).filter(|w| **w >= 0.0) {
                    return w;
                }
                self.advance.get(&c).copied().unwrap_or_else(|| {
                    self.parsed
                        .lookup_glyph_index(c as u32)
                        .and_then(|g| self.parsed.get_glyph_width(g))
                        .map(f32::from)
                        .unwrap_or(self.upem / 2.0)
                })
            })
            .sum();
        units * size / self.upem
    }
}

fn faces() -> &'static (Face, Face) {
    static FACES: OnceLock<(Face, Face)> = OnceLock::new();
    FACES.get_or_init(|| (Face::load(REGULAR_TTF), Face::load(BOLD_TTF)))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    Portrait,
    Landscape,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Right,
    Center,
}

/// The words the layer itself prints, in the document's language.
#[derive(Debug, Clone)]
pub struct Labels {
    /// "Lk" → "Lk 2/5".
    pub page: String,
    /// "Koostatud" → "Koostatud 03.12.2026 14:05".
    pub created: String,
    /// "Dokument" → "Dokument KSO-2026-0007".
    pub number: String,
}

impl Labels {
    pub fn estonian() -> Labels {
        Labels {
            page: "Lk".into(),
            created: "Koostatud".into(),
            number: "Dokument".into(),
        }
    }

    pub fn english() -> Labels {
        Labels {
            page: "Page".into(),
            created: "Created".into(),
            number: "Document".into(),
        }
    }
}

/// A document to lay out.
#[derive(Debug, Clone)]
pub struct Document {
    /// The running header's left part, e.g. "SMIT · Kasutajatoe- ja seireosakond".
    pub organisation: String,
    pub title: String,
    /// A line under the title (the period, the department).
    pub subtitle: String,
    /// The registry number printed in the footer.
    pub number: String,
    /// When the document was made, as printed ("03.12.2026 14:05").
    pub created: String,
    pub labels: Labels,
    pub orientation: Orientation,
    pub blocks: Vec<Block>,
    /// The PDF's metadata: author (the department) and subject.
    pub author: String,
}

#[derive(Debug, Clone)]
pub enum Block {
    /// A section heading.
    Heading(String),
    /// A paragraph, wrapped to the page width.
    Text(String),
    /// Muted small print (a note under a table).
    Note(String),
    /// Label–value pairs in two columns.
    Fields(Vec<(String, String)>),
    Table(Table),
    /// Vertical space in millimetres.
    Gap(f32),
}

#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    /// Relative width; the columns share the page width in these proportions.
    pub width: f32,
    pub align: Align,
}

impl Column {
    pub fn new(title: impl Into<String>, width: f32, align: Align) -> Column {
        Column {
            title: title.into(),
            width,
            align,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub text: String,
    pub bold: bool,
    /// A shaded background (an absence in the roster, a weekend).
    pub shade: bool,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            ..Cell::default()
        }
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::new(text)
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::new(text)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// A totals row: bold, with a rule above it.
    pub total: bool,
}

impl Row {
    pub fn new<C: Into<Cell>>(cells: impl IntoIterator<Item = C>) -> Row {
        Row {
            cells: cells.into_iter().map(Into::into).collect(),
            total: false,
        }
    }

    pub fn total<C: Into<Cell>>(cells: impl IntoIterator<Item = C>) -> Row {
        Row {
            total: true,
            ..Row::new(cells)
        }
    }
}

#[derive(Debug, Clone)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Font size in points (9 by default; a month's roster grid needs 7).
    pub font_size: f32,
    /// Vertical rules between columns (a grid), not only rules between rows.
    pub grid: bool,
}

impl Table {
    pub fn new(columns: Vec<Column>) -> Table {
        Table {
            columns,
            rows: Vec::new(),
            font_size: 9.0,
            grid: false,
        }
    }
}

/// Text set in one place, measured and wrapped.
fn wrap(face: &Face, text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let space = face.width(" ", size);
    for para in text.split('\n') {
        let mut line = String::new();
        let mut line_w = 0.0;
        for word in para.split(' ') {
            let word_w = face.width(word, size);
            if line.is_empty() && word_w <= width {
                line.push_str(word);
                line_w = word_w;
                continue;
            }
            if !line.is_empty() && line_w + space + word_w <= width {
                line.push(' ');
                line.push_str(word);
                line_w += space + word_w;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            line_w = 0.0;
            // A word wider than the column is broken after a dash or slash where one fits
            // ("15.01.2026–" / "31.12.2026"), else between characters.
            let mut rest = word;
            while !rest.is_empty() {
                let rest_w = face.width(rest, size);
                if rest_w <= width {
                    line = rest.to_string();
                    line_w = rest_w;
                    break;
                }
                let cut = rest
                    .char_indices()
                    .filter(|(_, c)| matches!(c, '–' | '-' | '/'))
                    .map(|(i, c)| i + c.len_utf8())
                    .rfind(|&i| i < rest.len() && face.width(&rest[..i], size) <= width)
                    .or_else(|| {
                        rest.char_indices()
                            .map(|(i, c)| i + c.len_utf8())
                            .take_while(|&i| face.width(&rest[..i], size) <= width)
                            .last()
                    })
                    .unwrap_or_else(|| rest.chars().next().map_or(rest.len(), char::len_utf8));
                lines.push(rest[..cut].to_string());
                rest = &rest[cut..];
            }
        }
        lines.push(line);
    }
    lines
}

/// A piece of text placed on a page.
struct Run {
    text: String,
    bold: bool,
    size: f32,
    x: f32,
    y: f32,
    grey: f32,
}

/// A page being made: its drawings, and its text, which goes on top of them in one text block.
#[derive(Default)]
struct PageOps {
    graphics: Vec<Op>,
    texts: Vec<Run>,
}

/// A table row measured once: each cell's lines, and the row's height.
struct RowLayout {
    lines: Vec<Vec<String>>,
    height: f32,
}

/// The pages being made: the operations of each page and where the next block goes.
struct Pages<'a> {
    doc: &'a Document,
    regular: FontId,
    bold: FontId,
    width: f32,
    height: f32,
    pages: Vec<PageOps>,
    /// The page drawn on: the last one, except while the footers are added.
    current: usize,
    /// The characters set in the regular and the bold font, to subset them.
    used: [BTreeSet<char>; 2],
    y: f32,
}

impl Pages<'_> {
    fn ops(&mut self) -> &mut Vec<Op> {
        &mut self.pages[self.current].graphics
    }

    fn left(&self) -> f32 {
        MARGIN_X
    }

    fn right(&self) -> f32 {
        self.width - MARGIN_X
    }

    fn content_width(&self) -> f32 {
        self.right() - self.left()
    }

    fn bottom(&self) -> f32 {
        MARGIN_BOTTOM
    }

    fn new_page(&mut self) {
        self.pages.push(PageOps::default());
        self.current = self.pages.len() - 1;
        self.y = self.height - MARGIN_TOP;
        let (doc, left, right) = (self.doc, self.left(), self.right());
        // The running header: organisation on the left, title on the right, a rule under them.
        let size = 8.0;
        let base = self.y - size;
        self.text(&doc.organisation.clone(), false, size, left, base, 0.25);
        let title = doc.title.clone();
        let w = faces().0.width(&title, size);
        self.text(&title, false, size, right - w, base, 0.25);
        self.rule(left, right, base - 3.0, 0.5, 0.4);
        self.y -= HEADER_H;
    }

    /// Starts a new page unless `h` points fit above the bottom margin.
    fn ensure(&mut self, h: f32) -> bool {
        if self.y - h < self.bottom() {
            self.new_page();
            true
        } else {
            false
        }
    }

    fn text(&mut self, s: &str, bold: bool, size: f32, x: f32, y: f32, grey: f32) {
        if s.is_empty() {
            return;
        }
        self.used[usize::from(bold)].extend(s.chars());
        self.pages[self.current].texts.push(Run {
            text: s.to_string(),
            bold,
            size,
            x,
            y,
            grey,
        });
    }

    /// The page's operations: the drawings, then all its text in one text block, with the font
    /// and colour set only where they change.
    fn finish(page: PageOps, regular: &FontId, bold: &FontId) -> Vec<Op> {
        let mut ops = page.graphics;
        if page.texts.is_empty() {
            return ops;
        }
        ops.push(Op::StartTextSection);
        let (mut font, mut grey_now) = (None, None);
        for r in page.texts {
            if font != Some((r.bold, r.size.to_bits())) {
                font = Some((r.bold, r.size.to_bits()));
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(if r.bold {
                        bold.clone()
                    } else {
                        regular.clone()
                    }),
                    size: Pt(r.size),
                });
            }
            if grey_now != Some(r.grey.to_bits()) {
                grey_now = Some(r.grey.to_bits());
                ops.push(Op::SetFillColor { col: grey(r.grey) });
            }
            ops.push(Op::SetTextMatrix {
                matrix: printpdf::TextMatrix::Translate(Pt(r.x), Pt(r.y)),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(r.text)],
            });
        }
        ops.push(Op::EndTextSection);
        ops
    }

    fn rule(&mut self, x1: f32, x2: f32, y: f32, thickness: f32, shade: f32) {
        self.line(x1, y, x2, y, thickness, shade);
    }

    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, thickness: f32, shade: f32) {
        let p = |x: f32, y: f32| LinePoint {
            p: Point { x: Pt(x), y: Pt(y) },
            bezier: false,
        };
        self.ops().extend([
            Op::SetOutlineColor { col: grey(shade) },
            Op::SetOutlineThickness { pt: Pt(thickness) },
            Op::DrawLine {
                line: Line {
                    points: vec![p(x1, y1), p(x2, y2)],
                    is_closed: false,
                },
            },
        ]);
    }

    fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, shade: f32) {
        self.ops().extend([
            Op::SetFillColor { col: grey(shade) },
            Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(x),
                    y: Pt(y),
                    width: Pt(w),
                    height: Pt(h),
                    mode: Some(PaintMode::Fill),
                    winding_order: None,
                },
            },
        ]);
    }

    fn paragraph(&mut self, s: &str, size: f32, bold: bool, shade: f32, space_after: f32) {
        let face = if bold { &faces().1 } else { &faces().0 };
        let lh = size * 1.3;
        for line in wrap(face, s, size, self.content_width()) {
            self.ensure(lh);
            let base = self.y - size;
            let left = self.left();
            self.text(&line, bold, size, left, base, shade);
            self.y -= lh;
        }
        self.y -= space_after;
    }

    fn fields(&mut self, pairs: &[(String, String)]) {
        let size = 9.5;
        let lh = size * 1.35;
        let (regular, bold) = (&faces().0, &faces().1);
        let label_w = pairs
            .iter()
            .map(|(l, _)| bold.width(l, size))
            .fold(0.0, f32::max)
            .min(self.content_width() * 0.4)
            + 8.0;
        for (label, value) in pairs {
            let labels = wrap(bold, label, size, label_w - 8.0);
            let values = wrap(regular, value, size, self.content_width() - label_w);
            let n = labels.len().max(values.len());
            self.ensure(lh * n as f32);
            let (left, top) = (self.left(), self.y);
            for (i, l) in labels.iter().enumerate() {
                self.text(l, true, size, left, top - size - lh * i as f32, 0.0);
            }
            for (i, v) in values.iter().enumerate() {
                self.text(
                    v,
                    false,
                    size,
                    left + label_w,
                    top - size - lh * i as f32,
                    0.0,
                );
            }
            self.y -= lh * n as f32;
        }
        self.y -= 4.0;
    }

    fn table(&mut self, t: &Table) {
        let total_weight: f32 = t
            .columns
            .iter()
            .map(|c| c.width)
            .sum::<f32>()
            .max(f32::EPSILON);
        let widths: Vec<f32> = t
            .columns
            .iter()
            .map(|c| c.width / total_weight * self.content_width())
            .collect();
        let header = Row {
            cells: t
                .columns
                .iter()
                .map(|c| Cell {
                    text: c.title.clone(),
                    bold: true,
                    shade: false,
                })
                .collect(),
            total: false,
        };
        let head = Self::measure(t, &widths, &header);
        let rows: Vec<RowLayout> = t
            .rows
            .iter()
            .map(|r| Self::measure(t, &widths, r))
            .collect();
        // The header and at least one row together, or a new page first.
        self.ensure(head.height + rows.first().map_or(0.0, |r| r.height));
        self.draw_row(t, &widths, &header, &head, true);
        for (row, layout) in t.rows.iter().zip(&rows) {
            if self.ensure(layout.height) {
                self.draw_row(t, &widths, &header, &head, true);
            }
            self.draw_row(t, &widths, row, layout, false);
        }
        self.y -= 6.0;
    }

    /// Wraps each cell of a row to its column, once.
    fn measure(t: &Table, widths: &[f32], row: &Row) -> RowLayout {
        let lines: Vec<Vec<String>> = row
            .cells
            .iter()
            .zip(widths)
            .map(|(c, w)| {
                let face = if c.bold || row.total {
                    &faces().1
                } else {
                    &faces().0
                };
                wrap(face, &c.text, t.font_size, w - 2.0 * CELL_PAD_X)
            })
            .collect();
        let n = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
        RowLayout {
            lines,
            height: n as f32 * t.font_size * 1.2 + 2.0 * CELL_PAD_Y,
        }
    }

    fn draw_row(&mut self, t: &Table, widths: &[f32], row: &Row, layout: &RowLayout, header: bool) {
        let h = layout.height;
        let top = self.y;
        let size = t.font_size;
        if header {
            let (left, w) = (self.left(), self.content_width());
            self.fill(left, top - h, w, h, 0.88);
        }
        let mut x = self.left();
        for ((cell, lines), (col, w)) in row
            .cells
            .iter()
            .zip(&layout.lines)
            .zip(t.columns.iter().zip(widths))
        {
            if cell.shade {
                self.fill(x, top - h, *w, h, 0.92);
            }
            let bold = cell.bold || row.total || header;
            let face = if bold { &faces().1 } else { &faces().0 };
            for (i, line) in lines.iter().enumerate() {
                let tx = match col.align {
                    Align::Left => x + CELL_PAD_X,
                    Align::Right => x + w - CELL_PAD_X - face.width(line, size),
                    Align::Center => x + (w - face.width(line, size)) / 2.0,
                };
                let base = top - CELL_PAD_Y - size * 0.9 - i as f32 * size * 1.2;
                self.text(line, bold, size, tx, base, 0.0);
            }
            x += w;
        }
        let (left, right) = (self.left(), self.right());
        if row.total {
            self.rule(left, right, top, 0.8, 0.2);
        }
        self.rule(
            left,
            right,
            top - h,
            if header { 0.8 } else { 0.3 },
            if header { 0.2 } else { 0.6 },
        );
        if t.grid {
            let mut x = left;
            self.line(x, top, x, top - h, 0.3, 0.6);
            for w in widths {
                x += w;
                self.line(x, top, x, top - h, 0.3, 0.6);
            }
        }
        self.y -= h;
    }

    fn footers(&mut self) {
        let n = self.pages.len();
        let doc = self.doc;
        let size = 7.5;
        let left = format!(
            "{} {} · {} {}",
            doc.labels.created, doc.created, doc.labels.number, doc.number
        );
        for i in 0..n {
            let right = format!("{} {}/{}", doc.labels.page, i + 1, n);
            let (l, r) = (self.left(), self.right());
            let w = faces().0.width(&right, size);
            self.current = i;
            self.rule(l, r, FOOTER_Y + size + 2.5, 0.4, 0.6);
            self.text(&left, false, size, l, FOOTER_Y, 0.3);
            self.text(&right, false, size, r - w, FOOTER_Y, 0.3);
        }
    }
}

fn grey(level: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent: level,
        icc_profile: None,
    })
}

/// A laid-out document: its PDF bytes and the number of pages.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub pages: usize,
}

/// Lays out and writes the document as PDF.
pub fn render(doc: &Document) -> Result<Rendered> {
    let (regular, bold) = faces();
    let mut pdf = PdfDocument::new(&doc.title);
    pdf.metadata.info.author = doc.author.clone();
    pdf.metadata.info.subject = doc.subtitle.clone();
    pdf.metadata.info.creator = "KSO Desk".into();
    pdf.metadata.info.producer = "KSO Desk (printpdf)".into();
    pdf.metadata.info.identifier = doc.number.clone();
    // Subset fonts are named with a six-letter tag and `+` (PDF 32000 § 9.6.4).
    let (regular_id, bold_id) = (
        FontId("KSOREG+LiberationSans".into()),
        FontId("KSOBLD+LiberationSans-Bold".into()),
    );
    let (width, height) = match doc.orientation {
        Orientation::Portrait => (A4_SHORT, A4_LONG),
        Orientation::Landscape => (A4_LONG, A4_SHORT),
    };
    let mut pages = Pages {
        doc,
        regular: regular_id,
        bold: bold_id,
        width,
        height,
        pages: Vec::new(),
        current: 0,
        used: [BTreeSet::new(), BTreeSet::new()],
        y: 0.0,
    };
    pages.new_page();
    pages.paragraph(&doc.title, 15.0, true, 0.0, 1.0);
    if !doc.subtitle.is_empty() {
        pages.paragraph(&doc.subtitle, 10.0, false, 0.3, 0.0);
    }
    pages.y -= 8.0;
    for block in &doc.blocks {
        match block {
            Block::Heading(s) => {
                // A heading is kept with at least a few lines of what follows it.
                pages.ensure(11.0 * 1.3 + 40.0);
                pages.y -= 4.0;
                pages.paragraph(s, 11.0, true, 0.0, 2.0);
            }
            Block::Text(s) => pages.paragraph(s, 9.5, false, 0.0, 4.0),
            Block::Note(s) => pages.paragraph(s, 8.0, false, 0.35, 4.0),
            Block::Fields(pairs) => pages.fields(pairs),
            Block::Table(t) => pages.table(t),
            Block::Gap(mm) => pages.y -= mm * MM,
        }
    }
    pages.footers();
    let count = pages.pages.len();
    for (id, face, used) in [
        (&pages.regular, regular, &pages.used[0]),
        (&pages.bold, bold, &pages.used[1]),
    ] {
        let font = face.subset(used)?;
        pdf.resources
            .fonts
            .map
            .insert(id.clone(), PdfFont::new(font));
    }
    let (regular_id, bold_id) = (pages.regular.clone(), pages.bold.clone());
    let pdf_pages: Vec<PdfPage> = pages
        .pages
        .into_iter()
        .map(|p| {
            let ops = Pages::finish(p, &regular_id, &bold_id);
            PdfPage::new(printpdf::Mm(width / MM), printpdf::Mm(height / MM), ops)
        })
        .collect();
    pdf.with_pages(pdf_pages);
    // printpdf's own save compresses every stream at zlib's slowest level; the content streams
    // are compressed here at the default level instead (much faster, a few per cent larger).
    let mut warnings = Vec::new();
    let opts = PdfSaveOptions {
        optimize: false,
        ..PdfSaveOptions::default()
    };
    let mut lo = pdf.to_lopdf_document(&opts, &mut warnings);
    for object in lo.objects.values_mut() {
        if let lopdf::Object::Stream(stream) = object {
            if stream.dict.get(b"Filter").is_err() && stream.content.len() > 64 {
                let mut z =
                    flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
                std::io::Write::write_all(&mut z, &stream.content)
                    .map_err(|e| Error::Render(e.to_string()))?;
                let packed = z.finish().map_err(|e| Error::Render(e.to_string()))?;
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(packed);
            }
        }
    }
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| Error::Render(e.to_string()))?;
    if bytes.is_empty() {
        return Err(Error::Render(format!("{warnings:?}")));
    }
    Ok(Rendered {
        bytes,
        pages: count,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_wrap_to_the_width_and_long_words_break() {
        let face = &faces().0;
        let lines = wrap(
            face,
            "Kasutajatoe- ja seireosakonna valvegraafik",
            10.0,
            80.0,
        );
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| face.width(l, 10.0) <= 80.0));
        assert_eq!(
            lines.join(" "),
            "Kasutajatoe- ja seireosakonna valvegraafik"
        );
        let long = wrap(face, "Väljaõppekorraldusspetsialist", 10.0, 40.0);
        assert!(long.len() > 1);
        assert_eq!(long.concat(), "Väljaõppekorraldusspetsialist");
        // A date range breaks after its dash, not inside a date.
        let dates = wrap(face, "15.01.2026–31.12.2026", 8.0, 60.0);
        assert_eq!(dates, ["15.01.2026–", "31.12.2026"]);
    }

    #[test]
    fn estonian_letters_have_their_own_glyphs() {
        let face = &faces().0;
        for c in "õäöüšžÕÄÖÜŠŽ„“–€§".chars() {
            assert!(face.parsed.lookup_glyph_index(c as u32).is_some(), "{c}");
        }
    }
}
