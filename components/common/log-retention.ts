/**
 * Retention periods CloudWatch Logs accepts, days (PutRetentionPolicy). "Never expire" is left out on purpose:
 * every log group this stack creates must age out.
 */
export const CLOUDWATCH_LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Why CloudWatch Logs would refuse `days` (a sentence after the key name); undefined when it accepts it. */
export function logRetentionProblem(days: number): string | undefined {
  return (CLOUDWATCH_LOG_RETENTION_DAYS as readonly number[]).includes(days)
    ? undefined
    : `must be a CloudWatch Logs retention (${CLOUDWATCH_LOG_RETENTION_DAYS.join(", ")} days)`;
}
