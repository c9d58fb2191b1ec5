import { PolicyPack } from "@pulumi/policy";
import { POLICIES } from "./policies";

// The pack's entry point for the Pulumi CLI (`pulumi preview --policy-pack policy`). Constructing a PolicyPack
// starts the analyzer's gRPC server, so nothing else may import this file: tests use ./policies.
new PolicyPack("sparki-storage-guardrails", {
  description: "Sparki storage stack: AWS Foundational Security Best Practices, restricted Kubernetes workloads, and the storage adapters integration matrix.",
  // Mandatory unless a stack's policy config says otherwise (policy/config/dev.json makes everything advisory).
  enforcementLevel: "mandatory",
  policies: POLICIES,
});
