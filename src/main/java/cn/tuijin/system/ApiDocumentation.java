package cn.tuijin.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of the application's own API (/v3/api-docs, page /swagger-ui.html).
 */
@Configuration
class ApiDocumentation {

    @Bean
    OpenAPI tuijinApi() {
        return new OpenAPI()
                .info(new Info().title("推进 Tuijin API").version("0.1.0")
                        .description("重点项目台账、红黄绿灯、问责记录、延期申请、问题协调、督办单、月度通报、台账导入导出。"
                                + "错误以 RFC 9457 问题详情返回，含中文说明和出错字段（field；请求体整体有误时为 body）。"
                                + "请求体须为 UTF-8 编码的 JSON；不认识的字段和查询参数、重复的参数、类型不符的值一律拒绝，不会被忽略。"
                                + "登录：与任务列表相同的用户名和密码（HTTP Basic），"
                                + "或已登录任务列表/驾驶舱的会话。"))
                .components(new Components().addSecuritySchemes("basic",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }
}
