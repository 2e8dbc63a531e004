import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.ts';

describe('CSV (RFC 4180, formula injection guarded)', () => {
  it('quotes a field with a comma, a quote or a line break, doubling its quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rlf')).toBe('"cr\rlf"');
  });

  it("prefixes a text cell a spreadsheet would run as a formula with ', and leaves numbers alone", () => {
    expect(csvCell('=HYPERLINK("http://evil.example","click")')).toBe(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csvCell('+1+2')).toBe("'+1+2");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell(-3.5)).toBe('-3.5');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes empty cells for absent values and ends every record with CRLF', () => {
    expect(
      toCsv(
        ['id', 'site', 'note'],
        [
          [1, undefined, null],
          [2, 'ma-1', 'ok'],
        ],
      ),
    ).toBe('id,site,note\r\n1,,\r\n2,ma-1,ok\r\n');
  });
});
