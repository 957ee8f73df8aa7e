import { type Response } from 'express';

/** A CSV column: its header and how a value is written. */
export interface CsvColumn<T> {
  header: string;
  value: (item: T) => string | number | boolean | null | undefined;
}

/** Minor units (fen) as decimal yuan with two places, without floating point: 123456 → "1234.56". */
export function yuan(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A field as RFC 4180 writes it: quoted when it holds a quote, comma, CR or LF (quotes doubled). */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document: UTF-8 BOM (so Excel reads Chinese names), a header row, CRLF line ends. */
export function toCsv<T>(columns: readonly CsvColumn<T>[], items: readonly T[]): string {
  const lines = [columns.map((c) => csvField(c.header)).join(',')];
  for (const item of items) lines.push(columns.map((c) => csvField(c.value(item))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Whether the client asked for CSV (`Accept: text/csv`). */
export function wantsCsv(accept: string | undefined): boolean {
  return (accept ?? '').toLowerCase().includes('text/csv');
}

/** Sets the CSV headers, with a dated download file name, and returns the body. */
export function sendCsv<T>(
  res: Response,
  name: string,
  columns: readonly CsvColumn<T>[],
  items: readonly T[],
): string {
  const day = new Date().toISOString().slice(0, 10);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${name}-${day}.csv"`);
  return toCsv(columns, items);
}
