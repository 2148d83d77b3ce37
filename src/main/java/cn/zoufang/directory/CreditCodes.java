package cn.zoufang.directory;

/** GB 32100-2015 unified social credit codes: 18 characters, the last a weighted mod-31 check. */
public final class CreditCodes {

    private CreditCodes() {
    }

    /** The 31 characters the standard allows: digits and upper-case letters without I, O, Z, S, V. */
    public static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

    /** @return why {@code code} is not valid, or null when it is */
    public static String problem(String code) {
        if (code.length() != 18) {
            return "统一社会信用代码应为 18 位，当前为 " + code.length() + " 位";
        }
        for (int i = 0; i < 18; i++) {
            char c = code.charAt(i);
            if (ALPHABET.indexOf(c) < 0) {
                return "第 " + (i + 1) + " 位字符“" + c + "”不允许（只能是数字和除 I、O、Z、S、V 外的大写字母）";
            }
        }
        for (int i = 2; i < 8; i++) {
            if (!Character.isDigit(code.charAt(i))) {
                return "第 3 至 8 位应为登记管理机关行政区划码（数字）";
            }
        }
        if (code.charAt(17) != checkCharacter(code.substring(0, 17))) {
            return "校验位不正确";
        }
        return null;
    }

    /** The 18th character for the first 17 (which must already be in the alphabet). */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return ALPHABET.charAt(check == 31 ? 0 : check);
    }

}
