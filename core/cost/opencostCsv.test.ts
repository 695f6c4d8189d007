import { parseCsv } from './csv';
import { readOpenCostCsv } from './opencostCsv';
import { formatIssue } from './validate';

// The column layout of OpenCost's CSV provider (pkg/cloud/provider/csvprovider.go).
const HEADER = 'EndTimestamp,InstanceID,Region,AssetClass,InstanceIDField,InstanceType,MarketPriceHourly,Version';

describe('readOpenCostCsv', () => {
  it('reads node prices by type and region, averaging several nodes of one type', () => {
    const csv = [
      HEADER,
      '# negotiated prices',
      '2024-05-01 00:00:00 UTC,i-1,us-east-1,node,spec.providerID,m5.large,0.08,',
      '2024-05-02 00:00:00 UTC,i-2,us-east-1,node,spec.providerID,m5.large,0.06,',
      '2024-05-01 00:00:00 UTC,i-3,eu-west-1,node,spec.providerID,m5.large,0.09,',
      '2024-05-01 00:00:00 UTC,pv-gp3,us-east-1,pv,metadata.name,gp3,0.0001,',
    ].join('\n');
    const r = readOpenCostCsv(csv, { currency: 'EUR', source: 'finance sheet 2024-05' });
    expect(r.errors).toEqual([]);
    const book = r.book!;
    expect(book.currency).toBe('EUR');
    expect(book.instances).toEqual([
      {
        type: 'm5.large',
        region: 'us-east-1',
        vcpu: 2,
        memoryGiB: 8,
        component: 'compute',
        prices: { on_demand: { hourly: 0.07, asOf: '2024-05-02', source: 'finance sheet 2024-05' } },
      },
      {
        type: 'm5.large',
        region: 'eu-west-1',
        vcpu: 2,
        memoryGiB: 8,
        component: 'compute',
        prices: { on_demand: { hourly: 0.09, asOf: '2024-05-01', source: 'finance sheet 2024-05' } },
      },
    ]);
    // pv: per GB-hour in OpenCost → per GB-month here
    expect(book.storage[0]).toMatchObject({ class: 'gp3', region: 'us-east-1' });
    expect(book.storage[0].perGbMonth).toBeCloseTo(0.073, 12);
    expect(r.notes).toEqual(['m5.large in us-east-1: 2 rows averaged to 0.070000/h']);
  });

  it('reads headerless files in OpenCost column order and notes what it skips', () => {
    const csv = ['2024-05-01,node-7,us-east-1,node,metadata.name,,0.1,', ',gpu-a100,us-east-1,gpu,x,,2.5,', ',n1,r1,node,x,custom.big,1.5,'].join('\r\n');
    const r = readOpenCostCsv(csv, { asOf: '2024-06-01' });
    expect(r.errors).toEqual([]);
    expect(r.book!.instances).toEqual([{ type: 'custom.big', region: 'r1', vcpu: 0, memoryGiB: 0, prices: { on_demand: { hourly: 1.5, asOf: '2024-06-01', source: 'OpenCost custom pricing CSV' } } }]);
    expect(r.notes).toEqual([
      'line 1: node price for InstanceID "node-7" has no InstanceType: skipped (inventories here are by type)',
      "line 2: gpu price skipped (GPUs aren't counted by the inventory)",
      'custom.big: vCPU and memory unknown (not in the specs book): right-sizing will skip it',
    ]);
  });

  it('lists every bad row with its line and column', () => {
    const csv = [HEADER, ',a,us-east-1,node,x,t3.large,cheap,', ',b,us-east-1,node,x,t3.large,-1,', ',c,us-east-1,node,x,t3.large,,', 'too,few'].join('\n');
    const r = readOpenCostCsv(csv, { currency: 'XXQ' });
    expect(r.book).toBeNull();
    expect(r.errors.map(formatIssue)).toEqual([
      'csv: currency: unknown currency code "XXQ" (expected an ISO 4217 code such as USD)',
      'line 2: MarketPriceHourly: price must be a number, got "cheap"',
      'line 3: MarketPriceHourly: price must not be negative, got -1',
      'line 4: MarketPriceHourly: price is missing',
      'line 5: : expected 8 columns, got 2',
    ]);
  });

  it('says so when there is no usable node price at all', () => {
    expect(readOpenCostCsv(HEADER).errors.map(formatIssue)).toEqual(['csv: InstanceType: no node prices with an InstanceType found']);
  });
});

describe('parseCsv', () => {
  it('handles quotes, escaped quotes, embedded commas and newlines, CRLF and a BOM', () => {
    const rows = parseCsv('\ufeffa,"b,c","say ""hi"""\r\n"multi\nline",2,3\n\n');
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b,c', 'say "hi"'] },
      { line: 2, fields: ['multi\nline', '2', '3'] },
    ]);
  });
});
