/** Short names for code points a reader cannot see, for case titles. */
const C0 = [
  'NUL', 'SOH', 'STX', 'ETX', 'EOT', 'ENQ', 'ACK', 'BEL', 'BACKSPACE', 'TAB', 'LINE FEED', 'VT', 'FORM FEED',
  'CARRIAGE RETURN', 'SO', 'SI', 'DLE', 'DC1', 'DC2', 'DC3', 'DC4', 'NAK', 'SYN', 'ETB', 'CAN', 'EM', 'SUB', 'ESC',
  'FILE SEPARATOR', 'GROUP SEPARATOR', 'RECORD SEPARATOR', 'UNIT SEPARATOR',
];

export function codePointLabel(cp: number): string {
  const hex = 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
  let name: string;
  if (cp < 0x20) name = C0[cp]!;
  else if (cp === 0x20) name = 'SPACE';
  else if (cp === 0x7f) name = 'DELETE';
  else if (cp === 0x85) name = 'NEXT LINE';
  else if (cp >= 0x80 && cp <= 0x9f) name = 'C1 control';
  else if (cp === 0xa0) name = 'NO-BREAK SPACE';
  else if (cp === 0xad) name = 'SOFT HYPHEN';
  else name = `"${String.fromCodePoint(cp)}"`;
  return `${hex} ${name}`;
}

export function codePointId(cp: number): string {
  return 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
}
