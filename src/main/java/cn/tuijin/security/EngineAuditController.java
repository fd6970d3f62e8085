package cn.tuijin.security;

import java.util.List;

import cn.tuijin.system.Paging;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The administrators' engine operations, for administrators (and for whoever audits them). */
@RestController
class EngineAuditController {

    private final EngineAudit audit;

    EngineAuditController(EngineAudit audit) {
        this.audit = audit;
    }

    @GetMapping("/api/engine-audit")
    List<EngineAudit.Line> lines(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
        return audit.lines(new Paging(page, size));
    }
}
