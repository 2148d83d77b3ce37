package cn.zoufang.document;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import cn.zoufang.document.OfficialDocument.Block;
import cn.zoufang.document.OfficialDocument.Field;
import cn.zoufang.document.OfficialDocument.Heading;
import cn.zoufang.document.OfficialDocument.Paragraph;
import cn.zoufang.document.OfficialDocument.Table;

/**
 * Draws an {@link OfficialDocument} as PDF with PDFBox in GB/T 9704's page layout (A4, margins 37/35/28/26 mm,
 * 3号 body on a 28-point grid, red header and line, page numbers "— 1 —" outside at the foot), in one CJK
 * TrueType font embedded as a subset ({@link DocumentFonts}): a PDF must read the same on every machine.
 */
public final class PdfWriter {

    public static final String MEDIA_TYPE = "application/pdf";

    private static final float MM = 72f / 25.4f;
    private static final PDRectangle PAGE = PDRectangle.A4;
    private static final float TOP = 37 * MM;
    private static final float BOTTOM = 35 * MM;
    private static final float LEFT = 28 * MM;
    private static final float RIGHT = 26 * MM;
    private static final float WIDTH = PAGE.getWidth() - LEFT - RIGHT;
    private static final float BODY = 16;
    private static final float LINE = 28;
    private static final float CELL = 10.5f;
    private static final float CELL_LINE = 15;
    private static final float PAD = 4;
    private static final Color RED = new Color(0xE6, 0x00, 0x12);

    private final PDDocument doc;
    private final PDType0Font font;
    private final CmapLookup cmap;
    private PDPageContentStream out;
    private float y;

    private PdfWriter(PDDocument doc, TrueTypeFont ttf) throws IOException {
        this.doc = doc;
        this.font = PDType0Font.load(doc, ttf, true);
        this.cmap = ttf.getUnicodeCmapLookup();
    }

    public static byte[] write(OfficialDocument d, DocumentFonts fonts) {
        try (PDDocument doc = new PDDocument(); DocumentFonts.Loaded ttf = fonts.load();
                ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            PdfWriter w = new PdfWriter(doc, ttf.font());
            w.draw(d);
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(d.title());
            info.setAuthor(d.signature());
            info.setCreator("走访 Zoufang");
            doc.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void draw(OfficialDocument d) throws IOException {
        newPage();
        if (d.issuer() != null) {
            // As large as 26 pt allows within the margins: a long office name is set smaller, never cut.
            centred(d.issuer(), Math.min(26, WIDTH / (width(printable(d.issuer()), 1) * 1.02f)), 40, RED);
            centred(d.number() == null ? "" : d.number(), BODY, LINE, Color.BLACK);
            y -= 6;
            out.setStrokingColor(RED);
            out.setLineWidth(1.5f);
            out.moveTo(LEFT, y);
            out.lineTo(LEFT + WIDTH, y);
            out.stroke();
            y -= LINE;
        }
        for (String line : wrap(d.title(), 22, WIDTH - 44)) {
            centred(line, 22, 36, Color.BLACK);
        }
        y -= LINE / 2;
        if (d.recipients() != null) {
            text(d.recipients(), BODY, LINE, 0);
        }
        for (Block b : d.body()) {
            if (b instanceof Heading h) {
                text(h.text(), BODY, LINE, 2 * BODY);
            } else if (b instanceof Paragraph p) {
                text(p.text(), BODY, LINE, 2 * BODY);
            } else if (b instanceof Field f) {
                text(f.label() + "：" + f.value(), BODY, LINE, 0);
            } else if (b instanceof Table t) {
                table(t);
            }
        }
        y -= LINE;
        if (d.signature() != null) {
            right(d.signature());
        }
        if (d.date() != null) {
            right(Texts.chineseDate(d.date()));
        }
        out.close();
        pageNumbers();
    }

    // ---- text --------------------------------------------------------------------------------------

    /** A paragraph: wrapped to the width, the first line indented by {@code indent}. */
    private void text(String text, float size, float line, float indent) throws IOException {
        List<String> lines = wrap(text, size, WIDTH - indent, WIDTH);
        for (int i = 0; i < lines.size(); i++) {
            room(line);
            show(lines.get(i), size, LEFT + (i == 0 ? indent : 0), y - size, Color.BLACK);
            y -= line;
        }
    }

    private void centred(String text, float size, float line, Color color) throws IOException {
        room(line);
        String s = printable(text);
        show(s, size, LEFT + (WIDTH - width(s, size)) / 2, y - size, color);
        y -= line;
    }

    /** Right-aligned, four characters in from the margin, as GB/T 9704 places the issuer and the date. */
    private void right(String text) throws IOException {
        room(LINE);
        String s = printable(text);
        show(s, BODY, LEFT + WIDTH - 4 * BODY - width(s, BODY), y - BODY, Color.BLACK);
        y -= LINE;
    }

    private void show(String s, float size, float x, float baseline, Color color) throws IOException {
        out.beginText();
        out.setNonStrokingColor(color);
        out.setFont(font, size);
        out.newLineAtOffset(x, baseline);
        out.showText(s);
        out.endText();
    }

    List<String> wrap(String text, float size, float width) throws IOException {
        return wrap(text, size, width, width);
    }

    /**
     * Breaks anywhere between Chinese characters, never inside a run of Latin letters and digits (a ledger
     * number stays whole) unless the run alone is wider than a line; no line starts with closing punctuation.
     */
    List<String> wrap(String text, float size, float first, float rest) throws IOException {
        String s = printable(text);
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        float limit = first;
        int i = 0;
        while (i < s.length()) {
            int end = i + Character.charCount(s.codePointAt(i));
            if (isWordChar(s.codePointAt(i))) {
                while (end < s.length() && isWordChar(s.codePointAt(end))) {
                    end++;
                }
            }
            String piece = s.substring(i, end);
            boolean closing = piece.length() == 1 && "，。、；：？！）》」』”’%".indexOf(piece.charAt(0)) >= 0;
            if (line.length() > 0 && !closing && width(line + piece, size) > limit) {
                if (width(piece, size) > limit) {
                    // A run wider than a line: break it by characters.
                    end = i + Character.charCount(s.codePointAt(i));
                    piece = s.substring(i, end);
                    if (width(line + piece, size) > limit) {
                        lines.add(line.toString());
                        line.setLength(0);
                        limit = rest;
                    }
                } else {
                    lines.add(line.toString());
                    line.setLength(0);
                    limit = rest;
                }
            }
            line.append(piece);
            i = end;
        }
        if (line.length() > 0 || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static boolean isWordChar(int cp) {
        return cp < 0x80 && (Character.isLetterOrDigit(cp) || cp == '-' || cp == '.' || cp == '/' || cp == '_');
    }

    /** The text with what the font cannot draw replaced (a PDF must not fail on one rare character). */
    private String printable(String text) {
        StringBuilder b = new StringBuilder();
        text.replace('\t', ' ').replace('\r', ' ').replace('\n', ' ').codePoints().forEach(cp ->
                b.appendCodePoint(cmap.getGlyphId(cp) > 0 || cp == ' ' ? cp : '?'));
        return b.toString();
    }

    private float width(String s, float size) throws IOException {
        return font.getStringWidth(s) / 1000 * size;
    }

    // ---- tables ------------------------------------------------------------------------------------

    private void table(Table t) throws IOException {
        if (t.caption() != null) {
            y -= LINE / 4;
            centred(t.caption(), 14, LINE, Color.BLACK);
        }
        int total = t.widths().stream().mapToInt(Integer::intValue).sum();
        float[] widths = new float[t.widths().size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = WIDTH * t.widths().get(c) / total;
        }
        row(t.header(), widths, true);
        for (List<String> r : t.rows()) {
            if (rowHeight(r, widths) > y - BOTTOM) {
                newPage();
                row(t.header(), widths, true);
            }
            row(r, widths, false);
        }
        y -= LINE / 2;
    }

    /** A row no taller than a page (with its header row): a longer cell keeps its first lines and ends "（略）". */
    private static final int MAX_CELL_LINES = (int) ((PAGE.getHeight() - TOP - BOTTOM - 4 * PAD) / CELL_LINE) - 3;

    private List<String> cellLines(String text, float width) throws IOException {
        List<String> lines = wrap(text == null ? "" : text, CELL, width - 2 * PAD);
        if (lines.size() <= MAX_CELL_LINES) {
            return lines;
        }
        List<String> kept = new java.util.ArrayList<>(lines.subList(0, MAX_CELL_LINES));
        String last = kept.get(MAX_CELL_LINES - 1);
        kept.set(MAX_CELL_LINES - 1, last.substring(0, Math.max(0, last.length() - 3)) + "（略）");
        return kept;
    }

    private float rowHeight(List<String> cells, float[] widths) throws IOException {
        int lines = 1;
        for (int c = 0; c < cells.size(); c++) {
            lines = Math.max(lines, cellLines(cells.get(c), widths[c]).size());
        }
        return lines * CELL_LINE + 2 * PAD;
    }

    private void row(List<String> cells, float[] widths, boolean header) throws IOException {
        float h = rowHeight(cells, widths);
        room(h);
        float x = LEFT;
        if (header) {
            out.setNonStrokingColor(new Color(0xD9, 0xD9, 0xD9));
            out.addRect(LEFT, y - h, WIDTH, h);
            out.fill();
        }
        out.setStrokingColor(Color.BLACK);
        out.setLineWidth(0.5f);
        for (int c = 0; c < cells.size(); c++) {
            out.addRect(x, y - h, widths[c], h);
            out.stroke();
            List<String> lines = cellLines(cells.get(c), widths[c]);
            float top = y - PAD;
            for (String line : lines) {
                float lx = x + (widths[c] - width(line, CELL)) / 2;
                show(line, CELL, lx, top - CELL, Color.BLACK);
                top -= CELL_LINE;
            }
            x += widths[c];
        }
        y -= h;
    }

    // ---- pages -------------------------------------------------------------------------------------

    /** A new page when {@code height} does not fit above the bottom margin. */
    private void room(float height) throws IOException {
        if (y - height < BOTTOM) {
            newPage();
        }
    }

    private void newPage() throws IOException {
        if (out != null) {
            out.close();
        }
        PDPage page = new PDPage(PAGE);
        doc.addPage(page);
        out = new PDPageContentStream(doc, page);
        y = PAGE.getHeight() - TOP;
    }

    /** "— 1 —" in 4号, one character in from the outer margin: right on odd pages, left on even ones. */
    private void pageNumbers() throws IOException {
        int n = 0;
        for (PDPage page : doc.getPages()) {
            n++;
            String label = "— " + n + " —";
            float w = width(label, 14);
            float x = n % 2 == 1 ? LEFT + WIDTH - 14 - w : LEFT + 14;
            try (PDPageContentStream s = new PDPageContentStream(doc, page, AppendMode.APPEND, true)) {
                s.beginText();
                s.setNonStrokingColor(Color.BLACK);
                s.setFont(font, 14);
                s.newLineAtOffset(x, BOTTOM - 7 * MM - 14);
                s.showText(label);
                s.endText();
            }
        }
    }
}
