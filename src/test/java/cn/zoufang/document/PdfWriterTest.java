package cn.zoufang.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import cn.zoufang.web.ApiException;
import cn.zoufang.web.ErrorCode;

/**
 * The PDF writer on its own, with the font the scripts install: a cell longer than a page is cut ("（略）")
 * instead of running off it, and a character the font lacks becomes "?" instead of failing the document.
 */
class PdfWriterTest {

    private static final DocumentFonts FONTS = new DocumentFonts("/usr/share/fonts/truetype/arphic/uming.ttc", "UMingCN");

    @Test
    void aCellLongerThanAPageIsCutAndACharacterTheFontLacksDoesNotFailIt() throws Exception {
        String decision = "由承办单位牵头协调解决".repeat(200);
        OfficialDocument d = new OfficialDocument(OfficialDocument.LEADING_GROUP_OFFICE, "走访办通〔2026〕第1期", "测试通报", "各单位：",
                new OfficialDocument.Body().paragraph("正文。")
                        .table(new OfficialDocument.Table(null, List.of("台账编号", "决定事项"), List.of(20, 80),
                                List.of(List.of("2026-000001", decision), List.of("2026-000002", "短的决定"))))
                        .paragraph("表后的段落\uD83D\uDE00仍然写出。").blocks(),
                OfficialDocument.LEADING_GROUP_OFFICE, LocalDate.of(2026, 12, 3));
        try (PDDocument pdf = Loader.loadPDF(PdfWriter.write(d, FONTS))) {
            String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", "");
            assertTrue(text.contains("（略）"), "the long cell is cut");
            assertTrue(text.contains("短的决定"), text);
            assertTrue(text.contains("表后的段落?仍然写出。"), text);
            // The long row fills most of a page after the header and title; the rest follows on later pages.
            assertTrue(pdf.getNumberOfPages() >= 2 && pdf.getNumberOfPages() <= 3, "pages: " + pdf.getNumberOfPages());
            for (int i = 1; i <= pdf.getNumberOfPages(); i++) {
                PDFTextStripper one = new PDFTextStripper();
                one.setStartPage(i);
                one.setEndPage(i);
                assertTrue(one.getText(pdf).contains("— " + i + " —"));
            }
        }
    }

    /** Without the font a PDF is 503 (the Word version still works), never a 500. */
    @Test
    void withoutItsFontAPdfIsUnavailable() {
        DocumentFonts none = new DocumentFonts("/nonexistent/zoufang-font.ttc", "UMingCN");
        OfficialDocument d = new OfficialDocument(null, null, "测试", null, List.of(), null, null);
        assertFalse(none.available());
        ApiException e = assertThrows(ApiException.class, () -> PdfWriter.write(d, none));
        assertEquals(ErrorCode.SERVICE_UNAVAILABLE, e.code());
        assertTrue(DocxWriter.write(d).length > 0);
    }
}
