// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { toCsv } from './files';

describe('CSV export', () => {
  it('quotes separators and quotes and neutralises spreadsheet formulas', () => {
    const csv = toCsv(['a', 'b'], [['x,y', 'say "hi"'], ['=SUM(A1)', 3]]);
    expect(csv).toBe('a,b\r\n"x,y","say ""hi"""\r\n\'=SUM(A1),3\r\n');
  });
});
