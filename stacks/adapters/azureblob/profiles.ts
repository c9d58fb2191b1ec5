import type { StandardSku } from "../../../components/azureblob/rules";
import type { ProfileName } from "../../config/schema";

/** What a tier means for the Azure Blob account before config overrides it. */
export interface AzureBlobProfile {
  /** Off in both tiers: examples/azureblob turns it on. */
  readonly enabled: boolean;
  /** Redundancy SKU: dev keeps one zone (LRS), prod three zones (ZRS). */
  readonly skuName: StandardSku;
  /** Whether config may only pick zone-redundant SKUs (ZRS, GZRS, RA-GZRS). */
  readonly zoneRedundantOnly: boolean;
  /** Days a deleted or overwritten blob stays recoverable. */
  readonly blobSoftDeleteDays: number;
  /** Days a deleted container stays recoverable. */
  readonly containerSoftDeleteDays: number;
  /** The least soft delete (blob and container) config may set for this tier, days. */
  readonly minSoftDeleteDays: number;
  /** Point-in-time restore reach in days (less than blobSoftDeleteDays); undefined: off. */
  readonly pointInTimeRestoreDays?: number;
  /** Days previous versions of the Fiber container's blobs are kept (every Set of a key makes one). */
  readonly fiberVersionRetentionDays: number;
  /** A CanNotDelete lock on the account. */
  readonly deleteLock: boolean;
  /** Days Secrets Manager keeps the deleted key secret recoverable. */
  readonly secretRecoveryWindowDays: number;
}

export const AZUREBLOB_PROFILES: Readonly<Record<ProfileName, AzureBlobProfile>> = {
  // Disposable: one zone, a week of soft delete, no restore, no lock (pulumi destroy removes the account).
  dev: {
    enabled: false, skuName: "Standard_LRS", zoneRedundantOnly: false, blobSoftDeleteDays: 7, containerSoftDeleteDays: 7, minSoftDeleteDays: 1,
    fiberVersionRetentionDays: 1, deleteLock: false, secretRecoveryWindowDays: 7,
  },
  // Three zones, a month of soft delete with point-in-time restore a day shorter (Azure's rule), a delete lock and protect.
  prod: {
    enabled: false, skuName: "Standard_ZRS", zoneRedundantOnly: true, blobSoftDeleteDays: 30, containerSoftDeleteDays: 30, minSoftDeleteDays: 30,
    pointInTimeRestoreDays: 29, fiberVersionRetentionDays: 7, deleteLock: true, secretRecoveryWindowDays: 30,
  },
};
