package cn.zoufang.directory;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import cn.zoufang.directory.EnterpriseDtos.EnterpriseInput;
import cn.zoufang.kernel.CoordinateSystem;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.ErrorCode;
import cn.zoufang.web.FieldCode;
import cn.zoufang.web.FieldError;
import cn.zoufang.web.TextRules;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Reads the zone's enterprise spreadsheet saved as CSV (UTF-8, Chinese headers) into validated
 * inputs. Every row is checked with the same rules as the JSON API; any error anywhere means the
 * whole file is refused, with each error named by row and column.
 */
@ApplicationScoped
public class EnterpriseCsv {

    /** Header → the JSON field it fills; the order is the template's column order. */
    static final Map<String, String> COLUMNS = columns();
    /** Columns a spreadsheet made from an older template may lack. */
    static final Set<String> OPTIONAL = Set.of("坐标系", "联系人手机");
    static final int MAX_ROWS = 5000;

    private final Validator validator;
    private final Vertx vertx;

    public EnterpriseCsv(Validator validator, Vertx vertx) {
        this.validator = validator;
        this.vertx = vertx;
    }

    /** Parses and validates on a worker thread: a 5 MiB file is too much work for the event loop. */
    public Uni<List<EnterpriseInput>> read(byte[] body) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> parse(body)));
    }

    private static Map<String, String> columns() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("企业名称", "name");
        m.put("统一社会信用代码", "creditCode");
        m.put("四上类别", "scaleCategories");
        m.put("产业链", "industryChain");
        m.put("所在镇处", "town");
        m.put("地址", "address");
        m.put("纬度", "latitude");
        m.put("经度", "longitude");
        m.put("坐标系", "coordinateSystem");
        m.put("联系人", "contactName");
        m.put("联系电话", "contactPhone");
        m.put("联系人手机", "contactMobile");
        return m;
    }

    List<EnterpriseInput> parse(byte[] body) {
        String text = decodeUtf8(body);
        List<FieldError> errors = new ArrayList<>();
        List<EnterpriseInput> rows = new ArrayList<>();
        Map<String, Integer> seenCodes = new HashMap<>();
        Map<String, Integer> seenMobiles = new HashMap<>();
        // Rows are numbered as the spreadsheet shows them: the header is row 1.
        int row = 1;
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get().parse(new StringReader(text))) {
            checkHeaders(parser.getHeaderNames());
            for (CSVRecord record : parser) {
                row++;
                if (row - 1 > MAX_ROWS) {
                    throw new ApiException(ErrorCode.VALIDATION_FAILED, "一次最多导入 " + MAX_ROWS + " 行");
                }
                List<FieldError> rowErrors = new ArrayList<>();
                EnterpriseInput input = toInput(record, row, rowErrors);
                if (input != null) {
                    for (ConstraintViolation<EnterpriseInput> v : validator.validate(input)) {
                        String field = v.getPropertyPath().iterator().next().getName();
                        rowErrors.add(new FieldError(header(field), FieldCode.of(v), v.getMessage(), row));
                    }
                    if ((input.latitude() == null) != (input.longitude() == null)) {
                        rowErrors.add(new FieldError(input.latitude() == null ? "纬度" : "经度", FieldCode.REQUIRED,
                                "经纬度须同时填写或同时留空", row));
                    }
                    Integer first = seenCodes.putIfAbsent(String.valueOf(input.creditCode()), row);
                    if (first != null && input.creditCode() != null) {
                        rowErrors.add(new FieldError("统一社会信用代码", FieldCode.DUPLICATE_CREDIT_CODE,
                                "与第 " + first + " 行重复", row));
                    }
                    Integer firstMobile = input.contactMobile() == null ? null
                            : seenMobiles.putIfAbsent(input.contactMobile(), row);
                    if (firstMobile != null) {
                        rowErrors.add(new FieldError("联系人手机", FieldCode.DUPLICATE_PHONE,
                                "与第 " + firstMobile + " 行重复：一个手机号只能是一家企业的联系人", row));
                    }
                }
                rowErrors.sort((a, b) -> columnIndex(a.field()) - columnIndex(b.field()));
                errors.addAll(rowErrors);
                rows.add(input);
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            // Commons CSV's own words are English and name its internals; the user needs to know what to fix.
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "无法读取 CSV：第 " + (row + 1)
                    + " 行附近格式有误（例如引号没有成对、表头重复或为空）。请在 Excel 中“另存为 CSV UTF-8（逗号分隔）”后再导入");
        }
        if (rows.isEmpty() && errors.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "文件中没有数据行");
        }
        failIfAny(errors);
        return rows;
    }

    /**
     * Adds the rows whose credit code is already registered or whose contact mobile already has an account,
     * then refuses the file if anything is wrong.
     */
    public void rejectExisting(List<EnterpriseInput> rows, List<String> existingCodes, List<String> takenMobiles) {
        Set<String> codes = new java.util.HashSet<>(existingCodes);
        Set<String> mobiles = new java.util.HashSet<>(takenMobiles);
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (codes.contains(rows.get(i).creditCode())) {
                errors.add(new FieldError("统一社会信用代码", FieldCode.DUPLICATE_CREDIT_CODE,
                        "该统一社会信用代码已登记", i + 2));
            }
            if (rows.get(i).contactMobile() != null && mobiles.contains(rows.get(i).contactMobile())) {
                errors.add(new FieldError("联系人手机", FieldCode.DUPLICATE_PHONE, "该手机号已有账号", i + 2));
            }
        }
        failIfAny(errors);
    }

    private static void failIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ApiException.importRows(errors);
        }
    }

    private static void checkHeaders(List<String> headers) {
        List<String> cleaned = headers.stream().map(h -> h.replace("\uFEFF", "").trim()).toList();
        List<FieldError> errors = new ArrayList<>();
        for (String h : cleaned) {
            if (!COLUMNS.containsKey(h)) {
                errors.add(new FieldError(h, FieldCode.UNKNOWN_COLUMN, "无法识别的列：" + h, 1));
            }
        }
        for (String required : COLUMNS.keySet()) {
            if (!cleaned.contains(required) && !OPTIONAL.contains(required)) {
                errors.add(new FieldError(required, FieldCode.MISSING_COLUMN, "缺少列：" + required, 1));
            }
        }
        failIfAny(errors);
    }

    private static EnterpriseInput toInput(CSVRecord r, int row, List<FieldError> errors) {
        Map<String, String> cells = new HashMap<>();
        r.toMap().forEach((k, v) -> cells.put(k.replace("\uFEFF", "").trim(), v == null || v.isBlank() ? null : v));
        List<FieldError> unstorable = cells.entrySet().stream()
                .filter(c -> c.getValue() != null && !TextRules.isStorable(c.getValue()))
                .map(c -> new FieldError(c.getKey(), FieldCode.FORMAT, "包含无效字符（如 U+0000）", row)).toList();
        if (!unstorable.isEmpty()) {
            errors.addAll(unstorable);
            return null;
        }
        Set<ScaleCategory> categories = EnumSet.noneOf(ScaleCategory.class);
        String rawCategories = cells.get("四上类别");
        if (rawCategories != null) {
            for (String part : rawCategories.split("[、,，;；/\\s]+")) {
                if (part.isBlank()) {
                    continue;
                }
                ScaleCategory c = byLabel(ScaleCategory.values(), part, ScaleCategory::label);
                if (c == null) {
                    errors.add(new FieldError("四上类别", FieldCode.FORMAT, "无法识别的四上类别：" + part
                            + "（可填：规上工业、规上服务业、限上企业、资质以上企业）", row));
                } else {
                    categories.add(c);
                }
            }
        }
        IndustryChain chain = null;
        if (cells.get("产业链") != null) {
            chain = byLabel(IndustryChain.values(), cells.get("产业链"), IndustryChain::label);
            if (chain == null) {
                errors.add(new FieldError("产业链", FieldCode.FORMAT, "无法识别的产业链：" + cells.get("产业链"), row));
            }
        }
        Double lat = number(cells.get("纬度"), "纬度", row, errors);
        Double lng = number(cells.get("经度"), "经度", row, errors);
        CoordinateSystem system = null;
        if (cells.get("坐标系") != null) {
            system = CSV_SYSTEMS.get(cells.get("坐标系").toUpperCase(Locale.ROOT));
            if (system == null) {
                errors.add(new FieldError("坐标系", FieldCode.FORMAT, "无法识别的坐标系：" + cells.get("坐标系")
                        + "（可填：WGS84；GCJ02 或 高德、腾讯；BD09 或 百度；留空为 WGS84）", row));
            }
        }
        return new EnterpriseInput(cells.get("企业名称"), cells.get("统一社会信用代码"), categories, chain,
                cells.get("所在镇处"), cells.get("地址"), lat, lng, system, cells.get("联系人"), cells.get("联系电话"),
                cells.get("联系人手机"));
    }

    /** What an office clerk writes in the 坐标系 column: the code, or the map the point was copied from. */
    private static final Map<String, CoordinateSystem> CSV_SYSTEMS = Map.of(
            "WGS84", CoordinateSystem.WGS84, "WGS-84", CoordinateSystem.WGS84, "GPS", CoordinateSystem.WGS84,
            "GCJ02", CoordinateSystem.GCJ02, "GCJ-02", CoordinateSystem.GCJ02, "高德", CoordinateSystem.GCJ02,
            "腾讯", CoordinateSystem.GCJ02, "BD09", CoordinateSystem.BD09, "BD-09", CoordinateSystem.BD09,
            "百度", CoordinateSystem.BD09);

    private static <E extends Enum<E>> E byLabel(E[] values, String text, java.util.function.Function<E, String> label) {
        return Arrays.stream(values).filter(v -> label.apply(v).equals(text) || v.name().equals(text))
                .findFirst().orElse(null);
    }

    private static Double number(String raw, String column, int row, List<FieldError> errors) {
        if (raw == null) {
            return null;
        }
        try {
            return Double.valueOf(raw);
        } catch (NumberFormatException e) {
            errors.add(new FieldError(column, FieldCode.FORMAT, column + "应为数字，如 28.7", row));
            return null;
        }
    }

    private static String header(String field) {
        return COLUMNS.entrySet().stream().filter(e -> e.getValue().equals(field)).map(Map.Entry::getKey)
                .findFirst().orElse(field);
    }

    private static int columnIndex(String header) {
        return new ArrayList<>(COLUMNS.keySet()).indexOf(header);
    }

    private static String decodeUtf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED,
                    "文件不是 UTF-8 编码：请在 Excel 中“另存为 CSV UTF-8（逗号分隔）”后再导入");
        }
    }
}
