package cn.tuijin.light;

import java.time.Instant;

/**
 * A project's light, why it has it (in Chinese), and whether a deadline behind it lies in a year without holiday data.
 */
public record ProjectLight(String projectCode, Light light, String reason, boolean provisional, Instant updatedAt) {
}
