// Orders a credit report, waits for it and downloads it, with the JDK alone (Java 11+).
//   ZHENGXIN_KEY=… ZHENGXIN_SECRET_KEY=… ZHENGXIN_BASE_URL=https://zhengxin.example.com \
//     java ReportExample.java '上海测试科技有限公司' report.pdf
// In an application, map the answers with Jackson instead of the regular expression below: Result
// has exactly the documented fields, so FAIL_ON_UNKNOWN_PROPERTIES is safe.
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class ReportExample {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static final String KEY = required("ZHENGXIN_KEY");
    static final String SECRET_KEY = required("ZHENGXIN_SECRET_KEY");
    static final String BASE = required("ZHENGXIN_BASE_URL");

    public static void main(String[] args) throws Exception {
        String company = args.length > 0 ? args[0] : "上海测试科技有限公司";
        Path out = Path.of(args.length > 1 ? args[1] : "report.pdf");

        String created = call("CreateReport", Map.of("keyNo", company, "reportFormat", "1"));
        if (!"200".equals(field(created, "Status"))) throw new IllegalStateException("CreateReport failed: " + created);
        String orderNo = field(created, "OrderNo");
        System.err.println("ordered " + orderNo + " (charged: keep this number)");

        String info;
        long delayMs = 1000;
        while (true) {
            info = call("GetReportInfo", Map.of("orderNo", orderNo));
            String status = String.valueOf(field(info, "Status"));
            if ("200".equals(status) && !"P".equals(field(info, "ReportStatus"))) break;
            if (!"200".equals(status) && !status.matches("199|203|122")) throw new IllegalStateException("GetReportInfo failed: " + info);
            Thread.sleep(delayMs);                    // pending, or a transient error: ask again later
            delayMs = Math.min(delayMs * 2, 15_000);
        }
        if (!"S".equals(field(info, "ReportStatus"))) throw new IllegalStateException("report " + orderNo + " failed (refunded): " + info);

        String url = field(info, "ReportUrl");
        if (!url.startsWith("http")) url = BASE + url;  // the server sends a path on its own host
        HttpResponse<Path> file = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).build(),
                HttpResponse.BodyHandlers.ofFile(out));
        if (file.statusCode() != 200) throw new IllegalStateException("download failed: HTTP " + file.statusCode());
        System.out.println(out);
    }

    /** One signed POST; returns the JSON answer. */
    static String call(String name, Map<String, String> params) throws Exception {
        String timespan = Long.toString(System.currentTimeMillis() / 1000);
        byte[] digest = MessageDigest.getInstance("MD5").digest((KEY + timespan + SECRET_KEY).getBytes(StandardCharsets.UTF_8));
        String token = String.format("%032X", new BigInteger(1, digest));   // upper-case, zero-padded

        StringJoiner form = new StringJoiner("&").add("key=" + KEY);
        params.forEach((k, v) -> form.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(BASE + "/api/yj/Report/" + name))
                .timeout(Duration.ofSeconds(30))
                .header("Token", token).header("Timespan", timespan)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
    }

    /** The value of a string field of the envelope, or null. */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) throw new IllegalStateException("set " + name);
        return value;
    }
}
