package cn.zoufang.document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;

import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.Borders;
import org.apache.poi.xwpf.usermodel.LineSpacingRule;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.TableRowAlign;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFooter;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;

import cn.zoufang.document.OfficialDocument.Block;
import cn.zoufang.document.OfficialDocument.Field;
import cn.zoufang.document.OfficialDocument.Heading;
import cn.zoufang.document.OfficialDocument.Paragraph;
import cn.zoufang.document.OfficialDocument.Table;

/**
 * Writes an {@link OfficialDocument} as Word (.docx) in GB/T 9704's layout: A4, margins 37/35/28/26 mm,
 * the red header in 方正小标宋简体, body in 3号 仿宋_GB2312 on a 28-point grid, headings in 黑体 and 楷体_GB2312,
 * page numbers "— 1 —" at the foot. The fonts are named, not embedded: government PCs have them, and Word
 * falls back to a Song face where they are missing.
 */
public final class DocxWriter {

    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    static final String TITLE_FONT = "方正小标宋简体";
    static final String BODY_FONT = "仿宋_GB2312";
    static final String HEADING_FONT = "黑体";
    static final String SUBHEADING_FONT = "楷体_GB2312";
    private static final int BODY_PT = 16;
    private static final double TABLE_PT = 10.5;
    private static final int TWIPS_PER_MM = 57;

    private DocxWriter() {
    }

    public static byte[] write(OfficialDocument d) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            page(doc);
            if (d.issuer() != null) {
                XWPFParagraph header = paragraph(doc, ParagraphAlignment.CENTER, 0, 40);
                // 26 pt, or smaller for a long office name: one line within the margins (about 442 pt wide).
                run(header, d.issuer(), TITLE_FONT, Math.min(26, Math.floor(440.0 / d.issuer().length())), "FF0000");
                XWPFParagraph number = paragraph(doc, ParagraphAlignment.CENTER, 0, 28);
                run(number, d.number() == null ? "" : d.number(), BODY_FONT, BODY_PT, null);
                // The red line under the document number.
                number.setBorderBottom(Borders.SINGLE);
                number.getCTP().getPPr().getPBdr().getBottom().setColor("FF0000");
                number.getCTP().getPPr().getPBdr().getBottom().setSz(BigInteger.valueOf(12));
            }
            paragraph(doc, ParagraphAlignment.CENTER, 0, 28);
            run(paragraph(doc, ParagraphAlignment.CENTER, 0, 36), d.title(), TITLE_FONT, 22, null);
            paragraph(doc, ParagraphAlignment.CENTER, 0, 28);
            if (d.recipients() != null) {
                run(paragraph(doc, ParagraphAlignment.LEFT, 0, 28), d.recipients(), BODY_FONT, BODY_PT, null);
            }
            for (Block b : d.body()) {
                block(doc, b);
            }
            paragraph(doc, ParagraphAlignment.LEFT, 0, 28);
            if (d.signature() != null) {
                run(paragraph(doc, ParagraphAlignment.RIGHT, 0, 28), d.signature(), BODY_FONT, BODY_PT, null);
            }
            if (d.date() != null) {
                run(paragraph(doc, ParagraphAlignment.RIGHT, 0, 28), Texts.chineseDate(d.date()), BODY_FONT, BODY_PT, null);
            }
            footer(doc);
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void block(XWPFDocument doc, Block b) {
        if (b instanceof Heading h) {
            run(paragraph(doc, ParagraphAlignment.LEFT, 2 * BODY_PT, 28), h.text(),
                    h.level() == 1 ? HEADING_FONT : SUBHEADING_FONT, BODY_PT, null);
        } else if (b instanceof Paragraph p) {
            run(paragraph(doc, ParagraphAlignment.BOTH, 2 * BODY_PT, 28), p.text(), BODY_FONT, BODY_PT, null);
        } else if (b instanceof Field f) {
            XWPFParagraph p = paragraph(doc, ParagraphAlignment.LEFT, 0, 28);
            run(p, f.label() + "：", HEADING_FONT, BODY_PT, null);
            run(p, f.value(), BODY_FONT, BODY_PT, null);
        } else if (b instanceof Table t) {
            table(doc, t);
        }
    }

    private static void table(XWPFDocument doc, Table t) {
        if (t.caption() != null) {
            run(paragraph(doc, ParagraphAlignment.CENTER, 0, 28), t.caption(), HEADING_FONT, 14, null);
        }
        XWPFTable table = doc.createTable(t.rows().size() + 1, t.header().size());
        table.setTableAlignment(TableRowAlign.CENTER);
        table.setWidth("100%");
        int total = t.widths().stream().mapToInt(Integer::intValue).sum();
        cells(table.getRow(0), t.header(), t.widths(), total, true);
        for (int i = 0; i < t.rows().size(); i++) {
            cells(table.getRow(i + 1), t.rows().get(i), t.widths(), total, false);
        }
        // Header row repeated on each page the table runs over.
        table.getRow(0).setRepeatHeader(true);
        paragraph(doc, ParagraphAlignment.LEFT, 0, 14);
    }

    private static void cells(XWPFTableRow row, List<String> values, List<Integer> widths, int total, boolean header) {
        for (int c = 0; c < values.size(); c++) {
            XWPFTableCell cell = row.getCell(c);
            cell.setWidth(Math.round(100.0 * widths.get(c) / total) + "%");
            if (header) {
                cell.setColor("D9D9D9");
            }
            XWPFParagraph p = cell.getParagraphs().get(0);
            p.setAlignment(ParagraphAlignment.CENTER);
            XWPFRun r = run(p, values.get(c) == null ? "" : values.get(c), header ? HEADING_FONT : BODY_FONT, TABLE_PT, null);
            r.setBold(false);
        }
    }

    private static void page(XWPFDocument doc) {
        CTSectPr section = doc.getDocument().getBody().isSetSectPr() ? doc.getDocument().getBody().getSectPr()
                : doc.getDocument().getBody().addNewSectPr();
        CTPageSz size = section.isSetPgSz() ? section.getPgSz() : section.addNewPgSz();
        size.setW(BigInteger.valueOf(11906));
        size.setH(BigInteger.valueOf(16838));
        CTPageMar margins = section.isSetPgMar() ? section.getPgMar() : section.addNewPgMar();
        margins.setTop(BigInteger.valueOf(37L * TWIPS_PER_MM));
        margins.setBottom(BigInteger.valueOf(35L * TWIPS_PER_MM));
        margins.setLeft(BigInteger.valueOf(28L * TWIPS_PER_MM));
        margins.setRight(BigInteger.valueOf(26L * TWIPS_PER_MM));
    }

    /** "— 1 —": the page number, 4号 宋体, centred. */
    private static void footer(XWPFDocument doc) {
        XWPFFooter footer = doc.createFooter(HeaderFooterType.DEFAULT);
        XWPFParagraph p = footer.createParagraph();
        p.setAlignment(ParagraphAlignment.CENTER);
        run(p, "— ", "宋体", 14, null);
        p.getCTP().addNewFldSimple().setInstr("PAGE");
        run(p, " —", "宋体", 14, null);
    }

    private static XWPFParagraph paragraph(XWPFDocument doc, ParagraphAlignment align, int firstLinePt, int linePt) {
        XWPFParagraph p = doc.createParagraph();
        p.setAlignment(align);
        if (firstLinePt > 0) {
            p.setIndentationFirstLine(firstLinePt * 20);
        }
        p.setSpacingBetween(linePt, LineSpacingRule.EXACT);
        p.setSpacingAfter(0);
        return p;
    }

    private static XWPFRun run(XWPFParagraph p, String text, String font, double pt, String color) {
        XWPFRun r = p.createRun();
        r.setText(text);
        r.setFontSize(pt);
        r.setFontFamily(font, XWPFRun.FontCharRange.eastAsia);
        r.setFontFamily("Times New Roman", XWPFRun.FontCharRange.ascii);
        r.setFontFamily("Times New Roman", XWPFRun.FontCharRange.hAnsi);
        if (color != null) {
            r.setColor(color);
        }
        return r;
    }
}
