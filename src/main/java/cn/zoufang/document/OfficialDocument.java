package cn.zoufang.document;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A document in the layout of official documents (GB/T 9704): the issuing office's red header and the
 * document number, a centred title, whom it is addressed to, the body (numbered headings, paragraphs,
 * tables), the issuer and date at the end. One model, written as Word ({@link DocxWriter}) and as PDF
 * ({@link PdfWriter}), so that the two never say different things.
 */
public record OfficialDocument(String issuer, String number, String title, String recipients, List<Block> body,
        String signature, LocalDate date) {

    /** Who issues the program's documents (its red header and signature). */
    public static final String LEADING_GROUP_OFFICE = "企业大走访和挂点帮扶工作领导小组办公室";

    public sealed interface Block permits Heading, Paragraph, Table, Field {
    }

    /** Level 1 is numbered 一、二、 (黑体); level 2 （一）（二） (楷体). The number is part of the text. */
    public record Heading(int level, String text) implements Block {
    }

    /** A body paragraph, first line indented two characters. */
    public record Paragraph(String text) implements Block {
    }

    /** A table: relative column widths, a header row, the rows; {@code caption} above it (may be null). */
    public record Table(String caption, List<String> header, List<Integer> widths, List<List<String>> rows)
            implements Block {

        public Table {
            if (header.size() != widths.size()) {
                throw new IllegalArgumentException("a width per column");
            }
            for (List<String> row : rows) {
                if (row.size() != header.size()) {
                    throw new IllegalArgumentException("a cell per column: " + row);
                }
            }
        }
    }

    /** A labelled field of a form (督办单: 台账编号, 企业, 办理期限…), label and value side by side. */
    public record Field(String label, String value) implements Block {
    }

    /** Builds the body block by block, numbering first-level headings 一、二、三. */
    public static final class Body {
        private static final String[] NUMBERS = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十" };
        private final List<Block> blocks = new ArrayList<>();
        private int headings;
        private int subheadings;

        public Body heading(String text) {
            subheadings = 0;
            blocks.add(new Heading(1, NUMBERS[headings++ % NUMBERS.length] + "、" + text));
            return this;
        }

        public Body subheading(String text) {
            blocks.add(new Heading(2, "（" + NUMBERS[subheadings++ % NUMBERS.length] + "）" + text));
            return this;
        }

        public Body paragraph(String text) {
            blocks.add(new Paragraph(text));
            return this;
        }

        public Body table(Table table) {
            blocks.add(table);
            return this;
        }

        public Body field(String label, String value) {
            blocks.add(new Field(label, value == null ? "" : value));
            return this;
        }

        public List<Block> blocks() {
            return List.copyOf(blocks);
        }
    }
}
