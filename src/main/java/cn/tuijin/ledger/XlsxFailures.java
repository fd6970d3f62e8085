package cn.tuijin.ledger;

import org.apache.poi.openxml4j.exceptions.OLE2NotOfficeXmlFileException;
import org.apache.poi.poifs.filesystem.OfficeXmlFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.SAXParseException;

/**
 * Turns what POI and the XML parser throw on a bad upload into a refusal the user understands.
 */
final class XlsxFailures {

    private static final Logger log = LoggerFactory.getLogger(XlsxFailures.class);

    static final String ZIP_BOMB = "文件解压后的体积异常庞大（压缩比超过 1:100 或单个部件超过 256 MB，疑似“压缩炸弹”），已拒绝导入。"
            + "正常的项目台账不会这样，请用 Excel 重新保存后再试";

    private XlsxFailures() {
    }

    static LedgerRejectedException rejection(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof LedgerRejectedException rejected) {
                return rejected;
            }
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (message.contains("Zip bomb") || message.contains("potentially malicious") || message.contains("expanded data")) {
                log.warn("台账导入：拒绝疑似压缩炸弹的文件（{}）", firstLine(message));
                return new LedgerRejectedException(ZIP_BOMB);
            }
            if (t instanceof OLE2NotOfficeXmlFileException || t instanceof OfficeXmlFileException) {
                return new LedgerRejectedException("这是旧版 Excel 97-2003（.xls）文件或加了密码的文件，请另存为「Excel 工作簿（*.xlsx）」后再导入");
            }
            if (t instanceof SAXParseException) {
                log.info("台账导入：文件内容无法解析（{}）", firstLine(message));
                return new LedgerRejectedException("文件中的表格内容已损坏，无法读取，请在 Excel 中打开后另存为 .xlsx 再导入");
            }
        }
        log.info("台账导入：文件无法作为工作簿读取", failure);
        return new LedgerRejectedException("文件无法作为 Excel 工作簿读取（可能已损坏或不是 .xlsx 格式），请在 Excel 中打开后另存为「Excel 工作簿（*.xlsx）」再导入");
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
