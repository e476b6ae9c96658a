package rnncourse.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import rnncourse.tensor.DType;
import rnncourse.tensor.Tensor;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TablesTest {
    @Test
    void stockPricesOldestFirst() throws IOException {
        Table t = Tables.stockPrices();
        assertEquals(List.of("Open", "High", "Low", "Volume", "Close"), t.columnNames());
        Path file = DataPaths.find(Tables.STOCK_FILE);
        long dataLines = Files.readAllLines(file).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).count();
        assertEquals(732, dataLines);
        assertEquals(732, t.rowCount());
        // the file's first data row is the newest day; it must come last
        assertEquals(828.659973, t.doubleColumn("Open").get(731), 1e-9);
        assertEquals(831.659973, t.doubleColumn("Close").get(731), 1e-9);
        // and the file's last row (the oldest day) first
        assertEquals(568.00257, t.doubleColumn("Open").get(0), 1e-9);
        assertEquals(558.462551, t.doubleColumn("Close").get(0), 1e-9);
        assertEquals(13100, t.doubleColumn("Volume").get(0), 0);
    }

    @Test
    void toTensorKeepsRowsAndColumnOrder() {
        Table t = Tables.stockPrices();
        Tensor all = Tables.toTensor(t);
        assertArrayEquals(new int[]{732, 5}, all.shapeArray());
        assertEquals(DType.FLOAT32, all.dtype());
        assertEquals((float) 558.462551, all.get(0, 4));
        Tensor two = Tables.toTensor(t, "Close", "Open");
        assertArrayEquals(new int[]{732, 2}, two.shapeArray());
        assertEquals((float) 831.659973, two.get(731, 0));
        assertEquals((float) 828.659973, two.get(731, 1));
    }

    @Test
    void toTensorErrorsNameTheColumn() {
        Table t = Table.create("mixed", DoubleColumn.create("x", 1.0, 2.0), StringColumn.create("name", "a", "b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tables.toTensor(t, "x", "name"));
        assertTrue(e.getMessage().contains("'name'") && e.getMessage().contains("STRING"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tables.toTensor(t, "y"));
        assertTrue(e.getMessage().contains("'y'") && e.getMessage().contains("[x, name]"), e.getMessage());
        Table missing = Table.create("gap", DoubleColumn.create("x", 1.0, Double.NaN));
        e = assertThrows(IllegalArgumentException.class, () -> Tables.toTensor(missing));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
    }

    @Test
    void badLineIsNamedByNumber(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("prices.csv");
        Files.writeString(f, "# source\n# A,B\n1,2\n3,x\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> Tables.readStockCsv(f));
        assertTrue(e.getMessage().contains("line 4") && e.getMessage().contains("\"x\""), e.getMessage());
        Files.writeString(f, "# A,B\r\n1,2\r\n3,4,5\r\n");
        e = assertThrows(DataFormatException.class, () -> Tables.readStockCsv(f));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("expected 2"), e.getMessage());
        Files.writeString(f, "# only a comment\n");
        assertThrows(DataFormatException.class, () -> Tables.readStockCsv(f));
        assertThrows(DataFileNotFoundException.class, () -> Tables.readStockCsv(dir.resolve("none.csv")));
    }

    @Test
    void headerlessFileGetsGenericNames(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("p.csv");
        Files.writeString(f, "# from somewhere\n3,30\n2,20\n\n1,10\n");
        Table t = Tables.readStockCsv(f);
        assertEquals(List.of("C1", "C2"), t.columnNames());
        assertArrayEquals(new float[]{1, 10, 2, 20, 3, 30}, Tables.toTensor(t).toFloatArray());
    }
}
