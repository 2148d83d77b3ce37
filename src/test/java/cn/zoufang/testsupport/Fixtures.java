package cn.zoufang.testsupport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Request bodies that several test classes build. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A valid new enterprise (mutable, so a test can break one field). */
    public static Map<String, Object> enterprise(String name, String creditCode) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", name);
        m.put("creditCode", creditCode);
        m.put("scaleCategories", List.of("INDUSTRY"));
        m.put("industryChain", "EQUIPMENT");
        m.put("town", "蛟桥镇");
        m.put("address", "南昌经开区测试路 1 号");
        m.put("latitude", 28.75);
        m.put("longitude", 115.8);
        m.put("contactName", "测试联系人");
        m.put("contactPhone", "0791-88888888");
        return m;
    }
}
