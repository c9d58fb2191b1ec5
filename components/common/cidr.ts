/** Which private IPv4 CIDR blocks a caller accepts. */
export interface CidrRule {
  /** Shortest prefix accepted (largest block), e.g. 16 for `/16`. No default. */
  readonly minPrefix: number;
  /** Longest prefix accepted (smallest block), e.g. 24 for `/24`. No default. */
  readonly maxPrefix: number;
  /** Also accept RFC 6598 shared address space, 100.64.0.0/10 (carrier-grade NAT, EKS pod ranges). Default: false. */
  readonly sharedAddressSpace?: boolean;
}

/** A VPC this stack creates: RFC 1918 only; /24 at most, since each zone's subnet is four bits longer. */
export const VPC_CIDR_RULE: CidrRule = { minPrefix: 16, maxPrefix: 24 };

/** Clients allowed into a database or cache: any private block, including the shared address space of pod networks. */
export const CLIENT_CIDR_RULE: CidrRule = { minPrefix: 8, maxPrefix: 32, sharedAddressSpace: true };

const RFC_1918 = [["10.0.0.0", 8], ["172.16.0.0", 12], ["192.168.0.0", 16]] as const;
const SHARED_ADDRESS_SPACE = ["100.64.0.0", 10] as const;

/** The address as a 32-bit unsigned number; undefined unless it is four decimal octets 0..255. */
function addressValue(address: string): number | undefined {
  const octets = address.split(".");
  if (octets.length !== 4 || !octets.every((o) => /^(0|[1-9]\d{0,2})$/.test(o) && Number(o) <= 255)) return undefined;
  return octets.reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

function addressText(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

/** `value` with the last `32 - prefix` bits cleared. */
function networkOf(value: number, prefix: number): number {
  const size = 2 ** (32 - prefix);
  return value - (value % size);
}

function within(value: number, prefix: number, [base, basePrefix]: readonly [string, number]): boolean {
  return prefix >= basePrefix && networkOf(value, basePrefix) === addressValue(base);
}

/**
 * Why `cidr` is not an acceptable private block under `rule`, as a sentence that follows the key name
 * ("must be ..."); undefined when it is fine. Refuses public ranges, prefixes outside the rule, and host bits
 * (AWS refuses `10.40.1.0/16` where it wants the network address `10.40.0.0/16`).
 */
export function privateCidrProblem(cidr: string, rule: CidrRule): string | undefined {
  const ranges = [...RFC_1918, ...(rule.sharedAddressSpace ? [SHARED_ADDRESS_SPACE] : [])].map(([base, p]) => `${base}/${p}`);
  const allowed = `must be a private IPv4 CIDR block (${ranges.slice(0, -1).join(", ")} or ${ranges[ranges.length - 1]}) from /${rule.minPrefix} to /${rule.maxPrefix}, such as 10.40.0.0/16`;
  const match = /^([\d.]+)\/(\d{1,2})$/.exec(cidr);
  const value = match ? addressValue(match[1]) : undefined;
  const prefix = match ? Number(match[2]) : NaN;
  if (value === undefined || !(prefix >= rule.minPrefix && prefix <= rule.maxPrefix)) return allowed;
  const inRange = RFC_1918.some((r) => within(value, prefix, r)) || (rule.sharedAddressSpace === true && within(value, prefix, SHARED_ADDRESS_SPACE));
  if (!inRange) return allowed;
  const network = networkOf(value, prefix);
  return network === value ? undefined : `must be a network address without host bits, such as ${addressText(network)}/${prefix}`;
}
