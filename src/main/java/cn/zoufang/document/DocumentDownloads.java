package cn.zoufang.document;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import cn.zoufang.web.Downloads;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * An {@link OfficialDocument} as a file to save, Word or PDF. Both writers are CPU-bound and the PDF reads its
 * font file: they run on worker threads, never on the event loop.
 */
@ApplicationScoped
public class DocumentDownloads {

    private final DocumentFonts fonts;
    private final Vertx vertx;

    public DocumentDownloads(DocumentFonts fonts, Vertx vertx) {
        this.fonts = fonts;
        this.vertx = vertx;
    }

    /** As Word ({@code docx}) or PDF ({@code pdf}), the two formats every document endpoint offers. */
    public Uni<Response> file(OfficialDocument d, String format, String asciiBase, String name) {
        return "pdf".equals(format) ? pdf(d, asciiBase, name) : docx(d, asciiBase, name);
    }

    /** {@code asciiBase} names the file for old clients ("bulletin-2026-Q2"), {@code name} in Chinese, both without extension. */
    public Uni<Response> docx(OfficialDocument d, String asciiBase, String name) {
        return render(d, DocxWriter::write, DocxWriter.MEDIA_TYPE, asciiBase + ".docx", name + ".docx");
    }

    public Uni<Response> pdf(OfficialDocument d, String asciiBase, String name) {
        return render(d, doc -> PdfWriter.write(doc, fonts), PdfWriter.MEDIA_TYPE, asciiBase + ".pdf", name + ".pdf");
    }

    private Uni<Response> render(OfficialDocument d, Function<OfficialDocument, byte[]> writer, String type, String ascii,
            String name) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> Downloads.attachment(writer.apply(d), type, ascii, name)));
    }
}
