package cn.tuijin.security;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Outside the demo profile the application does not start without an administrator's password of its own, given in
 * the environment ({@code TUIJIN_ADMIN_PASSWORD}): no default password ever reaches a real installation. Runs before
 * anything is created, so a refused start writes nothing.
 */
public class AdminPasswordCheck implements EnvironmentPostProcessor {

    static final String PROPERTY = "camunda.bpm.admin-user.password";
    static final int MIN_LENGTH = 12;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.acceptsProfiles(Profiles.of("demo"))) {
            return;
        }
        String password = environment.getProperty(PROPERTY);
        if (password == null || password.isBlank()) {
            throw new IllegalStateException("未设置系统管理员密码，拒绝启动：请在环境变量 TUIJIN_ADMIN_PASSWORD 中设置"
                    + "（至少 " + MIN_LENGTH + " 位）；演示数据请使用 demo 配置（mvn spring-boot:run）");
        }
        if (password.length() < MIN_LENGTH || password.equalsIgnoreCase("demo") || password.equalsIgnoreCase("admin")) {
            throw new IllegalStateException("系统管理员密码过于简单，拒绝启动：环境变量 TUIJIN_ADMIN_PASSWORD 须至少 "
                    + MIN_LENGTH + " 位，且不能是演示密码");
        }
    }
}
