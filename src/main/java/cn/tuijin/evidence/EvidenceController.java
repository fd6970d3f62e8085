package cn.tuijin.evidence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import cn.tuijin.system.InvalidInputException;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Evidence files over HTTP: upload on a task (multipart: {@code file}, {@code kind}), the files of a task or a
 * project, one file's bytes (images and PDF shown inline, others downloaded), deletion by the uploader.
 */
@RestController
@RequestMapping("/api/evidence")
class EvidenceController {

    private final EvidenceService evidence;

    EvidenceController(EvidenceService evidence) {
        this.evidence = evidence;
    }

    @GetMapping("/tasks/{taskId}")
    TaskEvidence task(@PathVariable String taskId) {
        return evidence.ofTask(taskId);
    }

    @PostMapping(path = "/tasks/{taskId}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    EvidenceView upload(@PathVariable String taskId, @RequestParam(required = false) MultipartFile file,
                        @RequestParam(required = false) String kind) throws IOException {
        if (file == null) {
            throw new InvalidInputException(ContentCheck.FIELD, "请选择要上传的文件");
        }
        if (file.getSize() > evidence.maxFileSize().toBytes()) {
            throw new InvalidInputException(ContentCheck.FIELD, EvidenceService.tooLarge(evidence.maxFileSize()));
        }
        return evidence.upload(taskId, kind, file.getOriginalFilename(), file.getBytes());
    }

    @GetMapping("/projects/{code}")
    List<EvidenceView> project(@PathVariable String code) {
        return evidence.ofProject(code);
    }

    @GetMapping("/files/{id}")
    EvidenceView file(@PathVariable long id) {
        return evidence.file(id);
    }

    /** The bytes, with the type detected at upload; {@code download=true} always as an attachment. */
    @GetMapping("/files/{id}/content")
    ResponseEntity<byte[]> content(@PathVariable long id, @RequestParam(defaultValue = "false") boolean download) {
        EvidenceService.Content c = evidence.content(id);
        boolean inline = !download && ContentCheck.Accepted.previewable(c.file().contentType());
        ContentDisposition disposition = (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(c.file().fileName(), StandardCharsets.UTF_8).build();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(c.file().contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                // Shown inside Tasklist's task view and the dashboard (same origin), nowhere else: browsers follow
                // frame-ancestors over the X-Frame-Options: DENY the security filters add.
                .header("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'")
                .cacheControl(CacheControl.noCache().cachePrivate())
                .body(c.bytes());
    }

    @DeleteMapping("/files/{id}")
    EvidenceView delete(@PathVariable long id) {
        return evidence.delete(id);
    }
}
