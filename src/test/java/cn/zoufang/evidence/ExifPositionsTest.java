package cn.zoufang.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import javax.imageio.ImageIO;

import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;

class ExifPositionsTest {

    @ParameterizedTest(name = "little endian: {0}")
    @ValueSource(booleans = { true, false })
    void thePositionGoesAndEverythingElseStays(boolean littleEndian) throws Exception {
        TiffOutputSet exif = new TiffOutputSet(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        exif.setGpsInDegrees(115.795, 28.745);
        exif.getOrCreateExifDirectory().add(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL,
                LocalDateTime.of(2026, 5, 20, 10, 30).format(DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss")));
        exif.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) 6);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ExifRewriter().updateExifMetadataLossless(TestPhotos.jpeg(320, 240), out, exif);
        byte[] photo = out.toByteArray();
        assertTrue(gps(photo) != null && !gps(photo).isZero(), "the test photo has a position");

        byte[] scrubbed = ExifPositions.remove(photo);
        assertEquals(photo.length, scrubbed.length, "nothing moves");
        assertTrue(gps(scrubbed) == null || gps(scrubbed).isZero());
        Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(scrubbed));
        assertNotNull(metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class).getDateOriginal());
        assertEquals(6, metadata.getFirstDirectoryOfType(ExifIFD0Directory.class).getInt(ExifIFD0Directory.TAG_ORIENTATION));
        assertEquals(320, ImageIO.read(new ByteArrayInputStream(scrubbed)).getWidth());
        assertTrue(gps(photo) != null && !gps(photo).isZero(), "the input is left as it was");
    }

    @Test
    void anImageWithoutAPositionIsReturnedAsItIs() throws Exception {
        byte[] png = TestPhotos.png(64, 64);
        assertSame(png, ExifPositions.remove(png));
        byte[] jpeg = TestPhotos.jpeg(64, 64);
        assertSame(jpeg, ExifPositions.remove(jpeg));
    }

    private static com.drew.lang.GeoLocation gps(byte[] image) throws Exception {
        GpsDirectory gps = ImageMetadataReader.readMetadata(new ByteArrayInputStream(image)).getFirstDirectoryOfType(GpsDirectory.class);
        return gps == null ? null : gps.getGeoLocation();
    }
}
