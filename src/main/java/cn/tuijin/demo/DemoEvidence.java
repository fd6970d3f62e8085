package cn.tuijin.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import cn.tuijin.evidence.EvidenceService;
import cn.tuijin.project.ProjectLifecycle;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The demo's evidence: two of the open start claims (北湖区's and 高新区's) already carry a photo of their construction
 * permit, uploaded by an officer of the lead unit, so that they can be submitted at once (申报开工 requires the permit);
 * the others, 临江大道 of the README's walk among them, wait for their officer to upload one in the tab 附件. The photo is
 * drawn here (a few hundred bytes), not shipped. Seeded by {@link DemoCity#seed()}, once.
 */
@Component
class DemoEvidence {

    private static final Logger log = LoggerFactory.getLogger(DemoEvidence.class);

    /** The projects whose start claim carries a permit, and the officer of the lead unit who uploaded it. */
    static final Map<String, String> PERMITS = Map.of("XM-2026-011", "zhuwd", "XM-2026-012", "zhouq");

    private final EvidenceService evidence;
    private final TaskService tasks;
    private final IdentityService identity;
    private final JdbcTemplate jdbc;

    DemoEvidence(EvidenceService evidence, TaskService tasks, IdentityService identity, JdbcTemplate jdbc) {
        this.evidence = evidence;
        this.tasks = tasks;
        this.identity = identity;
        this.jdbc = jdbc;
    }

    /** Uploads the permit on each of those claims still open and without files. */
    void seed() {
        int seeded = 0;
        for (Map.Entry<String, String> p : PERMITS.entrySet()) {
            Task claim = tasks.createTaskQuery().processInstanceBusinessKey(p.getKey())
                    .taskDefinitionKey(ProjectLifecycle.Element.CLAIM_START).singleResult();
            Integer files = claim == null ? null
                    : jdbc.queryForObject("select count(*) from evidence_file where task_id = ?", Integer.class, claim.getId());
            if (files == null || files > 0) {
                continue;
            }
            identity.setAuthentication(p.getValue(), List.of());
            try {
                evidence.upload(claim.getId(), "PERMIT", "施工许可证（演示）.png", permitPhoto());
                seeded++;
            } finally {
                identity.clearAuthentication();
            }
        }
        if (seeded > 0) {
            log.info("演示城市：{} 个开工申报已附施工许可证照片", seeded);
        }
    }

    /** A small picture of a certificate: a frame, a seal and lines of text. */
    static byte[] permitPhoto() {
        BufferedImage image = new BufferedImage(160, 112, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xFFFDF5));
        g.fillRect(0, 0, 160, 112);
        g.setColor(new Color(0xB22222));
        g.setStroke(new BasicStroke(3));
        g.drawRect(4, 4, 151, 103);
        g.fillOval(112, 66, 30, 30);
        g.setColor(Color.DARK_GRAY);
        for (int y = 24; y <= 84; y += 12) {
            g.fillRect(16, y, y < 60 ? 128 : 84, 3);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
