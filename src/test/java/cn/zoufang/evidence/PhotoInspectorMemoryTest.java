package cn.zoufang.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory bounded by construction: the inspector runs in a JVM with a 48 MB heap. A 22000 × 22000 PNG
 * (1.9 GB decoded) is refused from its header; a 6000 × 4000 JPEG (72 MB decoded in full, within the
 * pixel limit) gets its thumbnail and shareable copy from a subsampled decode. Decoding either whole
 * would end in OutOfMemoryError.
 */
class PhotoInspectorMemoryTest {

    @Test
    void aSmallHeapInspectsABombAndALargePhoto(@TempDir Path dir) throws Exception {
        Path bomb = dir.resolve("bomb.png");
        Files.write(bomb, TestPhotos.hugePng(22_000, 22_000));
        Path large = dir.resolve("large.jpg");
        Files.write(large, largeJpeg(6000, 4000));

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process probe = new ProcessBuilder(List.of(java.toString(), "-Xmx48m", "-XX:+ExitOnOutOfMemoryError",
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), InspectorProbe.class.getName(),
                bomb.toString(), large.toString()))
                .redirectErrorStream(true).start();
        assertTrue(probe.waitFor(5, TimeUnit.MINUTES), "the probe finished");
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, probe.exitValue(), out);
        assertTrue(out.contains("bomb.png refused=TOO_MANY_PIXELS"), out);
        assertTrue(out.contains("large.jpg refused=null width=6000 thumbnail=true shareable=true"), out);
    }

    private static byte[] largeJpeg(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.ORANGE, width, height, Color.BLUE));
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }
}
