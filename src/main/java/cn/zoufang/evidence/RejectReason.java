package cn.zoufang.evidence;

/** Why a photo was refused at confirmation. */
public enum RejectReason {
    TOO_LARGE("照片超过大小上限"),
    NOT_AN_IMAGE("文件不是 JPEG、PNG 或 HEIC 图片"),
    UNREADABLE("图片无法解析，文件可能已损坏或不完整"),
    TOO_MANY_PIXELS("图片像素数超过上限，请用手机相机的常规分辨率拍摄"),
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
