/** Splits an IPv4 CIDR into `count` equal subnets of prefix `prefix + 4` (16 slots), in order. */
export function subnetCidrs(cidr: string, count: number): string[] {
  const [address, prefixText] = cidr.split("/");
  const prefix = Number(prefixText);
  const subnetPrefix = prefix + 4;
  if (subnetPrefix > 28) throw new Error(`cidr ${cidr} is too small to split into subnets (needs /24 or larger)`);
  if (count < 1 || count > 16) throw new Error(`subnet count must be 1..16, got ${count}`);
  const base = address.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
  const size = 2 ** (32 - subnetPrefix);
  const network = base - (base % 2 ** (32 - prefix));
  return Array.from({ length: count }, (_, i) => {
    const start = network + i * size;
    const octets = [24, 16, 8, 0].map((shift) => Math.floor(start / 2 ** shift) % 256);
    return `${octets.join(".")}/${subnetPrefix}`;
  });
}
