package rnncourse.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import rnncourse.tensor.Tensor;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The bridge between Tablesaw tables and tensors, and the reader of the stock-price CSV.
 */
public final class Tables {
    /** File name of the stock-price data in the course's {@code data/} folder. */
    public static final String STOCK_FILE = "data-02-stock_daily.csv";

    private Tables() {
    }

    /**
     * The given numeric columns of {@code table} as a float32 tensor of shape (rows, columns), in the
     * order given; with no column names, all columns in table order.
     *
     * @throws IllegalArgumentException if a column does not exist (the message lists those that do),
     *     is not numeric (the message names it and its type) or has a missing value
     */
    public static Tensor toTensor(Table table, String... columns) {
        String[] names = columns.length == 0 ? table.columnNames().toArray(new String[0]) : columns;
        List<NumericColumn<?>> cols = new ArrayList<>(names.length);
        for (String name : names) {
            if (!table.containsColumn(name)) {
                throw new IllegalArgumentException("Tables.toTensor: table '" + table.name() + "' has no column '" + name
                        + "'; its columns are " + table.columnNames());
            }
            Column<?> c = table.column(name);
            if (!(c instanceof NumericColumn<?> numeric)) {
                throw new IllegalArgumentException("Tables.toTensor: column '" + name + "' of table '" + table.name()
                        + "' is " + c.type().name() + ", not numeric; choose numeric columns or convert it first");
            }
            cols.add(numeric);
        }
        int rows = table.rowCount();
        int width = cols.size();
        float[] data = new float[rows * width];
        for (int j = 0; j < width; j++) {
            NumericColumn<?> c = cols.get(j);
            for (int i = 0; i < rows; i++) {
                if (c.isMissing(i)) {
                    throw new IllegalArgumentException("Tables.toTensor: column '" + names[j] + "' has a missing value"
                            + " in row " + i);
                }
                data[i * width + j] = (float) c.getDouble(i);
            }
        }
        return Tensor.wrap(data, rows, width);
    }

    /**
     * Reads a stock-price CSV such as {@value #STOCK_FILE} into a table with one double column per
     * CSV column, <b>oldest row first</b>.
     *
     * <p>The file's lines starting with {@code #} are comments; the last comment before the data, if
     * it lists as many names as the data has fields (e.g. {@code # Open,High,Low,Volume,Close}), names
     * the columns (otherwise they are called {@code C1, C2, ...}). Data lines are numbers separated by
     * commas, <b>newest first</b> (as the file is exported), so the rows are reversed here; blank lines
     * are skipped.
     *
     * @throws DataFileNotFoundException if the file does not exist
     * @throws DataFormatException naming the line number and the field if a line does not parse or
     *     has the wrong number of fields, or if the file has no data
     */
    public static Table readStockCsv(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataFileNotFoundException("stock CSV " + file.toAbsolutePath() + " does not exist"
                    + " (the course's copy is data/" + STOCK_FILE + "; see data/README.md)");
        }
        List<double[]> rows = new ArrayList<>();
        String lastComment = null;
        int width = -1;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                String s = line.strip();
                if (s.isEmpty()) {
                    continue;
                }
                if (s.startsWith("#")) {
                    if (rows.isEmpty()) {
                        lastComment = s.substring(1).strip();
                    }
                    continue;
                }
                String[] fields = s.split(",", -1);
                if (width < 0) {
                    width = fields.length;
                } else if (fields.length != width) {
                    throw new DataFormatException(file + ", line " + lineNo + ": expected " + width
                            + " comma-separated numbers (as in the first data line), got " + fields.length + ": \""
                            + s + "\"");
                }
                double[] row = new double[width];
                for (int j = 0; j < width; j++) {
                    try {
                        row[j] = Double.parseDouble(fields[j].strip());
                    } catch (NumberFormatException e) {
                        throw new DataFormatException(file + ", line " + lineNo + ", field " + (j + 1) + ": \""
                                + fields[j] + "\" is not a number", e);
                    }
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (rows.isEmpty()) {
            throw new DataFormatException(file + ": no data lines (only comments or blank lines)");
        }
        String[] names = columnNames(lastComment, width);
        int n = rows.size();
        Table table = Table.create(file.getFileName().toString());
        for (int j = 0; j < width; j++) {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                // Reverse: the file is newest-first, lessons need time running forward.
                values[i] = rows.get(n - 1 - i)[j];
            }
            table.addColumns(DoubleColumn.create(names[j], values));
        }
        return table;
    }

    /**
     * The course's daily stock prices, {@code data/}{@value #STOCK_FILE}: 732 trading days, oldest
     * first, columns Open, High, Low, Volume, Close.
     *
     * @throws DataFileNotFoundException if the file is not found in any data folder
     */
    public static Table stockPrices() {
        return readStockCsv(DataPaths.find(STOCK_FILE));
    }

    private static String[] columnNames(String comment, int width) {
        if (comment != null) {
            String[] parts = comment.split(",", -1);
            boolean ok = parts.length == width;
            for (int j = 0; ok && j < parts.length; j++) {
                parts[j] = parts[j].strip();
                ok = !parts[j].isEmpty() && !looksNumeric(parts[j]);
            }
            if (ok && Arrays.stream(parts).distinct().count() == width) {
                return parts;
            }
        }
        String[] out = new String[width];
        for (int j = 0; j < width; j++) {
            out[j] = "C" + (j + 1);
        }
        return out;
    }

    private static boolean looksNumeric(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
