import { defaultPriceBook } from './defaultPricebook';
import { familyMembers, familyOf } from './family';
import { rightSizing } from './rightSizing';

const book = defaultPriceBook();

describe('familyOf', () => {
  it('groups AWS by prefix, GCP by name without the size, Azure by explicit family', () => {
    expect(familyOf({ type: 't3.large' })).toBe('t3');
    expect(familyOf({ type: 'db.r5.large' })).toBe('db.r5');
    expect(familyOf({ type: 'cache.r6g.large' })).toBe('cache.r6g');
    expect(familyOf({ type: 'n2-standard-4' })).toBe('n2-standard');
    expect(familyOf({ type: 'Standard_D2s_v3', family: 'Standard_Ds_v3' })).toBe('Standard_Ds_v3');
    expect(familyOf({ type: 'weird' })).toBe('weird');
  });

  it('orders members smallest first', () => {
    const m5 = book.instances.find((e) => e.type === 'm5.xlarge')!;
    expect(familyMembers(book.instances, m5).map((e) => e.type)).toEqual(['m5.large', 'm5.xlarge', 'm5.2xlarge']);
  });
});

describe('rightSizing', () => {
  it('suggests the smallest size of the family that runs the load at the target', () => {
    // m5.2xlarge (8 vCPU / 32 GiB) at 15 % CPU, 20 % memory: needs 1.7 vCPU / 9.1 GiB at 70 % → m5.xlarge
    const [a] = rightSizing([{ type: 'm5.2xlarge', count: 4, cpu: 0.15, memory: 0.2 }], book);
    expect(a.action).toBe('downsize');
    expect(a.suggested).toBe('m5.xlarge');
    expect(a.neededVcpu).toBeCloseTo(1.714, 3);
    expect(a.neededMemoryGiB).toBeCloseTo(9.143, 3);
    expect(a.monthlySaving).toBeCloseTo(4 * (0.384 - 0.192) * 730, 9);
    expect(a.reason).toBe('cpu 15 %, memory 20 % of 8 vCPU / 32 GiB: needs 1.7 vCPU / 9.1 GiB at 70 %; m5.xlarge (4 vCPU / 16 GiB) fits');
  });

  it('keeps memory when memory utilisation is unknown', () => {
    // t3.large at 10 % CPU would fit t3.medium on CPU alone, but t3.medium has half the memory.
    const [a] = rightSizing([{ type: 't3.large', count: 5, cpu: 0.1 }], book);
    expect(a.action).toBe('keep');
    expect(a.suggested).toBeNull();
    const [b] = rightSizing([{ type: 't3.large', count: 5, cpu: 0.1, memory: 0.2 }], book);
    expect(b).toMatchObject({ action: 'downsize', suggested: 't3.medium' });
    expect(b.monthlySaving).toBeCloseTo(5 * 0.0416 * 730, 9);
  });

  it('suggests a bigger size when over the target, and says when there is none', () => {
    expect(rightSizing([{ type: 'm5.large', count: 1, cpu: 0.9, memory: 0.5 }], book)[0]).toMatchObject({ action: 'upsize', suggested: 'm5.xlarge' });
    const [top] = rightSizing([{ type: 'm5.2xlarge', count: 1, cpu: 0.95 }], book);
    expect(top.action).toBe('upsize');
    expect(top.suggested).toBeNull();
    expect(top.reason).toMatch(/no larger size of this family/);
  });

  it('uses the mix prices for the saving when given', () => {
    const [a] = rightSizing([{ type: 'm5.xlarge', count: 1, cpu: 0.1, memory: 0.1 }], book, { mix: { reserved_1y: 1 } });
    expect(a.suggested).toBe('m5.large');
    expect(a.monthlySaving).toBeCloseTo((0.12 - 0.06) * 730, 9);
  });

  it('reports unknown types, missing utilisation and percent-looking values', () => {
    const r = rightSizing(
      [
        { type: 'q9.tiny', count: 1, cpu: 0.5 },
        { type: 'm5.large', count: 1, cpu: NaN },
        { type: 'm5.large', count: 1, cpu: 75 },
      ],
      book,
    );
    expect(r.map((x) => x.action)).toEqual(['unpriced', 'unknown', 'invalid']);
    expect(r[2].reason).toBe('cpu utilisation must be a ratio 0..1, got 75 (a percent?)');
    expect(rightSizing([{ type: 'm5.large', count: 1, cpu: 0.5 }], book, { target: 0 })[0].action).toBe('invalid');
  });
});
