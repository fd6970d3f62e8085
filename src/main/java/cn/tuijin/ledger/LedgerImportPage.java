package cn.tuijin.ledger;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The project office's ledger import page, {@code static/admin/ledger/index.html}, at {@code /admin/ledger/}. The page
 * is open to load; what it calls (POST /api/ledger/import) is for the project office and administrators only.
 */
@Configuration
class LedgerImportPage implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/admin/ledger", "/admin/ledger/");
        registry.addViewController("/admin/ledger/").setViewName("forward:/admin/ledger/index.html");
    }
}
