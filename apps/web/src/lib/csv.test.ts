import { describe, expect, it } from 'vitest';
import { countCsvRecords, csvCell, toCsv } from './csv.ts';

describe('CSV (RFC 4180)', () => {
  it('quotes fields holding a comma, a quote or a line break, doubling quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
  });

  it('ends every record with CRLF, header first', () => {
    expect(
      toCsv(
        ['id', 'summary'],
        [
          [1, 'x, y'],
          [2, undefined],
        ],
      ),
    ).toBe('id,summary\r\n1,"x, y"\r\n2,\r\n');
  });

  it('disarms cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://evil","click")')).toBe(`"'=HYPERLINK(""http://evil"",""click"")"`);
    expect(csvCell('+1+cmd|calc')).toBe("'+1+cmd|calc");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
  });

  it('keeps numbers numbers, negative ones too', () => {
    expect(csvCell(-3.5)).toBe('-3.5');
    expect(csvCell('-3.5')).toBe('-3.5');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(null)).toBe('');
  });

  it('counts records, not the line breaks inside quoted fields', () => {
    expect(countCsvRecords(toCsv(['a'], [['x\r\ny'], ['z']]))).toBe(2);
    expect(countCsvRecords('a,b\r\n1,2')).toBe(1);
    expect(countCsvRecords('a,b\r\n')).toBe(0);
    expect(countCsvRecords('')).toBe(0);
  });
});
