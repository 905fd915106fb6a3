using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace IonPortal.Core.Billing;

/// <summary>
/// A report's lines as an Excel workbook: one sheet whose data is an Excel table (named, styled,
/// with filter buttons), so a pivot table or slicers can be made from it straight away. Numbers
/// are numbers, months are real dates shown as yyyy-mm. Written as a stream (SAX), so a
/// million-line export doesn't build a document tree in memory.
/// </summary>
public static class ReportWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void Write(Stream output, string sheetName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Styles();
        var sheetPart = workbook.AddNewPart<WorksheetPart>();

        var count = 0;
        using (var writer = OpenXmlWriter.Create(sheetPart))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            WriteRow(writer, 1, header.Cast<object?>().ToList());
            foreach (var row in rows)
                WriteRow(writer, ++count + 1, row);
            writer.WriteEndElement();
            // The table part is referenced from the sheet, after its data.
            writer.WriteStartElement(new TableParts { Count = 1 });
            writer.WriteElement(new TablePart { Id = "rIdTable" });
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        var range = $"A1:{Column(header.Count)}{Math.Max(count, 1) + 1}";
        var tablePart = sheetPart.AddNewPart<TableDefinitionPart>("rIdTable");
        tablePart.Table = new Table(
            new AutoFilter { Reference = range },
            new TableColumns(header.Select((name, i) => new TableColumn { Id = (uint)(i + 1), Name = name })) { Count = (uint)header.Count },
            new TableStyleInfo { Name = "TableStyleMedium2", ShowRowStripes = true, ShowColumnStripes = false, ShowFirstColumn = false, ShowLastColumn = false })
        {
            Id = 1, Name = "Charges", DisplayName = "Charges", Reference = range, TotalsRowShown = false,
        };

        workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName }));
        workbook.Workbook.Save();
    }

    private static void WriteRow(OpenXmlWriter writer, int number, IReadOnlyList<object?> cells)
    {
        writer.WriteStartElement(new Row { RowIndex = (uint)number });
        for (var i = 0; i < cells.Count; i++)
        {
            var reference = $"{Column(i + 1)}{number}";
            switch (cells[i])
            {
                case null:
                    break;
                case decimal d:
                    writer.WriteElement(new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(d) });
                    break;
                case long n:
                    writer.WriteElement(new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue((decimal)n) });
                    break;
                case DateOnly month:
                    // A date serial with the month format (style 1), so Excel groups and sorts it as a date.
                    writer.WriteElement(new Cell { CellReference = reference, StyleIndex = 1, CellValue = new CellValue((decimal)(month.ToDateTime(TimeOnly.MinValue) - new DateTime(1899, 12, 30)).TotalDays) });
                    break;
                default:
                    writer.WriteElement(new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(cells[i]!.ToString()!)) });
                    break;
            }
        }
        writer.WriteEndElement();
    }

    private static Stylesheet Styles() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm" }) { Count = 1 },
        new Fonts(new Font()) { Count = 1 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true }) { Count = 2 });

    /// <summary>A column's letters: 1 → A, 27 → AA.</summary>
    private static string Column(int number)
    {
        var name = "";
        for (; number > 0; number = (number - 1) / 26)
            name = (char)('A' + (number - 1) % 26) + name;
        return name;
    }
}
