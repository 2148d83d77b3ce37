package cn.zoufang.evidence;

/** Why a photo was refused at confirmation. */
public enum RejectReason {
    TOO_LARGE("照片超过大小上限"),
    NOT_AN_IMAGE("文件不是 JPEG、PNG 或 HEIC 图片"),
    TYPE_MISMATCH("文件类型与申请时不符"),
    HASH_MISMATCH("文件校验值不符，可能上传不完整"),
    UPLOAD_EXPIRED("超过 24 小时未确认上传");

    private final String label;

    RejectReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
