package cn.zoufang.document;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import cn.zoufang.web.ApiException;
import cn.zoufang.web.ErrorCode;

/**
 * The CJK TrueType font the PDFs are drawn in: a file from an operating-system package (by default Debian's
 * fonts-arphic-uming, AR PL UMing: a Song face), never fetched at run time. A TrueType collection (.ttc) is
 * read by the face's PostScript name (UMingCN). Without the file PDFs answer 503 and readiness says why; Word documents, which
 * name their fonts, still work.
 */
@ApplicationScoped
public class DocumentFonts {

    private final File file;
    private final String name;

    public DocumentFonts(
            @ConfigProperty(name = "zoufang.documents.font-file", defaultValue = "/usr/share/fonts/truetype/arphic/uming.ttc") String file,
            @ConfigProperty(name = "zoufang.documents.font-name", defaultValue = "UMingCN") String name) {
        this.file = new File(file);
        this.name = name;
    }

    /** The font, open until closed (the collection reads glyphs from the file as the PDF needs them). */
    public record Loaded(TrueTypeFont font, Closeable source) implements Closeable {
        @Override
        public void close() throws IOException {
            source.close();
        }
    }

    /** Whether PDFs can be drawn (the font file is there). */
    public boolean available() {
        return file.canRead();
    }

    public String path() {
        return file.getPath();
    }

    public Loaded load() throws IOException {
        if (!available()) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "PDF 所需的中文字体未安装，请下载 Word 版本，或请管理员安装字体");
        }
        if (file.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".ttc")) {
            TrueTypeCollection collection = new TrueTypeCollection(file);
            TrueTypeFont font = collection.getFontByName(name);
            if (font == null) {
                collection.close();
                throw new IOException("no face " + name + " in " + file);
            }
            return new Loaded(font, collection);
        }
        TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBufferedFile(file));
        return new Loaded(font, font);
    }

    /** Readiness says whether PDFs can be drawn; never DOWN: without the font, Word documents say the same. */
    @Readiness
    @ApplicationScoped
    public static class Health implements HealthCheck {

        private final DocumentFonts fonts;

        public Health(DocumentFonts fonts) {
            this.fonts = fonts;
        }

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("document-font").up()
                    .withData("pdf", fonts.available() ? fonts.path() : "font missing: PDFs answer 503").build();
        }
    }
}
