package cn.zoufang.web;

/** What text the database can store as it was sent. */
public final class TextRules {

    private TextRules() {
    }

    /**
     * False for text holding U+0000 (PostgreSQL refuses it in text columns) or half of a surrogate pair
     * (it cannot be encoded as UTF-8 without changing it).
     */
    public static boolean isStorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
