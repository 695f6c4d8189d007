// A small RFC 4180 CSV reader: commas, double-quoted fields with "" escapes and embedded newlines,
// CRLF or LF line ends. Rows keep their 1-based line number for error messages.
export interface CsvRow {
  line: number;
  fields: string[];
}

export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const endRow = () => {
    fields.push(field);
    field = '';
    if (!(fields.length === 1 && fields[0].trim() === '')) {
      rows.push({ line: rowLine, fields });
    }
    fields = [];
  };
  while (i < s.length) {
    const c = s[i];
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n') {
          line++;
        }
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      endRow();
      if (c === '\r' && s[i + 1] === '\n') {
        i++;
      }
      line++;
      rowLine = line;
    } else {
      field += c;
    }
    i++;
  }
  if (field !== '' || fields.length > 0) {
    endRow();
  }
  return rows;
}
