package cn.tuijin.demo;

import static cn.tuijin.project.ApprovalItem.CONSTRUCTION_PERMIT;
import static cn.tuijin.project.ApprovalItem.EIA;
import static cn.tuijin.project.ApprovalItem.ENERGY;
import static cn.tuijin.project.ApprovalItem.LAND;
import static cn.tuijin.project.ApprovalItem.PLANNING;
import static cn.tuijin.project.ApprovalItem.PROJECT_APPROVAL;
import static cn.tuijin.project.Category.INDUSTRIAL;
import static cn.tuijin.project.Category.INFRASTRUCTURE;
import static cn.tuijin.project.Category.RENOVATION;
import static cn.tuijin.project.Category.SOCIAL;
import static cn.tuijin.project.Category.URBAN;
import static cn.tuijin.project.Level.CITY;
import static cn.tuijin.project.Level.DISTRICT;
import static cn.tuijin.project.Level.PROVINCE;
import static cn.tuijin.project.Stage.COMPLETED;
import static cn.tuijin.project.Stage.NEGOTIATING;
import static cn.tuijin.project.Stage.OPERATING;
import static cn.tuijin.project.Stage.RESERVE;
import static cn.tuijin.project.Stage.SIGNED;
import static cn.tuijin.project.Stage.UNDER_CONSTRUCTION;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import cn.tuijin.org.District;
import cn.tuijin.org.Person;
import cn.tuijin.org.Role;
import cn.tuijin.org.Unit;
import cn.tuijin.org.UnitKind;
import cn.tuijin.project.ApprovalItem;
import cn.tuijin.project.Category;
import cn.tuijin.project.Level;
import cn.tuijin.project.Stage;

/**
 * The demo city's data: three districts, eleven units, their people and thirty-one projects.
 */
final class DemoProjects {

    static final List<District> DISTRICTS = List.of(
            new District("lj", "临江区"),
            new District("bh", "北湖区"),
            new District("gx", "高新区"));

    static final List<Unit> UNITS = List.of(
            new Unit("xmb", "市重点项目办", UnitKind.DEPARTMENT, null),
            new Unit("dcs", "市委督查室", UnitKind.DEPARTMENT, null),
            new Unit("fgw", "市发展改革委", UnitKind.DEPARTMENT, null),
            new Unit("zjj", "市住房城乡建设局", UnitKind.DEPARTMENT, null),
            new Unit("zrj", "市自然资源和规划局", UnitKind.DEPARTMENT, null),
            new Unit("sthj", "市生态环境局", UnitKind.DEPARTMENT, null),
            new Unit("gxj", "市工业和信息化局", UnitKind.DEPARTMENT, null),
            new Unit("ljq", "临江区人民政府", UnitKind.DISTRICT, "lj"),
            new Unit("bhq", "北湖区人民政府", UnitKind.DISTRICT, "bh"),
            new Unit("gxq", "高新区管委会", UnitKind.DISTRICT, "gx"),
            new Unit("hxjc", "华芯集成电路有限公司", UnitKind.ENTERPRISE, "gx"));

    static final List<Person> PEOPLE = List.of(
            new Person("zhengwt", "郑文涛", Role.PROJECT_OFFICE, "xmb", "13800000001", "zheng@xmb.example.cn"),
            new Person("helj", "何丽娟", Role.PROJECT_OFFICE, "xmb", "13800000002", "he@xmb.example.cn"),
            new Person("huangzh", "黄振华", Role.SUPERVISOR, "dcs", "13800000003", "huang@dcs.example.cn"),
            new Person("mazy", "马志远", Role.LEADER, null, "13800000004", "ma@gov.example.cn"),
            new Person("linxh", "林晓红", Role.LEADER, null, "13800000005", "lin@gov.example.cn"),
            new Person("gaojj", "高建军", Role.COMMITTEE, null, "13800000006", "gao@gov.example.cn"),
            new Person("qianw", "钱伟", Role.OFFICER, "fgw", "13800000011", "qian@fgw.example.cn"),
            new Person("wangjg", "王建国", Role.OFFICER, "zjj", "13800000012", "wang@zjj.example.cn"),
            new Person("lina", "李娜", Role.OFFICER, "zjj", "13800000013", "li@zjj.example.cn"),
            new Person("zhaol", "赵磊", Role.OFFICER, "zrj", "13800000014", "zhao@zrj.example.cn"),
            new Person("chenj", "陈静", Role.OFFICER, "sthj", "13800000015", "chen@sthj.example.cn"),
            new Person("liuy", "刘洋", Role.OFFICER, "gxj", "13800000016", "liu@gxj.example.cn"),
            new Person("sunhb", "孙海波", Role.OFFICER, "ljq", "13800000017", "sun@ljq.example.cn"),
            new Person("xum", "徐敏", Role.OFFICER, "ljq", "13800000018", "xu@ljq.example.cn"),
            new Person("zhuwd", "朱伟东", Role.OFFICER, "bhq", "13800000019", "zhu@bhq.example.cn"),
            new Person("zhouq", "周倩", Role.OFFICER, "gxq", "13800000020", "zhou@gxq.example.cn"),
            new Person("wuh", "吴浩", Role.OFFICER, "hxjc", "13800000021", "wu@hxjc.example.cn"),
            // the leaders' secretary (秘书): no unit, works what a leader delegates to her
            new Person("yangl", "杨柳", Role.OFFICER, null, "13800000022", "yang@gov.example.cn"));

    /** Each leader and his secretary (秘书). */
    static final Map<String, String> SECRETARIES = Map.of("linxh", "yangl", "mazy", "yangl");

    private static final Map<ApprovalItem, String> ALL_APPROVALS = approvals(PROJECT_APPROVAL, PLANNING, LAND, EIA, ENERGY, CONSTRUCTION_PERMIT);
    private static final Map<ApprovalItem, String> CITY_APPROVALS = approvals(PROJECT_APPROVAL, PLANNING, LAND, CONSTRUCTION_PERMIT);
    private static final Map<ApprovalItem, String> RENOVATION_APPROVALS = approvals(PROJECT_APPROVAL, EIA, ENERGY);

    static final List<DemoProject> ALL = List.of(
            // 在谈: signing overdue, due soon, on time
            // Registered 25 working days ago; its signing date has passed and a supervision notice is out about it.
            new DemoProject("XM-2026-001", "新能源汽车电驱系统产业园", INDUSTRIAL, PROVINCE, "gx", "gxq", List.of("gxj", "zrj"), "mazy", 320000, 60000,
                    NEGOTIATING, -20, 60, 500, 560, ALL_APPROVALS, false, false, DemoCity.NOTICE_ITEM_OPENED),
            p("XM-2026-002", "锂电池正极材料项目", INDUSTRIAL, CITY, "bh", "bhq", List.of("gxj"), "mazy", 150000, 30000, NEGOTIATING, -6, 80, 420, 480, ALL_APPROVALS),
            p("XM-2026-003", "生物医药产业园一期", INDUSTRIAL, CITY, "gx", "gxq", List.of("fgw"), "linxh", 86000, 20000, NEGOTIATING, 3, 90, 500, 540, ALL_APPROVALS),
            p("XM-2026-004", "智能装备制造基地", INDUSTRIAL, DISTRICT, "lj", "ljq", List.of("gxj"), "mazy", 52000, 12000, NEGOTIATING, 40, 120, 600, 640, ALL_APPROVALS),
            p("XM-2026-005", "光伏组件生产线", INDUSTRIAL, CITY, "bh", "bhq", List.of(), "linxh", 45000, 15000, NEGOTIATING, 60, 150, 520, 560, ALL_APPROVALS),
            // 签约, approvals under way
            p("XM-2026-006", "华芯12英寸晶圆制造项目", INDUSTRIAL, PROVINCE, "gx", "hxjc", List.of("gxq", "sthj", "zrj"), "mazy", 1200000, 200000, SIGNED, -90, 40, 700, 760, ALL_APPROVALS),
            p("XM-2026-007", "城市轨道交通2号线（一期）", INFRASTRUCTURE, PROVINCE, "lj", "zjj", List.of("zrj", "ljq"), "linxh", 980000, 150000, SIGNED, -120, 60, 1000, 1060, CITY_APPROVALS),
            p("XM-2026-008", "钢铁集团超低排放改造", RENOVATION, CITY, "bh", "gxj", List.of("sthj"), "mazy", 68000, 30000, SIGNED, -60, 30, 300, 330, RENOVATION_APPROVALS),
            p("XM-2026-009", "市人民医院新院区", SOCIAL, CITY, "lj", "zjj", List.of("fgw"), "linxh", 260000, 50000, SIGNED, -45, 75, 800, 860, CITY_APPROVALS),
            // 签约, approvals done: the start claim is open (逾期未开工, near, on time)
            pDone("XM-2026-010", "临江大道快速化改造", INFRASTRUCTURE, CITY, "lj", "zjj", List.of("ljq", "zrj"), "linxh", 180000, 60000, -150, -30, 500, 530),
            pDone("XM-2026-011", "北湖污水处理厂扩建", INFRASTRUCTURE, CITY, "bh", "bhq", List.of("sthj"), "mazy", 42000, 20000, -100, -12, 400, 430),
            pDone("XM-2026-012", "市第一中学新校区", SOCIAL, CITY, "gx", "gxq", List.of("zjj"), "linxh", 56000, 25000, -80, 3, 450, 480),
            pDone("XM-2026-013", "中心城区养老服务中心", SOCIAL, DISTRICT, "lj", "ljq", List.of(), "linxh", 18000, 9000, -70, 4, 360, 380),
            pDone("XM-2026-014", "地下综合管廊（二期）", URBAN, CITY, "gx", "zjj", List.of("gxq"), "mazy", 75000, 30000, -60, 25, 540, 560),
            pDone("XM-2026-015", "纺织智能化技改项目", RENOVATION, DISTRICT, "bh", "bhq", List.of("gxj"), "mazy", 23000, 15000, -40, 50, 300, 320),
            // 在建: completion overdue, near, on time; some with this month's report open
            pBuilt("XM-2026-016", "220千伏临江输变电工程", INFRASTRUCTURE, CITY, "lj", "fgw", List.of("ljq"), "mazy", 36000, 18000, -500, -400, -10, 20, true),
            pBuilt("XM-2026-017", "老旧小区改造（一期）", URBAN, CITY, "lj", "zjj", List.of("ljq"), "linxh", 28000, 20000, -400, -300, 3, 30, true),
            pBuilt("XM-2026-018", "高新区人才公寓", URBAN, DISTRICT, "gx", "gxq", List.of("zjj"), "linxh", 48000, 24000, -420, -330, 200, 230, false),
            pBuilt("XM-2026-019", "滨江大桥", INFRASTRUCTURE, PROVINCE, "lj", "zjj", List.of("zrj", "ljq"), "mazy", 220000, 70000, -700, -600, 300, 330, true),
            pBuilt("XM-2026-020", "市体育中心", SOCIAL, CITY, "bh", "bhq", List.of("zjj"), "linxh", 95000, 40000, -380, -280, 150, 180, false),
            pBuilt("XM-2026-021", "化工园区安全提升改造", RENOVATION, CITY, "bh", "gxj", List.of("sthj"), "mazy", 31000, 16000, -300, -200, 60, 90, false),
            pBuilt("XM-2026-022", "妇幼保健院综合楼", SOCIAL, DISTRICT, "gx", "gxq", List.of(), "linxh", 26000, 12000, -360, -250, 120, 150, false),
            pBuilt("XM-2026-023", "城市更新北湖片区", URBAN, CITY, "bh", "bhq", List.of("zrj", "zjj"), "mazy", 160000, 45000, -450, -340, 400, 430, false),
            // 竣工: the production/use claim is open
            p("XM-2026-024", "智慧物流园", INDUSTRIAL, CITY, "gx", "gxq", List.of("gxj"), "mazy", 38000, 8000, COMPLETED, -800, -700, -40, -5, Map.of()),
            p("XM-2026-025", "城区供水管网改造", INFRASTRUCTURE, DISTRICT, "lj", "ljq", List.of(), "linxh", 12000, 6000, COMPLETED, -600, -500, -30, 20, Map.of()),
            // 投产 / 投用 and 储备: no process to run
            p("XM-2026-026", "精密模具产业园", INDUSTRIAL, DISTRICT, "bh", "bhq", List.of(), "mazy", 27000, 0, OPERATING, -900, -800, -200, -100, Map.of()),
            p("XM-2026-027", "高新区科创中心", URBAN, CITY, "gx", "gxq", List.of(), "linxh", 64000, 0, OPERATING, -1000, -900, -150, -90, Map.of()),
            p("XM-2026-028", "氢能装备产业基地", INDUSTRIAL, CITY, "gx", "gxq", List.of("gxj"), "mazy", 210000, 0, RESERVE, 200, 300, 900, 960, Map.of()),
            p("XM-2026-029", "北湖湿地公园", SOCIAL, DISTRICT, "bh", "bhq", List.of("zrj"), "linxh", 15000, 0, RESERVE, 150, 240, 500, 520, Map.of()),
            p("XM-2026-030", "数据中心一期", INDUSTRIAL, CITY, "gx", "gxq", List.of("fgw"), "mazy", 90000, 30000, NEGOTIATING, 10, 100, 460, 500, ALL_APPROVALS),
            // Its construction permit was accepted nine working days before the seeding day: the seven working days
            // promised for it ran out two working days ago.
            new DemoProject("XM-2026-031", "城南片区棚户区改造安置房", URBAN, CITY, "lj", "zjj", List.of("ljq"), "linxh", 66000, 22000,
                    SIGNED, -120, 20, 560, 600, approvals(CONSTRUCTION_PERMIT), false, false, DemoCity.PERMIT_AGE));

    private DemoProjects() {
    }

    /** The approving department of each approval in the demo city. */
    private static Map<ApprovalItem, String> approvals(ApprovalItem... items) {
        Map<ApprovalItem, String> map = new EnumMap<>(ApprovalItem.class);
        for (ApprovalItem item : items) {
            map.put(item, switch (item) {
                case PROJECT_APPROVAL, ENERGY -> "fgw";
                case PLANNING, LAND -> "zrj";
                case EIA -> "sthj";
                case CONSTRUCTION_PERMIT -> "zjj";
            });
        }
        return map;
    }

    private static DemoProject p(String code, String name, Category category, Level level, String district, String lead,
                                 List<String> coop, String leader, int total, int annual, Stage stage, int sign, int start,
                                 int completion, int operation, Map<ApprovalItem, String> approvals) {
        return new DemoProject(code, name, category, level, district, lead, coop, leader, total, annual, stage, sign, start,
                completion, operation, approvals, false, false, null);
    }

    private static DemoProject pDone(String code, String name, Category category, Level level, String district, String lead,
                                     List<String> coop, String leader, int total, int annual, int sign, int start,
                                     int completion, int operation) {
        return new DemoProject(code, name, category, level, district, lead, coop, leader, total, annual, SIGNED, sign, start,
                completion, operation, CITY_APPROVALS, true, false, null);
    }

    private static DemoProject pBuilt(String code, String name, Category category, Level level, String district, String lead,
                                      List<String> coop, String leader, int total, int annual, int sign, int start,
                                      int completion, int operation, boolean reportOpen) {
        return new DemoProject(code, name, category, level, district, lead, coop, leader, total, annual, UNDER_CONSTRUCTION,
                sign, start, completion, operation, Map.of(), false, reportOpen, null);
    }
}
