package cn.tuijin.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import cn.tuijin.system.EngineClock;
import cn.tuijin.system.InvalidInputException;
import cn.tuijin.system.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The ledger's spreadsheets over HTTP: the import template, the import (a dry run by default), the export, and the
 * record of imports.
 */
@RestController
@RequestMapping("/api/ledger")
class LedgerController {

    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final LedgerTemplate template;
    private final LedgerImportService imports;
    private final LedgerExport export;
    private final LedgerAccess access;
    private final ImportLog importLog;
    private final EngineClock clock;

    LedgerController(LedgerTemplate template, LedgerImportService imports, LedgerExport export, LedgerAccess access,
                     ImportLog importLog, EngineClock clock) {
        this.template = template;
        this.imports = imports;
        this.export = export;
        this.access = access;
        this.importLog = importLog;
        this.clock = clock;
    }

    @GetMapping("/template.xlsx")
    ResponseEntity<byte[]> template() throws IOException {
        return ResponseEntity.ok()
                .contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment("项目台账导入模板.xlsx"))
                .body(template.build());
    }

    /**
     * Checks the file and, with {@code dryRun=false}, writes it; the default is a dry run. Multipart only.
     * {@code pastDeadlines}: BEFORE_IMPORT (the default: milestones already past are 导入前已逾期, not charged) or CHARGED.
     */
    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ImportResult importLedger(@RequestParam(required = false) MultipartFile file,
                              @RequestParam(required = false, defaultValue = "true") String dryRun,
                              @RequestParam(required = false) String pastDeadlines) throws IOException {
        String user = access.requireImporter();
        PastDeadlines past = PastDeadlines.parse(pastDeadlines);
        boolean dry = switch (dryRun.trim().toLowerCase()) {
            case "true", "1", "" -> true;
            case "false", "0" -> false;
            default -> throw new InvalidInputException("dryRun", "dryRun 只能是 true（预检，不写入）或 false（导入）");
        };
        if (file == null || file.isEmpty()) {
            throw new InvalidInputException("file", "请选择要导入的 Excel 文件（表单字段 file，.xlsx 格式）");
        }
        Path temp = Files.createTempFile("tuijin-ledger-", ".xlsx");
        try {
            file.transferTo(temp);
            return imports.importFile(temp, file.getOriginalFilename(), dry, user, past);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @GetMapping("/export.xlsx")
    void export(HttpServletResponse response) throws IOException {
        LedgerAccess.Scope scope = access.exportScope();
        response.setContentType(XLSX.toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, attachment(export.fileName(clock.now())));
        export.write(scope, response.getOutputStream());
    }

    /** The latest committed imports, newest first. */
    @GetMapping("/imports")
    List<ImportLog.Entry> imports(@RequestParam(defaultValue = "50") int limit) {
        access.requireImportLogReader();
        if (limit < 1 || limit > 500) {
            throw new InvalidInputException("limit", "limit 须在 1 到 500 之间");
        }
        return importLog.recent(limit);
    }

    /** One committed import, with the progress of the lifecycles it starts. */
    @GetMapping("/imports/{id}")
    ImportLog.Entry importEntry(@PathVariable("id") String id) {
        access.requireImportLogReader();
        long number;
        try {
            number = Long.parseLong(id.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("id", "导入编号须为数字");
        }
        return importLog.find(number).orElseThrow(() -> new NotFoundException("第 " + number + " 次导入不存在"));
    }

    private static String attachment(String fileName) {
        return ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString();
    }
}
