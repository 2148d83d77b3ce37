package cn.zoufang.evidence;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Inspects the files it is given, as the service does, and prints what it found: run in a JVM with a
 * small heap by {@link PhotoInspectorMemoryTest}.
 */
public final class InspectorProbe {

    private InspectorProbe() {
    }

    public static void main(String[] files) throws Exception {
        PhotoInspector.Limits limits = new PhotoInspector.Limits(320, 50_000_000, true);
        for (String file : files) {
            PhotoInspector.Inspection found = PhotoInspector.inspect(Files.readAllBytes(Path.of(file)), limits);
            System.out.println(Path.of(file).getFileName() + " refused=" + found.refused() + " width=" + found.width()
                    + " thumbnail=" + (found.thumbnail() != null) + " shareable=" + (found.shareable() != null));
        }
    }
}
