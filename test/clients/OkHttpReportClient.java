// A client in the style of Java integrations written against the vendor document with OkHttp 3
// (Debian's libokhttp-java): every call a GET with the parameters in the query string, on paths
// spelled in lower case (/api/yj/report/createreport), as hand-typed clients do.
// Signs as the document says: Token = upper(md5(key + Timespan + SecretKey)).
//
//   ZHENGXIN_KEY=… ZHENGXIN_SECRET_KEY=… ZHENGXIN_BASE_URL=http://127.0.0.1:8080 \
//     java -cp /usr/share/java/okhttp.jar:/usr/share/java/okio.jar OkHttpReportClient.java '上海测试科技有限公司' out.pdf
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

public class OkHttpReportClient {
    static final OkHttpClient HTTP = new OkHttpClient();
    static final String KEY = System.getenv("ZHENGXIN_KEY");
    static final String SECRET_KEY = System.getenv("ZHENGXIN_SECRET_KEY");
    static final String BASE = System.getenv("ZHENGXIN_BASE_URL");

    public static void main(String[] args) throws Exception {
        if (KEY == null || SECRET_KEY == null || BASE == null || args.length != 2) {
            System.err.println("usage: ZHENGXIN_KEY=… ZHENGXIN_SECRET_KEY=… ZHENGXIN_BASE_URL=… java OkHttpReportClient.java COMPANY OUT");
            System.exit(2);
        }
        String created = get("createreport", "keyNo", args[0], "reportFormat", "1");
        String orderNo = field(created, "OrderNo");
        System.err.println("ordered " + orderNo);
        String info;
        long delay = 500;
        while ("P".equals(field(info = get("getreportinfo", "orderNo", orderNo), "ReportStatus"))) {
            Thread.sleep(delay);
            delay = Math.min(delay * 2, 4000);
        }
        if (!"S".equals(field(info, "ReportStatus"))) throw new IllegalStateException("report " + orderNo + ": " + info);
        String url = field(info, "ReportUrl");
        try (Response response = HTTP.newCall(new Request.Builder().url(url.startsWith("http") ? url : BASE + url).build()).execute()) {
            if (response.code() != 200) throw new IllegalStateException("download: HTTP " + response.code());
            try (InputStream body = response.body().byteStream()) {
                Files.copy(body, Path.of(args[1]), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        System.out.println(args[1]);
    }

    /** A signed GET of /api/yj/report/<action>; returns the answer, or throws on a Status other than 200. */
    static String get(String action, String... params) throws Exception {
        String timespan = Long.toString(System.currentTimeMillis() / 1000);
        byte[] digest = MessageDigest.getInstance("MD5").digest((KEY + timespan + SECRET_KEY).getBytes(StandardCharsets.UTF_8));
        String token = String.format("%032X", new BigInteger(1, digest));
        HttpUrl.Builder url = HttpUrl.parse(BASE + "/api/yj/report/" + action).newBuilder().addQueryParameter("key", KEY);
        for (int i = 0; i < params.length; i += 2) url.addQueryParameter(params[i], params[i + 1]);
        Request request = new Request.Builder().url(url.build()).header("Token", token).header("Timespan", timespan).get().build();
        try (Response response = HTTP.newCall(request).execute()) {
            String body = response.body().string();
            if (!"200".equals(field(body, "Status"))) throw new IllegalStateException(action + " failed: " + body);
            return body;
        }
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }
}
