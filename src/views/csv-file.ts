/**
 * CSV files as spreadsheets open them: UTF-8 with a byte-order mark (so Excel reads "Lycée
 * Français" right), a header row, CRLF line ends and RFC 4180 quoting, by csv-stringify. Pure.
 */
import { stringify } from "csv-stringify/sync";

export type CsvCell = string | number | boolean | null;

export function csvFile(header: readonly string[], rows: readonly (readonly CsvCell[])[]): Buffer {
  const text = stringify(
    [header as string[], ...rows.map((r) => r.map((c) => (c === null ? "" : typeof c === "boolean" ? (c ? "yes" : "no") : c)))],
    {
      record_delimiter: "\r\n",
      bom: true,
    },
  );
  return Buffer.from(text, "utf8");
}
