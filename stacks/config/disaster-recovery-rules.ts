import { recoveryAccessLogBucketName, REPLICATED_DATA_CLASSES } from "../../components/disaster-recovery/args";
import { recoveryRegionProblem, replicaBucketName } from "../../components/disaster-recovery/facts";
import { DATA_CLASSES } from "../../components/object-store/data-classes";
import { bucketName, bucketNameProblem } from "../../components/object-store/naming";
import { stackContext } from "../adapters/registered";
import { s3Adapter } from "../adapters/s3";
import type { Environment } from "../environment";
import { type DisasterRecoveryConfig, disasterRecoverySettings } from "./disaster-recovery";
import type { Problem } from "./problems";

const REGION = ["disasterRecovery", "region"];

/** The rules across keys: another Region of the same partition, and replica bucket names S3 accepts. */
export function disasterRecoveryProblems(env: Environment, project: { readonly disasterRecovery?: DisasterRecoveryConfig } & Readonly<Record<string, unknown>>): Problem[] {
  const settings = disasterRecoverySettings(project.disasterRecovery);
  if (settings === undefined) return [];
  const wrongRegion = recoveryRegionProblem(env.region, settings.region);
  if (wrongRegion) return [{ path: REGION, message: wrongRegion }];
  const { bucketPrefix } = stackContext(env, project).scope.settingsOf(s3Adapter);
  const names = [
    ...REPLICATED_DATA_CLASSES.map((k) => replicaBucketName(bucketName(bucketPrefix, DATA_CLASSES[k].slug), settings.region)),
    recoveryAccessLogBucketName(bucketPrefix, settings.region),
  ];
  return names.flatMap((name) => {
    const bad = bucketNameProblem(name);
    return bad === undefined ? [] : [{
      path: REGION,
      message: `makes a replica bucket name S3 refuses: ${bad} (replicas are named <bucket>-<region code>, e.g. -euc1; shorten objectStore.bucketPrefix)`,
      after: [["objectStore", "bucketPrefix"]],
    }];
  });
}
