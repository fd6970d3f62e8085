package cn.tuijin.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.tuijin.TuijinApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.mock.env.MockEnvironment;

/**
 * Outside the demo the application refuses to start without an administrator's password from the environment.
 */
class AdminPasswordCheckTest {

    private final AdminPasswordCheck check = new AdminPasswordCheck();

    @Test
    void theRealApplicationRefusesToStartInProductionWithoutAnAdminPassword() {
        SpringApplication app = new SpringApplication(TuijinApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        // Refused while the environment is prepared: before the database, the engine or any user is created.
        assertThatThrownBy(() -> app.run("--spring.profiles.active=production", "--camunda.bpm.admin-user.password="))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("未设置系统管理员密码，拒绝启动")
                .hasMessageContaining("TUIJIN_ADMIN_PASSWORD");
    }

    @Test
    void aWeakOrDemoPasswordIsRefusedToo() {
        for (String weak : new String[] {"demo", "admin", "short1"}) {
            MockEnvironment env = new MockEnvironment().withProperty(AdminPasswordCheck.PROPERTY, weak);
            env.setActiveProfiles("production");
            assertThatThrownBy(() -> check.postProcessEnvironment(env, null))
                    .as(weak).hasMessageContaining("系统管理员密码过于简单");
        }
    }

    @Test
    void aStrongPasswordFromTheEnvironmentStartsAndTheDemoNeedsNone() {
        MockEnvironment production = new MockEnvironment().withProperty(AdminPasswordCheck.PROPERTY, "Tq7#kLm2-vX9pR");
        production.setActiveProfiles("production");
        assertThatCode(() -> check.postProcessEnvironment(production, null)).doesNotThrowAnyException();
        MockEnvironment demo = new MockEnvironment();
        demo.setActiveProfiles("demo");
        assertThatCode(() -> check.postProcessEnvironment(demo, null)).doesNotThrowAnyException();
    }
}
