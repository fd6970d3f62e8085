package cn.tuijin.ledger;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.tuijin.calendar.WorkingDayCalendar;
import cn.tuijin.light.Light;
import cn.tuijin.light.LightService;
import cn.tuijin.light.ProjectLight;
import cn.tuijin.org.OrgDirectory;
import cn.tuijin.project.Project;
import cn.tuijin.project.ProjectRepository;
import cn.tuijin.system.EngineClock;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * The ledger as a spreadsheet: the import template's columns (so an export can be edited and imported again), then
 * the actual milestone dates, the light with its reason, and the number of overdue deadlines (open task deadlines
 * already passed). Written with POI's streaming workbook, a page of projects at a time.
 */
@Component
class LedgerExport {

    static final List<String> EXTRA_HEADERS = List.of("实际签约日期", "实际开工日期", "实际竣工日期", "实际投产(投用)日期",
            "红黄绿灯", "灯色原因", "逾期任务数");
    private static final int PAGE = 500;

    private final ProjectRepository projects;
    private final LedgerQueries queries;
    private final LightService lights;
    private final OrgDirectory org;
    private final EngineClock clock;

    LedgerExport(ProjectRepository projects, LedgerQueries queries, LightService lights, OrgDirectory org, EngineClock clock) {
        this.projects = projects;
        this.queries = queries;
        this.lights = lights;
        this.org = org;
        this.clock = clock;
    }

    /** Writes the projects the caller sees to the stream. */
    void write(LedgerAccess.Scope scope, OutputStream out) throws IOException {
        OrgNames names = OrgNames.load(org);
        Map<String, List<String>> cooperating = queries.cooperatingUnits();
        Map<String, Integer> overdue = queries.overdueCounts(clock.now());
        SXSSFWorkbook wb = new SXSSFWorkbook(200);
        try {
            LedgerStyles styles = new LedgerStyles(wb);
            Map<Light, CellStyle> lightStyles = Map.of(Light.RED, LedgerStyles.filled(wb, IndexedColors.RED),
                    Light.YELLOW, LedgerStyles.filled(wb, IndexedColors.YELLOW), Light.GREEN, LedgerStyles.filled(wb, IndexedColors.BRIGHT_GREEN));
            SXSSFSheet sheet = wb.createSheet(LedgerTemplate.DATA_SHEET);
            int columns = header(sheet, styles);
            int r = 1;
            for (int offset = 0; ; offset += PAGE) {
                List<Project> page = projects.list(scope.projects(), null, null, null, offset, PAGE);
                for (Project p : page) {
                    row(sheet.createRow(r), r, p, names, cooperating.getOrDefault(p.code(), List.of()),
                            lights.get(p.code()), overdue.getOrDefault(p.code(), 0), styles, lightStyles);
                    r++;
                }
                if (page.size() < PAGE) {
                    break;
                }
            }
            sheet.createFreezePane(0, 1);
            sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, r - 1), 0, columns - 1));
            wb.write(out);
        } finally {
            wb.close();
        }
    }

    private static int header(SXSSFSheet sheet, LedgerStyles styles) {
        Row header = sheet.createRow(0);
        header.setHeightInPoints(30);
        for (LedgerColumn column : LedgerColumn.values()) {
            Cell cell = header.createCell(column.ordinal());
            cell.setCellValue(column.header());
            cell.setCellStyle(styles.requiredHeader);
            sheet.setColumnWidth(column.ordinal(), column.width() * 256 + 512);
        }
        int c = LedgerColumn.values().length;
        for (String extra : EXTRA_HEADERS) {
            Cell cell = header.createCell(c);
            cell.setCellValue(extra);
            cell.setCellStyle(styles.optionalHeader);
            sheet.setColumnWidth(c, ("灯色原因".equals(extra) ? 50 : 14) * 256);
            c++;
        }
        return c;
    }

    private static void row(Row row, int number, Project p, OrgNames names, List<String> cooperating, ProjectLight light,
                            int overdue, LedgerStyles styles, Map<Light, CellStyle> lightStyles) {
        List<Object> values = new ArrayList<>(List.of(number, p.code(), p.name()));
        values.add(p.content());
        values.add(p.category().label());
        values.add(p.level().label());
        values.add(names.districtName(p.districtCode()));
        values.add(p.totalInvestment());
        values.add(p.annualPlanInvestment());
        values.add(names.unitName(p.leadUnitCode()));
        values.add(String.join("、", cooperating.stream().map(names::unitName).toList()));
        values.add(names.personName(p.leaderId()));
        values.add(p.plannedSignDate());
        values.add(p.plannedStartDate());
        values.add(p.plannedCompletionDate());
        values.add(p.plannedOperationDate());
        values.add(p.stageLabel());
        values.add(p.actualSignDate());
        values.add(p.actualStartDate());
        values.add(p.actualCompletionDate());
        values.add(p.actualOperationDate());
        values.add(light.light().label());
        values.add(light.reason());
        values.add(overdue);
        for (int c = 0; c < values.size(); c++) {
            Object v = values.get(c);
            if (v == null) {
                continue;
            }
            Cell cell = row.createCell(c);
            if (v instanceof LocalDate d) {
                cell.setCellValue(d);
                cell.setCellStyle(styles.date);
            } else if (v instanceof BigDecimal n) {
                cell.setCellValue(n.doubleValue());
                cell.setCellStyle(styles.amount);
            } else if (v instanceof Integer n) {
                cell.setCellValue(n);
            } else {
                cell.setCellValue(v.toString());
            }
        }
        row.getCell(values.size() - 3).setCellStyle(lightStyles.get(light.light()));
    }

    /** The file name of an export made now. */
    String fileName(Instant now) {
        return "项目台账-" + LocalDate.ofInstant(now, WorkingDayCalendar.ZONE) + ".xlsx";
    }
}
