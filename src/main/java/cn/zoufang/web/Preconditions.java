package cn.zoufang.web;

/**
 * Conditional writes: every response about a versioned object carries {@code ETag: "<version>"}; a
 * change must send it back in {@code If-Match}. Missing → 428, stale → 412.
 */
public final class Preconditions {

    private Preconditions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    public static void requireMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiException(ErrorCode.PRECONDITION_REQUIRED, "请带上最近一次读取时得到的 ETag");
        }
        String current = etag(currentVersion);
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(current) || tag.equals("*")) {
                return;
            }
        }
        throw new ApiException(ErrorCode.PRECONDITION_FAILED, "当前版本为 " + current + "，请刷新后重试");
    }
}
