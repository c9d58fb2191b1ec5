import { azureBlobProblems } from "../../../components/azureblob/args";
import { ZONE_REDUNDANT_SKUS } from "../../../components/azureblob/rules";
import type { Problem } from "../../config/problems";
import type { AdapterRule } from "../contract";
import type { AzureBlobProfile } from "./profiles";
import type { AzureBlobConfig } from "./schema";
import type { AzureBlobSettings } from "./settings";

type Rule = AdapterRule<AzureBlobConfig, AzureBlobProfile, AzureBlobSettings>;

const PLACEHOLDER_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";

/** Where a component problem's field lives in the section: the data-class containers are named by the stack, only the Fiber one by config. */
function pathOf(field: string): string[] {
  return field.startsWith("containers") ? ["fiberContainer"] : [field];
}

/** Cross-field rules of `sparki-storage:azureblob`, on the settings after tier and component defaults. */
export const AZUREBLOB_RULES: readonly Rule[] = [
  ({ settings: s }) => [
    ...(s.subscriptionId === undefined ? [{ path: ["subscriptionId"], message: "is required when azureblob is enabled: the Azure subscription (GUID) of the storage account; it is not a secret" }] : []),
    ...(s.location === undefined ? [{ path: ["location"], message: "is required when azureblob is enabled: the Azure region of the storage account, e.g. westeurope" }] : []),
  ],

  // What Azure would refuse or the adapter could not use, worded by the component, at the key the stack set.
  ({ config: c, settings: s }) => {
    const repeatedClass = (c.dataClasses ?? []).find((k, i, all) => all.indexOf(k) !== i);
    if (repeatedClass !== undefined) return [{ path: ["dataClasses"], message: `must not name a data class twice ("${repeatedClass}"): each gets one container` }];
    return azureBlobProblems({ ...s, subscriptionId: s.subscriptionId ?? PLACEHOLDER_SUBSCRIPTION, location: s.location ?? "westeurope" })
      .map(([field, message]): Problem => ({ path: pathOf(field), message: field === "containers" ? `must not be a data-class container's name: ${message.replace(/^name /, "")}` : message }));
  },

  ({ settings: s, scope }) => s.zoneRedundantOnly && !(ZONE_REDUNDANT_SKUS as readonly string[]).includes(s.skuName)
    ? [{ path: ["skuName"], message: `must be zone-redundant (${ZONE_REDUNDANT_SKUS.join(", ")}) for profile "${scope.env.profile.name}": an LRS or GRS account is lost with its one zone until Microsoft fails it over` }]
    : [],

  ({ settings: s, scope }) => (["blobSoftDeleteDays", "containerSoftDeleteDays"] as const).flatMap((field) => s[field] < s.minSoftDeleteDays
    ? [{ path: [field], message: `must be at least ${s.minSoftDeleteDays} (days) for profile "${scope.env.profile.name}" (a deletion noticed weeks later must still be recoverable)` }]
    : []),

  ({ settings: s, profile, scope }) => profile.pointInTimeRestoreDays !== undefined && s.pointInTimeRestoreDays === undefined
    ? [{ path: ["pointInTimeRestoreDays"], message: `must be set for profile "${scope.env.profile.name}": point-in-time restore is prod's answer to a Reset() or a bad bulk write` }]
    : [],
];
