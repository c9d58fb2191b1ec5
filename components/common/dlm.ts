// Amazon Data Lifecycle Manager, as its API reference documents it (CreateLifecyclePolicy, CreateRule, RetainRule).

/** CreateRule Interval values with IntervalUnit HOURS. */
export const DLM_INTERVAL_HOURS = [1, 2, 3, 4, 6, 8, 12, 24] as const;
/** RetainRule by age: at most 100 years, per interval unit. */
export const DLM_MAX_RETENTION = { DAYS: 36_500, WEEKS: 5_200, MONTHS: 1_200, YEARS: 100 } as const;
/** Policy descriptions (500) and schedule names (120) take letters, digits, spaces, '_' and '-' only. */
export const DLM_TEXT = /^[0-9A-Za-z _-]+$/;
/** CreateRule Times: one UTC time, `hh:mm`. */
export const UTC_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
export const DLM_SOURCE = "https://docs.aws.amazon.com/dlm/latest/APIReference/API_CreateRule.html";
