/**
 * Picks the separator from the header line: the candidate that occurs most
 * often outside quotes. Dutch Excel writes ';', most tools ','.
 */
export function detectDelimiter(headerLine: string): ',' | ';' {
  const line = headerLine.replace(/^\uFEFF/, '');
  let inQuotes = false;
  let commas = 0;
  let semicolons = 0;
  for (const ch of line) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === ',') commas++;
    else if (!inQuotes && ch === ';') semicolons++;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
  }
  return semicolons > commas ? ';' : ',';
}

/** The first line of a file's opening bytes (enough for any sane header). */
export function firstLine(head: Buffer): string {
  const text = head.toString('utf8');
  const end = text.search(/\r?\n/);
  return end === -1 ? text : text.slice(0, end);
}
