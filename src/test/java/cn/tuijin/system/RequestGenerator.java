package cn.tuijin.system;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Makes malformed variants of one valid request, each with exactly one fault, so that its refusal must name one
 * field. Deterministic: the same random numbers give the same requests.
 */
interface RequestGenerator {

    Attempt next(Random random);

    static <T> T any(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Percent-encodes a path segment or query value (spaces as %20, so that the server decodes it exactly). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
