"""Renderers and display functions."""
import base64
import struct
import unittest

from kernel_client import KernelTestCase, errors, results, stream_text


def png_size(b64):
    data = base64.b64decode(b64)
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


class DisplayTests(KernelTestCase):

    def test_buffered_image_as_png(self):
        out = self.run_ok("import java.awt.image.BufferedImage;\nnew BufferedImage(7, 5, BufferedImage.TYPE_INT_ARGB)")
        [res] = results(out)
        self.assertEqual(png_size(res["data"]["image/png"]), (7, 5))
        self.assertEqual(res["data"]["text/plain"], "image 7x5")

    def test_xchart_chart_as_png(self):
        out = self.run_ok(
            "var chart = new org.knowm.xchart.XYChartBuilder().width(320).height(200).title(\"loss\").build();\n"
            "chart.addSeries(\"train\", new double[]{1, 2, 3}, new double[]{3, 2, 1});\n"
            "chart")
        [res] = results(out)
        self.assertEqual(png_size(res["data"]["image/png"]), (320, 200))
        self.assertIn("XYChart 'loss'", res["data"]["text/plain"])

    def test_tablesaw_table_as_html_and_text(self):
        out = self.run_ok(
            "var table = tech.tablesaw.api.Table.create(\"prices\",\n"
            "    tech.tablesaw.api.DoubleColumn.create(\"close\", new double[]{1.5, 2.5}),\n"
            "    tech.tablesaw.api.StringColumn.create(\"day\", new String[]{\"mon\", \"<tue>\"}));\n"
            "table")
        [res] = results(out)
        html = res["data"]["text/html"]
        self.assertIn("<table", html)
        self.assertIn("<th>close</th>", html)
        self.assertIn("&lt;tue&gt;", html)
        self.assertIn("2 rows × 2 columns", html)
        self.assertIn("close", res["data"]["text/plain"])

    def test_long_table_shows_head_and_tail(self):
        out = self.run_ok("tech.tablesaw.api.Table.create(\"n\", tech.tablesaw.api.IntColumn.create(\"i\","
                          " java.util.stream.IntStream.range(0, 100).toArray()))")
        html = results(out)[0]["data"]["text/html"]
        self.assertIn("<td>0</td>", html)
        self.assertIn("<td>99</td>", html)
        self.assertNotIn("<td>50</td>", html)
        self.assertIn("100 rows", html)

    def test_tensor_as_text_like_its_toString(self):
        out = self.run_ok("var t = Tensor.class; t")
        self.assertEqual(results(out)[0]["data"]["text/plain"], "class rnncourse.tensor.Tensor")
        # A real tensor: the notebook shows exactly what toString prints.
        code = ("Object tensor = Tensor.class.getMethod(\"arange\", int.class).invoke(null, 6);\n"
                "System.out.print(tensor.toString());\n"
                "tensor")
        reply, out = self.k.execute(code)
        if reply["status"] != "ok":
            self.skipTest(f"Tensor.arange(int) not available in this library build: {errors(out)[0]['evalue']}")
        self.assertEqual(results(out)[0]["data"]["text/plain"], stream_text(out))
        self.assertIn("tensor(", stream_text(out))

    def test_display_returns_id_and_update_display_replaces_it(self):
        out = self.run_ok('String id = display("first");\nupdateDisplay(id, "second");\nSystem.out.print(id);')
        shown = [m for m in out if m["msg_type"] == "display_data"]
        updated = [m for m in out if m["msg_type"] == "update_display_data"]
        self.assertEqual(len(shown), 1)
        self.assertEqual(len(updated), 1)
        display_id = shown[0]["content"]["transient"]["display_id"]
        self.assertEqual(updated[0]["content"]["transient"]["display_id"], display_id)
        self.assertEqual(updated[0]["content"]["data"]["text/plain"], "second")
        self.assertEqual(stream_text(out), display_id)

    def test_update_display_restricts_mime_types(self):
        out = self.run_ok('String id2 = display("placeholder");\n'
                          'updateDisplay(id2, new java.awt.image.BufferedImage(2, 2, 1), "text/plain");')
        [update] = [m for m in out if m["msg_type"] == "update_display_data"]
        self.assertEqual(update["content"]["data"], {"text/plain": "image 2x2"})

    def test_cell_ending_in_display_shows_no_extra_result(self):
        out = self.run_ok('display("only once")')
        self.assertEqual([m["msg_type"] for m in out if m["msg_type"] != "execute_input"], ["display_data"])

    def test_render_restricts_mime_types(self):
        out = self.run_ok("render(new java.awt.image.BufferedImage(3, 3, 1), \"text/plain\")")
        self.assertEqual(list(results(out)[0]["data"].keys()), ["text/plain"])

    def test_render_with_unknown_mime_type_fails_clearly(self):
        reply, out = self.k.execute('render("x", "image/png")')
        self.assertEqual(reply["status"], "error")
        self.assertIn("cannot render", errors(out)[0]["evalue"])

    def test_printed_output_comes_before_display(self):
        out = self.run_ok('System.out.println("before");\ndisplay("shown");')
        kinds = [m["msg_type"] for m in out if m["msg_type"] in ("stream", "display_data")]
        self.assertEqual(kinds, ["stream", "display_data"])


if __name__ == "__main__":
    unittest.main()
