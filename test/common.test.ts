import { describe, expect, it } from "vitest";
import { CLIENT_CIDR_RULE, logRetentionProblem, privateCidrProblem, shortHash, VPC_CIDR_RULE, windowPairProblem } from "../components/common";

const VPC_RULE = "must be a private IPv4 CIDR block (10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16) from /16 to /24, such as 10.40.0.0/16";
const CLIENT_RULE = "must be a private IPv4 CIDR block (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10) from /8 to /32, such as 10.40.0.0/16";

describe("privateCidrProblem", () => {
  it.each([
    ["10.40.0.0/16", undefined],
    ["172.31.255.0/24", undefined],
    ["192.168.0.0/16", undefined],
    ["10.0.0.0/8", VPC_RULE],
    ["10.40.0.0/25", VPC_RULE],
    ["172.15.0.0/16", VPC_RULE],
    ["172.32.0.0/16", VPC_RULE],
    ["100.64.0.0/16", VPC_RULE],
    ["11.0.0.0/16", VPC_RULE],
    ["10.0.0.256/24", VPC_RULE],
    ["10.01.0.0/16", VPC_RULE],
    ["10.40.0.0", VPC_RULE],
    ["10.40.0.1/24", "must be a network address without host bits, such as 10.40.0.0/24"],
  ])("VPC %s", (cidr, problem) => {
    expect(privateCidrProblem(cidr, VPC_CIDR_RULE)).toBe(problem);
  });

  it.each([
    ["10.0.0.0/8", undefined],
    ["10.1.2.3/32", undefined],
    ["100.64.0.0/10", undefined],
    ["100.127.255.0/24", undefined],
    ["100.128.0.0/16", CLIENT_RULE],
    ["0.0.0.0/0", CLIENT_RULE],
    ["192.0.0.0/7", CLIENT_RULE],
    ["172.16.0.0/11", CLIENT_RULE],
  ])("client %s", (cidr, problem) => {
    expect(privateCidrProblem(cidr, CLIENT_CIDR_RULE)).toBe(problem);
  });
});

describe("windowPairProblem", () => {
  const rds = { minimumMinutes: 30, dailyLabel: "backup" };
  const elasticache = { minimumMinutes: 60, dailyLabel: "snapshot" };

  it("measures windows across midnight and Saturday night", () => {
    expect(windowPairProblem("23:45-00:15", "sat:23:50-sun:00:20", rds)).toEqual({ window: "weekly", message: "must not overlap the daily backup window 23:45-00:15" });
    expect(windowPairProblem("23:45-00:15", "sat:22:00-sat:23:00", rds)).toBeUndefined();
    expect(windowPairProblem("23:45-00:05", "sun:05:00-sun:06:00", rds)).toEqual({ window: "daily", message: "must last at least 30 minutes" });
  });

  it("applies the service's minimum and names the daily window in the message", () => {
    expect(windowPairProblem("03:00-03:30", "sun:05:00-sun:06:00", rds)).toBeUndefined();
    expect(windowPairProblem("03:00-03:30", "sun:05:00-sun:06:00", elasticache)).toEqual({ window: "daily", message: "must last at least 60 minutes" });
    expect(windowPairProblem("03:00-04:00", "wed:03:59-wed:05:00", elasticache)).toEqual({ window: "weekly", message: "must not overlap the daily snapshot window 03:00-04:00" });
    expect(windowPairProblem("03:00-04:00", "wed:04:00-wed:05:00", elasticache)).toBeUndefined();
  });
});

describe("logRetentionProblem and shortHash", () => {
  it("accepts exactly CloudWatch Logs' retention periods, never 'never expire'", () => {
    for (const days of [1, 7, 30, 365, 3653]) expect(logRetentionProblem(days)).toBeUndefined();
    for (const days of [0, 2, 31, 366, 3654]) expect(logRetentionProblem(days)).toMatch(/^must be a CloudWatch Logs retention \(1, 3, 5, 7, 14/);
  });

  it("gives stable, distinct 8-digit suffixes", () => {
    expect(shortHash("a@b.example")).toMatch(/^[0-9a-f]{8}$/);
    expect(shortHash("a@b.example")).toBe(shortHash("a@b.example"));
    expect(shortHash("a@b.example")).not.toBe(shortHash("a@c.example"));
  });
});
