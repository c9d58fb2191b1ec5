import * as pulumi from "@pulumi/pulumi";

/**
 * Invalid stack configuration. A RunError, so `pulumi up` prints the message without a stack trace;
 * thrown before any resource is registered.
 */
export class ConfigError extends pulumi.RunError {
  constructor(readonly problems: readonly string[]) {
    super(problems.length === 1 ? problems[0] : `invalid configuration:\n  - ${problems.join("\n  - ")}`);
    this.name = "ConfigError";
  }
}
