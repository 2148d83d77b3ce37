// CSV as RFC 4180 writes it (quotes around fields with commas, quotes or line breaks; "" inside quotes), which
// is what Excel and WPS save and what the service's import reads.

/** Records of fields; a byte-order mark at the start is dropped, blank lines are skipped. */
export function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      record.push(field);
      if (record.some((f) => f !== '')) records.push(record);
      record = [];
      field = '';
    } else {
      field += c;
    }
  }
  record.push(field);
  if (record.some((f) => f !== '')) records.push(record);
  return records;
}

export function toCsv(records) {
  return records.map((r) => r.map((f) => (/[",\r\n]/.test(f) ? '"' + f.replace(/"/g, '""') + '"' : f)).join(','))
    .join('\r\n') + '\r\n';
}
