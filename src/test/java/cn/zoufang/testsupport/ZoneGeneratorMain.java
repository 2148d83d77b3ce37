package cn.zoufang.testsupport;

import java.io.FileInputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

/**
 * Fills the local database of {@code scripts/run.sh} with a generated zone beside the demo data, once:
 * {@code ZoneGeneratorMain .local/services.properties 0.02}. Generated accounts get the demo password.
 */
public final class ZoneGeneratorMain {

    private ZoneGeneratorMain() {
    }

    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        try (FileInputStream in = new FileInputStream(args[0])) {
            p.load(in);
        }
        double scale = Double.parseDouble(args[1]);
        // As the schema's owner: the generator also analyzes the tables it filled, which only the owner may.
        try (Connection c = DriverManager.getConnection(p.getProperty("quarkus.datasource.jdbc.url"),
                p.getProperty("quarkus.flyway.username", p.getProperty("quarkus.datasource.username")),
                p.getProperty("quarkus.flyway.password", p.getProperty("quarkus.datasource.password")));
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select count(*) from assistance_group where name like '生成%'")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    System.out.println("生成的开发区数据已存在，跳过");
                    return;
                }
            }
            String hash;
            try (ResultSet rs = s.executeQuery("select password_hash from account where phone = '13800000001'")) {
                if (!rs.next()) {
                    throw new IllegalStateException("the demo data is not loaded yet");
                }
                hash = rs.getString(1);
            }
            ZoneGenerator.Result r = new ZoneGenerator(2026, scale, hash).generate(c);
            System.out.printf("已生成：%d 个帮扶小组，%d 家企业，%,d 次走访，%,d 条诉求（%,d 条办理记录），%,d 条企业指标，用时 %.1f 秒%n",
                    r.groups(), r.enterprises(), r.visits(), r.issues(), r.events(), r.figures(), r.millis() / 1000.0);
        }
    }
}
