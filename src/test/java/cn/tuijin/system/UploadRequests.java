package cn.tuijin.system;

import static cn.tuijin.system.RequestGenerator.any;
import static cn.tuijin.system.RequestGenerator.encode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Malformed variants of a spreadsheet upload (multipart field {@code file}, query parameter {@code dryRun}): the
 * parameter wrong or given twice, the file missing, empty, twice or sent as text, parts and parameters nobody
 * knows, the body under another Content-Type, and multipart bodies that cannot be parsed. The spreadsheet itself is
 * always the same valid one (its content is tested elsewhere); its file name varies as noise.
 */
final class UploadRequests implements RequestGenerator {

    private static final List<String> FILE_NAMES = List.of("ledger.xlsx", "台账 2026.xlsx", "../../etc/passwd.xlsx",
            "<script>alert(1)</script>.xlsx", "'; drop table project; --.xlsx", "x".repeat(200) + ".xlsx", "😀.xlsx");

    private final String path;
    private final byte[] xlsx;

    UploadRequests(String path, byte[] xlsx) {
        this.path = path;
        this.xlsx = xlsx;
    }

    /** A part of a multipart body: a file if it has a file name. */
    private record Part(String name, String fileName, byte[] content) {
    }

    Attempt validRequest() {
        return multipart("valid", "?dryRun=true", null, new Part("file", "ledger.xlsx", xlsx));
    }

    @Override
    public Attempt next(Random random) {
        Part file = new Part("file", any(random, FILE_NAMES), xlsx);
        String dryRun = "?dryRun=" + any(random, List.of("true", "false"));
        return switch (random.nextInt(12)) {
            case 0, 1 -> multipart("dryRun: wrong value", "?dryRun=" + encode(any(random, List.of("yes", "maybe", "2", "-1",
                    "truee", "TRUE1", "真", "null", "' or 1=1 --", "<script>alert(1)</script>", "a\u0000b", "x".repeat(2000)))),
                    "dryRun", file);
            case 2 -> multipart("dryRun: given twice", "?dryRun=true&dryRun=false", "dryRun", file);
            case 3 -> switch (random.nextInt(4)) {
                case 0 -> multipart("file: missing", dryRun, "file");
                case 1 -> multipart("file: sent as text", dryRun, "file", new Part("file", null, "ledger".getBytes(StandardCharsets.UTF_8)));
                case 2 -> multipart("file: empty", dryRun, "file", new Part("file", any(random, FILE_NAMES), new byte[0]));
                default -> multipart("file: twice", dryRun, "file", file, new Part("file", "second.xlsx", xlsx));
            };
            case 4 -> {
                String name = any(random, List.of("File", "files", "upload", "file[]", "dryrun", "extra", "中文字段"));
                yield multipart("unknown part", dryRun, name, file, new Part(name, random.nextBoolean() ? null : "x.xlsx", xlsx));
            }
            case 5 -> {
                String name = any(random, BadValues.UNKNOWN_NAMES);
                yield multipart("unknown query parameter", dryRun + "&" + encode(name) + "=1", name, file);
            }
            case 6, 7 -> wrongContentType(random, dryRun);
            default -> brokenMultipart(random, dryRun);
        };
    }

    private Attempt wrongContentType(Random random, String query) {
        String boundary = "fuzz" + random.nextInt(1_000_000);
        byte[] body = body(boundary, new Part("file", "ledger.xlsx", xlsx));
        return switch (random.nextInt(6)) {
            case 0 -> new Attempt("Content-Type application/json", "POST", path + query, "application/json",
                    "{\"file\":\"ledger.xlsx\"}".getBytes(StandardCharsets.UTF_8), "body", 415);
            case 1 -> new Attempt("Content-Type octet-stream (the bare file)", "POST", path + query, "application/octet-stream",
                    xlsx, "body", 415);
            case 2 -> new Attempt("Content-Type xlsx (the bare file)", "POST", path + query,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx, "body", 415);
            case 3 -> new Attempt("Content-Type form", "POST", path + query, "application/x-www-form-urlencoded",
                    "file=ledger.xlsx".getBytes(StandardCharsets.UTF_8), "body", 415);
            case 4 -> new Attempt("Content-Type text/plain (multipart body)", "POST", path + query, "text/plain", body, "body", 415);
            default -> new Attempt("no Content-Type", "POST", path + query, null, body, "body", 415);
        };
    }

    /**
     * Multipart bodies that are broken: refused naming the body if the parser fails on them, naming the file if the
     * parser finds no part at all in them (no complete boundary line occurs: the body is only preamble).
     */
    private Attempt brokenMultipart(Random random, String query) {
        String boundary = "fuzz" + random.nextInt(1_000_000);
        byte[] body = body(boundary, new Part("file", "ledger.xlsx", xlsx));
        String type = "multipart/form-data; boundary=" + boundary;
        return switch (random.nextInt(7)) {
            case 0 -> new Attempt("multipart without boundary", "POST", path + query,
                    any(random, List.of("multipart/form-data", "multipart/form-data;;", "multipart/form-data; boundary=")), body, "body", 0);
            case 1 -> {
                int headers = ("--" + boundary + "\r\nContent-Disposition: form-data").length();
                yield new Attempt("multipart truncated", "POST", path + query, type,
                        Arrays.copyOf(body, headers + random.nextInt(body.length - headers - 10)), "body", 0);
            }
            case 2 -> new Attempt("multipart part without headers", "POST", path + query, type,
                    ("--" + boundary + "\r\nno header line here\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8), "body", 0);
            case 3 -> new Attempt("multipart part without end", "POST", path + query, type,
                    ("--" + boundary + "\r\n\r\n").getBytes(StandardCharsets.UTF_8), "body", 0);
            case 4 -> new Attempt("multipart whose boundary never occurs", "POST", path + query,
                    "multipart/form-data; boundary=other" + boundary, body, "file", 0);
            case 5 -> new Attempt("multipart whose boundary never occurs", "POST", path + query,
                    "multipart/form-data; boundary=" + "b".repeat(100), body, "file", 0);
            default -> new Attempt("multipart of garbage", "POST", path + query, type,
                    any(random, List.of("garbage", "", "--" + boundary, BadValues.ONE_MB)).getBytes(StandardCharsets.UTF_8), "file", 0);
        };
    }

    private Attempt multipart(String label, String query, String field, Part... parts) {
        String boundary = "----tuijin-fuzz";
        return new Attempt(label, "POST", path + query, "multipart/form-data; boundary=" + boundary, body(boundary, parts), field, 0);
    }

    private static byte[] body(String boundary, Part... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part p : parts) {
            String header = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.name() + "\""
                    + (p.fileName() == null ? "" : "; filename=\"" + p.fileName() + "\"\r\nContent-Type: application/octet-stream")
                    + "\r\n\r\n";
            out.writeBytes(header.getBytes(StandardCharsets.UTF_8));
            out.writeBytes(p.content());
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
