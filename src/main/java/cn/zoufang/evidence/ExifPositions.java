package cn.zoufang.evidence;

/**
 * Removes the GPS position from the EXIF blocks of an image, in place: the GPS directory's values are
 * overwritten with zeros and nothing else moves, so every format that embeds a TIFF-structured EXIF
 * block (JPEG's APP1, PNG's eXIf, HEIC's Exif item) stays exactly as valid as it was, orientation and
 * pixels untouched. A reader then finds no position (zero, with no hemisphere).
 */
final class ExifPositions {

    private static final int GPS_IFD_POINTER = 0x8825;
    private static final int[] TYPE_SIZES = { 0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8 };

    private ExifPositions() {
    }

    /** @return the bytes without a GPS position, or the same array when there was none */
    static byte[] remove(byte[] image) {
        byte[] out = null;
        for (int i = 0; i + 8 <= image.length; i++) {
            boolean little = image[i] == 'I' && image[i + 1] == 'I' && image[i + 2] == 42 && image[i + 3] == 0;
            boolean big = image[i] == 'M' && image[i + 1] == 'M' && image[i + 2] == 0 && image[i + 3] == 42;
            if (!little && !big) {
                continue;
            }
            byte[] target = out == null ? image.clone() : out;
            if (scrub(target, i, little)) {
                out = target;
            }
        }
        return out == null ? image : out;
    }

    /** Zeros the values of the GPS directory of the TIFF block at {@code base}; false if it has none. */
    private static boolean scrub(byte[] b, int base, boolean little) {
        Tiff t = new Tiff(b, base, little);
        long ifd0 = t.u32(4);
        Integer gps = null;
        int count = t.u16(ifd0);
        if (count <= 0 || count > 500 || !t.within(ifd0 + 2, count * 12L + 4)) {
            return false;
        }
        for (int e = 0; e < count; e++) {
            long entry = ifd0 + 2 + e * 12L;
            if (t.u16(entry) == GPS_IFD_POINTER) {
                gps = (int) t.u32(entry + 8);
            }
        }
        if (gps == null) {
            return false;
        }
        int fields = t.u16(gps);
        if (fields <= 0 || fields > 100 || !t.within(gps + 2, fields * 12L)) {
            return false;
        }
        for (int e = 0; e < fields; e++) {
            long entry = gps + 2 + e * 12L;
            int type = t.u16(entry + 2);
            long n = t.u32(entry + 4);
            long size = type > 0 && type < TYPE_SIZES.length ? TYPE_SIZES[type] * n : 4;
            if (size <= 4) {
                t.zero(entry + 8, 4);
            } else {
                long offset = t.u32(entry + 8);
                if (t.within(offset, size)) {
                    t.zero(offset, size);
                }
            }
        }
        return true;
    }

    /** Offsets are relative to the TIFF header, as in EXIF. */
    private record Tiff(byte[] b, int base, boolean little) {

        boolean within(long offset, long length) {
            return offset >= 0 && length >= 0 && base + offset + length <= b.length;
        }

        int u16(long offset) {
            if (!within(offset, 2)) {
                return -1;
            }
            int p = (int) (base + offset);
            return little ? (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 : (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
        }

        long u32(long offset) {
            if (!within(offset, 4)) {
                return -1;
            }
            int p = (int) (base + offset);
            long v = little
                    ? (b[p] & 0xffL) | (b[p + 1] & 0xffL) << 8 | (b[p + 2] & 0xffL) << 16 | (b[p + 3] & 0xffL) << 24
                    : (b[p] & 0xffL) << 24 | (b[p + 1] & 0xffL) << 16 | (b[p + 2] & 0xffL) << 8 | (b[p + 3] & 0xffL);
            return v;
        }

        void zero(long offset, long length) {
            java.util.Arrays.fill(b, (int) (base + offset), (int) (base + offset + length), (byte) 0);
        }
    }
}
