// The built-in price book: public list prices (USD) of common instance types in AWS us-east-1,
// GCP us-east1 and Azure eastus, as of 2024-06-01.
//
// These were NOT fetched live (this project's machines reach no price API); they are the published
// list prices as the authors knew them on that date, each with the page to check it against.
// On-demand prices are exact list prices (Linux, shared tenancy; RDS single-AZ PostgreSQL;
// ElastiCache Redis). Reserved/committed prices are the standard 1- and 3-year offers; spot prices
// are a typical recent price (spot moves hourly — treat it as an estimate). Replace or extend the
// book with `--price-book FILE` (JSON, see validate.ts) or OpenCost's CSV (opencostCsv.ts) for
// negotiated prices, other regions or other currencies.
import { InstanceEntry, NetworkEntry, PriceBook, ReservedPrices, StorageEntry } from './types';

export const DEFAULT_PRICE_BOOK_AS_OF = '2024-06-01';
const asOf = DEFAULT_PRICE_BOOK_AS_OF;

const SRC = {
  ec2: 'https://aws.amazon.com/ec2/pricing/on-demand/',
  ec2Ri: 'https://aws.amazon.com/ec2/pricing/reserved-instances/pricing/',
  ec2Spot: 'https://aws.amazon.com/ec2/spot/pricing/',
  rds: 'https://aws.amazon.com/rds/postgresql/pricing/',
  elasticache: 'https://aws.amazon.com/elasticache/pricing/',
  ebs: 'https://aws.amazon.com/ebs/pricing/',
  s3: 'https://aws.amazon.com/s3/pricing/',
  awsTransfer: 'https://aws.amazon.com/ec2/pricing/on-demand/#Data_Transfer',
  gce: 'https://cloud.google.com/compute/vm-instance-pricing',
  gceCud: 'https://cloud.google.com/compute/docs/instances/signing-up-committed-use-discounts',
  gceSpot: 'https://cloud.google.com/spot-vms/pricing',
  gcePd: 'https://cloud.google.com/compute/disks-image-pricing',
  gceNet: 'https://cloud.google.com/vpc/network-pricing',
  azureVm: 'https://azure.microsoft.com/en-us/pricing/details/virtual-machines/linux/',
  azureBw: 'https://azure.microsoft.com/en-us/pricing/details/bandwidth/',
};

/** [upfront, hourly] per option; undefined = option not sold. */
type Term = { no?: number; partial?: [number, number]; all?: number };

function reserved(term: Term | undefined, source: string): ReservedPrices | undefined {
  if (!term) {
    return undefined;
  }
  const out: ReservedPrices = {};
  if (term.no !== undefined) {
    out.no = { upfront: 0, hourly: term.no, asOf, source };
  }
  if (term.partial !== undefined) {
    out.partial = { upfront: term.partial[0], hourly: term.partial[1], asOf, source };
  }
  if (term.all !== undefined) {
    out.all = { upfront: term.all, hourly: 0, asOf, source };
  }
  return out;
}

interface Spec {
  type: string;
  region: string;
  vcpu: number;
  memoryGiB: number;
  component: string;
  family?: string;
  od: number;
  r1?: Term;
  r3?: Term;
  spot?: number;
  src: { od: string; ri: string; spot?: string };
}

function entry(s: Spec): InstanceEntry {
  const e: InstanceEntry = {
    type: s.type,
    region: s.region,
    vcpu: s.vcpu,
    memoryGiB: s.memoryGiB,
    component: s.component,
    prices: { on_demand: { hourly: s.od, asOf, source: s.src.od } },
  };
  if (s.family) {
    e.family = s.family;
  }
  const r1 = reserved(s.r1, s.src.ri);
  const r3 = reserved(s.r3, s.src.ri);
  if (r1) {
    e.prices.reserved_1y = r1;
  }
  if (r3) {
    e.prices.reserved_3y = r3;
  }
  if (s.spot !== undefined && s.src.spot) {
    e.prices.spot = { hourly: s.spot, asOf, source: s.src.spot };
  }
  return e;
}

const EC2 = { od: SRC.ec2, ri: SRC.ec2Ri, spot: SRC.ec2Spot };
const RDS = { od: SRC.rds, ri: SRC.rds };
const CACHE = { od: SRC.elasticache, ri: SRC.elasticache };
const GCE = { od: SRC.gce, ri: SRC.gceCud, spot: SRC.gceSpot };
const AZ = { od: SRC.azureVm, ri: SRC.azureVm, spot: SRC.azureVm };
const aws = 'us-east-1';
const gcp = 'us-east1';
const azure = 'eastus';

// prettier-ignore
const SPECS: Spec[] = [
  // AWS EC2 burstable (compute)
  { type: 't3.medium', region: aws, vcpu: 2, memoryGiB: 4, component: 'compute', od: 0.0416, r1: { no: 0.026, partial: [110, 0.0125], all: 215 }, r3: { no: 0.018, partial: [224, 0.0085], all: 420 }, spot: 0.0125, src: EC2 },
  { type: 't3.large', region: aws, vcpu: 2, memoryGiB: 8, component: 'compute', od: 0.0832, r1: { no: 0.052, partial: [219, 0.025], all: 429 }, r3: { no: 0.036, partial: [447, 0.017], all: 841 }, spot: 0.025, src: EC2 },
  { type: 't3.xlarge', region: aws, vcpu: 4, memoryGiB: 16, component: 'compute', od: 0.1664, r1: { no: 0.104, partial: [438, 0.05], all: 858 }, r3: { no: 0.072, partial: [894, 0.034], all: 1682 }, spot: 0.05, src: EC2 },
  { type: 't3.2xlarge', region: aws, vcpu: 8, memoryGiB: 32, component: 'compute', od: 0.3328, r1: { no: 0.208, partial: [876, 0.1], all: 1716 }, r3: { no: 0.144, partial: [1788, 0.068], all: 3364 }, spot: 0.1, src: EC2 },
  // AWS EC2 general purpose / compute optimised / memory optimised
  { type: 'm5.large', region: aws, vcpu: 2, memoryGiB: 8, component: 'compute', od: 0.096, r1: { no: 0.06, partial: [250, 0.0285], all: 490 }, r3: { no: 0.041, partial: [517, 0.0197], all: 1011 }, spot: 0.035, src: EC2 },
  { type: 'm5.xlarge', region: aws, vcpu: 4, memoryGiB: 16, component: 'compute', od: 0.192, r1: { no: 0.12, partial: [500, 0.057], all: 980 }, r3: { no: 0.082, partial: [1034, 0.0394], all: 2022 }, spot: 0.07, src: EC2 },
  { type: 'm5.2xlarge', region: aws, vcpu: 8, memoryGiB: 32, component: 'compute', od: 0.384, r1: { no: 0.24, partial: [1000, 0.114], all: 1960 }, r3: { no: 0.164, partial: [2068, 0.0788], all: 4044 }, spot: 0.14, src: EC2 },
  { type: 'c5.large', region: aws, vcpu: 2, memoryGiB: 4, component: 'compute', od: 0.085, r1: { no: 0.054, partial: [228, 0.026], all: 447 }, r3: { no: 0.037, partial: [473, 0.018], all: 926 }, spot: 0.033, src: EC2 },
  { type: 'c5.xlarge', region: aws, vcpu: 4, memoryGiB: 8, component: 'compute', od: 0.17, r1: { no: 0.108, partial: [456, 0.052], all: 894 }, r3: { no: 0.074, partial: [946, 0.036], all: 1852 }, spot: 0.066, src: EC2 },
  { type: 'r5.large', region: aws, vcpu: 2, memoryGiB: 16, component: 'compute', od: 0.126, r1: { no: 0.079, partial: [338, 0.0386], all: 662 }, r3: { no: 0.054, partial: [698, 0.0266], all: 1366 }, spot: 0.035, src: EC2 },
  { type: 'r5.xlarge', region: aws, vcpu: 4, memoryGiB: 32, component: 'compute', od: 0.252, r1: { no: 0.158, partial: [676, 0.0772], all: 1324 }, r3: { no: 0.108, partial: [1396, 0.0532], all: 2732 }, spot: 0.07, src: EC2 },
  // AWS RDS for PostgreSQL, single-AZ (database). RDS sells no spot, and no 3-year no-upfront.
  { type: 'db.t3.medium', region: aws, vcpu: 2, memoryGiB: 4, component: 'database', od: 0.072, r1: { no: 0.051, partial: [212, 0.024], all: 415 }, r3: { partial: [456, 0.0174], all: 860 }, src: RDS },
  { type: 'db.t3.large', region: aws, vcpu: 2, memoryGiB: 8, component: 'database', od: 0.145, r1: { no: 0.103, partial: [427, 0.0487], all: 836 }, r3: { partial: [920, 0.035], all: 1733 }, src: RDS },
  { type: 'db.r5.large', region: aws, vcpu: 2, memoryGiB: 16, component: 'database', od: 0.25, r1: { no: 0.175, partial: [730, 0.083], all: 1430 }, r3: { partial: [1697, 0.065], all: 3189 }, src: RDS },
  { type: 'db.r5.xlarge', region: aws, vcpu: 4, memoryGiB: 32, component: 'database', od: 0.5, r1: { no: 0.35, partial: [1460, 0.166], all: 2860 }, r3: { partial: [3394, 0.13], all: 6378 }, src: RDS },
  { type: 'db.r5.2xlarge', region: aws, vcpu: 8, memoryGiB: 64, component: 'database', od: 1.0, r1: { no: 0.7, partial: [2920, 0.332], all: 5720 }, r3: { partial: [6788, 0.26], all: 12756 }, src: RDS },
  // AWS ElastiCache for Redis (cache). No spot.
  { type: 'cache.t3.medium', region: aws, vcpu: 2, memoryGiB: 3.09, component: 'cache', od: 0.068, r1: { no: 0.047, partial: [186, 0.0212], all: 365 }, r3: { no: 0.033, partial: [391, 0.0149], all: 735 }, src: CACHE },
  { type: 'cache.r6g.large', region: aws, vcpu: 2, memoryGiB: 13.07, component: 'cache', od: 0.206, r1: { no: 0.142, partial: [566, 0.0646], all: 1110 }, r3: { no: 0.1014, partial: [1213, 0.0462], all: 2286 }, src: CACHE },
  { type: 'cache.r6g.xlarge', region: aws, vcpu: 4, memoryGiB: 26.32, component: 'cache', od: 0.411, r1: { no: 0.284, partial: [1132, 0.1292], all: 2220 }, r3: { no: 0.2028, partial: [2426, 0.0924], all: 4572 }, src: CACHE },
  // GCP Compute Engine, us-east1. Committed use discounts are billed monthly: "no upfront" only.
  { type: 'e2-standard-2', region: gcp, vcpu: 2, memoryGiB: 8, component: 'compute', od: 0.067006, r1: { no: 0.042214 }, r3: { no: 0.030153 }, spot: 0.0201, src: GCE },
  { type: 'e2-standard-4', region: gcp, vcpu: 4, memoryGiB: 16, component: 'compute', od: 0.134012, r1: { no: 0.084428 }, r3: { no: 0.060305 }, spot: 0.0402, src: GCE },
  { type: 'n2-standard-2', region: gcp, vcpu: 2, memoryGiB: 8, component: 'compute', od: 0.097118, r1: { no: 0.061184 }, r3: { no: 0.043703 }, spot: 0.0235, src: GCE },
  { type: 'n2-standard-4', region: gcp, vcpu: 4, memoryGiB: 16, component: 'compute', od: 0.194236, r1: { no: 0.122369 }, r3: { no: 0.087406 }, spot: 0.047, src: GCE },
  // Azure Linux VMs, East US. Reservations can be paid upfront or monthly for the same total.
  { type: 'Standard_D2s_v3', region: azure, family: 'Standard_Ds_v3', vcpu: 2, memoryGiB: 8, component: 'compute', od: 0.096, r1: { no: 0.0572, all: 501 }, r3: { no: 0.0368, all: 967 }, spot: 0.0192, src: AZ },
  { type: 'Standard_D4s_v3', region: azure, family: 'Standard_Ds_v3', vcpu: 4, memoryGiB: 16, component: 'compute', od: 0.192, r1: { no: 0.1144, all: 1002 }, r3: { no: 0.0736, all: 1934 }, spot: 0.0384, src: AZ },
];

// prettier-ignore
const STORAGE: StorageEntry[] = [
  { class: 'ebs-gp3', region: aws, perGbMonth: 0.08, asOf, source: SRC.ebs },
  { class: 'ebs-gp2', region: aws, perGbMonth: 0.1, asOf, source: SRC.ebs },
  { class: 'ebs-snapshot', region: aws, perGbMonth: 0.05, asOf, source: SRC.ebs },
  { class: 'rds-gp2', region: aws, perGbMonth: 0.115, asOf, source: SRC.rds },
  { class: 's3-standard', region: aws, perGbMonth: 0.023, asOf, source: SRC.s3 },
  { class: 'pd-balanced', region: gcp, perGbMonth: 0.1, asOf, source: SRC.gcePd },
  { class: 'pd-ssd', region: gcp, perGbMonth: 0.17, asOf, source: SRC.gcePd },
];

// prettier-ignore
const NETWORK: NetworkEntry[] = [
  { class: 'internet-egress', region: aws, perGb: 0.09, asOf, source: SRC.awsTransfer },
  { class: 'inter-az', region: aws, perGb: 0.02, asOf, source: SRC.awsTransfer },
  { class: 'internet-egress', region: gcp, perGb: 0.12, asOf, source: SRC.gceNet },
  { class: 'internet-egress', region: azure, perGb: 0.087, asOf, source: SRC.azureBw },
];

/** A fresh copy each call, so callers may extend it without touching the shared one. */
export function defaultPriceBook(): PriceBook {
  return {
    name: `headroom built-in (public list prices as of ${asOf})`,
    currency: 'USD',
    defaultRegion: aws,
    instances: SPECS.map(entry),
    storage: STORAGE.map((s) => ({ ...s })),
    network: NETWORK.map((n) => ({ ...n })),
  };
}
