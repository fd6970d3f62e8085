package cn.tuijin.evidence;

import java.nio.file.Path;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.unit.DataSize;

/**
 * The storage of evidence bytes, chosen per installation: {@code tuijin.evidence.storage=database} (default) or
 * {@code directory} with {@code tuijin.evidence.directory}. Files stored in the database before a switch to a directory
 * are still read from the database ({@link EvidenceService}).
 */
@Configuration(proxyBeanMethods = false)
class EvidenceConfiguration {

    /**
     * Oversized uploads refused in Chinese, after the security filters (only a logged-in user's upload is read) and
     * before Spring reads the parts for the controller.
     */
    @Bean
    FilterRegistrationBean<UploadLimitFilter> evidenceUploadLimit(@Value("${tuijin.evidence.max-file-size:10MB}") DataSize evidence,
                                                                  @Value("${spring.servlet.multipart.max-file-size:1MB}") DataSize servlet) {
        FilterRegistrationBean<UploadLimitFilter> registration = new FilterRegistrationBean<>(
                new UploadLimitFilter(evidence.toBytes() < servlet.toBytes() ? evidence : servlet));
        registration.addUrlPatterns("/api/evidence/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    @Bean
    EvidenceStorage evidenceStorage(@Value("${tuijin.evidence.storage:database}") String storage,
                                    @Value("${tuijin.evidence.directory:}") String directory, JdbcTemplate jdbc) {
        return switch (storage.trim().toLowerCase(Locale.ROOT)) {
            case "database" -> new DatabaseStorage(jdbc);
            case "directory" -> {
                if (directory.isBlank()) {
                    throw new IllegalStateException("tuijin.evidence.storage=directory 需要 tuijin.evidence.directory（附件目录）");
                }
                yield new DirectoryStorage(Path.of(directory));
            }
            default -> throw new IllegalStateException("tuijin.evidence.storage 只能是 database 或 directory，配置为：" + storage);
        };
    }
}
